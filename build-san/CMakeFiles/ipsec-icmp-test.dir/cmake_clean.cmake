file(REMOVE_RECURSE
  "CMakeFiles/ipsec-icmp-test.dir/test/ipsec-icmp-test.cc.o"
  "CMakeFiles/ipsec-icmp-test.dir/test/ipsec-icmp-test.cc.o.d"
  "CMakeFiles/ipsec-icmp-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-icmp-test.dir/test/test-main.cc.o.d"
  "ipsec-icmp-test"
  "ipsec-icmp-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-icmp-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
