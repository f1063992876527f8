# Empty dependencies file for ipsec-ike-crypto-test.
# This may be replaced when dependencies are built.
