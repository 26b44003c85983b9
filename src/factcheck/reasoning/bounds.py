"""What a figure allows about the claim's own time: counts only grow, an earlier upper bound
holds only while nothing larger is reported, a later count caps an earlier one.

Pure: given the values a figure allows for the claim's metric, the values it allows for the
claim's period, and why (notes as data, worded by `factcheck.wording`).
"""

from __future__ import annotations

import bisect
import math

from ..schema import Claim, Figure
from ..vocabulary import METRICS
from .growth import Growth
from .intervals import Interval, figure_interval
from .model import Note
from .readings import quantity

# The reason codes `in_time` gives when the figure cannot speak for the claim's period.
TOO_EARLY = "total-before-end"  # a running total before the period ends caps nothing
OUTSIDE = "outside-period"  # a count of another time, on a metric that is no running total


def in_time(
    claim: Claim,
    figure: Figure,
    rel: str,
    values: Interval,
    growth: Growth | None = None,
    larger: Figure | None = None,
) -> tuple[Interval, list[Note]] | str:
    """The values `figure` allows for the claim's period, or a reason code if it allows none.

    `growth`: the fastest growth any credible source has shown on the figure's metric (an
    earlier count can have grown since by at most that much a day). `larger`: the largest
    knowable figure that reported more than an earlier upper bound allows (see
    `Reported.largest_beyond`): the bound no longer holds, and the largest total reported is
    the cap instead (the same reasoning as when nothing larger was reported: the largest
    population reported is the one a count cannot exceed), none if that one is open-ended.
    """
    period = claim.effective_period
    when = figure.refers_to
    notes: list[Note] = []
    if METRICS[claim.metric].cumulative:
        if when < period.start and rel in ("bound", "capacity") and larger is not None:
            top = figure_interval(larger).high
            values = Interval(values.low, top, low_open=values.low_open)
            notes.append(
                Note(
                    code="larger-since",
                    date=when,
                    larger=quantity(larger),
                    top=top if math.isfinite(top) else 0,
                )
            )
        elif when < period.start and rel in ("bound", "capacity"):
            # More may have been sent since, but no knowable source says so: the largest
            # population reported is the one a loss count cannot exceed.
            notes.append(Note(code="no-larger", date=when))
        elif when < period.start and growth and math.isfinite(values.high):
            days = (period.end - when).days
            top = values.high + growth.per_day * days
            values = Interval(values.low, top, low_open=values.low_open)
            notes.append(
                Note(
                    code="growth",
                    date=when,
                    days=days,
                    per_day=growth.per_day,
                    top=top,
                    end=period.end,
                )
            )
        elif when < period.start:
            values = Interval(values.low, math.inf, low_open=values.low_open)
            notes.append(Note(code="grows", date=when))
        elif when > period.end:
            open_ended = values.high == math.inf
            notes.append(Note(code="later-open" if open_ended else "later-caps", date=when))
            values = Interval(0.0, values.high, high_open=values.high_open)
    elif METRICS[figure.metric].cumulative and rel in ("whole", "bound"):
        if when < period.end:
            return TOO_EARLY
        notes.append(Note(code="whole-period", date=when))
    elif not (period.start <= when <= period.end):
        return OUTSIDE
    return values, notes


def _exceeds(bound: Figure, f: Figure) -> bool:
    """Whether `f`, of a metric that can lift `bound`, reports more than the bound allows."""
    if f is bound:
        return False
    if f.qualifier != "up to" and f.low > bound.high:
        return True  # a figure reporting more than the bound allows
    # a later, looser bound of the same metric: more had been sent since
    return f.metric == bound.metric and f.refers_to > bound.refers_to and f.high > bound.high


class Reported:
    """Figures reported, kept by metric in order of size, so that `largest_beyond` for many
    bounds costs a short walk down from the largest each, not a pass over every figure (on a
    large base, thousands of bounds times thousands of figures).

    The walk stops at the first figure that exceeds the bound, which is the largest that
    does, or at the first that allows no more than the bound (nor can any smaller one).
    `rank` orders figures of equal size: the earlier rank wins, as `max` keeps the first.
    """

    def __init__(self, claim: Claim, figures=(), ranks=None) -> None:
        self.claim = claim
        self._by_metric: dict[str, list[tuple[tuple, int, int, Figure]]] = {}
        self._added = 0
        self.extend(figures, ranks)

    def extend(self, figures, ranks=None) -> None:
        """Take in figures; `ranks` gives each its place in the order ties keep (default: the
        order they are taken in)."""
        for i, f in enumerate(figures):
            rank = ranks[i] if ranks is not None else self._added + i
            entry = (_size(f), -rank, -(self._added + i), f)  # never compares two figures
            bisect.insort(self._by_metric.setdefault(f.metric, []), entry)
        self._added += len(figures)

    def largest_beyond(self, bound: Figure, rel: str) -> Figure | None:
        """An upper bound counted before the claim's date applies only if no knowable source
        had reported more than it allows: a larger total of the same metric (or, for a
        capacity, a larger capacity or count of what it converts to). The largest such figure
        taken in (the one allowing most; ties in content order, then by rank), or None."""
        entry = self.entry_beyond(bound, rel)
        return entry[3] if entry is not None else None

    def entry_beyond(self, bound: Figure, rel: str) -> tuple | None:
        """`largest_beyond` as its entry: (size, -rank, -order taken in, figure)."""
        if not may_be_exceeded(rel, bound):
            return None
        same = [bound.metric] + ([self.claim.metric] if rel == "capacity" else [])
        best = None
        for metric in dict.fromkeys(same):
            for entry in reversed(self._by_metric.get(metric, ())):
                if entry[0][0] <= bound.high:
                    break  # allows no more than the bound, and every figure below it as little
                if _exceeds(bound, entry[3]):
                    best = entry if best is None or entry[:3] > best[:3] else best
                    break
        return best


def _size(figure: Figure) -> tuple:
    """Which of two figures reports more: the values it allows, then its content."""
    f = figure
    return (figure_interval(f).high, f.refers_to, f.low, f.high, f.quote)


def may_be_exceeded(rel: str, figure: Figure) -> bool:
    """An upper bound that a larger figure reported elsewhere can lift (see `Reported.largest_beyond`)."""
    return rel in ("bound", "capacity") and figure.qualifier not in ("more than", "at least")


class LargestReported:
    """For the history: `Reported.largest_beyond` for each upper bound among the candidates active on
    each day, days asked in increasing order, kept up to date from each day's news instead of
    recomputed over everything (the largest over more figures is the larger of the two
    largests). A day that withdraws figures (a revision) starts it anew. Ties go to the
    earlier candidate in `order` (the scope's order, as a full assessment breaks them)."""

    def __init__(self, claim: Claim, order=()) -> None:
        self.claim = claim
        # by candidate (id): the entry (see Reported) of the largest figure beyond it so far
        self.best: dict[int, tuple | None] = {}
        self.bounds: dict[int, object] = {}  # the candidates in `best`, all of them active
        self.rank = {id(c): i for i, c in enumerate(order)}
        self.reported = Reported(claim)  # the figures of every active candidate

    def of(self, candidate) -> Figure | None:
        entry = self.best.get(id(candidate))
        return entry[3] if entry is not None else None

    def cap_of(self, candidate) -> float | None:
        """The most the largest figure reported beyond the candidate allows (what its stance
        depends on); None where there is none."""
        entry = self.best.get(id(candidate))
        return entry[0][0] if entry is not None else None

    def _reported(self, candidates) -> Reported:
        ranks = [self.rank.get(id(c), len(self.rank)) for c in candidates]
        return Reported(self.claim, [c.figure for c in candidates], ranks)

    def reset(self, active) -> None:
        self.reported = self._reported(active)
        self.bounds = {id(c): c for c in active if may_be_exceeded(c.rel, c.figure)}
        self.best = {
            key: self.reported.entry_beyond(c.figure, c.rel) for key, c in self.bounds.items()
        }

    def add(self, news, active) -> set[int]:
        """Take in a day's newly public candidates (`active` includes them); the ids of the
        bounds public before whose largest reported figure changed."""
        changed: set[int] = set()
        if not news:
            return changed
        today = self._reported(news)
        # Only the bounds taken in so far: none has left `active`, as a revision resets this.
        for c in self.bounds.values():
            found = today.entry_beyond(c.figure, c.rel)
            best = self.best[id(c)]
            if found is not None and (best is None or found[0] > best[0]):
                self.best[id(c)] = found
                changed.add(id(c))
        self.reported.extend(
            [c.figure for c in news], [self.rank.get(id(c), len(self.rank)) for c in news]
        )
        for c in news:
            if may_be_exceeded(c.rel, c.figure):
                self.best[id(c)] = self.reported.entry_beyond(c.figure, c.rel)
                self.bounds[id(c)] = c
        return changed
