file(REMOVE_RECURSE
  "CMakeFiles/ipsec-filter-test.dir/test/ipsec-filter-test.cc.o"
  "CMakeFiles/ipsec-filter-test.dir/test/ipsec-filter-test.cc.o.d"
  "CMakeFiles/ipsec-filter-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-filter-test.dir/test/test-main.cc.o.d"
  "ipsec-filter-test"
  "ipsec-filter-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-filter-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
