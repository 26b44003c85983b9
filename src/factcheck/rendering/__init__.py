"""Rendering: turn one claim's evidence and verdict into a report folder, safely.

uptodate (which reports are up to date, from `factcheck.fingerprint` alone), files (atomic
writes, locks, whole-folder swaps, no links), execute (papermill with one set of kernel
settings), render (one claim), batch (many claims), index (reports/index.html), claims (one
claim's problems apart from the others'). Rendering reaches reasoning only through the verdict
contract, `factcheck.verdict`.
"""
