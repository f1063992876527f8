file(REMOVE_RECURSE
  "CMakeFiles/ipsec-packet-filter.dir/examples/ipsec-packet-filter.cc.o"
  "CMakeFiles/ipsec-packet-filter.dir/examples/ipsec-packet-filter.cc.o.d"
  "ipsec-packet-filter"
  "ipsec-packet-filter.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-packet-filter.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
