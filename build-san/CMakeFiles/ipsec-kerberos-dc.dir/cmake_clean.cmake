file(REMOVE_RECURSE
  "CMakeFiles/ipsec-kerberos-dc.dir/examples/ipsec-kerberos-dc.cc.o"
  "CMakeFiles/ipsec-kerberos-dc.dir/examples/ipsec-kerberos-dc.cc.o.d"
  "ipsec-kerberos-dc"
  "ipsec-kerberos-dc.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-kerberos-dc.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
