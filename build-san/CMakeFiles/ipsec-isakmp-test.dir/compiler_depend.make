# Empty compiler generated dependencies file for ipsec-isakmp-test.
# This may be replaced when dependencies are built.
