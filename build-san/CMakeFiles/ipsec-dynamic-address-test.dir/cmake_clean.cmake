file(REMOVE_RECURSE
  "CMakeFiles/ipsec-dynamic-address-test.dir/test/ipsec-dynamic-address-test.cc.o"
  "CMakeFiles/ipsec-dynamic-address-test.dir/test/ipsec-dynamic-address-test.cc.o.d"
  "CMakeFiles/ipsec-dynamic-address-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-dynamic-address-test.dir/test/test-main.cc.o.d"
  "ipsec-dynamic-address-test"
  "ipsec-dynamic-address-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-dynamic-address-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
