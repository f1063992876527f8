file(REMOVE_RECURSE
  "CMakeFiles/ipsec-boot-test.dir/test/ipsec-boot-test.cc.o"
  "CMakeFiles/ipsec-boot-test.dir/test/ipsec-boot-test.cc.o.d"
  "CMakeFiles/ipsec-boot-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-boot-test.dir/test/test-main.cc.o.d"
  "ipsec-boot-test"
  "ipsec-boot-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-boot-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
