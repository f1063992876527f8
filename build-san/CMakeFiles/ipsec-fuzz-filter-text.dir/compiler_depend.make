# Empty compiler generated dependencies file for ipsec-fuzz-filter-text.
# This may be replaced when dependencies are built.
