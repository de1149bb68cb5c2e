"""Benchmarks of the build (not tests): a corpus generator and the timing harness behind ``make bench``."""
