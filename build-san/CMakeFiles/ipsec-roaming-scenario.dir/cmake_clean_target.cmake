file(REMOVE_RECURSE
  "libipsec-roaming-scenario.a"
)
