# Empty compiler generated dependencies file for ns3-ipsec.
# This may be replaced when dependencies are built.
