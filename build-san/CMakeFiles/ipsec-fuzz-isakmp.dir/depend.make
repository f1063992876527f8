# Empty dependencies file for ipsec-fuzz-isakmp.
# This may be replaced when dependencies are built.
