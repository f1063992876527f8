# Empty compiler generated dependencies file for ipsec-hook-test.
# This may be replaced when dependencies are built.
