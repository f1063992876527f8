# Empty dependencies file for ipsec-address-change-test.
# This may be replaced when dependencies are built.
