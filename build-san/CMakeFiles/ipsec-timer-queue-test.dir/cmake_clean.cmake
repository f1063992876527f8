file(REMOVE_RECURSE
  "CMakeFiles/ipsec-timer-queue-test.dir/test/ipsec-timer-queue-test.cc.o"
  "CMakeFiles/ipsec-timer-queue-test.dir/test/ipsec-timer-queue-test.cc.o.d"
  "CMakeFiles/ipsec-timer-queue-test.dir/test/test-main.cc.o"
  "CMakeFiles/ipsec-timer-queue-test.dir/test/test-main.cc.o.d"
  "ipsec-timer-queue-test"
  "ipsec-timer-queue-test.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/ipsec-timer-queue-test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
