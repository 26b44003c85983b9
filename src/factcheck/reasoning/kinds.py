"""Kinds of figure: what a capacity, a rate or a share may say about a claim, and what not.

Every rule here reads the metric's declared kind (`metrics.csv`: count, capacity, rate,
share) and never a metric's name, so a new topic gets them by declaring its metrics.

- A *capacity* ("containers that could hold up to 6 million shells") is an upper bound on the
  count it converts to (`converts_to`), never a count: it can rule a count claim out, never in.
- A *rate* (per day, month or year) is judged against rates of the same flow (`rate_of`),
  converted to the claim's period, or against a total counted over a stated window
  (`since` to `refers_to`), with the arithmetic shown. A total is never read as a rate, nor a
  rate as a total: without a stated window a total says nothing about a rate.
- A *share* is judged against shares of the same whole, or against a count of its part
  (`share_part`) divided by a sourced figure for its whole (`share_of`), the arithmetic shown
  (shares.py); a count alone never decides it.
- Units are never mixed: a figure bears on a claim only through a declared relation.
"""

from __future__ import annotations

import math

from .. import wording
from ..schema import Claim, Figure
from ..vocabulary import DAYS_PER, active
from .model import Reading, Reason
from .readings import as_stated, quantity, terms

# How strongly each kind-relation speaks to the claim (see intervals.RELATION_RANK).
RANK = {"rate": 3, "flow": 2, "capacity": 0, "share-count": 0, "share-whole": 0}


def relation(claim_metric: str, figure_metric: str) -> str | None:
    """A relation that comes from the metrics' kinds, or None."""
    metrics = active().metrics
    claim, figure = metrics.get(claim_metric), metrics.get(figure_metric)
    if claim is None or figure is None:
        return None
    if figure.kind == "capacity" and claim.kind == "count" and figure.converts_to == claim_metric:
        return "capacity"
    if claim.kind == "share" and claim.share_of and claim.share_part:
        if figure_metric == claim.share_part:
            return "share-count"  # a count of the part: a share only with a sourced whole
        if figure_metric == claim.share_of:
            return "share-whole"  # the whole: the denominator of such a share, never judged alone
    if claim.kind == "rate" and claim.rate_of and claim.per:
        if figure.kind == "rate" and figure.rate_of == claim.rate_of and figure.per:
            return "rate"
        if figure.kind == "count" and claim.rate_of in (figure_metric, figure.part_of):
            return "flow"
    return None


def scope_parts(by_rel: dict[str, int]) -> list[str]:
    """The scope sentence's words for the kind-relations (see trail.scope_sentence)."""
    return wording.kind_scope_parts(by_rel)


def _days(figure: Figure) -> int | None:
    if figure.since is None:
        return None
    return (figure.refers_to - figure.since).days + 1


def _scaled(figure: Figure, factor: float, metric: str) -> Figure:
    def scale(n: int) -> int:
        return round(n * factor) if math.isfinite(n * factor) else n

    return figure.model_copy(
        update={
            "metric": metric,
            "low": scale(figure.low),
            "high": scale(figure.high),
            "stated": "",
        }
    )


def convert(claim: Claim, figure: Figure, rel: str, reading: Reading | None = None):
    """A rate or flow figure in the claim's own terms.

    Returns None (nothing to convert), (figure, "direct", reading) to judge as the claim's own
    metric, the reading carrying the arithmetic, or ("inconclusive", reason) when the figure
    cannot be read in the claim's terms.
    """
    if rel == "share-count":  # shares.py pairs a count with its whole; alone it cannot say
        return (
            "inconclusive",
            Reason(
                code="no-denominator",
                reading=reading or as_stated(figure),
                date=figure.refers_to,
                claim=terms(claim),
            ),
        )
    if rel not in ("rate", "flow"):
        return None
    metrics = active().metrics
    target = metrics[claim.metric or ""]
    own = metrics[figure.metric]
    reading = reading or as_stated(figure)
    if rel == "rate":
        factor = DAYS_PER[target.per or "day"] / DAYS_PER[own.per or "day"]
        converted = _scaled(figure, factor, claim.metric or "")
        return (
            converted,
            "direct",
            Reading(
                code="rate",
                result=quantity(converted),
                of=reading,
                own_per=own.per or "",
                per=target.per or "",
            ),
        )
    days = _days(figure)
    if days is None:
        return (
            "inconclusive",
            Reason(
                code="undated-total", reading=reading, date=figure.refers_to, claim=terms(claim)
            ),
        )
    per = target.per or "day"
    converted = _scaled(figure, DAYS_PER[per] / days, claim.metric or "")
    per_day = _scaled(figure, 1 / days, claim.metric or "")
    return (
        converted,
        "direct",
        Reading(
            code="flow",
            result=quantity(converted),
            of=reading,
            days=days,
            per_day=quantity(per_day),
            per=per,
            days_per=DAYS_PER[per],
        ),
    )


def _why_not(claim_metric: str, figure_metric: str) -> str:
    metrics = active().metrics
    claim, figure = metrics[claim_metric], metrics[figure_metric]
    if claim.kind == "share":
        return wording.why_not_in_scope("share", figure.label)
    if figure.kind == "rate" and claim.kind != "rate":
        return wording.why_not_in_scope("rate")
    if claim.kind == "rate" and figure.kind != "rate":
        return wording.why_not_in_scope("total")
    if figure.units != claim.units:
        return wording.why_not_in_scope("units", figure.units, claim.units)
    return wording.why_not_in_scope("unrelated", claim.label)


def outside_scope(claim: Claim, evidence, as_of) -> list[tuple[Figure, str]]:
    """The figures on a quantity claim's subject, public by `as_of`, that do not bear on it,
    each with why: the one set the trail's "Not in scope" step counts and the page lists (a
    figure made public later is left out of both, as the knowability step says)."""
    from .intervals import relation  # intervals imports this module lazily
    from .knowledge import is_knowable

    metrics = active().metrics
    if claim.kind != "quantity" or claim.metric not in metrics:
        return []
    return [
        (f, _why_not(claim.metric, f.metric))
        for f in evidence.figures.values()
        if f.subject == claim.subject
        and f.metric in metrics
        and relation(claim.metric, f.metric) is None
        and is_knowable(evidence, f.source, as_of, f)
    ]


def not_in_scope_sentence(claim: Claim, evidence, as_of) -> str | None:
    """The figures on the claim's subject, public by `as_of`, that do not bear on it, and why:
    counted here and listed on the page (`outside_scope`, one set for both), never dropped."""
    metrics = active().metrics
    by_metric: dict[str, int] = {}
    for f, _ in outside_scope(claim, evidence, as_of):
        by_metric[f.metric] = by_metric.get(f.metric, 0) + 1
    if not by_metric:
        return None
    parts = [
        (n, metrics[m].label, _why_not(claim.metric, m))
        for m, n in sorted(by_metric.items(), key=lambda item: (-item[1], item[0]))
    ]
    return wording.not_in_scope(parts, metrics[claim.metric].label, wording.longdate(as_of))
