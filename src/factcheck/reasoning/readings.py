"""Figures as data for the reasons: a figure's number and the claim's terms, with their
metrics' reader words as declared, so a reason is worded from fields (`factcheck.wording`)."""

from __future__ import annotations

from ..schema import Claim, Figure
from ..vocabulary import METRICS
from .model import ClaimTerms, Quantity, Reading


def label(metric: str) -> str:
    """A metric's reader words, as declared (metrics.csv)."""
    info = METRICS.get(metric)
    return info.label if info else metric


def is_share(metric: str) -> bool:
    """A metric whose numbers are percentages of a whole (its declared kind is a share)."""
    info = METRICS.get(metric)
    return bool(info) and info.kind == "share"


def quantity(figure: Figure) -> Quantity:
    """A figure's number as its source stated it."""
    return Quantity(
        label=label(figure.metric),
        qualifier=figure.qualifier,
        low=figure.low,
        high=figure.high,
        stated=figure.stated or "",
        refers_to=figure.refers_to,
        since=figure.since,
        percent=is_share(figure.metric),
    )


def as_stated(figure: Figure) -> Reading:
    """A figure read as its source stated it, with no arithmetic."""
    return Reading(result=quantity(figure))


def terms(claim: Claim) -> ClaimTerms:
    """What a quantity claim asserts."""
    return ClaimTerms(
        comparator=claim.comparator or "=",
        value=claim.value or 0,
        value_high=claim.value_high,
        metric=claim.metric or "",
        label=label(claim.metric or ""),
        percent=is_share(claim.metric or ""),
    )
