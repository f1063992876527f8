# Empty dependencies file for ipsec-ike-negotiation.
# This may be replaced when dependencies are built.
