file(REMOVE_RECURSE
  "CMakeFiles/ipsec-roaming-scenario.dir/examples/roaming/ipsec-handoff-log.cc.o"
  "CMakeFiles/ipsec-roaming-scenario.dir/examples/roaming/ipsec-handoff-log.cc.o.d"
  "CMakeFiles/ipsec-roaming-scenario.dir/examples/roaming/ipsec-wifi-roaming-scenario.cc.o"
  "CMakeFiles/ipsec-roaming-scenario.dir/examples/roaming/ipsec-wifi-roaming-scenario.cc.o.d"
  "libipsec-roaming-scenario.a"
  "libipsec-roaming-scenario.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-roaming-scenario.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
