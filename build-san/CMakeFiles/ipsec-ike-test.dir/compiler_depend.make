# Empty compiler generated dependencies file for ipsec-ike-test.
# This may be replaced when dependencies are built.
