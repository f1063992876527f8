# Empty dependencies file for ipsec-packet-filter.
# This may be replaced when dependencies are built.
