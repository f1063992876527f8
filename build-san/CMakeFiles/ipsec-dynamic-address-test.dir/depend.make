# Empty dependencies file for ipsec-dynamic-address-test.
# This may be replaced when dependencies are built.
