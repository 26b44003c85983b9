"""Presentation of a claim, its verdict and its evidence: DataFrames for analysts, escaped HTML
fragments for readers. Reads the verdict; never decides anything.
"""

from .counts import Counts, count
from .sections import HTML, Page, load_claim
from .words import FORBIDDEN, stated

__all__ = ["FORBIDDEN", "HTML", "Counts", "Page", "count", "load_claim", "stated"]
