# Empty compiler generated dependencies file for ipsec-boot-mode.
# This may be replaced when dependencies are built.
