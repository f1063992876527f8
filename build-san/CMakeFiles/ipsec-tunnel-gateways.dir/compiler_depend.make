# Empty compiler generated dependencies file for ipsec-tunnel-gateways.
# This may be replaced when dependencies are built.
