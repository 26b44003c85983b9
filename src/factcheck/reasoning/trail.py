"""The reasoning trail: one sentence per step of the engine, in the order the steps run.

Decisions are made elsewhere; this module only says them (words from `factcheck.wording`), and
every sentence must be true of the case it describes (no "0 lines", no "1 line(s)", names
never ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import scales
from ..vocabulary import METRICS
from ..wording import (
    BEFORE_CLAIM,
    CREDIBLE,
    NOT_CREDIBLE,
    flag_title,
    kind_scope_parts,
    longdate,
    names,
    plural,
    verb,
    yardstick_range,
)
from .model import Flag, Line
from .rules import Decision, Tally

STANCES = ("supports", "contradicts", "inconclusive")  # the order the trail compares in


def scope_sentence(n: int, by_rel: dict[str, int], subject: str, metric_label: str) -> str:
    if n == 0:
        return f"Scope: no figure on {subject} bears on {metric_label}."
    parts = []
    if by_rel.get("direct"):
        k = by_rel["direct"]
        parts.append(f"{k} {'counts' if k == 1 else 'count'} {metric_label} directly")
    if by_rel.get("part"):
        k = by_rel["part"]
        parts.append(f"{k} {'counts' if k == 1 else 'count'} a part of them (lower bounds only)")
    if by_rel.get("whole"):
        k = by_rel["whole"]
        parts.append(
            f"{k} {'counts' if k == 1 else 'count'} a wider total that includes them (upper bounds only, never evidence of more)"
        )
    if by_rel.get("bound"):
        k = by_rel["bound"]
        parts.append(
            f"{k} {'counts' if k == 1 else 'count'} the population they are drawn from (a physical upper bound)"
        )
    parts += kind_scope_parts(by_rel)
    bear = "bears" if n == 1 else "bear"
    return (
        f"Scope: {plural(n, 'figure')} on {subject} {bear} on {metric_label}: {', '.join(parts)}."
    )


def event_scope_sentence(n: int) -> str:
    if n == 0:
        return "Scope: no report of the event the claim describes."
    return f"Scope: {plural(n, 'report')} of the event the claim describes."


def knowability_sentence(
    knowable: int, later: int, as_of: dt.date, noun: str, before_claim: bool
) -> str:
    text = (
        f"Knowability: {knowable} of them had been made public by their originator on or before "
        f"the as-of date {longdate(as_of)}"
    )
    if later:
        text += f"; {plural(later, noun)} made public later {'is' if later == 1 else 'are'} ignored (no hindsight)"
    text += "."
    if before_claim:
        text += f" The as-of date is before the claim's date: {BEFORE_CLAIM}."
    return text


def independence_sentence(
    items: int, documents: int, lines: int, independence_unit: str, statement: bool = False
) -> str:
    if not lines:
        return "Independence: no knowable evidence is in scope, so there is no line of evidence."
    if statement:
        return (
            f"Independence: {plural(items, 'report')} from {plural(documents, 'document')} "
            f"come from {plural(lines, 'independent outlet')}: the claim is that a statement was "
            "made, which the outlets that reported it document; a copy of another outlet's report "
            "is that outlet's line of evidence. The speaker's stake bears on what it said, not "
            "on whether it said it."
        )
    if independence_unit == "report":
        return (
            f"Independence: {plural(items, 'report')} from {plural(documents, 'document')} "
            f"resolve to {plural(lines, 'independent originator')}: a line of evidence is the body whose "
            "statement or action is reported, however many outlets report it."
        )
    return (
        f"Independence: the {plural(items, 'knowable figure')} come from {plural(documents, 'document')} "
        f"and {plural(lines, 'independent originator')}; on each metric an originator's latest figure "
        "revises its earlier ones, its figures on different metrics combine (the strongest relation "
        "to the claim decides), and parts of one statement are added up."
    )


def growth_sentence(growth: dict) -> str:
    """The growth ceilings an earlier count is held to, with where each comes from."""
    said = "; ".join(
        f"on {METRICS[metric].label}, {g.describe()}" for metric, g in sorted(growth.items())
    )
    return (
        "Growth: a count made before the date the claim describes can have grown since, but no "
        "faster than any credible source has shown, between two of its own counts or within a "
        f"dated window: {said}."
    )


def revision_sentence(revised: Sequence[str]) -> str:
    return (
        f"Revisions: {plural(len(revised), 'figure')} revised by a later figure of the same "
        f"originator ({names(list(revised))}) no longer {'speaks' if len(revised) == 1 else 'speak'} "
        "for it; without such a link a later figure is weighed beside the earlier one, not instead of it."
    )


def comparison_sentences(lines: Sequence[Line]) -> list[str]:
    out = []
    for stance in STANCES:
        chosen = [line for line in lines if line.stance == stance]
        if chosen:
            said = "; ".join(f"{line.name}: {line.reason}" for line in chosen)
            out.append(
                f"Comparison: {plural(len(chosen), 'line')} of evidence {verb(len(chosen), stance)}: {said}."
            )
    if not lines:
        out.append("Comparison: no knowable evidence is in scope.")
    return out


def _tally_words(tally: Tally) -> str:
    parts = []
    if tally.s:
        parts.append(plural(tally.s, "supporting credible line") + " of evidence")
    if tally.c:
        parts.append(plural(tally.c, "contradicting credible line") + " of evidence")
    return (
        " and ".join(parts)
        if parts
        else "no credible line of evidence that supports or contradicts the claim"
    )


def grading_sentence(decision: Decision, lines: Sequence[Line]) -> str:
    tally = Tally.of(lines)
    text = (
        f"Grading: credibility {decision.credibility} ({scales.CREDIBILITY[decision.credibility]}), "
        f"from {_tally_words(tally)} (reliability {CREDIBLE})."
    )
    own = [line for line in tally.supporting if line.claimant]
    if own:
        text += (
            f" {own[0].name} is the claimant's own line of evidence: it shows what the claim's "
            "source said, not independent confirmation, so "
            + (
                f"{plural(tally.confirming, 'other line')} of evidence "
                f"{'confirms' if tally.confirming == 1 else 'confirm'} the claim."
                if tally.confirming
                else "no other line of evidence confirms the claim."
            )
        )
    weak = [line for line in lines if not line.credible and line.stance != "inconclusive"]
    if weak:
        n = len(weak)
        text += f" {plural(n, 'line')} of evidence graded {NOT_CREDIBLE} {'is' if n == 1 else 'are'} shown but {'does' if n == 1 else 'do'} not decide."
    return text


def label_sentence(label: str) -> str:
    info = scales.LABELS[label]
    return f"Label: {info.name}, because {info.meaning[0].lower()}{info.meaning[1:]}"


def probability_sentence(decision: Decision, lines: Sequence[Line]) -> str:
    if not decision.probability:
        return "Probability: not assessed, because no credible evidence decides the claim."
    term = scales.yardstick_term(decision.probability)
    text = (
        f"Probability that the claim is true: {decision.probability} "
        f"({yardstick_range(term)} on the UK yardstick)"
    )
    supporting = Tally.of(lines).supporting
    if decision.cap:
        capper = [line for line in supporting if line.hedge == decision.cap][0]
        if decision.capped:
            text += f", lowered to match {capper.name}, which itself said '{capper.hedge}'."
        else:
            text += f", no surer than {capper.name}, which itself said '{capper.hedge}'."
    elif any(line.hedge for line in supporting):
        text += "; a supporting source's hedge does not cap it, because another independent line of evidence supports the claim with more confidence."
    else:
        text += "."
    return text


def flags_sentence(flags: Sequence[Flag]) -> str | None:
    if not flags:
        return None
    return "Warnings: " + "; ".join(flag_title(f.code) for f in flags) + "."


def sensitivity_sentence(sensitivity: Sequence[dict], lines: Sequence[Line]) -> str:
    if not lines:
        return "Sensitivity: nothing to leave out."
    changed = [str(s["name"]) for s in sensitivity if s["changed"]]
    if changed:
        return (
            f"Sensitivity: leaving out {names(changed)} changes the label; the verdict hangs on "
            f"{'it' if len(changed) == 1 else 'each of them'}."
        )
    if len(lines) == 1:
        return "Sensitivity: leaving out the only line of evidence does not change the label."
    return "Sensitivity: leaving out any one line of evidence does not change the label."
