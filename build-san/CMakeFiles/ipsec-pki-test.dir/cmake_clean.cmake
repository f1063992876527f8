file(REMOVE_RECURSE
  "CMakeFiles/ipsec-pki-test.dir/test/ipsec-pki-test.cc.o"
  "CMakeFiles/ipsec-pki-test.dir/test/ipsec-pki-test.cc.o.d"
  "CMakeFiles/ipsec-pki-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-pki-test.dir/test/test-main.cc.o.d"
  "ipsec-pki-test"
  "ipsec-pki-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-pki-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
