file(REMOVE_RECURSE
  "CMakeFiles/ipsec-bench-ike.dir/bench/ipsec-bench-ike.cc.o"
  "CMakeFiles/ipsec-bench-ike.dir/bench/ipsec-bench-ike.cc.o.d"
  "ipsec-bench-ike"
  "ipsec-bench-ike.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-bench-ike.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
