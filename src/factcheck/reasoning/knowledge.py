"""The one place that decides when information became knowable and how far a document is trusted.

Every module that asks "was this public by the as-of date?" or "what grade does this figure
carry?" asks here, so the engine, the charts and the page can never disagree.
"""

from __future__ import annotations

import datetime as dt

from ..evidence import Evidence
from ..schema import Event, Figure


def first_public(evidence: Evidence, source_id: str) -> dt.date | None:
    """The date a document's information became public (None where no date is known)."""
    return evidence.sources[source_id].published


def is_knowable(evidence: Evidence, source_id: str, as_of: dt.date) -> bool:
    """Whether a document's information was public on or before `as_of`."""
    published = first_public(evidence, source_id)
    return published is not None and published <= as_of


def reliability_of(evidence: Evidence, item: Figure | Event) -> str:
    """A figure's own grade where its document carries several originators, else the document's."""
    own = getattr(item, "reliability", None)
    return own or evidence.sources[item.source].reliability
