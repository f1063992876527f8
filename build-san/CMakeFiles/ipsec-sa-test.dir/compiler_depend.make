# Empty compiler generated dependencies file for ipsec-sa-test.
# This may be replaced when dependencies are built.
