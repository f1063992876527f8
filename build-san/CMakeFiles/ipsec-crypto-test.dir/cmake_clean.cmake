file(REMOVE_RECURSE
  "CMakeFiles/ipsec-crypto-test.dir/test/ipsec-crypto-test.cc.o"
  "CMakeFiles/ipsec-crypto-test.dir/test/ipsec-crypto-test.cc.o.d"
  "CMakeFiles/ipsec-crypto-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-crypto-test.dir/test/test-main.cc.o.d"
  "ipsec-crypto-test"
  "ipsec-crypto-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-crypto-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
