file(REMOVE_RECURSE
  "CMakeFiles/ipsec-tunnel-gateways.dir/examples/ipsec-tunnel-gateways.cc.o"
  "CMakeFiles/ipsec-tunnel-gateways.dir/examples/ipsec-tunnel-gateways.cc.o.d"
  "ipsec-tunnel-gateways"
  "ipsec-tunnel-gateways.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-tunnel-gateways.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
