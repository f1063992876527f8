file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-filter-text.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-filter-text.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "CMakeFiles/ipsec-fuzz-filter-text.dir/test/fuzz/ipsec-fuzz-filter-text.cc.o"
  "CMakeFiles/ipsec-fuzz-filter-text.dir/test/fuzz/ipsec-fuzz-filter-text.cc.o.d"
  "ipsec-fuzz-filter-text"
  "ipsec-fuzz-filter-text.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-filter-text.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
