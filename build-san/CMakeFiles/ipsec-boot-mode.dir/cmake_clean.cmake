file(REMOVE_RECURSE
  "CMakeFiles/ipsec-boot-mode.dir/examples/ipsec-boot-mode.cc.o"
  "CMakeFiles/ipsec-boot-mode.dir/examples/ipsec-boot-mode.cc.o.d"
  "ipsec-boot-mode"
  "ipsec-boot-mode.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-boot-mode.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
