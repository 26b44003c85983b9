"""Lines of evidence: scope, knowability, comparison, and which items decide each line.

An originator is one line however many documents repeat it. Within a line, each metric's
latest figure revises its earlier ones, figures on different metrics combine (the strongest
relation to the claim decides), and parts of one statement are added up before judging.
Nothing here depends on how an id is spelled: ties are broken by content.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from .. import scales
from ..evidence import Evidence
from ..schema import Claim, Event, Figure
from ..vocabulary import METRICS, WHOLES
from ..wording import longdate
from .intervals import (
    RELATION_RANK,
    Interval,
    Relation,
    bound_for_claim_metric,
    claim_interval,
    claim_words,
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


# --------------------------------------------------------------------------- comparison


def _label(metric: str) -> str:
    return METRICS[metric].label


def compare(
    claim: Claim, figure: Figure, rel: Relation, words: str | None = None
) -> tuple[Stance, str]:
    """Judge one figure against the claim, respecting metric relations, bounds and time."""
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
    said = f"{words or stated(figure)} {_label(figure.metric)} by {longdate(when)}"
    if claim_cumulative:
        if when < period.start and rel == "bound":
            # More may have been sent since, but no knowable source says so: the largest
            # population reported is the one a loss count cannot exceed.
            notes.append(
                f"it counts up to {longdate(when)}, before the claim's date; no larger total had been reported"
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


def compare_event(claim: Claim, event: Event) -> tuple[Stance, str]:
    period = claim.effective_period
    if period.start <= event.date <= period.end:
        return (
            "supports",
            f"reported on {longdate(event.date)}, within {longdate(period.start)} to {longdate(period.end)}",
        )
    return (
        "contradicts",
        f"reported as happening on {longdate(event.date)}, outside {longdate(period.start)} to {longdate(period.end)}",
    )


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
    knowable_rows, later = [], []
    for f in figures:
        published = first_public(evidence, f.source, f)
        if published is not None and published <= as_of:
            knowable_rows.append(f)
        else:
            later.append(f.id)
    return Scoped(
        in_scope=len(figures),
        by_rel=dict(by_rel),
        knowable=tuple(candidates(claim, knowable_rows, evidence)),
        later=tuple(sorted(later)),
    )


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
    evidence: Evidence, line_id: str, decided: Judged, as_of: dt.date, counts: bool = True
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
    )


def deciding_line(
    claim: Claim, evidence: Evidence, line_id: str, entries: list[Judged], as_of: dt.date
) -> Line:
    """One originator's line from its judged items, without echo counts (for the history)."""
    return line_of(evidence, line_id, _deciding(claim, entries, evidence), as_of, counts=False)


def judge(claim: Claim, knowable: tuple[Candidate, ...] | list[Candidate]) -> list[Judged]:
    """Each candidate against the claim. Independent of the as-of date, so judged once."""
    return [(c, *compare(claim, c.figure, c.rel, c.words)) for c in knowable]


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
        judged = judge(claim, scoped.knowable)
    by_line: dict[str, list[tuple[Candidate, Stance, str]]] = defaultdict(list)
    for entry in judged:
        by_line[entry[0].originator].append(entry)
    lines: list[Line] = []
    deciding: dict[str, tuple[Candidate, Stance, str]] = {}
    for line_id, entries in sorted(by_line.items()):
        deciding[line_id] = _deciding(claim, entries, evidence)
        lines.append(line_of(evidence, line_id, deciding[line_id], as_of, counts))
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
    events = [e for e in evidence.events.values() if e.type == claim.event]
    assessments: list[Assessment] = []
    later: list[str] = []
    for e in events:
        published = first_public(evidence, e.source, e)
        if published is None or published > as_of:
            later.append(e.id)
            continue
        stance, reason = compare_event(claim, e)
        originator_id = evidence.originator_id(e)
        assessments.append(
            Assessment(
                item_id=e.id,
                source_id=e.source,
                originator_id=originator_id,
                line_id=originator_id,
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
        # The line is as reliable as the best report of the statement.
        first = min(
            inside,
            key=lambda a: (
                reliability_of(evidence, evidence.events[a.item_id]),
                a.published,
                a.date,
                evidence.events[a.item_id].quote,
            ),
        )
        counted.add(first.item_id)
        grade = reliability_of(evidence, evidence.events[first.item_id])
        originator = evidence.originators.get(line_id)
        originals, echoes = carriers(evidence, {first.source_id}, as_of) if counts else ((), ())
        lines.append(
            Line(
                id=line_id,
                name=originator.name if originator else line_id,
                stance=first.stance,
                reliability=grade,
                credible=_credible(grade),
                party_to_conflict=bool(originator and originator.party_to_conflict),
                item_id=first.item_id,
                item_ids=(first.item_id,),
                reason=first.reason,
                hedge=None,
                documents=len(originals) + len(echoes),
                echoes=len(echoes),
                document_ids=originals + echoes,
                echo_ids=echoes,
                metric="event",
                relation="event",
            )
        )
    assessments = [a.model_copy(update={"counted": a.item_id in counted}) for a in assessments]
    lines.sort(key=lambda line: (line.name, line.id))  # readers see names, in their order
    return len(events), assessments, lines, sorted(later)
