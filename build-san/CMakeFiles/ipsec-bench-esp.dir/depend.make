# Empty dependencies file for ipsec-bench-esp.
# This may be replaced when dependencies are built.
