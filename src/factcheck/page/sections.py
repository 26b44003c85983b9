"""The page's sections as escaped HTML fragments, one method per notebook cell.

`Page` holds the claim, the evidence and the one verdict computed for this render; it never
decides anything itself (the engine did), it words and lays out what the verdict says. Its
parts follow the report: page 1 (front.py), the main body (body.py), the appendix
(appendix.py) and the methodology (methodology.py); what they share is in base.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from .appendix import Appendix
from .base import ECHOES, ENTRIES, HTML, PUBLISHER, WHO_ROWS, load_claim
from .body import Body
from .front import Front
from .methodology import LIMITS, Methodology

__all__ = ["ECHOES", "ENTRIES", "HTML", "LIMITS", "PUBLISHER", "WHO_ROWS", "Page", "load_claim"]


@dataclass
class Page(Front, Body, Appendix, Methodology):
    """One claim's page: every section, in the order the notebook shows them."""
