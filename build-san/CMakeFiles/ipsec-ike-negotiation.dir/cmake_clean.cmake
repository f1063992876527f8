file(REMOVE_RECURSE
  "CMakeFiles/ipsec-ike-negotiation.dir/examples/ipsec-ike-negotiation.cc.o"
  "CMakeFiles/ipsec-ike-negotiation.dir/examples/ipsec-ike-negotiation.cc.o.d"
  "ipsec-ike-negotiation"
  "ipsec-ike-negotiation.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-ike-negotiation.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
