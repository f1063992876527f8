# Empty dependencies file for ipsec-wifi-roaming.
# This may be replaced when dependencies are built.
