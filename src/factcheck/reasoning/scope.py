"""Steps 1 and 2 for quantity claims: what bears on the claim, and what was public by as-of.

Every figure on the claim's subject whose metric relates to the claim's is a candidate; parts
of one statement are added up into one candidate, and a share stated with its whole becomes the
part it implies. A figure revised by its own originator stops speaking for it. Nothing here
depends on how an id is spelled: ties are broken by content.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
from collections import defaultdict
from dataclasses import dataclass

from .. import scales
from ..evidence import Evidence
from ..schema import Claim, Figure
from ..vocabulary import METRICS, SHARES, WHOLES
from . import shares
from .intervals import Relation, figure_interval, relation
from .knowledge import first_public, reliability_of, roots_of
from .model import Reading
from .readings import as_stated, quantity


@dataclass(frozen=True)
class Candidate:
    """A figure, or the parts of one statement added up, as one judgeable number."""

    figure: Figure  # the figure judged (for a combined statement, the sum)
    parts: tuple[Figure, ...]  # the rows it comes from (one, or the parts of a statement)
    rel: Relation
    originator: str
    published: dt.date
    reading: Reading  # how the figure was read: as stated, or the arithmetic that made it
    grade: str = "F"  # the weakest part's grade ("A" < "F")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.parts)

    def content_key(self) -> tuple:
        """Order by what the figure says, never by its id (nor by how a sentence words it)."""
        return self._content

    @functools.cached_property
    def _content(self) -> tuple:
        f = self.figure
        return (
            f.refers_to,
            self.published,
            f.low,
            f.high,
            f.qualifier,
            f.stated or "",
            self.reading.code,
            tuple((p.label, p.qualifier, p.low, p.high, p.stated) for p in self.reading.parts),
            f.quote,
        )


@dataclass(frozen=True)
class Scoped:
    """The outcome of scope and knowability for one claim on one as-of date."""

    in_scope: int
    by_rel: dict[str, int]
    knowable: tuple[Candidate, ...]
    later: tuple[str, ...]  # ids of in-scope items not public by the as-of date
    # figure id -> the day a later figure of the same originator that revises it became public
    revised: dict[str, dt.date] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def _spans(self) -> tuple[tuple[Candidate, dt.date], ...]:
        """Each candidate with the day it stops speaking: the first revision of any of its
        parts (computed once: the history asks for every day's active candidates)."""
        return tuple(
            (c, min((self.revised.get(f.id, dt.date.max) for f in c.parts), default=dt.date.max))
            for c in self.knowable
        )

    def active(self, day: dt.date) -> list[Candidate]:
        """What speaks for its originator on `day`: public by then and not yet revised."""
        return [c for c, until in self._spans if c.published <= day < until]

    @functools.cached_property
    def _until(self) -> dict[int, dt.date]:
        return {id(c): until for c, until in self._spans}

    def revised_by(self, c: Candidate, day: dt.date) -> bool:
        """Whether a part of `c` (one of `knowable`) was revised by `day`."""
        return self._until[id(c)] <= day


class ActiveByDay:
    """`Scoped.active` for days asked in increasing order (the history): each candidate enters
    on the day it became public and leaves on its first revision, instead of every day
    scanning every candidate (days times candidates, on a large base the history's cost)."""

    def __init__(self, scoped: Scoped) -> None:
        self._spans = scoped._spans
        count = range(len(self._spans))
        self._entering = sorted(count, key=lambda i: self._spans[i][0].published)
        self._leaving = sorted(count, key=lambda i: self._spans[i][1])
        self._next_in = self._next_out = 0
        self._active: set[int] = set()

    def at(self, day: dt.date) -> list[Candidate]:
        spans, entering, leaving = self._spans, self._entering, self._leaving
        while self._next_in < len(entering) and spans[entering[self._next_in]][0].published <= day:
            if spans[entering[self._next_in]][1] > day:
                self._active.add(entering[self._next_in])
            self._next_in += 1
        while self._next_out < len(leaving) and spans[leaving[self._next_out]][1] <= day:
            self._active.discard(leaving[self._next_out])
            self._next_out += 1
        return [spans[i][0] for i in sorted(self._active)]  # in the order of `knowable`


def _combine(parts: list[Figure], metric: str) -> tuple[Figure, Reading] | None:
    """The sum of a statement's parts as one figure, and how it was read (the parts)."""
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
    whole = _derived(parts, metric=metric, low=low_i, high=high_i, qualifier=qualifier)
    return whole, Reading(
        code="sum", result=quantity(whole), parts=tuple(quantity(f) for f in parts)
    )


def _scaled(whole: Figure, share: Figure, part: str) -> tuple[Figure, Reading] | None:
    """The part a share of a whole implies, and the arithmetic that gives it."""
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
    derived = _derived([whole, share], metric=part, low=low_i, high=high_i, qualifier=qualifier)
    return derived, Reading(
        code="share-of-whole",
        result=quantity(derived),
        parts=(quantity(whole), quantity(share)),
        low=w.low,
        high=w.high if math.isfinite(w.high) else None,
        low_open=w.low_open,
        share_low=sh.low,
        share_high=sh.high,
    )


def _derived(parts: list[Figure], **numbers) -> Figure:
    """A figure worked out from others in one statement (a sum, a share of a whole): the first
    one's date and document, the quotes joined, the weakest hedge, and no words of its own (the
    source's words were for a part, not for the result)."""
    return parts[0].model_copy(
        update={
            **numbers,
            "quote": " / ".join(dict.fromkeys(f.quote for f in parts)),
            "hedge": _weakest_hedge([f.hedge for f in parts]),
            "stated": "",
        }
    )


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
            if rel is None or rel == "share-count":  # a share claim divides, it never scales
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
            if rel is None or id(f) in used or rel == "share-whole":  # a whole only divides
                continue
            if rel == "share-count":
                found.append(_share_candidate(claim, f, figures, evidence, originator, published))
                continue
            found.append(
                Candidate(
                    f, (f,), rel, originator, published, as_stated(f), _graded(evidence, (f,))
                )
            )
    return found


def _share_candidate(
    claim: Claim,
    count: Figure,
    figures: list[Figure],
    evidence: Evidence,
    originator: str,
    published: dt.date,
) -> Candidate:
    """A count of a share's part, divided by a sourced figure for the whole (the count's line,
    graded as the weaker of the two, public once both are); without one, the count as it is,
    which cannot decide a share (kinds.convert says why)."""
    wholes = [f for f in figures if relation(claim.metric, f.metric) == "share-whole"]
    whole = shares.denominator(count, wholes, evidence)
    divided = shares.share_of_whole(claim, count, whole) if whole is not None else None
    if whole is None or divided is None:
        return Candidate(
            count,
            (count,),
            "share-count",
            originator,
            published,
            as_stated(count),
            _graded(evidence, (count,)),
        )
    return Candidate(
        divided[0],
        (count, whole),
        "direct",
        originator,
        max(published, first_public(evidence, whole.source, whole) or published),
        divided[1],
        _graded(evidence, (count, whole)),
    )


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
        and relation(claim.metric, f.metric) is None
        and relation(claim.metric, SHARES[f.metric][0]) is not None
    ]
    knowable_rows, later = [], []
    bearing = {id(f) for f in figures}
    for f in [*figures, *shares]:
        published = first_public(evidence, f.source, f)
        if published is not None and published <= as_of:
            knowable_rows.append(f)
        elif id(f) in bearing:  # a share of a whole is counted with its count, never alone
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


def _graded(evidence: Evidence, parts: tuple[Figure, ...]) -> str:
    return max(reliability_of(evidence, f) for f in parts)  # the weakest part's grade
