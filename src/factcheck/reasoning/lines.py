"""Lines of evidence for quantity claims: each figure judged, and the items that decide each
originator's line.

An originator is one line however many documents repeat it. Within a line, each metric's
latest figure revises its earlier ones, figures on different metrics combine (the strongest
relation to the claim decides), and parts of one statement are added up before judging.
Nothing here depends on how an id is spelled: ties are broken by content.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from ..evidence import Evidence
from ..schema import Claim, Figure
from .bounds import Reported
from .compare import compare
from .growth import Growth, growth_ceilings
from .intervals import RELATION_RANK, stated
from .knowledge import credible, roots_of
from .model import Assessment, Line, Reason, Stance
from .scope import Candidate, Scoped

Judged = tuple[Candidate, Stance, Reason]


def _deciding(claim: Claim, pool: list[Judged], evidence: Evidence):
    """Per metric the latest figure (a revision); across metrics the strongest relation decides."""
    period = claim.effective_period
    chosen = []
    by_metric: dict[str, list[Judged]] = defaultdict(list)
    for entry in pool:
        by_metric[entry[0].figure.metric].append(entry)
    for entries in by_metric.values():
        # A credible document's copy beats an aggregator's.
        entries = [e for e in entries if credible(e[0].grade)] or entries
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
    grade = cand.grade
    originals, echoes = (
        carriers(evidence, {f.source for f in cand.parts}, as_of) if counts else ((), ())
    )
    return Line(
        id=line_id,
        name=originator.name if originator else line_id,
        stance=stance,
        reliability=grade,
        credible=credible(grade),
        party_to_conflict=bool(originator and originator.party_to_conflict),
        item_id=cand.ids[0],
        item_ids=cand.ids,
        grounds=reason,
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
    largest: Callable[[Candidate], Figure | None] | None = None,
) -> list[Judged]:
    """Each candidate against the claim, given the growth ceilings of what is knowable, and
    the largest figure reported beyond an earlier upper bound.

    `largest`: that figure per candidate, where the caller keeps track of it (the history
    judges a day's news alone); by default found among `knowable`."""
    growth = growth or {}
    if largest is None:
        reported = Reported(claim, [c.figure for c in knowable])

        def largest(c: Candidate) -> Figure | None:
            return reported.largest_beyond(c.figure, c.rel)

    return [
        (
            c,
            *compare(claim, c.figure, c.rel, c.reading, growth.get(c.figure.metric), largest(c)),
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
    by_line: dict[str, list[Judged]] = defaultdict(list)
    for entry in judged:
        by_line[entry[0].originator].append(entry)
    lines: list[Line] = []
    deciding: dict[str, Judged] = {}
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
                grounds=reason,
                hedge=part.hedge,
                counted=decides,
                stated=stated(part),
                quote=part.quote,
            )
    assessments = list(entries.values())
    return assessments, sorted(lines, key=lambda line: (line.name, line.id))
