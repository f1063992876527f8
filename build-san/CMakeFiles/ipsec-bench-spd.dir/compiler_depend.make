# Empty compiler generated dependencies file for ipsec-bench-spd.
# This may be replaced when dependencies are built.
