file(REMOVE_RECURSE
  "CMakeFiles/ipsec-exemption-test.dir/test/ipsec-exemption-test.cc.o"
  "CMakeFiles/ipsec-exemption-test.dir/test/ipsec-exemption-test.cc.o.d"
  "CMakeFiles/ipsec-exemption-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-exemption-test.dir/test/test-main.cc.o.d"
  "ipsec-exemption-test"
  "ipsec-exemption-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-exemption-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
