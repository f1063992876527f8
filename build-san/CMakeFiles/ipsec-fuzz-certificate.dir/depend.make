# Empty dependencies file for ipsec-fuzz-certificate.
# This may be replaced when dependencies are built.
