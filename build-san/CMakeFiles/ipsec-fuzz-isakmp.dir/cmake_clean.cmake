file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-isakmp.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-isakmp.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "CMakeFiles/ipsec-fuzz-isakmp.dir/test/fuzz/ipsec-fuzz-isakmp.cc.o"
  "CMakeFiles/ipsec-fuzz-isakmp.dir/test/fuzz/ipsec-fuzz-isakmp.cc.o.d"
  "ipsec-fuzz-isakmp"
  "ipsec-fuzz-isakmp.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-isakmp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
