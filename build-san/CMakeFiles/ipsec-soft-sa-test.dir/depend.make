# Empty dependencies file for ipsec-soft-sa-test.
# This may be replaced when dependencies are built.
