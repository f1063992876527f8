file(REMOVE_RECURSE
  "CMakeFiles/ipsec-bench-ike-crypto.dir/bench/ipsec-bench-ike-crypto.cc.o"
  "CMakeFiles/ipsec-bench-ike-crypto.dir/bench/ipsec-bench-ike-crypto.cc.o.d"
  "ipsec-bench-ike-crypto"
  "ipsec-bench-ike-crypto.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-bench-ike-crypto.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
