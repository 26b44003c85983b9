"""A share claim judged against a count and a sourced denominator (issue 19).

A share ("half of the widgets used a year") is judged against shares, or against a count of
its part (the metric's declared `share_part`) divided by a figure for its whole (its
`share_of`) that a source gave: never against a count alone. The division is done on the
values each figure allows and shown in the reasoning trail as fields of the reading.
"""

from __future__ import annotations

import math

from ..evidence import Evidence
from ..schema import Claim, Figure
from ..vocabulary import DAYS_PER, METRICS
from .intervals import figure_interval
from .knowledge import credible, reliability_of
from .model import Reading
from .readings import quantity


def denominator(part: Figure, wholes: list[Figure], evidence: Evidence) -> Figure | None:
    """The whole to divide a count of the part by: a credible one first, then the nearest in
    time to the count, then by content (never by id)."""
    usable = [w for w in wholes if _per_factor(part, w) is not None]
    if not usable:
        return None
    return min(
        usable,
        key=lambda w: (
            not credible(reliability_of(evidence, w)),
            abs((w.refers_to - part.refers_to).days),
            w.low,
            w.high,
            w.quote,
        ),
    )


def _per_factor(part: Figure, whole: Figure) -> float | None:
    """What turns the part into the whole's terms: a rate per month into a rate per year; None
    when one is a rate and the other not (a total is never read as a rate)."""
    p, w = METRICS[part.metric], METRICS[whole.metric]
    if (p.kind == "rate") != (w.kind == "rate"):
        return None
    if p.kind == "rate":
        return DAYS_PER[w.per or "day"] / DAYS_PER[p.per or "day"]
    return 1.0


def share_of_whole(claim: Claim, part: Figure, whole: Figure) -> tuple[Figure, Reading] | None:
    """The share a count of the part is of a sourced whole, as a figure of the claim's metric
    (whole percent, widened outwards), and the arithmetic as a reading."""
    factor = _per_factor(part, whole)
    if factor is None:
        return None
    p, w = figure_interval(part), figure_interval(whole)
    p_low, p_high = p.low * factor, p.high * factor
    if w.high <= 0 or not math.isfinite(p_low):
        return None
    low = 100 * p_low / w.high if math.isfinite(w.high) else 0.0
    high = 100 * p_high / w.low if w.low > 0 and math.isfinite(p_high) else math.inf
    if math.isfinite(high):
        qualifier, low_i, high_i = "exact", math.floor(low), math.ceil(high)
    else:
        qualifier, low_i, high_i = "at least", math.floor(low), math.floor(low)
    derived = part.model_copy(
        update={
            "metric": claim.metric,
            "low": low_i,
            "high": high_i,
            "qualifier": qualifier,
            "stated": "",
            "hedge": part.hedge or whole.hedge,
        }
    )
    return derived, Reading(
        code="share",
        result=quantity(derived),
        parts=(quantity(part), quantity(whole)),
        low=round(p_low, 1),
        high=round(p_high, 1) if math.isfinite(p_high) else None,
        whole_low=round(w.low, 1),
        whole_high=round(w.high, 1) if math.isfinite(w.high) else None,
        share_low=round(low, 1),
        share_high=round(high, 1) if math.isfinite(high) else None,
        own_per=METRICS[part.metric].per or "",
        per=METRICS[whole.metric].per or "",
    )
