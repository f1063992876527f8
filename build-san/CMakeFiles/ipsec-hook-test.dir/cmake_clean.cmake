file(REMOVE_RECURSE
  "CMakeFiles/ipsec-hook-test.dir/test/ipsec-hook-test.cc.o"
  "CMakeFiles/ipsec-hook-test.dir/test/ipsec-hook-test.cc.o.d"
  "CMakeFiles/ipsec-hook-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-hook-test.dir/test/test-main.cc.o.d"
  "ipsec-hook-test"
  "ipsec-hook-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-hook-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
