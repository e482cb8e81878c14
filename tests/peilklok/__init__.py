"""The suite's reference clock, shared with the processes the tests start (see sitecustomize)."""
