file(REMOVE_RECURSE
  "CMakeFiles/ipsec-delay-test.dir/test/ipsec-delay-test.cc.o"
  "CMakeFiles/ipsec-delay-test.dir/test/ipsec-delay-test.cc.o.d"
  "CMakeFiles/ipsec-delay-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-delay-test.dir/test/test-main.cc.o.d"
  "ipsec-delay-test"
  "ipsec-delay-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-delay-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
