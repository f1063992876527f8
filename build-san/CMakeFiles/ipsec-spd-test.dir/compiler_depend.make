# Empty compiler generated dependencies file for ipsec-spd-test.
# This may be replaced when dependencies are built.
