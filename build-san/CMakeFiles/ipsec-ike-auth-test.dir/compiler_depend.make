# Empty compiler generated dependencies file for ipsec-ike-auth-test.
# This may be replaced when dependencies are built.
