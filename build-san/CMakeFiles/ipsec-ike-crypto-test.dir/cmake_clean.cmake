file(REMOVE_RECURSE
  "CMakeFiles/ipsec-ike-crypto-test.dir/test/ipsec-ike-crypto-test.cc.o"
  "CMakeFiles/ipsec-ike-crypto-test.dir/test/ipsec-ike-crypto-test.cc.o.d"
  "CMakeFiles/ipsec-ike-crypto-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-ike-crypto-test.dir/test/test-main.cc.o.d"
  "ipsec-ike-crypto-test"
  "ipsec-ike-crypto-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-ike-crypto-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
