file(REMOVE_RECURSE
  "CMakeFiles/ipsec-sa-test.dir/test/ipsec-sa-test.cc.o"
  "CMakeFiles/ipsec-sa-test.dir/test/ipsec-sa-test.cc.o.d"
  "CMakeFiles/ipsec-sa-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-sa-test.dir/test/test-main.cc.o.d"
  "ipsec-sa-test"
  "ipsec-sa-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-sa-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
