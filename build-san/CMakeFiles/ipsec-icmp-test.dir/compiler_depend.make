# Empty compiler generated dependencies file for ipsec-icmp-test.
# This may be replaced when dependencies are built.
