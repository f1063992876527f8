file(REMOVE_RECURSE
  "CMakeFiles/ipsec-ike-auth-test.dir/test/ipsec-ike-auth-test.cc.o"
  "CMakeFiles/ipsec-ike-auth-test.dir/test/ipsec-ike-auth-test.cc.o.d"
  "CMakeFiles/ipsec-ike-auth-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-ike-auth-test.dir/test/test-main.cc.o.d"
  "ipsec-ike-auth-test"
  "ipsec-ike-auth-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-ike-auth-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
