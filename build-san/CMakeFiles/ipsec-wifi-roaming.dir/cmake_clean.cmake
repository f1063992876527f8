file(REMOVE_RECURSE
  "CMakeFiles/ipsec-wifi-roaming.dir/examples/ipsec-wifi-roaming.cc.o"
  "CMakeFiles/ipsec-wifi-roaming.dir/examples/ipsec-wifi-roaming.cc.o.d"
  "ipsec-wifi-roaming"
  "ipsec-wifi-roaming.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-wifi-roaming.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
