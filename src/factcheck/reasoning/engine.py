"""The verdict engine: from a claim and the evidence to a label, with every step written down.

The steps run in a fixed order (scope, knowability, independence, comparison, grading, label,
flags, sensitivity, history); each appends plain sentences to the reasoning trail. Everything
here is a pure function of (claim, evidence, as-of date): no I/O, no clock, no randomness.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from .. import scales
from ..evidence import Evidence
from ..schema import Claim
from ..vocabulary import METRICS, RATIO_METRICS
from ..wording import revised_words
from . import narration
from .bounds import LargestReported
from .changes import what_would_change
from .events import event_lines
from .flags import flags_for
from .growth import GrowthTimeline, growth_ceilings, growth_pairs
from .intervals import figure_point
from .kinds import not_in_scope_sentence
from .knowledge import first_public, is_knowable, reliability_of
from .lines import Judged, deciding_line, judge, originator_lines
from .model import Assessment, HistoryPoint, Line, Verdict
from .readings import quantity
from .rules import decide
from .scope import ActiveByDay, Scoped, scope


@dataclass(frozen=True)
class _Core:
    """Steps 1 to 4: everything the rule tables need, and what the trail reports of it."""

    assessments: list[Assessment]
    lines: list[Line]
    later: list[str]
    trail: list[str]
    independence_unit: str  # what one line of evidence is: an originator or a report
    scoped: Scoped | None = None
    judged: tuple[Judged, ...] = ()
    pairs: tuple = ()  # every pair of counts that shows growth (for the growth ceilings)


def _core(claim: Claim, evidence: Evidence, as_of: dt.date) -> _Core:
    before_claim = as_of < claim.claim_date
    trail: list[str] = []
    if claim.kind != "quantity":
        n, assessments, lines, later = event_lines(claim, evidence, as_of)
        trail.append(narration.event_scope_sentence(n))
        trail.append(
            narration.knowability_sentence(
                len(assessments), len(later), as_of, "report", before_claim
            )
        )
        independence_unit = "report"
        scoped, judged, pairs = None, [], []
    else:
        scoped = scope(claim, evidence, as_of)
        subject = evidence.subjects.get(claim.subject or "")
        trail.append(
            narration.scope_sentence(
                scoped.in_scope,
                scoped.by_rel,
                subject.name if subject else str(claim.subject),
                METRICS[claim.metric].label,
            )
        )
        trail.append(
            narration.knowability_sentence(
                scoped.in_scope - len(scoped.later),
                len(scoped.later),
                as_of,
                "figure",
                before_claim,
            )
        )
        outside = not_in_scope_sentence(claim, evidence, as_of)
        if outside:  # listed for the reader with why, never silently dropped
            trail.append(outside)
        pool = scoped.active(as_of)
        pairs = growth_pairs(scoped.knowable, evidence, scoped.revised)
        growth = growth_ceilings(pool, evidence, pairs, as_of)
        judged = judge(claim, pool, growth)
        start = claim.effective_period.start
        used = {
            c.figure.metric
            for c in pool
            if c.figure.refers_to < start and c.rel in ("direct", "whole")
        } & set(growth)
        if used:
            trail.append(narration.growth_sentence({m: growth[m] for m in used}))
        if scoped.revised:
            trail.append(narration.revision_sentence(_revised_words(evidence, scoped.revised)))
        assessments, lines = originator_lines(claim, evidence, as_of, scoped, judged)
        later = list(scoped.later)
        independence_unit = "originator"
    documents = len({a.source_id for a in assessments})
    trail.append(
        narration.independence_sentence(
            len(assessments),
            documents,
            len(lines),
            independence_unit,
            statement=claim.kind == "statement",
        )
    )
    return _Core(
        assessments, lines, later, trail, independence_unit, scoped, tuple(judged), tuple(pairs)
    )


def _revised_words(evidence: Evidence, revised: dict[str, dt.date]) -> list[str]:
    """Each revised figure as a reader knows it: whose, what, and when it was revised."""
    out = []
    for figure_id in sorted(revised, key=lambda i: (evidence.figures[i].refers_to, revised[i])):
        f = evidence.figures[figure_id]
        origin = evidence.originators.get(evidence.originator_id(f))
        words = revised_words(origin.name if origin else "", quantity(f), revised[figure_id])
        if words not in out:  # a repeated copy of a revised figure is the same figure
            out.append(words)
    return out


def _denominators(claim: Claim, evidence: Evidence, as_of: dt.date) -> dict:
    """The claimed number as a share of each total its metric declares (`ratio_to`)."""
    if claim.kind != "quantity" or claim.metric not in RATIO_METRICS:
        return {}
    found = {}
    for metric in RATIO_METRICS[claim.metric]:
        candidates = [
            f
            for f in evidence.figures.values()
            if f.subject == claim.subject
            and f.metric == metric
            and is_knowable(evidence, f.source, as_of, f)
            and reliability_of(evidence, f) in scales.CREDIBLE_RELIABILITY
        ]
        if candidates:
            latest = max(
                candidates,
                key=lambda f: (
                    f.refers_to,
                    first_public(evidence, f.source, f),
                    f.low,
                    f.high,
                    f.quote,
                ),
            )
            total = figure_point(latest)
            if not math.isfinite(total):
                continue  # no share of an unlimited total
            originator = evidence.originator_id(latest)
            found[metric] = {
                "figure": latest.id,
                "originator": originator,
                "name": evidence.originators[originator].name
                if originator in evidence.originators
                else originator,
                "whole": total,
                "share": _share(claim.value or 0, total),
            }
    return found


def _share(value: float, total: float) -> float | None:
    """The claimed number as a share of a total, where that is a finite number."""
    if not total or not math.isfinite(total) or not math.isfinite(value):
        return None
    return round(value / total, 3)


def _history(
    claim: Claim, evidence: Evidence, as_of: dt.date, label: str, core: _Core
) -> list[HistoryPoint]:
    """The label on each date new evidence became public, up to as-of.

    No full re-assessment: stances do not depend on the date, so the comparisons made for
    as-of are filtered to what was public on each earlier day and the rule tables reapplied.
    """
    scoped = core.scoped
    if scoped is None:
        events = [e for e in evidence.events.values() if e.type == claim.event]
        dates = {first_public(evidence, e.source, e) for e in events}
    else:
        dates = {c.published for c in scoped.knowable} | set(scoped.revised.values())
    points: list[HistoryPoint] = []
    last = None
    # Quantity claims: only the originators with news on a day need their line recomputed,
    # unless the growth ceiling changed or a revision became public: then all are rejudged.
    by_originator: dict[str, list[Judged]] = {}
    current: dict[str, Line] = {}
    growth = None
    timeline = GrowthTimeline(list(core.pairs)) if scoped is not None else None
    actives = ActiveByDay(scoped) if scoped is not None else None
    start = claim.effective_period.start
    # Each comparison's latest judgement, with what it depended on. Caps and ceilings move on
    # as news arrives, so an older judgement is seldom asked for again: it is dropped (and
    # judged again if it is). Keeping every one held 80 MB on a claim over 3,400 estimates.
    memo: dict[int, tuple[tuple, Judged]] = {}

    largest = LargestReported(claim, scoped.knowable if scoped is not None else ())

    def judged_on(pool, growth) -> list[Judged]:
        """The comparison, remembered: only an earlier count's depends on the growth ceiling,
        and only an upper bound's on the largest figure reported beyond it so far, through
        the cap it sets (the history reads stances alone, which the cap decides)."""
        out = []
        for c in pool:
            rises = c.figure.refers_to < start and c.rel in ("direct", "whole")
            depends = (growth.get(c.figure.metric) if rises else None, largest.cap_of(c))
            known = memo.get(id(c))
            if known is None or known[0] != depends:
                known = memo[id(c)] = (depends, judge(claim, [c], growth, largest.of)[0])
            out.append(known[1])
        return out

    published: dict[dt.date, list] = defaultdict(list)
    for c in scoped.knowable if scoped is not None else ():
        published[c.published].append(c)
    revision_days = set(scoped.revised.values()) if scoped is not None else set()
    for day in sorted(d for d in dates if d is not None and d <= as_of):
        if day == as_of:
            break
        if scoped is None or timeline is None:
            lines = event_lines(claim, evidence, day, counts=False)[2]
        else:
            now_growth = timeline.at(day)
            active = actives.at(day)
            news = [c for c in published[day] if not scoped.revised_by(c, day)]
            # An upper bound holds only while nothing larger is public: a day's news can lift
            # another originator's bound, which is then judged again.
            if day in revision_days:
                largest.reset(active)
                lifted = set()
            else:
                lifted = largest.add(news, active)
            if now_growth != growth or day in revision_days:
                # Everything is judged again; a line whose items judge the same is kept.
                growth = now_growth
                before = {org: {id(j) for j in items} for org, items in by_originator.items()}
                by_originator = {}
                for j in judged_on(active, growth):
                    by_originator.setdefault(j[0].originator, []).append(j)
                current = {
                    org: current[org]
                    if org in current and before.get(org) == {id(j) for j in items}
                    else deciding_line(claim, evidence, org, items, day)
                    for org, items in by_originator.items()
                }
                fresh, touched = [], set()
            else:
                fresh = judged_on(news, growth)
                touched = set()
                # A bound whose cap rose is judged again; its line only if a stance changed.
                for org in sorted({largest.bounds[i].originator for i in lifted}):
                    items = by_originator[org]
                    again = [
                        judged_on([j[0]], growth)[0] if id(j[0]) in lifted else j for j in items
                    ]
                    if any(a[1] != b[1] for a, b in zip(again, items, strict=True)):
                        touched.add(org)
                    by_originator[org] = again
            for j in fresh:
                by_originator.setdefault(j[0].originator, []).append(j)
            for org in {j[0].originator for j in fresh} | touched:
                current[org] = deciding_line(claim, evidence, org, by_originator[org], day)
            lines = list(current.values())
        now = decide(lines).label
        if now != last:
            points.append(HistoryPoint(date=day, label=now))
            last = now
    points.append(HistoryPoint(date=as_of, label=label))
    return points


def assess(claim: Claim, evidence: Evidence, as_of: dt.date | None = None) -> Verdict:
    """Derive the verdict on `claim` from what was knowable on `as_of` (default: the claim's own)."""
    as_of = as_of or claim.effective_as_of
    core = _core(claim, evidence, as_of)
    lines, assessments, trail = core.lines, core.assessments, core.trail
    trail.extend(narration.comparison_sentences(lines))

    decision = decide(lines)
    trail.append(narration.grading_sentence(decision, lines))
    trail.append(narration.label_sentence(decision.label))
    trail.append(narration.probability_sentence(decision, lines))

    denominators = _denominators(claim, evidence, as_of)
    flags = flags_for(claim, as_of, lines, assessments, decision, denominators)
    warnings = narration.flags_sentence(flags)
    if warnings:
        trail.append(warnings)

    sensitivity = []
    for line in lines:
        without = decide([other for other in lines if other.id != line.id]).label
        sensitivity.append(
            {
                "left_out": line.id,
                "name": line.name,
                "label": without,
                "changed": without != decision.label,
            }
        )
    trail.append(narration.sensitivity_sentence(sensitivity, lines))

    verdict = Verdict(
        summary=narration.summarise(decision.label, lines, flags, as_of),
        claim_id=claim.id,
        claim=claim.claim,
        claim_date=claim.claim_date,
        as_of=as_of,
        label=decision.label,
        rating=scales.LABELS[decision.label].rating,
        probability=decision.probability,
        credibility=decision.credibility,
        lines=tuple(lines),
        evidence=tuple(sorted(assessments, key=lambda a: (a.date, a.item_id))),
        flags=tuple(flags),
        reasoning=tuple(trail),
        sensitivity=tuple(sensitivity),
        independence_unit=core.independence_unit,
        excluded_after_as_of=tuple(sorted(core.later)),
        data_version=evidence.version,
        denominators=denominators,
        history=tuple(_history(claim, evidence, as_of, decision.label, core)),
        changes=what_would_change(lines, decision.label),
    )
    return verdict.model_copy(
        update={
            "why": tuple(narration.why_bullets(verdict, evidence)),
            "how_sure": narration.how_sure(verdict),
        }
    )


def history(
    claim: Claim, evidence: Evidence, until: dt.date | None = None
) -> list[tuple[dt.date, str]]:
    """The label on each date new evidence was published: when the claim became supportable."""
    return [(p.date, p.label) for p in assess(claim, evidence, until).history]
