# Empty dependencies file for ipsec-esp-transport.
# This may be replaced when dependencies are built.
