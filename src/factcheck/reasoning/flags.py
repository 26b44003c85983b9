"""Warnings a reader needs beside the label. Each follows only the lines that decide the verdict."""

from __future__ import annotations

import datetime as dt

from ..schema import Claim
from ..vocabulary import METRICS, RATIO_METRICS
from .model import Assessment, Flag, Line
from .rules import Decision, hedge_cap

STALE_AFTER_DAYS = 90  # deciding evidence older than this, against the described date, is flagged
ECHO_THRESHOLD = 3  # this many repeats of one originator's figure is worth a flag
SHARE_GAP = 0.05  # shares of the two totals this far apart make the denominator worth a flag


def deciding(lines: list[Line] | tuple[Line, ...]) -> list[Line]:
    """The credible lines that support or contradict: the only ones a flag may speak of."""
    return [line for line in lines if line.decides]


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
                names=(decisive[0].name,),
                line_ids=(decisive[0].id,),
            )
        )
    for line in decisive:
        if line.echoes >= ECHO_THRESHOLD:
            flags.append(
                Flag(
                    code="echo-amplification",
                    names=(line.name,),
                    line_ids=(line.id,),
                    echoes=line.echoes,
                    documents=line.documents,
                )
            )
    wider_metric = METRICS[claim.metric].part_of if claim.kind == "quantity" else None
    if wider_metric and METRICS[wider_metric].whole_note:
        # Only when no deciding line counts the claim's own metric (or a part of it).
        direct = [line for line in decisive if line.relation in ("direct", "part")]
        wider = sorted({a.metric for a in assessments if METRICS[claim.metric].part_of == a.metric})
        if wider and not direct:
            label = METRICS[claim.metric].label
            own = any(a.metric == claim.metric for a in assessments)
            flags.append(
                Flag(
                    code="terminology",
                    metric=label,
                    metrics=tuple(METRICS[m].label for m in wider),
                    own_metric=own,
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
                    names=(hedged.name,),
                    line_ids=(hedged.id,),
                    hedge=hedged.hedge or "",
                )
            )
        # Only a claim that states or implies a share ("more than half") rests on a total.
        totals = RATIO_METRICS.get(claim.metric, ())
        if (
            claim.share
            and len(totals) >= 2
            and totals[0] in denominators
            and totals[-1] in denominators
        ):
            initial, total = denominators[totals[0]], denominators[totals[-1]]
            if (
                initial["share"]
                and total["share"]
                and abs(initial["share"] - total["share"]) >= SHARE_GAP
            ):
                shares = tuple(
                    {
                        "metric": m,
                        "whole": denominators[m]["whole"],
                        "share": denominators[m]["share"],
                    }
                    for m in (totals[0], totals[-1])
                )
                flags.append(Flag(code="denominator", value=claim.value or 0, shares=shares))
    # Old means old against the time the claim describes, and only for lines that decide.
    deciding_ids = {line.id for line in decisive}
    dates = [a.date for a in assessments if a.counted and a.line_id in deciding_ids]
    described = min(as_of, claim.effective_period.end)
    if dates and (described - max(dates)).days > STALE_AFTER_DAYS:
        gap = (described - max(dates)).days
        flags.append(
            Flag(
                code="stale",
                date=max(dates),
                days=gap,
            )
        )
    if decision.label == "mixed":
        flags.append(Flag(code="originators-in-conflict"))
    parties = [line for line in decisive if line.party_to_conflict]
    if parties:
        flags.append(
            Flag(
                code="party-to-conflict",
                names=tuple(line.name for line in parties),
                line_ids=tuple(line.id for line in parties),
                event=claim.kind == "event",
            )
        )
    return flags
