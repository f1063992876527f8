file(REMOVE_RECURSE
  "CMakeFiles/ipsec-bench-esp.dir/bench/ipsec-bench-esp.cc.o"
  "CMakeFiles/ipsec-bench-esp.dir/bench/ipsec-bench-esp.cc.o.d"
  "ipsec-bench-esp"
  "ipsec-bench-esp.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-bench-esp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
