file(REMOVE_RECURSE
  "CMakeFiles/ipsec-address-change-test.dir/test/ipsec-address-change-test.cc.o"
  "CMakeFiles/ipsec-address-change-test.dir/test/ipsec-address-change-test.cc.o.d"
  "CMakeFiles/ipsec-address-change-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-address-change-test.dir/test/test-main.cc.o.d"
  "ipsec-address-change-test"
  "ipsec-address-change-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-address-change-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
