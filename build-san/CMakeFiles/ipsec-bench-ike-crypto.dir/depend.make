# Empty dependencies file for ipsec-bench-ike-crypto.
# This may be replaced when dependencies are built.
