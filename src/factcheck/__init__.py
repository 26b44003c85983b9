"""factcheck: reproducible fact-check reports."""
