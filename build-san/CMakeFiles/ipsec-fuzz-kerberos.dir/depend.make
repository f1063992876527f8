# Empty dependencies file for ipsec-fuzz-kerberos.
# This may be replaced when dependencies are built.
