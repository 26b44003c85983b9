"""The one place that decides when information became knowable and how far a document is trusted.

Every module that asks "was this public by the as-of date?" or "what grade does this figure
carry?" asks here, so the engine, the charts and the page can never disagree.
"""

from __future__ import annotations

import datetime as dt

from .. import scales
from ..evidence import Evidence
from ..independence import root_map
from ..schema import Event, Figure


def _cached(evidence: Evidence) -> tuple[dict[str, tuple[str, ...]], dict]:
    """Per base: its root map and a memo of answers, kept with it in `Evidence.derived` (as the
    roots are: worked out once, handed to a report's kernel with the base)."""
    roots = root_map(evidence)
    memo = evidence.derived.get("knowledge")
    if memo is None:
        carrying: dict[str, list[dt.date]] = {}
        for source in evidence.sources.values():
            if source.published is not None:
                for root in roots.get(source.id, (source.id,)):
                    carrying.setdefault(root, []).append(source.published)
        memo = evidence.derived["knowledge"] = {"carrying": carrying}
    return roots, memo


def roots_of(evidence: Evidence) -> dict[str, tuple[str, ...]]:
    """`root_map`: each source's original documents."""
    return _cached(evidence)[0]


def first_public(
    evidence: Evidence, source_id: str, item: Figure | Event | None = None
) -> dt.date | None:
    """The date the originator made a document's information public (None where unknown).

    A copy is not news: an outlet dated 16 June that repeats a post of 15 June carries
    information public on 15 June. So: the date of the root documents it derives from, where
    known (the document's own date if earlier); else the earliest dated document carrying it.
    Given the item, a root dated before the day the item describes cannot have carried it,
    so such a root is not used.
    """
    described = getattr(item, "refers_to", None) or getattr(item, "date", None)
    roots_map, memo = _cached(evidence)
    key = (source_id, described)
    if key not in memo:
        memo[key] = _first_public(evidence, source_id, described, roots_map)
    return memo[key]


def _first_public(
    evidence: Evidence,
    source_id: str,
    described: dt.date | None,
    roots_map: dict[str, tuple[str, ...]],
) -> dt.date | None:
    source = evidence.sources.get(source_id)
    if source is None:
        return None
    roots = roots_map.get(source_id, (source_id,))
    root_dates = [
        evidence.sources[r].published
        for r in roots
        if r in evidence.sources and evidence.sources[r].published is not None
    ]
    if described is not None:
        root_dates = [d for d in root_dates if d >= described]
    if root_dates:
        return min([*root_dates, *([source.published] if source.published else [])])
    index = _cached(evidence)[1]["carrying"]
    carrying = [d for root in roots for d in index.get(root, ())]
    if described is not None:
        carrying = [d for d in carrying if d >= described]
    return min(carrying, default=source.published)


def is_knowable(
    evidence: Evidence, source_id: str, as_of: dt.date, item: Figure | Event | None = None
) -> bool:
    """Whether a document's information (or the given item of it) was public on or before `as_of`."""
    published = first_public(evidence, source_id, item)
    return published is not None and published <= as_of


def reliability_of(evidence: Evidence, item: Figure | Event) -> str:
    """A figure's own grade where its document carries several originators, else the document's."""
    own = getattr(item, "reliability", None)
    return own or evidence.sources[item.source].reliability


def credible(grade: str) -> bool:
    """A grade the rules count (A to C): the only lines that decide."""
    return grade in scales.CREDIBLE_RELIABILITY
