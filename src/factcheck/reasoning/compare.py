"""Comparing one figure with a quantity claim: do the values it allows imply the claim, rule
it out, or neither? The reason is data (a code, the figure as read, notes), worded by
`factcheck.wording`.
"""

from __future__ import annotations

from ..schema import Claim, Figure
from ..vocabulary import METRICS
from . import kinds
from .bounds import in_time
from .growth import Growth
from .intervals import (
    Relation,
    bound_for_claim_metric,
    claim_interval,
    figure_interval,
    figure_point,
)
from .model import Note, Reading, Reason, Stance
from .readings import as_stated, label, terms


def relation_note(claim: Claim, figure: Figure, rel: str) -> Note | None:
    """How the figure's metric bears on the claim's, where it is not the claim's own."""
    if rel in ("part", "whole", "bound", "capacity"):
        return Note(code=rel, label=label(figure.metric), of=label(claim.metric or ""))
    return None


def compare(
    claim: Claim,
    figure: Figure,
    rel: Relation,
    reading: Reading | None = None,
    growth: Growth | None = None,
    larger: Figure | None = None,
) -> tuple[Stance, Reason]:
    """Judge one figure against the claim, respecting metric relations, bounds and time.

    `reading`: how the figure was read (as stated, or parts added up); `growth` and `larger`:
    see `bounds.in_time`.
    """
    reading = reading or as_stated(figure)
    converted = kinds.convert(claim, figure, rel, reading)  # a rate or flow in the claim's terms
    if converted is not None and len(converted) == 2:
        return converted  # type: ignore[return-value]
    if converted is not None:
        figure, rel, reading = converted  # type: ignore[misc]
    target = claim_interval(claim)
    period = claim.effective_period
    when = figure.refers_to
    base = {"reading": reading, "date": when, "claim": terms(claim)}
    timed = in_time(
        claim, figure, rel, bound_for_claim_metric(figure_interval(figure), rel), growth, larger
    )
    if isinstance(timed, str):
        return "inconclusive", Reason(code=timed, **base)
    values, notes = timed
    note = relation_note(claim, figure, rel)
    base["notes"] = ((note,) if note else ()) + tuple(notes)

    if values.disjoint(target):
        rising_claim = claim.comparator in (">", ">=", "~", "=")  # the count may yet reach it
        too_low = values.high <= target.low
        if (
            METRICS[claim.metric].cumulative
            and period.start <= when < period.end
            and too_low
            and rising_claim
        ):
            return "inconclusive", Reason(code="lower-before-end", **base)
        return "contradicts", Reason(code="rules-out", **base)
    if claim.comparator == "~" and rel == "direct" and period.start <= when <= period.end:
        point = figure_point(figure)
        if target.within_point(point):
            return "supports", Reason(
                code="within-tolerance", tolerance=claim.effective_tolerance, **base
            )
        return "inconclusive", Reason(code="outside-tolerance", point=point, **base)
    if values.within(target):
        return "supports", Reason(code="implies", **base)
    return "inconclusive", Reason(code="neither", **base)
