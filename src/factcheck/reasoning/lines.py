"""Lines of evidence: scope, knowability, comparison, and which items decide each line.

An originator is one line however many documents repeat it. Within a line, each metric's
latest figure revises its earlier ones, figures on different metrics combine (the strongest
relation to the claim decides), and parts of one statement are added up before judging.
Nothing here depends on how an id is spelled: ties are broken by content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .. import scales
from ..evidence import Evidence
from ..schema import Claim, Event, Figure, Source
from ..vocabulary import METRICS, SHARES, WHOLES
from ..wording import longdate, percentage
from . import kinds
from .intervals import (
    RELATION_RANK,
    Interval,
    Relation,
    bound_for_claim_metric,
    claim_interval,
    claim_words,
    count,
    figure_interval,
    figure_point,
    num,
    relation,
    stated,
)
from .knowledge import first_public, reliability_of, roots_of
from .model import Assessment, Line, Stance


@dataclass(frozen=True)
class Candidate:
    """A figure, or the parts of one statement added up, as one judgeable number."""

    figure: Figure  # the figure judged (for a combined statement, the sum)
    parts: tuple[Figure, ...]  # the rows it comes from (one, or the parts of a statement)
    rel: Relation
    originator: str
    published: dt.date
    words: str  # how the source stated it
    grade: str = "F"  # the weakest part's grade ("A" < "F")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.parts)

    def content_key(self) -> tuple:
        """Order by what the figure says, never by its id."""
        f = self.figure
        return (f.refers_to, self.published, f.low, f.high, f.qualifier, self.words, f.quote)


@dataclass(frozen=True)
class Scoped:
    """The outcome of scope and knowability for one claim on one as-of date."""

    in_scope: int
    by_rel: dict[str, int]
    knowable: tuple[Candidate, ...]
    later: tuple[str, ...]  # ids of in-scope items not public by the as-of date
    # figure id -> the day a later figure of the same originator that revises it became public
    revised: dict[str, dt.date] = dataclasses.field(default_factory=dict)

    def active(self, day: dt.date) -> list[Candidate]:
        """What speaks for its originator on `day`: public by then and not yet revised."""
        return [
            c
            for c in self.knowable
            if c.published <= day
            and not any(self.revised.get(f.id, dt.date.max) <= day for f in c.parts)
        ]


# --------------------------------------------------------------------------- growth


@dataclass(frozen=True)
class Growth:
    """The fastest growth one credible originator has shown between two consecutive counts of
    its own on one metric: what bounds how far an earlier count can have grown since."""

    per_day: float
    name: str  # the originator's name
    words: str  # the two counts, as stated

    def describe(self) -> str:
        return f"{num(self.per_day)} a day ({self.name}: {self.words})"


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
        f1, f2 = self.earlier.figure, self.later.figure
        if self.earlier is self.later:  # one count of a window: "a thousand in the last week"
            words = f"{stated(f1)} {METRICS[self.metric].label} from {longdate(f1.since)} to {longdate(f1.refers_to)}"
        else:
            words = (
                f"{stated(f1)} {METRICS[self.metric].label} by {longdate(f1.refers_to)}, "
                f"then {stated(f2)} by {longdate(f2.refers_to)}"
            )
        return Growth(self.rate, self.name, words)


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
        if METRICS[c.figure.metric].cumulative and _credible(c.grade):
            groups[(c.originator, c.figure.metric)].append(c)
        # A count within a dated window is growth shown directly: 1,000 in a week is 143 a day.
        whole = METRICS[c.figure.metric].part_of
        f = c.figure
        if (
            f.since is not None
            and whole
            and not METRICS[f.metric].cumulative
            and METRICS[whole].cumulative
            and _credible(c.grade)
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


# --------------------------------------------------------------------------- comparison


def _label(metric: str) -> str:
    return METRICS[metric].label


def compare(
    claim: Claim,
    figure: Figure,
    rel: Relation,
    words: str | None = None,
    growth: Growth | None = None,
    larger: Figure | None = None,
) -> tuple[Stance, str]:
    """Judge one figure against the claim, respecting metric relations, bounds and time.

    `growth` is the fastest growth any credible source has shown on the figure's metric: an
    earlier count can have grown since by at most that much a day. `larger`: a knowable figure
    that reported more than an earlier bound allows (see `kinds.larger_reported`); the earlier
    bound then no longer caps the claim.
    """
    converted = kinds.convert(claim, figure, rel, words)  # a rate or flow in the claim's terms
    if converted is not None and len(converted) == 2:
        return converted  # type: ignore[return-value]
    if converted is not None:
        figure, rel, words = converted  # type: ignore[misc]
    target = claim_interval(claim)
    values = bound_for_claim_metric(figure_interval(figure), rel)
    period = claim.effective_period
    claim_cumulative = METRICS[claim.metric].cumulative
    figure_cumulative = METRICS[figure.metric].cumulative
    when = figure.refers_to
    notes = []
    if rel == "part":
        notes.append(
            f"{_label(figure.metric)} are part of {_label(claim.metric)}, so this is a lower bound"
        )
    elif rel == "whole":
        notes.append(
            f"{_label(figure.metric)} include more than {_label(claim.metric)}, so this is only an upper bound"
        )
    elif rel == "bound":
        notes.append(
            f"{_label(claim.metric)} can never exceed the {_label(figure.metric)}, so this is an upper bound"
        )
    elif rel == "capacity":
        notes.append(kinds.relation_note(claim, figure, rel) or "")
    said = f"{words or stated(figure)} {_label(figure.metric)} by {longdate(when)}"
    if claim_cumulative:
        if when < period.start and rel in ("bound", "capacity") and larger is not None:
            values = Interval(values.low, math.inf, low_open=values.low_open)
            notes.append(
                f"it counts up to {longdate(when)}, before the claim's date, and a larger figure had "
                f"been reported since ({stated(larger)} {_label(larger.metric)} by "
                f"{longdate(larger.refers_to)})"
            )
        elif when < period.start and rel in ("bound", "capacity"):
            # More may have been sent since, but no knowable source says so: the largest
            # population reported is the one a loss count cannot exceed.
            notes.append(
                f"it counts up to {longdate(when)}, before the claim's date; no larger total had been reported"
            )
        elif when < period.start and growth and math.isfinite(values.high):
            days = (period.end - when).days
            top = values.high + growth.per_day * days
            values = Interval(values.low, top, low_open=values.low_open)
            notes.append(
                f"it counts up to {longdate(when)}, {count(days, 'day')} before the claim's date; counts "
                f"only grow, but at the fastest growth any credible source has shown "
                f"({num(growth.per_day)} a day) it reaches at most {num(top)} by {longdate(period.end)}"
            )
        elif when < period.start:
            values = Interval(values.low, math.inf, low_open=values.low_open)
            notes.append(
                f"it counts up to {longdate(when)}, before the claim's date, and counts only grow"
            )
        elif when > period.end:
            if values.high == math.inf:
                notes.append(
                    f"it counts up to {longdate(when)}, after the claim's date; an open-ended later count says nothing about the earlier one"
                )
            else:
                notes.append(
                    f"it counts up to {longdate(when)}, after the claim's date, so it caps the earlier count"
                )
            values = Interval(0.0, values.high, high_open=values.high_open)
    elif figure_cumulative and rel in ("whole", "bound"):
        if when < period.end:
            return (
                "inconclusive",
                f"{said} is a running total up to {longdate(when)}, before the claim's period ends, "
                f"so it cannot cap {claim_words(claim)} for the whole period",
            )
        notes.append(f"a running total up to {longdate(when)} includes the whole period")
    elif not (period.start <= when <= period.end):
        return "inconclusive", f"{said} describes {longdate(when)}, outside the claim's period"
    why = f" ({'; '.join(notes)})" if notes else ""

    if values.disjoint(target):
        rising_claim = claim.comparator in (">", ">=", "~", "=")  # the count may yet reach it
        too_low = values.high <= target.low
        if claim_cumulative and period.start <= when < period.end and too_low and rising_claim:
            return (
                "inconclusive",
                f"{said} is lower, but was counted before the claim's period ended{why}",
            )
        return "contradicts", f"{said} rules out {claim_words(claim)}{why}"
    if claim.comparator == "~" and rel == "direct" and period.start <= when <= period.end:
        point = figure_point(figure)
        if target.within_point(point):
            return (
                "supports",
                f"{said} is within {round(claim.effective_tolerance * 100)}% of {num(claim.value or 0)}{why}",
            )
        return (
            "inconclusive",
            f"{said} overlaps {claim_words(claim)} but its stated number {num(point)} is outside it{why}",
        )
    if values.within(target):
        return "supports", f"{said} implies {claim_words(claim)}{why}"
    return "inconclusive", f"{said} neither shows nor rules out {claim_words(claim)}{why}"


def compare_event(claim: Claim, event: Event, once: bool = True) -> tuple[Stance, str]:
    """A report inside the claimed period supports it. Outside it, only a one-time event
    ("for the first time", "retaken") contradicts: a repeatable one may also have happened then."""
    period = claim.effective_period
    if period.start <= event.date <= period.end:
        return (
            "supports",
            f"reported on {longdate(event.date)}, within {longdate(period.start)} to {longdate(period.end)}",
        )
    if not once:
        return (
            "inconclusive",
            f"reported as happening on {longdate(event.date)}, outside {longdate(period.start)} to {longdate(period.end)}; "
            "it can happen more than once, so this says nothing about that period",
        )
    return (
        "contradicts",
        f"reported as happening on {longdate(event.date)}, outside {longdate(period.start)} to {longdate(period.end)}, "
        "and it happens only once",
    )


def one_time(evidence: Evidence, event_type: str) -> bool:
    """An event type is one-time only if every report of it says so (repeatable: false)."""
    rows = [e for e in evidence.events.values() if e.type == event_type]
    return bool(rows) and not any(e.repeatable for e in rows)


# --------------------------------------------------------------------------- statements


def _combine(parts: list[Figure], metric: str) -> tuple[Figure, str] | None:
    """The sum of a statement's parts as one figure, and the statement in its own words."""
    intervals = [figure_interval(f) for f in parts]
    qualifiers = {f.qualifier for f in parts}
    rising = qualifiers & {"more than", "at least"}
    if rising and "up to" in qualifiers:
        return None  # an open-ended part and a capped part: the sum has no useful form
    low = sum(i.low for i in intervals)
    high = sum(i.high for i in intervals)
    if rising:
        if not math.isfinite(low):
            return None
        qualifier, low_i, high_i = "at least", round(low), round(low)
    elif "up to" in qualifiers:
        if not math.isfinite(high):
            return None
        qualifier, low_i, high_i = "up to", 0, round(high)
    elif qualifiers == {"exact"}:
        qualifier, low_i, high_i = "exact", sum(f.low for f in parts), sum(f.high for f in parts)
    else:
        qualifier, low_i, high_i = (
            "approximately",
            sum(f.low for f in parts),
            sum(f.high for f in parts),
        )
    first = parts[0]
    whole = first.model_copy(
        update={
            "metric": metric,
            "low": low_i,
            "high": high_i,
            "qualifier": qualifier,
            "quote": " / ".join(f.quote for f in parts),
            "hedge": _weakest_hedge([f.hedge for f in parts]),
        }
    )
    words = " and ".join(f"{stated(f)} {_label(f.metric)}" for f in parts)
    return whole, f"{words} in one statement, that is {stated(whole)}"


def _scaled(whole: Figure, share: Figure, part: str) -> tuple[Figure, str] | None:
    """The part a share of a whole implies, with the arithmetic in words."""
    w, sh = figure_interval(whole), figure_interval(share)
    low = w.low * sh.low / 100
    high = w.high * sh.high / 100 if math.isfinite(w.high) else math.inf
    if not math.isfinite(low):
        return None
    if math.isfinite(high):
        qualifier, low_i, high_i = "exact", math.floor(low), math.ceil(high)
    else:
        qualifier = "more than" if w.low_open else "at least"
        low_i = high_i = math.floor(low)
    derived = whole.model_copy(
        update={
            "metric": part,
            "low": low_i,
            "high": high_i,
            "qualifier": qualifier,
            "quote": f"{whole.quote} / {share.quote}"
            if whole.quote != share.quote
            else whole.quote,
            "hedge": _weakest_hedge([whole.hedge, share.hedge]),
            "stated": "",
        }
    )
    span = f"{num(w.low)} to {num(w.high)}" if math.isfinite(w.high) else w.describe()
    words = (
        f"{stated(whole)} {_label(whole.metric)}, {stated(share)} of them {_label(part)}, in one "
        f"statement: {span} times {percentage(sh.low)} to {percentage(sh.high)} is {stated(derived)}"
    )
    return derived, words


def _weakest_hedge(hedges: list[str | None]) -> str | None:
    given = [h for h in hedges if h]
    return min(given, key=scales.yardstick_rank) if given else None


def _by_content(f: Figure) -> tuple:
    return (f.metric, f.low, f.high, f.qualifier, f.quote, f.hedge or "")


def candidates(claim: Claim, figures: list[Figure], evidence: Evidence) -> list[Candidate]:
    """In-scope figures and summed statements, each with its relation to the claim."""
    found: list[Candidate] = []
    statements: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        statements[(evidence.originator_id(f), f.source, f.refers_to)].append(f)
    for (originator, source_id, _), group in statements.items():
        published = first_public(evidence, source_id, group[0])
        if published is None:
            continue
        group = sorted(group, key=_by_content)
        used: set[int] = set()
        # Components of one announcement add up: "1,000 sappers and 5,000 builders".
        by_metric: dict[str, list[Figure]] = defaultdict(list)
        for f in group:
            by_metric[f.metric].append(f)
        for metric, members in by_metric.items():
            rel = relation(claim.metric, metric)
            if METRICS[metric].additive and len(members) > 1 and rel is not None:
                combined = _combine(members, metric)
                if combined:
                    used.update(id(f) for f in members)
                    found.append(
                        Candidate(
                            combined[0], tuple(members), rel, originator, published, combined[1]
                        )
                    )
        # Parts of a declared whole add up: killed and wounded in one report are casualties.
        for whole, part_metrics in WHOLES.items():
            rel = relation(claim.metric, whole)
            if rel is None or not all(by_metric.get(m) for m in part_metrics):
                continue
            parts = [by_metric[m][0] for m in part_metrics]
            combined = _combine(parts, whole)
            if combined:
                found.append(
                    Candidate(
                        combined[0],
                        tuple(parts),
                        rel,
                        originator,
                        published,
                        combined[1],
                        _graded(evidence, tuple(parts)),
                    )
                )
        # A share of a whole in one statement bounds the part: "about 4,000, a quarter killed".
        for share_metric, (part, whole) in SHARES.items():
            rel = relation(claim.metric, part)
            if rel is None:
                continue
            for w in by_metric.get(whole, ()):
                for share in by_metric.get(share_metric, ()):
                    scaled = _scaled(w, share, part)
                    if scaled:
                        found.append(
                            Candidate(
                                scaled[0],
                                (w, share),
                                rel,
                                originator,
                                published,
                                scaled[1],
                                _graded(evidence, (w, share)),
                            )
                        )
        for f in group:
            rel = relation(claim.metric, f.metric)
            if rel is not None and id(f) not in used:
                found.append(
                    Candidate(
                        f, (f,), rel, originator, published, stated(f), _graded(evidence, (f,))
                    )
                )
    return found


def scope(claim: Claim, evidence: Evidence, as_of: dt.date) -> Scoped:
    """Step 1 and 2 for quantity claims: what bears on the claim, and what was public by as-of."""
    figures = [
        f
        for f in evidence.figures.values()
        if f.subject == claim.subject and relation(claim.metric, f.metric) is not None
    ]
    by_rel: dict[str, int] = defaultdict(int)
    for f in figures:
        by_rel[relation(claim.metric, f.metric) or ""] += 1
    # Shares come along with the counts they are shares of; they count nothing on their own.
    shares = [
        f
        for f in evidence.figures.values()
        if f.subject == claim.subject
        and f.metric in SHARES
        and relation(claim.metric, SHARES[f.metric][0]) is not None
    ]
    knowable_rows, later = [], []
    for f in [*figures, *shares]:
        published = first_public(evidence, f.source, f)
        if published is not None and published <= as_of:
            knowable_rows.append(f)
        elif f.metric not in SHARES:  # a share is counted with its count, never alone
            later.append(f.id)
    return Scoped(
        in_scope=len(figures),
        by_rel=dict(by_rel),
        knowable=tuple(candidates(claim, knowable_rows, evidence)),
        later=tuple(sorted(later)),
        revised=revisions(evidence, {f.id for f in knowable_rows}, as_of),
    )


def _what_it_says(figure: Figure) -> tuple:
    """A figure's content, without its id, its document or its quote (a copy may translate)."""
    f = figure
    return (f.subject, f.metric, f.refers_to, f.since, f.low, f.high, f.qualifier)


def revisions(evidence: Evidence, ids: set[str], as_of: dt.date) -> dict[str, dt.date]:
    """Which of these figures a later figure of the same originator revises, and from when.

    A figure that names the one it revises ("based on updated assessments") withdraws it: from
    the day the revision is public, the earlier figure no longer speaks for its originator.
    Without that link a later figure is weighed beside the earlier one (it may count more
    since), never instead of it.

    The revision withdraws the figure wherever it is repeated: a copy of it (the same
    originator saying the same thing, in a document derived from the same original) is
    withdrawn on the same day. Otherwise an echo of the original would keep the withdrawn
    figure speaking (and, say, its growth to a later count setting a growth ceiling), and
    repeating an originator would change a verdict.
    """
    found: dict[str, dt.date] = {}
    for g in evidence.figures.values():
        old = evidence.figures.get(g.revises or "")
        if old is None or old.id not in ids or old.id == g.id:
            continue
        if evidence.originator_id(g) != evidence.originator_id(old):
            continue  # only an originator revises its own figure
        published = first_public(evidence, g.source, g)
        if published is not None and published <= as_of:
            found[old.id] = min(published, found.get(old.id, published))
    if not found:
        return found
    roots = roots_of(evidence)

    def documents(figure: Figure) -> set[str]:
        return set(roots.get(figure.source, (figure.source,)))

    withdrawn: dict[tuple, list[tuple[set[str], dt.date]]] = defaultdict(list)
    for i, day in found.items():
        old = evidence.figures[i]
        key = (evidence.originator_id(old), _what_it_says(old))
        withdrawn[key].append((documents(old), day))
    copies: dict[str, dt.date] = {}
    for f in evidence.figures.values():
        if f.id in found or f.id not in ids:
            continue
        originals = withdrawn.get((evidence.originator_id(f), _what_it_says(f)), ())
        days = [day for roots_of_old, day in originals if roots_of_old & documents(f)]
        if days:
            copies[f.id] = min(days)
    return {**found, **copies}


# --------------------------------------------------------------------------- lines


def _credible(grade: str) -> bool:
    return grade in scales.CREDIBLE_RELIABILITY


def _deciding(claim: Claim, pool: list[tuple[Candidate, Stance, str]], evidence: Evidence):
    """Per metric the latest figure (a revision); across metrics the strongest relation decides."""
    period = claim.effective_period
    chosen = []
    by_metric: dict[str, list[tuple[Candidate, Stance, str]]] = defaultdict(list)
    for entry in pool:
        by_metric[entry[0].figure.metric].append(entry)
    for entries in by_metric.values():
        # A credible document's copy beats an aggregator's.
        entries = [e for e in entries if _credible(_grade(evidence, e[0]))] or entries
        # The latest figure about the claim's own time revises the earlier ones. A count of a
        # later state does not revise it: it is weighed beside it (the earliest one, the
        # tightest cap), so a later open-ended figure cannot hide an earlier decisive one.
        inside = [e for e in entries if period.start <= e[0].figure.refers_to <= period.end]
        before = [e for e in entries if e[0].figure.refers_to < period.start]
        after = [e for e in entries if e[0].figure.refers_to > period.end]
        if inside:
            chosen.append(max(inside, key=lambda e: e[0].content_key()))
        else:
            if before:
                chosen.append(max(before, key=lambda e: e[0].content_key()))
            if after:
                earliest = min(e[0].figure.refers_to for e in after)
                same_day = [e for e in after if e[0].figure.refers_to == earliest]
                chosen.append(max(same_day, key=lambda e: e[0].content_key()))
    decisive = [e for e in chosen if e[1] != "inconclusive"]
    ranked = decisive or chosen
    return max(ranked, key=lambda e: (RELATION_RANK[e[0].rel], e[0].content_key()))


def _grade(evidence: Evidence, candidate: Candidate) -> str:
    return candidate.grade


def _graded(evidence: Evidence, parts: tuple[Figure, ...]) -> str:
    return max(reliability_of(evidence, f) for f in parts)  # the weakest part's grade


def carriers(
    evidence: Evidence, source_ids: set[str], as_of: dt.date
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(originals, echoes): the documents carrying these documents' information by as-of.

    Echoes are found pages (with a URL) that repeat an original; the originals count once
    each as documents whether or not their page survives. Both sorted by id.
    """
    roots = roots_of(evidence)
    originals = {r for s in source_ids for r in roots.get(s, (s,))}
    echoes = []
    for other in evidence.sources.values():
        if other.id in originals or not originals.intersection(roots.get(other.id, (other.id,))):
            continue
        if not other.url:
            continue  # a page nobody found is no evidence of repetition
        if other.published is not None and other.published > as_of:
            continue
        echoes.append(other.id)
    return tuple(sorted(originals)), tuple(sorted(echoes))


Judged = tuple[Candidate, Stance, str]


def line_of(
    evidence: Evidence,
    line_id: str,
    decided: Judged,
    as_of: dt.date,
    counts: bool = True,
    claim: Claim | None = None,
) -> Line:
    """An originator's line, from the item that decides it."""
    cand, stance, reason = decided
    originator = evidence.originators.get(line_id)
    grade = _grade(evidence, cand)
    originals, echoes = (
        carriers(evidence, {f.source for f in cand.parts}, as_of) if counts else ((), ())
    )
    return Line(
        id=line_id,
        name=originator.name if originator else line_id,
        stance=stance,
        reliability=grade,
        credible=_credible(grade),
        party_to_conflict=bool(originator and originator.party_to_conflict),
        item_id=cand.ids[0],
        item_ids=cand.ids,
        reason=reason,
        hedge=cand.figure.hedge,
        documents=len(originals) + len(echoes),
        echoes=len(echoes),
        document_ids=originals + echoes,
        echo_ids=echoes,
        metric=cand.figure.metric,
        relation=cand.rel,
        claimant=bool(claim and claim.originator == line_id),
    )


def deciding_line(
    claim: Claim, evidence: Evidence, line_id: str, entries: list[Judged], as_of: dt.date
) -> Line:
    """One originator's line from its judged items, without echo counts (for the history)."""
    return line_of(
        evidence, line_id, _deciding(claim, entries, evidence), as_of, counts=False, claim=claim
    )


def judge(
    claim: Claim,
    knowable: tuple[Candidate, ...] | list[Candidate],
    growth: dict[str, Growth] | None = None,
) -> list[Judged]:
    """Each candidate against the claim, given the growth ceilings of what is knowable, and
    whether a larger figure had been reported than an earlier bound allows."""
    growth = growth or {}
    figures = [c.figure for c in knowable]
    return [
        (
            c,
            *compare(
                claim,
                c.figure,
                c.rel,
                c.words,
                growth.get(c.figure.metric),
                kinds.larger_reported(claim, c.figure, c.rel, figures),
            ),
        )
        for c in knowable
    ]


def originator_lines(
    claim: Claim,
    evidence: Evidence,
    as_of: dt.date,
    scoped: Scoped,
    judged: list[Judged] | None = None,
    counts: bool = True,
) -> tuple[list[Assessment], list[Line]]:
    """Steps 3 and 4 for quantity claims: one line per originator.

    `judged` (from `judge`, possibly filtered to an earlier date) saves the comparison;
    `counts=False` skips counting echoes, which no rule needs (the verdict-over-time does not).
    """
    if judged is None:
        pool = scoped.active(as_of)
        judged = judge(claim, pool, growth_ceilings(pool, evidence))
    by_line: dict[str, list[tuple[Candidate, Stance, str]]] = defaultdict(list)
    for entry in judged:
        by_line[entry[0].originator].append(entry)
    lines: list[Line] = []
    deciding: dict[str, tuple[Candidate, Stance, str]] = {}
    for line_id, entries in sorted(by_line.items()):
        deciding[line_id] = _deciding(claim, entries, evidence)
        lines.append(line_of(evidence, line_id, deciding[line_id], as_of, counts, claim))
    if not counts:
        return [], lines  # the verdict over time needs the lines only
    entries: dict[str, Assessment] = {}
    deciders = {id(cand) for cand, _, _ in deciding.values()}
    # Single rows first, then summed statements for rows judged only as parts, then the
    # deciding items of each line, so every row appears once with the stance that counts.
    ordered = sorted(judged, key=lambda e: (id(e[0]) in deciders, len(e[0].parts) > 1))
    for cand, stance, reason in ordered:
        decides = id(cand) in deciders
        for part in cand.parts:
            if part.id in entries and not decides:
                continue
            entries[part.id] = Assessment(
                item_id=part.id,
                source_id=part.source,
                originator_id=cand.originator,
                line_id=cand.originator,
                date=part.refers_to,
                published=cand.published,
                metric=part.metric,
                stance=stance,
                reason=reason,
                hedge=part.hedge,
                counted=decides,
                stated=stated(part),
                quote=part.quote,
            )
    assessments = list(entries.values())
    return assessments, sorted(lines, key=lambda line: (line.name, line.id))


def event_lines(
    claim: Claim, evidence: Evidence, as_of: dt.date, counts: bool = True
) -> tuple[int, list[Assessment], list[Line], list[str]]:
    """Steps 1 to 4 for event claims: a line is the body whose statement or action is reported."""
    if claim.kind == "statement":
        return statement_lines(claim, evidence, as_of, counts)
    events = [e for e in evidence.events.values() if e.type == claim.event]
    knowable: list[tuple[Event, dt.date, str]] = []
    later: list[str] = []
    for e in events:
        published = first_public(evidence, e.source, e)
        if published is None or published > as_of:
            later.append(e.id)
        else:
            knowable.append((e, published, evidence.originator_id(e)))

    def describe(line_id: str) -> dict:
        originator = evidence.originators.get(line_id)
        return {
            "name": originator.name if originator else line_id,
            "party_to_conflict": bool(originator and originator.party_to_conflict),
            "relation": "event",
            "claimant": claim.originator == line_id,
        }

    assessments, lines = _event_lines_by(
        claim,
        evidence,
        as_of,
        counts,
        knowable,
        # The line is as reliable as the best report of the statement.
        grade_of=lambda a: reliability_of(evidence, evidence.events[a.item_id]),
        describe=describe,
    )
    return len(events), assessments, lines, sorted(later)


def _event_lines_by(
    claim: Claim,
    evidence: Evidence,
    as_of: dt.date,
    counts: bool,
    knowable: list[tuple[Event, dt.date, str]],
    grade_of: Callable[[Assessment], str],
    describe: Callable[[str], dict],
) -> tuple[list[Assessment], list[Line]]:
    """Each knowable event, with its line id, judged against the claim; one line per id, decided
    by its best-graded report inside the period (else the best of all its reports)."""
    once = one_time(evidence, claim.event or "")
    assessments: list[Assessment] = []
    for e, published, line_id in knowable:
        stance, reason = compare_event(claim, e, once)
        assessments.append(
            Assessment(
                item_id=e.id,
                source_id=e.source,
                originator_id=evidence.originator_id(e),
                line_id=line_id,
                date=e.date,
                published=published,
                metric="event",
                stance=stance,
                reason=reason,
                quote=e.quote,
            )
        )
    by_line: dict[str, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_line[a.line_id].append(a)
    lines: list[Line] = []
    counted: set[str] = set()
    for line_id, items in sorted(by_line.items()):
        # Any report inside the period shows the event happened then; a credible copy first.
        inside = [a for a in items if a.stance == "supports"] or items
        first = min(
            inside,
            key=lambda a: (grade_of(a), a.published, a.date, evidence.events[a.item_id].quote),
        )
        counted.add(first.item_id)
        grade = grade_of(first)
        originals, echoes = carriers(evidence, {first.source_id}, as_of) if counts else ((), ())
        lines.append(
            Line(
                id=line_id,
                stance=first.stance,
                reliability=grade,
                credible=_credible(grade),
                item_id=first.item_id,
                item_ids=(first.item_id,),
                reason=first.reason,
                hedge=None,
                documents=len(originals) + len(echoes),
                echoes=len(echoes),
                document_ids=originals + echoes,
                echo_ids=echoes,
                metric="event",
                **describe(line_id),
            )
        )
    assessments = [a.model_copy(update={"counted": a.item_id in counted}) for a in assessments]
    lines.sort(key=lambda line: (line.name, line.id))  # readers see names, in their order
    return assessments, lines


# --------------------------------------------------------------------------- statements


def _ancestors(evidence: Evidence, source_id: str) -> set[str]:
    """Every document a document derives from, through derived_from (loops are refused)."""
    seen: set[str] = set()
    todo = list(evidence.sources[source_id].derived_from) if source_id in evidence.sources else []
    while todo:
        parent = todo.pop()
        if parent in seen or parent not in evidence.sources:
            continue
        seen.add(parent)
        todo.extend(evidence.sources[parent].derived_from)
    return seen


def _outlet_key(outlet: str) -> str:
    return "outlet-" + (re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "unnamed")


def _reporter(evidence: Evidence, source_id: str, reporting: set[str]) -> Source:
    """The document whose report of the statement this one carries: the earliest document it
    derives from that reports the same statement itself, else its own."""
    copied = [evidence.sources[s] for s in _ancestors(evidence, source_id) & reporting]
    if not copied:
        return evidence.sources[source_id]
    return min(copied, key=lambda s: (s.published or dt.date.max, s.outlet, s.title))


def statement_lines(
    claim: Claim, evidence: Evidence, as_of: dt.date, counts: bool = True
) -> tuple[int, list[Assessment], list[Line], list[str]]:
    """Steps 1 to 4 for a claim that a body said something.

    That a statement was made is a fact its reporters document; the speaker's stake bears on
    what the statement asserts, not on whether it was made. So a line of evidence is an
    outlet that reported the statement itself (a copy of another outlet's report is that
    outlet's line), and two independent credible outlets make the claim True.
    """
    events = [e for e in evidence.events.values() if e.type == claim.event]
    knowable: list[tuple[Event, dt.date]] = []
    later: list[str] = []
    for e in events:
        published = first_public(evidence, e.source, e)
        if published is None or published > as_of or e.source not in evidence.sources:
            later.append(e.id)
        else:
            knowable.append((e, published))
    reporting = {e.source for e, _ in knowable}
    reporters: dict[str, Source] = {}
    with_lines: list[tuple[Event, dt.date, str]] = []
    for e, published in knowable:
        reporter = _reporter(evidence, e.source, reporting)
        line_id = _outlet_key(reporter.outlet)
        reporters.setdefault(line_id, reporter)
        with_lines.append((e, published, line_id))
    assessments, lines = _event_lines_by(
        claim,
        evidence,
        as_of,
        counts,
        with_lines,
        grade_of=lambda a: evidence.sources[a.source_id].reliability,
        describe=lambda line_id: {
            "name": reporters[line_id].outlet,
            "party_to_conflict": False,  # an outlet reporting a statement, not the speaker
            "relation": "statement",
        },
    )
    return len(events), assessments, lines, sorted(later)
