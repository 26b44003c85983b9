"""The verdict engine: from a claim and the evidence to a label, with every step written down.

The steps run in a fixed order (scope, knowability, independence, comparison, grading, label,
flags, sensitivity); each appends plain sentences to the reasoning trail. Everything here is a
pure function of (claim, evidence, as-of date): no I/O, no clock, no randomness.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

from . import scales
from .evidence import Evidence
from .independence import echo_family, root_map
from .schema import Claim, Event, Figure
from .vocabulary import (
    APPROXIMATELY,
    COMPARATOR_WORDS,
    INITIAL_TROOPS,
    LOSS_METRICS,
    METRICS,
    TOTAL_TROOPS,
)

Stance = Literal["supports", "contradicts", "inconclusive"]
Relation = Literal["direct", "part", "whole"]
STALE_AFTER_DAYS = 90
ECHO_THRESHOLD = 3  # this many documents carrying one originator's figure is worth a flag


# --------------------------------------------------------------------------- intervals


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
        if self.high == math.inf:
            return f"{'more than' if self.low_open else 'at least'} {_num(self.low)}"
        if self.low == 0 and not self.low_open:
            return f"{'fewer than' if self.high_open else 'at most'} {_num(self.high)}"
        if self.low == self.high:
            return _num(self.low)
        return f"{_num(self.low)} to {_num(self.high)}"


def _num(value: float) -> str:
    return f"{round(value):,}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def figure_interval(figure: Figure) -> Interval:
    """The values a figure allows, read from its qualifier."""
    low, high = float(figure.low), float(figure.high)
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
        return float(figure.high)
    if figure.qualifier in ("more than", "at least"):
        return float(figure.low)
    return (figure.low + figure.high) / 2


def claim_interval(claim: Claim) -> Interval:
    value = float(claim.value or 0)
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
        case _:
            return Interval(value, value)


def claim_words(claim: Claim) -> str:
    if claim.kind == "event":
        return f"the event '{claim.event}' between {claim.effective_period.start} and {claim.effective_period.end}"
    metric = METRICS[claim.metric].label
    return f"{COMPARATOR_WORDS[claim.comparator]} {_num(claim.value)} {metric}"


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Assessment:
    """One piece of evidence judged against the claim."""

    item_id: str  # figure id, or event id for event claims
    source_id: str
    originator_id: str
    line_id: str  # the line of evidence it belongs to: originator, or first-hand report
    date: dt.date
    published: dt.date
    metric: str
    stance: Stance
    reason: str
    hedge: str | None = None
    counted: bool = False  # the line's latest item, the one that decides its stance


@dataclass(frozen=True)
class Line:
    """One independent line of evidence: an originator (or, for events, a first-hand report)."""

    id: str
    name: str
    stance: Stance
    reliability: str
    credible: bool
    party_to_conflict: bool
    item_id: str
    reason: str
    hedge: str | None
    documents: int  # documents carrying this line's counted item, echoes included


@dataclass(frozen=True)
class Flag:
    code: str
    text: str


@dataclass(frozen=True)
class Decision:
    label: str
    credibility: int
    probability: str | None


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    claim: str
    as_of: dt.date
    label: str
    rating: int | None
    probability: str | None
    credibility: int
    lines: tuple[Line, ...]
    evidence: tuple[Assessment, ...]
    flags: tuple[Flag, ...]
    reasoning: tuple[str, ...]
    sensitivity: tuple[dict, ...]
    unit: Literal["originator", "report"]
    excluded_after_as_of: tuple[str, ...] = ()
    data_version: str = ""
    denominators: dict = field(default_factory=dict)
    summary: str = ""

    @property
    def label_name(self) -> str:
        return scales.LABELS[self.label].name

    def originators(self, stance: Stance) -> list[str]:
        return [line.id for line in self.lines if line.stance == stance]

    def to_json(self) -> dict:
        """The public contract of `factcheck verdict --json`."""
        probability_range = None
        if self.probability:
            term = scales.yardstick_term(self.probability)
            probability_range = [term.low, term.high]
        return {
            "claim_id": self.claim_id,
            "claim": self.claim,
            "as_of": self.as_of.isoformat(),
            "summary": self.summary,
            "label": self.label,
            "label_name": self.label_name,
            "rating": self.rating,
            "best_rating": scales.BEST_RATING,
            "worst_rating": scales.WORST_RATING,
            "probability": self.probability,
            "probability_percent": probability_range,
            "credibility": self.credibility,
            "credibility_meaning": scales.CREDIBILITY[self.credibility],
            "unit": self.unit,
            "originators": {
                "supporting": self.originators("supports"),
                "contradicting": self.originators("contradicts"),
                "inconclusive": self.originators("inconclusive"),
            },
            "lines": [asdict(line) for line in self.lines],
            "evidence": [
                {
                    "figure": a.item_id,
                    "source": a.source_id,
                    "originator": a.originator_id,
                    "date": a.date.isoformat(),
                    "published": a.published.isoformat(),
                    "metric": a.metric,
                    "stance": a.stance,
                    "counted": a.counted,
                    "reason": a.reason,
                }
                for a in self.evidence
            ],
            "excluded_after_as_of": list(self.excluded_after_as_of),
            "flags": [asdict(f) for f in self.flags],
            "reasoning": list(self.reasoning),
            "sensitivity": list(self.sensitivity),
            "denominators": self.denominators,
            "data_version": self.data_version,
        }


# --------------------------------------------------------------------------- step 1: scope


def relation(claim_metric: str, figure_metric: str) -> Relation | None:
    """How a figure's metric bears on the claim's: the same, a part of it, or the whole."""
    if figure_metric == claim_metric:
        return "direct"
    if METRICS[figure_metric].part_of == claim_metric:
        return "part"  # killed for a casualties claim: a lower bound
    if METRICS[claim_metric].part_of == figure_metric:
        return "whole"  # casualties for a killed claim: only an upper bound
    return None


def bound_for_claim_metric(interval: Interval, rel: Relation) -> Interval:
    if rel == "part":
        return Interval(interval.low, math.inf, low_open=interval.low_open)
    if rel == "whole":
        return Interval(0.0, interval.high, high_open=interval.high_open)
    return interval


# --------------------------------------------------------------------------- step 4: comparison


def compare(claim: Claim, figure: Figure, rel: Relation) -> tuple[Stance, str]:
    """Judge one figure against the claim, respecting metric relations and time."""
    target = claim_interval(claim)
    stated = figure_interval(figure)
    values = bound_for_claim_metric(stated, rel)
    period = claim.effective_period
    cumulative = METRICS[claim.metric].cumulative
    when = figure.refers_to
    notes = []
    if rel == "part":
        notes.append(
            f"{METRICS[figure.metric].label} are part of {METRICS[claim.metric].label}, so this is a lower bound"
        )
    elif rel == "whole":
        notes.append(
            f"{METRICS[figure.metric].label} include more than {METRICS[claim.metric].label}, so this is only an upper bound"
        )
    if cumulative and when < period.start:
        values = Interval(values.low, math.inf, low_open=values.low_open)
        notes.append(f"it counts up to {when}, before the claim's date, and counts only grow")
    elif cumulative and when > period.end:
        values = Interval(0.0, values.high, high_open=values.high_open)
        notes.append(
            f"it counts up to {when}, after the claim's date, so it caps the earlier count"
        )
    elif not cumulative and not (period.start <= when <= period.end):
        return "inconclusive", f"it describes {when}, outside the claim's period"
    said = f"{stated.describe()} {METRICS[figure.metric].label} by {when}"
    why = f" ({'; '.join(notes)})" if notes else ""

    if values.disjoint(target):
        rising_claim = claim.comparator in (">", ">=", "~", "=")  # the count may yet reach it
        too_low = values.high < target.low or (values.high == target.low)
        if cumulative and period.start <= when < period.end and too_low and rising_claim:
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
                f"{said} is within {round(claim.effective_tolerance * 100)}% of {_num(claim.value)}{why}",
            )
        return (
            "inconclusive",
            f"{said} overlaps {claim_words(claim)} but its stated number {_num(point)} is outside it{why}",
        )
    if values.within(target):
        return "supports", f"{said} implies {claim_words(claim)}{why}"
    return "inconclusive", f"{said} neither shows nor rules out {claim_words(claim)}{why}"


def compare_event(claim: Claim, event: Event) -> tuple[Stance, str]:
    period = claim.effective_period
    if period.start <= event.date <= period.end:
        return "supports", f"reported on {event.date}, within {period.start} to {period.end}"
    return (
        "contradicts",
        f"reported as happening on {event.date}, outside {period.start} to {period.end}",
    )


# --------------------------------------------------------------------------- steps 5 and 6: grading and label

LABEL_RULES: tuple[tuple[str, str], ...] = (
    ("no credible line supports or contradicts the claim", "unproven"),
    ("credible lines both support and contradict it", "mixed"),
    ("two or more independent credible lines support it", "true"),
    ("exactly one credible line supports it", "mostly-true"),
    ("two or more independent credible lines contradict it", "false"),
    ("exactly one credible line contradicts it", "mostly-false"),
)
CREDIBILITY_RULES: tuple[tuple[str, int], ...] = (
    ("two or more independent credible lines support, none contradicts", 1),
    ("one line graded A or B supports, none contradicts", 2),
    ("one line graded C supports, none contradicts", 3),
    ("credible lines support and contradict", 4),
    ("credible lines contradict, none supports", 5),
    ("no credible line decides", 6),
)
PROBABILITY_BY_CREDIBILITY = {
    1: "almost certain",
    2: "highly likely",
    3: "likely",
    4: "realistic possibility",
}


def decide(lines: tuple[Line, ...] | list[Line]) -> Decision:
    """The rule tables, applied to the credible lines of evidence. Pure and order-independent."""
    supporting = [line for line in lines if line.credible and line.stance == "supports"]
    contradicting = [line for line in lines if line.credible and line.stance == "contradicts"]
    s, c = len(supporting), len(contradicting)
    if s == 0 and c == 0:
        label = "unproven"
    elif s and c:
        label = "mixed"
    elif s >= 2:
        label = "true"
    elif s == 1:
        label = "mostly-true"
    elif c >= 2:
        label = "false"
    else:
        label = "mostly-false"

    if s >= 2 and c == 0:
        credibility = 1
    elif s == 1 and c == 0:
        credibility = 2 if supporting[0].reliability in ("A", "B") else 3
    elif s and c:
        credibility = 4
    elif c:
        credibility = 5
    else:
        credibility = 6

    if credibility == 6:
        probability = None
    elif credibility == 5:  # the mirror image of support
        if c >= 2:
            probability = "remote chance"
        elif contradicting[0].reliability in ("A", "B"):
            probability = "highly unlikely"
        else:
            probability = "unlikely"
    else:
        probability = PROBABILITY_BY_CREDIBILITY[credibility]
        hedges = [line.hedge for line in supporting if line.hedge]
        if hedges:  # we can be no surer than the source that says it
            cap = min(hedges, key=scales.yardstick_rank)
            if scales.yardstick_rank(cap) < scales.yardstick_rank(probability):
                probability = scales.yardstick_term(cap).phrase
    return Decision(label, credibility, probability)


# --------------------------------------------------------------------------- the engine


def _reliability(evidence: Evidence, a: Assessment) -> str:
    return evidence.figures[a.item_id].reliability or evidence.sources[a.source_id].reliability


def _originator_lines(
    claim: Claim, evidence: Evidence, as_of: dt.date, trail: list[str]
) -> tuple[list[Assessment], list[Line], list[str], list[str]]:
    """Steps 1 to 4 for quantity claims."""
    metric_label = METRICS[claim.metric].label
    in_scope: list[tuple[Figure, Relation]] = []
    for figure in evidence.figures.values():
        if figure.subject != claim.subject:
            continue
        rel = relation(claim.metric, figure.metric)
        if rel is not None:
            in_scope.append((figure, rel))
    by_rel = defaultdict(int)
    for _, rel in in_scope:
        by_rel[rel] += 1
    sentence = (
        f"Scope: {_count(len(in_scope), 'figure')} on {evidence.subjects[claim.subject].name} bear on {metric_label}: "
        f"{by_rel['direct']} count {metric_label} directly"
    )
    if by_rel["part"]:
        sentence += f", {by_rel['part']} count a part of them (lower bounds only)"
    if by_rel["whole"]:
        sentence += f", {by_rel['whole']} count a wider total that includes them (upper bounds only, never evidence of more)"
    trail.append(sentence + ".")

    knowable, later = [], []
    for figure, rel in in_scope:
        published = evidence.sources[figure.source].published
        (knowable if published <= as_of else later).append((figure, rel))
    trail.append(
        f"Knowability: {len(knowable)} of them were published on or before the as-of date {as_of}; "
        f"{_count(len(later), 'figure')} published later {'are' if len(later) != 1 else 'is'} ignored (no hindsight)."
    )

    roots = root_map(evidence)
    assessments: list[Assessment] = []
    for figure, rel in knowable:
        stance, reason = compare(claim, figure, rel)
        source = evidence.sources[figure.source]
        originator_id = evidence.originator_id(figure)
        assessments.append(
            Assessment(
                item_id=figure.id,
                source_id=source.id,
                originator_id=originator_id,
                line_id=originator_id,
                date=figure.refers_to,
                published=source.published,
                metric=figure.metric,
                stance=stance,
                reason=reason,
                hedge=figure.hedge,
            )
        )
    rank = {"direct": 2, "part": 1, "whole": 0}
    rel_of = {f.id: r for f, r in knowable}
    by_line: dict[str, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_line[a.line_id].append(a)
    lines: list[Line] = []
    counted: set[str] = set()
    for line_id, items in sorted(by_line.items()):
        # The latest figure counts: the latest about the claim's own period when there is one
        # (a later count describes a later state, it does not revise this one), and a credible
        # document's copy beats an aggregator's.
        period = claim.effective_period
        pool = [a for a in items if period.start <= a.date <= period.end] or items
        graded = [
            a for a in pool if _reliability(evidence, a) in scales.CREDIBLE_RELIABILITY
        ] or pool
        latest = max(
            graded, key=lambda a: (a.date, rank[rel_of[a.item_id]], a.published, a.item_id)
        )
        counted.add(latest.item_id)
        source = evidence.sources[latest.source_id]
        originator = evidence.originators[line_id]
        documents = len(echo_family(evidence, source.id, as_of, roots))
        reliability = evidence.figures[latest.item_id].reliability or source.reliability
        lines.append(
            Line(
                id=line_id,
                name=originator.name,
                stance=latest.stance,
                reliability=reliability,
                credible=reliability in scales.CREDIBLE_RELIABILITY,
                party_to_conflict=originator.party_to_conflict,
                item_id=latest.item_id,
                reason=latest.reason,
                hedge=latest.hedge,
                documents=documents,
            )
        )
    assessments = [replace(a, counted=a.item_id in counted) for a in assessments]
    n_docs = len({a.source_id for a in assessments})
    trail.append(
        f"Independence: the {len(assessments)} knowable figures come from {n_docs} documents but only "
        f"{len(lines)} independent originators; each originator's latest figure counts, its earlier ones are history."
    )
    return assessments, lines, [f.id for f, _ in later], sorted(counted)


def _report_lines(
    claim: Claim, evidence: Evidence, as_of: dt.date, trail: list[str]
) -> tuple[list[Assessment], list[Line], list[str], list[str]]:
    """Steps 1 to 4 for event claims: independent first-hand reports are the lines."""
    events = [e for e in evidence.events.values() if e.type == claim.event]
    trail.append(f"Scope: {_count(len(events), 'report')} of the event '{claim.event}'.")
    knowable = [e for e in events if evidence.sources[e.source].published <= as_of]
    later = [e.id for e in events if evidence.sources[e.source].published > as_of]
    trail.append(
        f"Knowability: {len(knowable)} published on or before {as_of} count; {len(later)} published later ignored."
    )
    roots = root_map(evidence)
    assessments: list[Assessment] = []
    for event in knowable:
        stance, reason = compare_event(claim, event)
        source = evidence.sources[event.source]
        assessments.append(
            Assessment(
                item_id=event.id,
                source_id=source.id,
                originator_id=evidence.originator_id(event),
                line_id=roots[source.id][0],
                date=event.date,
                published=source.published,
                metric="event",
                stance=stance,
                reason=reason,
            )
        )
    by_line: dict[str, list[Assessment]] = defaultdict(list)
    for a in assessments:
        by_line[a.line_id].append(a)
    lines, counted = [], set()
    for line_id, items in sorted(by_line.items()):
        first = min(items, key=lambda a: (a.published, a.item_id))
        counted.add(first.item_id)
        source = evidence.sources[line_id]
        lines.append(
            Line(
                id=line_id,
                name=f"{source.outlet} ({source.published})",
                stance=first.stance,
                reliability=source.reliability,
                credible=source.reliability in scales.CREDIBLE_RELIABILITY,
                party_to_conflict=False,
                item_id=first.item_id,
                reason=first.reason,
                hedge=None,
                documents=len(echo_family(evidence, line_id, as_of, roots)),
            )
        )
    assessments = [replace(a, counted=a.item_id in counted) for a in assessments]
    trail.append(
        f"Independence: {_count(len(assessments), 'report')} resolve to {_count(len(lines), 'independent first-hand report')} "
        "(for an event, the witnesses are the outlets that reported it themselves)."
    )
    return assessments, lines, later, sorted(counted)


def _denominators(claim: Claim, evidence: Evidence, as_of: dt.date) -> dict:
    """Loss claims as a share of troops sent, against the initial and the cumulative total."""
    if claim.kind != "quantity" or claim.metric not in LOSS_METRICS:
        return {}
    found = {}
    for metric in (INITIAL_TROOPS, TOTAL_TROOPS):
        candidates = [
            f
            for f in evidence.figures.values()
            if f.subject == claim.subject
            and f.metric == metric
            and evidence.sources[f.source].published <= as_of
            # the figure's own grade first, as for lines of evidence
            and (f.reliability or evidence.sources[f.source].reliability)
            in scales.CREDIBLE_RELIABILITY
        ]
        if candidates:
            latest = max(candidates, key=lambda f: (f.refers_to, f.id))
            total = figure_point(latest)
            found[metric] = {
                "figure": latest.id,
                "originator": evidence.originator_id(latest),
                "troops": total,
                "share": round(claim.value / total, 3) if total else None,
            }
    return found


def _flags(
    claim: Claim,
    evidence: Evidence,
    as_of: dt.date,
    lines: list[Line],
    assessments: list[Assessment],
    decision: Decision,
    denominators: dict,
) -> list[Flag]:
    flags: list[Flag] = []
    decisive = [line for line in lines if line.credible and line.stance != "inconclusive"]
    if len(decisive) == 1:
        only = decisive[0]
        flags.append(
            Flag(
                "single-originator", f"The verdict rests on a single line of evidence: {only.name}."
            )
        )
    for line in lines:
        if line.documents >= ECHO_THRESHOLD:
            flags.append(
                Flag(
                    "echo-amplification",
                    f"{line.documents} documents carry {line.name}'s figure; they are one line of evidence, not {line.documents}.",
                )
            )
    if claim.kind == "quantity" and claim.metric in LOSS_METRICS:
        wider = sorted({a.metric for a in assessments if METRICS[claim.metric].part_of == a.metric})
        if wider:
            flags.append(
                Flag(
                    "terminology",
                    f"The claim says {METRICS[claim.metric].label}; evidence in scope counts {', '.join(METRICS[m].label for m in wider)}, "
                    f"which include more than {METRICS[claim.metric].label} and cannot show how many were {METRICS[claim.metric].label}.",
                )
            )
    if claim.kind == "quantity":
        hedged = [
            line for line in lines if line.credible and line.stance == "supports" and line.hedge
        ]
        if hedged and not claim.hedge:
            flags.append(
                Flag(
                    "hedge-dropped",
                    f"{hedged[0].name} said '{hedged[0].hedge}'; the claim states the figure without that qualifier.",
                )
            )
        if len(denominators) == 2:
            initial, total = denominators[INITIAL_TROOPS], denominators[TOTAL_TROOPS]
            if (
                initial["share"]
                and total["share"]
                and abs(initial["share"] - total["share"]) >= 0.05
            ):
                flags.append(
                    Flag(
                        "denominator",
                        f"{_num(claim.value)} is {initial['share']:.0%} of the {_num(initial['troops'])} initially deployed "
                        f"but {total['share']:.0%} of the {_num(total['troops'])} sent in all: any share depends on which total.",
                    )
                )
    counted_dates = [a.date for a in assessments if a.counted]
    if counted_dates and (as_of - max(counted_dates)).days > STALE_AFTER_DAYS:
        flags.append(
            Flag(
                "stale",
                f"The newest evidence describes {max(counted_dates)}, {(as_of - max(counted_dates)).days} days before the as-of date.",
            )
        )
    if decision.label == "mixed":
        flags.append(
            Flag(
                "originators-in-conflict",
                "Credible originators disagree: some support the claim, others contradict it.",
            )
        )
    parties = [line for line in decisive if line.party_to_conflict]
    if parties:
        flags.append(
            Flag(
                "party-to-conflict",
                f"{', '.join(p.name for p in parties)} {'is a party' if len(parties) == 1 else 'are parties'} to the conflict, with a stake in the numbers.",
            )
        )
    return flags


def assess(claim: Claim, evidence: Evidence, as_of: dt.date | None = None) -> Verdict:
    """Derive the verdict on `claim` from what was knowable on `as_of` (default: the claim's own)."""
    as_of = as_of or claim.effective_as_of
    trail: list[str] = []
    if claim.kind == "event":
        assessments, lines, later, _ = _report_lines(claim, evidence, as_of, trail)
        unit = "report"
    else:
        assessments, lines, later, _ = _originator_lines(claim, evidence, as_of, trail)
        unit = "originator"

    verbs = {
        "supports": ("supports", "support"),
        "contradicts": ("contradicts", "contradict"),
        "inconclusive": ("is inconclusive", "are inconclusive"),
    }
    for stance, (one, many) in verbs.items():
        chosen = [line for line in lines if line.stance == stance]
        if chosen:
            names = "; ".join(f"{line.name}: {line.reason}" for line in chosen)
            count = f"1 line {one}" if len(chosen) == 1 else f"{len(chosen)} lines {many}"
            trail.append(f"Comparison: {count}: {names}.")
    if not lines:
        trail.append("Comparison: no knowable evidence is in scope.")

    decision = decide(lines)
    weak = [line for line in lines if not line.credible and line.stance != "inconclusive"]
    grading = (
        f"Grading: credibility {decision.credibility} ({scales.CREDIBILITY[decision.credibility]}), "
        f"from {sum(1 for line in lines if line.credible and line.stance == 'supports')} supporting and "
        f"{sum(1 for line in lines if line.credible and line.stance == 'contradicts')} contradicting credible lines (reliability A to C)."
    )
    if weak:
        grading += f" {len(weak)} line(s) graded D to F are shown but do not decide."
    trail.append(grading)
    label_info = scales.LABELS[decision.label]
    trail.append(
        f"Label: {label_info.name}, because {label_info.meaning[0].lower()}{label_info.meaning[1:]}"
    )
    if decision.probability:
        term = scales.yardstick_term(decision.probability)
        trail.append(
            f"Probability that the claim is true: {decision.probability} ({term.low} to {term.high}% on the UK yardstick); "
            "no source's own hedge is exceeded."
        )
    else:
        trail.append("Probability: not assessed, because no credible evidence decides the claim.")

    denominators = _denominators(claim, evidence, as_of)
    flags = _flags(claim, evidence, as_of, lines, assessments, decision, denominators)
    if flags:
        trail.append("Flags: " + "; ".join(f.code for f in flags) + ".")

    sensitivity = []
    for line in lines:
        others = [other for other in lines if other.id != line.id]
        without = decide(others).label
        sensitivity.append(
            {"left_out": line.id, "label": without, "changed": without != decision.label}
        )
    changed = [s["left_out"] for s in sensitivity if s["changed"]]
    if not lines:
        trail.append("Sensitivity: nothing to leave out.")
    elif changed:
        trail.append(
            f"Sensitivity: leaving out {', '.join(changed)} changes the label; the verdict hangs on {'it' if len(changed) == 1 else 'them'}."
        )
    else:
        trail.append("Sensitivity: leaving out any one line of evidence does not change the label.")

    return Verdict(
        summary=summarise(decision.label, lines, flags, as_of),
        claim_id=claim.id,
        claim=claim.claim,
        as_of=as_of,
        label=decision.label,
        rating=label_info.rating,
        probability=decision.probability,
        credibility=decision.credibility,
        lines=tuple(lines),
        evidence=tuple(sorted(assessments, key=lambda a: (a.date, a.item_id))),
        flags=tuple(flags),
        reasoning=tuple(trail),
        sensitivity=tuple(sensitivity),
        unit=unit,
        excluded_after_as_of=tuple(sorted(later)),
        data_version=evidence.version,
        denominators=denominators,
    )


def _names(lines: list[Line]) -> str:
    names = [line.name for line in lines]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def summarise(label: str, lines: list[Line], flags: list[Flag], as_of: dt.date) -> str:
    """One sentence that says why, for the verdict box."""
    supporting = [line for line in lines if line.credible and line.stance == "supports"]
    contradicting = [line for line in lines if line.credible and line.stance == "contradicts"]
    others = len(lines) - len(supporting) - len(contradicting)
    codes = {f.code: f for f in flags}
    if label == "unproven":
        text = f"No credible evidence published by {as_of:%d %B %Y} decides the claim; {_count(others, 'line')} of evidence {'is' if others == 1 else 'are'} inconclusive."
    elif label in ("true", "mostly-true"):
        text = f"{_names(supporting)} {'supports' if len(supporting) == 1 else 'support'} the claim and no credible originator contradicts it"
        if label == "mostly-true":
            text += (
                f"; the {_count(others, 'other line')} of evidence neither confirm nor rule it out"
            )
        text += "."
    elif label == "mixed":
        text = f"{_names(supporting)} support the claim but {_names(contradicting)} contradict it."
    else:
        text = f"{_names(contradicting)} {'contradicts' if len(contradicting) == 1 else 'contradict'} the claim and no credible originator supports it."
    if "echo-amplification" in codes and label in ("true", "mostly-true"):
        echoed = max((line for line in supporting), key=lambda line: line.documents, default=None)
        if echoed and echoed.documents >= ECHO_THRESHOLD:
            text += f" The {echoed.documents} documents carrying {echoed.name}'s figure are echoes of one source, not corroboration."
    if "hedge-dropped" in codes:
        text += " The source itself hedged its estimate; the claim does not."
    if "terminology" in codes:
        text += f" {codes['terminology'].text.split(';')[0]}, but the sources count a wider total."
    return text


def history(
    claim: Claim, evidence: Evidence, until: dt.date | None = None
) -> list[tuple[dt.date, str]]:
    """The label on each date new evidence was published: when the claim became supportable."""
    until = until or claim.effective_as_of
    dates = sorted(
        {s.published for s in evidence.sources.values() if s.published and s.published <= until}
    )
    points = []
    last = None
    for day in dates:
        label = assess(claim, evidence, day).label
        if label != last:
            points.append((day, label))
            last = label
    if points and points[-1][0] != until:
        points.append((until, assess(claim, evidence, until).label))
    return points
