# Empty compiler generated dependencies file for ipsec-soft-sa.
# This may be replaced when dependencies are built.
