"""Event and statement claims: each report of the event judged against the claimed period,
and one line of evidence per body whose statement or action is reported (for a statement
claim, per outlet that reported it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable

from ..evidence import Evidence
from ..schema import Claim, Event, Source
from .knowledge import credible, first_public, reliability_of
from .lines import carriers
from .model import Assessment, Line, Reason, Stance


def compare_event(claim: Claim, event: Event, once: bool = True) -> tuple[Stance, Reason]:
    """A report inside the claimed period supports it. Outside it, only a one-time event
    ("for the first time", "retaken") contradicts: a repeatable one may also have happened then."""
    period = claim.effective_period
    when = {"date": event.date, "start": period.start, "end": period.end}
    if period.start <= event.date <= period.end:
        return "supports", Reason(code="event-within", **when)
    if not once:
        return "inconclusive", Reason(code="event-outside-repeatable", **when)
    return "contradicts", Reason(code="event-outside-once", **when)


def one_time(evidence: Evidence, event_type: str) -> bool:
    """An event type is one-time only if every report of it says so (repeatable: false)."""
    rows = [e for e in evidence.events.values() if e.type == event_type]
    return bool(rows) and not any(e.repeatable for e in rows)


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
                grounds=reason,
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
                credible=credible(grade),
                item_id=first.item_id,
                item_ids=(first.item_id,),
                grounds=first.grounds,
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
