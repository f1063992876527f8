file(REMOVE_RECURSE
  "CMakeFiles/ipsec-policy-update-test.dir/test/ipsec-policy-update-test.cc.o"
  "CMakeFiles/ipsec-policy-update-test.dir/test/ipsec-policy-update-test.cc.o.d"
  "CMakeFiles/ipsec-policy-update-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-policy-update-test.dir/test/test-main.cc.o.d"
  "ipsec-policy-update-test"
  "ipsec-policy-update-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-policy-update-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
