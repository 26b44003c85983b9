"""How fast a count can have grown: the growth an earlier count is held to.

The ceiling is the fastest growth one credible originator has shown between two of its own
counts on one cumulative metric (or within one count's dated window), derived from the evidence,
never a constant.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

from ..evidence import Evidence
from ..vocabulary import METRICS
from ..wording import growth_words
from .intervals import figure_point
from .knowledge import credible
from .model import Quantity
from .readings import label, quantity
from .scope import Candidate


@dataclass(frozen=True)
class Growth:
    """The fastest growth one credible originator has shown between two consecutive counts of
    its own on one metric: what bounds how far an earlier count can have grown since.

    `earlier` and `later` are the two counts as stated (`later` None: one count of a dated
    window); `wording.growth_words` says it."""

    per_day: float
    name: str  # the originator's name
    earlier: Quantity
    later: Quantity | None = None

    def describe(self) -> str:
        return growth_words(self)


@dataclass(frozen=True)
class _Pair:
    """Two counts of one credible originator on one metric, the later one higher."""

    rate: float  # per day
    key: tuple  # (rate, name, what the two figures say): ties broken by content, never ids
    metric: str
    name: str
    earlier: Candidate
    later: Candidate
    start: dt.date  # the day both were public
    end: dt.date  # the day one of them was revised (date.max: never)

    def growth(self) -> Growth:
        # both read as counts of the cumulative metric (a window's count is part of it)
        named = {"label": label(self.metric)}
        earlier = quantity(self.earlier.figure).model_copy(update=named)
        if self.earlier is self.later:  # one count of a window: "a thousand in the last week"
            return Growth(self.rate, self.name, earlier)
        return Growth(self.rate, self.name, earlier, quantity(self.later.figure))


def growth_pairs(
    candidates: list[Candidate] | tuple[Candidate, ...],
    evidence: Evidence,
    revised: dict[str, dt.date] | None = None,
) -> list[_Pair]:
    """The pairs of counts of one credible originator on one cumulative metric that grew and
    can be the fastest: on any day, the fastest pair of the counts public (and not yet
    revised) that day is among them, and so is the fastest of all.

    Not every pair: a pair with a count public between its two dates never grows faster than
    one of the two pairs that count makes with them (its growth is their average, weighted by
    days), and on a tie the later of those wins (`_Pair.key`). So the fastest pair on a day is
    always two counts of neighbouring dates among those public that day. Pairing every two
    counts of a daily series (a ministry's running total, 1,000 days) made half a million
    pairs; neighbours make a few thousand. `tests/reasoning/test_growth_pairs.py` checks the
    same ceilings as every pair on every day."""
    revised = revised or {}
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    pairs: list[_Pair] = []
    for c in candidates:
        if METRICS[c.figure.metric].cumulative and credible(c.grade):
            groups[(c.originator, c.figure.metric)].append(c)
        # A count within a dated window is growth shown directly: 1,000 in a week is 143 a day.
        whole = METRICS[c.figure.metric].part_of
        f = c.figure
        if (
            f.since is not None
            and whole
            and not METRICS[f.metric].cumulative
            and METRICS[whole].cumulative
            and credible(c.grade)
            and f.refers_to > f.since
            and math.isfinite(figure_point(f))
        ):
            rate = figure_point(f) / (f.refers_to - f.since).days
            body = evidence.originators.get(c.originator)
            name = body.name if body else c.originator
            end = min(revised.get(p.id, dt.date.max) for p in c.parts)
            key = (rate, name, c.content_key(), c.content_key())
            pairs.append(_Pair(rate, key, whole, name, c, c, c.published, end))
    for (originator, metric), members in groups.items():
        body = evidence.originators.get(originator)
        name = body.name if body else originator
        points = [
            _Count(
                c.figure.refers_to.toordinal(),
                figure_point(c.figure),
                c.published,
                min(revised.get(f.id, dt.date.max) for f in c.parts),
                c,
            )
            for c in members
        ]
        points = [p for p in points if math.isfinite(p.value)]
        points.sort(key=lambda p: p.day)
        for a, b in _neighbours(points):
            rate = (b.value - a.value) / (b.day - a.day)
            key = (rate, name, a.candidate.content_key(), b.candidate.content_key())
            start, end = max(a.published, b.published), min(a.end, b.end)
            pairs.append(_Pair(rate, key, metric, name, a.candidate, b.candidate, start, end))
    return pairs


@dataclass(frozen=True)
class _Count:
    day: int  # the date it counts up to, as an ordinal
    value: float
    published: dt.date
    end: dt.date  # the day it was revised (date.max: never)
    candidate: Candidate


def _neighbours(points: list[_Count]) -> list[tuple[_Count, _Count]]:
    """Every (earlier, later) pair of counts that grew and were neighbours by date, among the
    counts public on some day (each is public from its publication until its revision), or
    among all of them; in a fixed order. `points` is in date order."""
    found: dict[tuple[int, int], tuple[_Count, _Count]] = {}

    def meet(left: list[int], right: list[int]) -> None:
        for i in left:
            for j in right:
                a, b = points[i], points[j]
                if b.value > a.value:
                    found.setdefault((i, j), (a, b))

    by_day: dict[int, list[int]] = defaultdict(list)
    for i, p in enumerate(points):
        by_day[p.day].append(i)
    days = sorted(by_day)
    for left, right in zip(days, days[1:], strict=False):  # all of them
        meet(by_day[left], by_day[right])

    events = []  # (day, 0: revised / 1: published, index); only counts ever public
    for i, p in enumerate(points):
        if p.published < p.end:
            events.append((p.published, 1, i))
            if p.end != dt.date.max:
                events.append((p.end, 0, i))
    events.sort()
    public: dict[int, list[int]] = {}  # by date counted: the counts public now
    dates: list[int] = []  # their dates, in order
    for _, published, i in events:
        day = points[i].day
        at = bisect.bisect_left(dates, day)
        before = public[dates[at - 1]] if at > 0 else []
        if published:
            if day not in public:
                public[day] = []
                dates.insert(at, day)
            public[day].append(i)
            after_at = at + 1
            after = public[dates[after_at]] if after_at < len(dates) else []
            meet(before, [i])
            meet([i], after)
        else:
            public[day].remove(i)
            if not public[day]:  # its date's neighbours become each other's
                del public[day]
                dates.pop(at)
                after = public[dates[at]] if at < len(dates) else []
                meet(before, after)
    return [found[key] for key in sorted(found)]


def growth_ceilings(
    candidates: list[Candidate] | tuple[Candidate, ...],
    evidence: Evidence,
    pairs: list[_Pair] | None = None,
    day: dt.date | None = None,
) -> dict[str, Growth]:
    """Per cumulative metric, the fastest growth any credible originator has shown between two
    of its own counts. Derived from the evidence, never a constant.

    Given precomputed `pairs` (of every knowable candidate) and a day, the pairs active that
    day are used instead of pairing `candidates` again: the same answer."""
    if pairs is None:
        pairs = growth_pairs(candidates, evidence)
    elif day is not None:
        pairs = [p for p in pairs if p.start <= day < p.end]
    best: dict[str, _Pair] = {}
    for pair in pairs:
        if pair.metric not in best or pair.key > best[pair.metric].key:
            best[pair.metric] = pair
    return {m: pair.growth() for m, pair in best.items()}


class _Desc:
    """A heap entry that puts the fastest pair first."""

    __slots__ = ("pair",)

    def __init__(self, pair: _Pair) -> None:
        self.pair = pair

    def __lt__(self, other: _Desc) -> bool:
        return self.pair.key > other.pair.key


class GrowthTimeline:
    """The growth ceilings on each day, for days asked in increasing order (the history):
    what `growth_ceilings` gives for the candidates active that day, without recomputing."""

    def __init__(self, pairs: list[_Pair]) -> None:
        self._pending = sorted(pairs, key=lambda p: p.start, reverse=True)
        self._heaps: dict[str, list[_Desc]] = defaultdict(list)

    def at(self, day: dt.date) -> dict[str, Growth]:
        while self._pending and self._pending[-1].start <= day:
            pair = self._pending.pop()
            heapq.heappush(self._heaps[pair.metric], _Desc(pair))
        out = {}
        for metric, heap in self._heaps.items():
            while heap and heap[0].pair.end <= day:  # revised by now: never active again
                heapq.heappop(heap)
            if heap:
                out[metric] = heap[0].pair.growth()
        return out
