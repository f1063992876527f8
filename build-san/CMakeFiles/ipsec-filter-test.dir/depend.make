# Empty dependencies file for ipsec-filter-test.
# This may be replaced when dependencies are built.
