
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-fuzz/test/ipsec-boot-test.cc" "CMakeFiles/ipsec-boot-test.dir/test/ipsec-boot-test.cc.o" "gcc" "CMakeFiles/ipsec-boot-test.dir/test/ipsec-boot-test.cc.o.d"
  "/work/wt-fuzz/test/test-main.cc" "CMakeFiles/ipsec-boot-test.dir/test/test-main.cc.o" "gcc" "CMakeFiles/ipsec-boot-test.dir/test/test-main.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-fuzz/build-san/CMakeFiles/ns3-ipsec.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
