file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-boot-exemptions.dir/test/fuzz/ipsec-fuzz-boot-exemptions.cc.o"
  "CMakeFiles/ipsec-fuzz-boot-exemptions.dir/test/fuzz/ipsec-fuzz-boot-exemptions.cc.o.d"
  "CMakeFiles/ipsec-fuzz-boot-exemptions.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-boot-exemptions.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "ipsec-fuzz-boot-exemptions"
  "ipsec-fuzz-boot-exemptions.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-boot-exemptions.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
