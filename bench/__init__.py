"""Benchmarks that prove the speed and quality claims (issue 6); run `python -m bench`."""
