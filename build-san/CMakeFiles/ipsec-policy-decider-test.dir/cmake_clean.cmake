file(REMOVE_RECURSE
  "CMakeFiles/ipsec-policy-decider-test.dir/test/ipsec-policy-decider-test.cc.o"
  "CMakeFiles/ipsec-policy-decider-test.dir/test/ipsec-policy-decider-test.cc.o.d"
  "CMakeFiles/ipsec-policy-decider-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-policy-decider-test.dir/test/test-main.cc.o.d"
  "ipsec-policy-decider-test"
  "ipsec-policy-decider-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-policy-decider-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
