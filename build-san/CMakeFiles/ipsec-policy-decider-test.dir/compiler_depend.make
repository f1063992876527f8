# Empty compiler generated dependencies file for ipsec-policy-decider-test.
# This may be replaced when dependencies are built.
