file(REMOVE_RECURSE
  "CMakeFiles/ipsec-esp-transport.dir/examples/ipsec-esp-transport.cc.o"
  "CMakeFiles/ipsec-esp-transport.dir/examples/ipsec-esp-transport.cc.o.d"
  "ipsec-esp-transport"
  "ipsec-esp-transport.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-esp-transport.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
