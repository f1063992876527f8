file(REMOVE_RECURSE
  "CMakeFiles/ipsec-soft-sa.dir/examples/ipsec-soft-sa.cc.o"
  "CMakeFiles/ipsec-soft-sa.dir/examples/ipsec-soft-sa.cc.o.d"
  "ipsec-soft-sa"
  "ipsec-soft-sa.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-soft-sa.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
