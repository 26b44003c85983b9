"""Reasoning: pure functions from a claim and the evidence to a verdict. No I/O, no clock."""
