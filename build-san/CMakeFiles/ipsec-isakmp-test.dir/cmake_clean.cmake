file(REMOVE_RECURSE
  "CMakeFiles/ipsec-isakmp-test.dir/test/ipsec-isakmp-test.cc.o"
  "CMakeFiles/ipsec-isakmp-test.dir/test/ipsec-isakmp-test.cc.o.d"
  "CMakeFiles/ipsec-isakmp-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-isakmp-test.dir/test/test-main.cc.o.d"
  "ipsec-isakmp-test"
  "ipsec-isakmp-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-isakmp-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
