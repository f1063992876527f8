file(REMOVE_RECURSE
  "CMakeFiles/ipsec-roaming-test.dir/test/ipsec-roaming-test.cc.o"
  "CMakeFiles/ipsec-roaming-test.dir/test/ipsec-roaming-test.cc.o.d"
  "CMakeFiles/ipsec-roaming-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-roaming-test.dir/test/test-main.cc.o.d"
  "ipsec-roaming-test"
  "ipsec-roaming-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-roaming-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
