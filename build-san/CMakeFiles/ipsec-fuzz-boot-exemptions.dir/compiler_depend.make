# Empty compiler generated dependencies file for ipsec-fuzz-boot-exemptions.
# This may be replaced when dependencies are built.
