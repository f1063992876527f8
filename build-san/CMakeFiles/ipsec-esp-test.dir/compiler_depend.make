# Empty compiler generated dependencies file for ipsec-esp-test.
# This may be replaced when dependencies are built.
