# Empty compiler generated dependencies file for ipsec-l2tp-vpn.
# This may be replaced when dependencies are built.
