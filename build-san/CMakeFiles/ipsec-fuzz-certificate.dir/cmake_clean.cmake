file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-certificate.dir/test/fuzz/ipsec-fuzz-certificate.cc.o"
  "CMakeFiles/ipsec-fuzz-certificate.dir/test/fuzz/ipsec-fuzz-certificate.cc.o.d"
  "CMakeFiles/ipsec-fuzz-certificate.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-certificate.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "ipsec-fuzz-certificate"
  "ipsec-fuzz-certificate.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-certificate.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
