file(REMOVE_RECURSE
  "CMakeFiles/ipsec-l2tp-vpn.dir/examples/ipsec-l2tp-vpn.cc.o"
  "CMakeFiles/ipsec-l2tp-vpn.dir/examples/ipsec-l2tp-vpn.cc.o.d"
  "ipsec-l2tp-vpn"
  "ipsec-l2tp-vpn.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-l2tp-vpn.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
