"""Numbers as sets of possible values: what a figure allows, what a claim asserts, how they relate.

Kept apart from the rules so that a reader can check the arithmetic on its own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..schema import Claim, Figure
from ..vocabulary import APPROXIMATELY, BOUNDS, METRICS, active
from ..wording import claim_words, interval_words, stated
from ..wording import number as num
from ..wording import plural as count
from .kinds import RANK as KIND_RANK
from .kinds import relation as kind_relation

# Worded in factcheck.wording; re-exported for the engine.
__all__ = ["claim_words", "count", "num", "stated"]

# capacity, rate, flow and the share relations come from the metrics' declared kinds (reasoning/kinds.py).
Relation = Literal[
    "direct", "part", "whole", "bound", "capacity", "rate", "flow", "share-count", "share-whole"
]
# How strongly a metric relation speaks to the claim: the claim's own metric first.
RELATION_RANK: dict[str, int] = {"direct": 3, "part": 2, "whole": 1, "bound": 0, **KIND_RANK}


@dataclass(frozen=True)
class Interval:
    """A set of possible values, with open or closed ends; high may be infinite."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def within(self, other: Interval) -> bool:
        """Every value of self lies in other."""
        low_ok = self.low > other.low or (
            self.low == other.low and (not other.low_open or self.low_open)
        )
        high_ok = self.high < other.high or (
            self.high == other.high and (not other.high_open or self.high_open)
        )
        return low_ok and high_ok

    def disjoint(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return True
        if self.high == other.low and (self.high_open or other.low_open):
            return True
        return other.high == self.low and (other.high_open or self.low_open)

    def within_point(self, value: float) -> bool:
        return Interval(value, value).within(self)

    def describe(self) -> str:
        return interval_words(self.low, self.high, self.low_open, self.high_open)


def as_float(value: float) -> float:
    """A count as a float; a count too large for one is unlimited, never an OverflowError."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def figure_interval(figure: Figure) -> Interval:
    """The values a figure allows, read from its qualifier."""
    low, high = as_float(figure.low), as_float(figure.high)
    match figure.qualifier:
        case "more than":
            return Interval(low, math.inf, low_open=True)
        case "at least":
            return Interval(low, math.inf)
        case "up to":
            return Interval(0.0, high)
        case "approximately":
            return Interval(low * (1 - APPROXIMATELY), high * (1 + APPROXIMATELY))
        case _:
            return Interval(low, high)


def figure_point(figure: Figure) -> float:
    """The number a source states, for 'about N' claims."""
    if figure.qualifier == "up to":
        return as_float(figure.high)
    if figure.qualifier in ("more than", "at least"):
        return as_float(figure.low)
    return as_float(figure.low) / 2 + as_float(figure.high) / 2


def claim_interval(claim: Claim) -> Interval:
    value = as_float(claim.value or 0)
    match claim.comparator:
        case ">":
            return Interval(value, math.inf, low_open=True)
        case ">=":
            return Interval(value, math.inf)
        case "<":
            return Interval(0.0, value, high_open=True)
        case "<=":
            return Interval(0.0, value)
        case "~":
            t = claim.effective_tolerance
            return Interval(value * (1 - t), value * (1 + t))
        case "between":
            return Interval(value, as_float(claim.value_high or claim.value or 0))
        case _:
            return Interval(value, value)


# (vocabulary, claim metric, figure metric) -> relation: asked once per figure, and a large base
# asks tens of thousands of times about a handful of metric pairs. The vocabulary is kept with
# its answers, so an answer is never read for another vocabulary that reuses its id.
_RELATIONS: dict[tuple[int, str, str], tuple[object, Relation | None]] = {}


def relation(claim_metric: str, figure_metric: str) -> Relation | None:
    """How a figure's metric bears on the claim's: the same, a part, the whole, or a population bound."""
    if figure_metric == claim_metric:
        return "direct"
    vocabulary = active()
    key = (id(vocabulary), claim_metric, figure_metric)
    known = _RELATIONS.get(key)
    if known is not None and known[0] is vocabulary:
        return known[1]
    found = _relation(claim_metric, figure_metric)
    _RELATIONS[key] = (vocabulary, found)
    return found


def _relation(claim_metric: str, figure_metric: str) -> Relation | None:
    if METRICS[figure_metric].part_of == claim_metric:
        return "part"  # a part for a claim on the whole: a lower bound
    if METRICS[claim_metric].part_of == figure_metric:
        return "whole"  # the whole for a claim on a part: only an upper bound
    if BOUNDS.get(claim_metric) == figure_metric:
        return "bound"  # the population a count is drawn from: it can never be exceeded
    return kind_relation(claim_metric, figure_metric)  # capacity, rate, flow; else None


def bound_for_claim_metric(interval: Interval, rel: Relation) -> Interval:
    if rel == "part":
        return Interval(interval.low, math.inf, low_open=interval.low_open)
    if rel in ("whole", "bound", "capacity"):
        return Interval(0.0, interval.high, high_open=interval.high_open)
    return interval
