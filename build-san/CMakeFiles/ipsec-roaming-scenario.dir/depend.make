# Empty dependencies file for ipsec-roaming-scenario.
# This may be replaced when dependencies are built.
