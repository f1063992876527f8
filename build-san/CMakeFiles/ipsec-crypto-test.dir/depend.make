# Empty dependencies file for ipsec-crypto-test.
# This may be replaced when dependencies are built.
