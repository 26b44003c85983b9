"""Replaced by `factcheck.page`; kept only so `factcheck.review` (another branch's module) still
imports its HTML display class. Delete when review imports `factcheck.page.HTML`.
"""

from .page import HTML

__all__ = ["HTML"]
