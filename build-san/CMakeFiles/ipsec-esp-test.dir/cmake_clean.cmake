file(REMOVE_RECURSE
  "CMakeFiles/ipsec-esp-test.dir/test/ipsec-esp-test.cc.o"
  "CMakeFiles/ipsec-esp-test.dir/test/ipsec-esp-test.cc.o.d"
  "CMakeFiles/ipsec-esp-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-esp-test.dir/test/test-main.cc.o.d"
  "ipsec-esp-test"
  "ipsec-esp-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-esp-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
