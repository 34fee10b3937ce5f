"""The build: plan, fingerprints, run, the manifest of outputs, writes, interrupts."""
