# Empty compiler generated dependencies file for ipsec-bench-ike.
# This may be replaced when dependencies are built.
