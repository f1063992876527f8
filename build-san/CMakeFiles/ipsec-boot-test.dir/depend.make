# Empty dependencies file for ipsec-boot-test.
# This may be replaced when dependencies are built.
