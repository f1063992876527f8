# Empty compiler generated dependencies file for ipsec-policy-update-test.
# This may be replaced when dependencies are built.
