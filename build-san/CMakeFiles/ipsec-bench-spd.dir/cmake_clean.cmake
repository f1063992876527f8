file(REMOVE_RECURSE
  "CMakeFiles/ipsec-bench-spd.dir/bench/ipsec-bench-spd.cc.o"
  "CMakeFiles/ipsec-bench-spd.dir/bench/ipsec-bench-spd.cc.o.d"
  "ipsec-bench-spd"
  "ipsec-bench-spd.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-bench-spd.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
