file(REMOVE_RECURSE
  "CMakeFiles/ipsec-soft-sa-test.dir/test/ipsec-soft-sa-test.cc.o"
  "CMakeFiles/ipsec-soft-sa-test.dir/test/ipsec-soft-sa-test.cc.o.d"
  "CMakeFiles/ipsec-soft-sa-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-soft-sa-test.dir/test/test-main.cc.o.d"
  "ipsec-soft-sa-test"
  "ipsec-soft-sa-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-soft-sa-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
