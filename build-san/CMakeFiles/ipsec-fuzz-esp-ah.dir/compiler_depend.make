# Empty compiler generated dependencies file for ipsec-fuzz-esp-ah.
# This may be replaced when dependencies are built.
