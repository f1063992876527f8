# Empty compiler generated dependencies file for ipsec-timer-queue-test.
# This may be replaced when dependencies are built.
