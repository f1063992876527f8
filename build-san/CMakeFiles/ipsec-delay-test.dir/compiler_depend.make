# Empty compiler generated dependencies file for ipsec-delay-test.
# This may be replaced when dependencies are built.
