# Empty compiler generated dependencies file for ipsec-pki-test.
# This may be replaced when dependencies are built.
