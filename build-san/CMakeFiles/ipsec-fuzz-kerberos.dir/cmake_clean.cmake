file(REMOVE_RECURSE
  "CMakeFiles/ipsec-fuzz-kerberos.dir/test/fuzz/ipsec-fuzz-driver.cc.o"
  "CMakeFiles/ipsec-fuzz-kerberos.dir/test/fuzz/ipsec-fuzz-driver.cc.o.d"
  "CMakeFiles/ipsec-fuzz-kerberos.dir/test/fuzz/ipsec-fuzz-kerberos.cc.o"
  "CMakeFiles/ipsec-fuzz-kerberos.dir/test/fuzz/ipsec-fuzz-kerberos.cc.o.d"
  "ipsec-fuzz-kerberos"
  "ipsec-fuzz-kerberos.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-fuzz-kerberos.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
