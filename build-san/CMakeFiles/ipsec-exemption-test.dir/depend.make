# Empty dependencies file for ipsec-exemption-test.
# This may be replaced when dependencies are built.
