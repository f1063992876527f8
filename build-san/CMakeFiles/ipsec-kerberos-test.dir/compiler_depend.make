# Empty compiler generated dependencies file for ipsec-kerberos-test.
# This may be replaced when dependencies are built.
