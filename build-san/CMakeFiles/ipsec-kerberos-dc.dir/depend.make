# Empty dependencies file for ipsec-kerberos-dc.
# This may be replaced when dependencies are built.
