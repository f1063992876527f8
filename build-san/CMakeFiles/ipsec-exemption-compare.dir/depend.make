# Empty dependencies file for ipsec-exemption-compare.
# This may be replaced when dependencies are built.
