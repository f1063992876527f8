file(REMOVE_RECURSE
  "CMakeFiles/ipsec-spd-test.dir/test/ipsec-spd-test.cc.o"
  "CMakeFiles/ipsec-spd-test.dir/test/ipsec-spd-test.cc.o.d"
  "CMakeFiles/ipsec-spd-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-spd-test.dir/test/test-main.cc.o.d"
  "ipsec-spd-test"
  "ipsec-spd-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-spd-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
