file(REMOVE_RECURSE
  "CMakeFiles/ipsec-kerberos-test.dir/test/ipsec-kerberos-test.cc.o"
  "CMakeFiles/ipsec-kerberos-test.dir/test/ipsec-kerberos-test.cc.o.d"
  "CMakeFiles/ipsec-kerberos-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-kerberos-test.dir/test/test-main.cc.o.d"
  "ipsec-kerberos-test"
  "ipsec-kerberos-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-kerberos-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
