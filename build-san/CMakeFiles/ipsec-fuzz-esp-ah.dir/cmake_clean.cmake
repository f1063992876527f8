file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-esp-ah.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-esp-ah.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "CMakeFiles/ipsec-fuzz-esp-ah.dir/test/fuzz/ipsec-fuzz-esp-ah.cc.o"
  "CMakeFiles/ipsec-fuzz-esp-ah.dir/test/fuzz/ipsec-fuzz-esp-ah.cc.o.d"
  "ipsec-fuzz-esp-ah"
  "ipsec-fuzz-esp-ah.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-esp-ah.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
