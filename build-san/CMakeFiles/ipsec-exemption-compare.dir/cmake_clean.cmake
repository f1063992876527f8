file(REMOVE_RECURSE
  "CMakeFiles/ipsec-exemption-compare.dir/examples/ipsec-exemption-compare.cc.o"
  "CMakeFiles/ipsec-exemption-compare.dir/examples/ipsec-exemption-compare.cc.o.d"
  "ipsec-exemption-compare"
  "ipsec-exemption-compare.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-exemption-compare.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
