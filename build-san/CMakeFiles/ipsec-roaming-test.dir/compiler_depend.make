# Empty compiler generated dependencies file for ipsec-roaming-test.
# This may be replaced when dependencies are built.
