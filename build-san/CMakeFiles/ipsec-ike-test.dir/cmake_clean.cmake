file(REMOVE_RECURSE
  "CMakeFiles/ipsec-ike-test.dir/test/ipsec-ike-test.cc.o"
  "CMakeFiles/ipsec-ike-test.dir/test/ipsec-ike-test.cc.o.d"
  "CMakeFiles/ipsec-ike-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-ike-test.dir/test/test-main.cc.o.d"
  "ipsec-ike-test"
  "ipsec-ike-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-ike-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
