"""Warnings a reader needs beside the label. Each follows only the lines that decide the verdict."""

from __future__ import annotations

import datetime as dt

from ..schema import Claim
from ..vocabulary import INITIAL_TROOPS, LOSS_METRICS, METRICS, TOTAL_TROOPS
from .intervals import num
from .model import Assessment, Flag, Line
from .rules import Decision, hedge_cap

STALE_AFTER_DAYS = 90
ECHO_THRESHOLD = 3  # this many repeats of one originator's figure is worth a flag

# Short names for the reasoning trail: codes are for machines, these for readers.
FLAG_TITLES: dict[str, str] = {
    "single-originator": "it rests on a single line of evidence",
    "echo-amplification": "many reports repeat one source",
    "terminology": "the sources count a wider total than the claim",
    "hedge-dropped": "the claim drops its source's hedge",
    "denominator": "a share depends on which total",
    "stale": "the deciding evidence is old",
    "originators-in-conflict": "credible sources disagree",
    "party-to-conflict": "a deciding source is a party to the conflict",
}


def deciding(lines: list[Line] | tuple[Line, ...]) -> list[Line]:
    """The credible lines that support or contradict: the only ones a flag may speak of."""
    return [line for line in lines if line.credible and line.stance != "inconclusive"]


def _names(lines: list[Line]) -> str:
    names = [line.name for line in lines]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def flags_for(
    claim: Claim,
    as_of: dt.date,
    lines: list[Line],
    assessments: list[Assessment],
    decision: Decision,
    denominators: dict,
) -> list[Flag]:
    flags: list[Flag] = []
    decisive = deciding(lines)
    if len(decisive) == 1:
        flags.append(
            Flag(
                code="single-originator",
                text=f"The verdict rests on a single line of evidence: {decisive[0].name}.",
            )
        )
    for line in decisive:
        if line.echoes >= ECHO_THRESHOLD:
            flags.append(
                Flag(
                    code="echo-amplification",
                    text=f"{line.echoes} other documents repeat {line.name}'s figure; with the original "
                    f"they are one line of evidence, not {line.documents}.",
                )
            )
    if claim.kind == "quantity" and claim.metric in LOSS_METRICS:
        # Only when no deciding line counts the claim's own metric (or a part of it).
        direct = [line for line in decisive if line.relation in ("direct", "part")]
        wider = sorted({a.metric for a in assessments if METRICS[claim.metric].part_of == a.metric})
        if wider and not direct:
            label = METRICS[claim.metric].label
            own = any(a.metric == claim.metric for a in assessments)
            flags.append(
                Flag(
                    code="terminology",
                    text=f"The claim says {label}; {'some ' if own else ''}evidence in scope counts "
                    f"{', '.join(METRICS[m].label for m in wider)}, which include more than {label} "
                    f"and cannot show how many were {label}"
                    + (f"; the {label} figures in scope do not settle the claim." if own else "."),
                )
            )
    if claim.kind == "quantity":
        supporting = [line for line in decisive if line.stance == "supports"]
        cap = hedge_cap(supporting)
        if cap and not claim.hedge:
            hedged = [line for line in supporting if line.hedge == cap][0]
            flags.append(
                Flag(
                    code="hedge-dropped",
                    text=f"{hedged.name} said '{hedged.hedge}'; the claim states the figure without that qualifier.",
                )
            )
        # Only a claim that states or implies a share ("more than half") rests on a total.
        if claim.share and INITIAL_TROOPS in denominators and TOTAL_TROOPS in denominators:
            initial, total = denominators[INITIAL_TROOPS], denominators[TOTAL_TROOPS]
            if (
                initial["share"]
                and total["share"]
                and abs(initial["share"] - total["share"]) >= 0.05
            ):
                flags.append(
                    Flag(
                        code="denominator",
                        text=f"{num(claim.value or 0)} is {initial['share']:.0%} of the {num(initial['troops'])} initially deployed "
                        f"but {total['share']:.0%} of the {num(total['troops'])} sent in all: any share depends on which total.",
                    )
                )
    # Old means old against the time the claim describes, and only for lines that decide.
    deciding_ids = {line.id for line in decisive}
    dates = [a.date for a in assessments if a.counted and a.line_id in deciding_ids]
    described = min(as_of, claim.effective_period.end)
    if dates and (described - max(dates)).days > STALE_AFTER_DAYS:
        gap = (described - max(dates)).days
        flags.append(
            Flag(
                code="stale",
                text=f"The newest deciding evidence describes {max(dates)}, {gap} days before the date the claim describes.",
            )
        )
    if decision.label == "mixed":
        flags.append(
            Flag(
                code="originators-in-conflict",
                text="Credible originators disagree: some support the claim, others contradict it.",
            )
        )
    parties = [line for line in decisive if line.party_to_conflict]
    if parties:
        flags.append(
            Flag(
                code="party-to-conflict",
                text=f"{_names(parties)} {'is a party' if len(parties) == 1 else 'are parties'} to the conflict, with a stake in {'how it is told' if claim.kind == 'event' else 'the numbers'}.",
            )
        )
    return flags
