"""How fast a count can have grown: the growth an earlier count is held to.

The ceiling is the fastest growth one credible originator has shown between two of its own
counts on one cumulative metric (or within one count's dated window), derived from the evidence,
never a constant.
"""

from __future__ import annotations

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
    """Every pair of counts of one credible originator on one cumulative metric that grew.

    The fastest of them is the ceiling: over all pairs it is the same as over consecutive
    counts (a longer span's growth is an average of the shorter spans' within it)."""
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
            (
                c.figure.refers_to.toordinal(),
                figure_point(c.figure),
                min(revised.get(f.id, dt.date.max) for f in c.parts),
                c,
            )
            for c in members
        ]
        points = [p for p in points if math.isfinite(p[1])]
        points.sort(key=lambda p: p[0])
        keys = {id(p[3]): p[3].content_key() for p in points}
        for i, (t1, p1, end1, c1) in enumerate(points):
            for t2, p2, end2, c2 in points[i + 1 :]:
                if t2 <= t1 or p2 <= p1:
                    continue
                rate = (p2 - p1) / (t2 - t1)
                pairs.append(
                    _Pair(
                        rate,
                        (rate, name, keys[id(c1)], keys[id(c2)]),
                        metric,
                        name,
                        c1,
                        c2,
                        max(c1.published, c2.published),
                        min(end1, end2),
                    )
                )
    return pairs


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
