"""The sentences for readers: the summary, the plain "why" bullets and how sure we are.

The rating's meaning is printed beside the rating, so no bullet repeats it; words come from
`factcheck.wording`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import scales
from ..evidence import Evidence
from ..vocabulary import METRICS
from ..wording import (
    BEFORE_CLAIM,
    amount_of,
    in_100,
    longdate,
    names,
    plural,
    share_depends,
    share_words,
    verb,
)
from .flags import ECHO_THRESHOLD, deciding
from .model import Assessment, Flag, Line, Verdict
from .rules import Tally

# Yardstick terms that are nouns take an article: "a realistic possibility", "a remote chance".
ARTICLE = ("realistic possibility", "remote chance")


def summarise(label: str, lines: Sequence[Line], flags: Sequence[Flag], as_of: dt.date) -> str:
    """One sentence (or three) that says why, for the verdict box."""
    tally = Tally.of(lines)
    supporting, contradicting = list(tally.supporting), list(tally.contradicting)
    inconclusive = [line for line in lines if line.stance == "inconclusive"]
    codes = {f.code: f for f in flags}
    if label == "unproven":
        text = f"No credible evidence published by {longdate(as_of)} decides the claim"
        if inconclusive:
            n = len(inconclusive)
            text += f"; {plural(n, 'line')} of evidence {'is' if n == 1 else 'are'} inconclusive"
        text += "."
    elif label in ("true", "mostly-true") and all(line.claimant for line in supporting):
        text = (
            f"Only {names(supporting)}, whose own word the claim restates, supports it; no "
            "independent source confirms it and no credible originator contradicts it"
        )
        if inconclusive:
            n = len(inconclusive)
            text += (
                f"; {plural(n, 'other line')} of evidence neither "
                f"{'confirms' if n == 1 else 'confirm'} nor {'rules' if n == 1 else 'rule'} it out"
            )
        text += "."
    elif label in ("true", "mostly-true"):
        text = f"{names(supporting)} {verb(len(supporting), 'supports')} the claim and no credible originator contradicts it"
        if label == "mostly-true" and inconclusive:
            n = len(inconclusive)
            text += (
                f"; {plural(n, 'other line')} of evidence neither "
                f"{'confirms' if n == 1 else 'confirm'} nor {'rules' if n == 1 else 'rule'} it out"
            )
        text += "."
    elif label == "mixed":
        text = (
            f"{names(supporting)} {verb(len(supporting), 'supports')} the claim but "
            f"{names(contradicting)} {verb(len(contradicting), 'contradicts')} it."
        )
    else:
        text = f"{names(contradicting)} {verb(len(contradicting), 'contradicts')} the claim and no credible originator supports it."
    if "echo-amplification" in codes and label in ("true", "mostly-true"):
        echoed = max(supporting, key=lambda line: line.echoes, default=None)
        if echoed and echoed.echoes >= ECHO_THRESHOLD:
            text += f" The {echoed.echoes} other documents carrying the figure from {echoed.name} repeat it; they are not corroboration."
    if "hedge-dropped" in codes:
        text += " The source itself hedged its estimate; the claim does not."
    if "terminology" in codes:
        text += (
            f" The claim says {codes['terminology'].metric}, but the sources count a wider total."
        )
    return text


def _said(line: Line, evidence: Sequence[Assessment]) -> str:
    """What a line's deciding items say, in the source's words: 'about 300 killed and ...'."""
    counted = [a for a in evidence if a.line_id == line.id and a.counted]
    if not counted or line.metric == "event":
        return line.reason
    parts = [
        amount_of(a.stated, METRICS[a.metric].label) if a.metric in METRICS else a.stated
        for a in counted
    ]
    when = max(a.date for a in counted)
    return f"{' and '.join(parts)} by {longdate(when)}"


def _when(line: Line, evidence: Sequence[Assessment]) -> dt.date:
    dates = [a.date for a in evidence if a.line_id == line.id and a.counted]
    return max(dates) if dates else dt.date.min


def _reported(line: Line, verdict: Verdict, evidence: Evidence | None, within: bool) -> str:
    """What a body was reported doing, in the event's own summary, and by which outlets."""
    items = [a for a in verdict.evidence if a.line_id == line.id and a.stance == line.stance]
    counted = [a for a in items if a.counted] or items
    when = longdate(_when(line, verdict.evidence))
    event = evidence.events.get(counted[0].item_id) if evidence and counted else None
    if event is None:
        where = "within" if within else "outside"
        return f"{line.name} did what the claim says, as reported on {when}, {where} the period the claim names."
    outlets: list[str] = []
    for a in sorted(items, key=lambda a: (a.date, a.source_id)):
        source = evidence.sources.get(a.source_id)
        if source and source.outlet not in outlets:
            outlets.append(source.outlet)
    said = event.summary.strip().rstrip(".")
    if line.relation == "statement":  # the line is the outlet that reported the statement
        text = f"{line.name} reported it on {when}: {said}."
        if not within:
            text += " That is outside the period the claim names."
        return text
    text = f"{line.name}, as reported by {names(outlets)} on {when}: {said}."
    if ":" in said:
        text = f"As {names(outlets)} reported on {when}, from {line.name}. {said}."
    if not within:
        text += " That is outside the period the claim names."
    return text


def why_bullets(verdict: Verdict, evidence: Evidence | None = None) -> list[str]:
    """Three to five plain sentences: who says so, what else was said and when, what is left out.

    The rating's meaning is printed beside the rating, so no bullet repeats it. `evidence`
    lets an event claim say what was reported and by whom; without it the sentence is generic.
    """
    bullets: list[str] = []
    lines = verdict.lines
    tally = Tally.of(lines)
    codes = {f.code: f for f in verdict.flags}
    # The claimant's own line first: it is what was said, and the rest is checked against it.
    supporting = sorted(tally.supporting, key=lambda line: not line.claimant)
    for line in supporting[:2]:
        hedge = f" and called it {line.hedge}" if line.hedge else ""
        if line.claimant and verdict.independence_unit == "originator":
            called = f", which it called {line.hedge}" if line.hedge else ""
            shows = (  # the claimant's word alone is not confirmation; say whether others gave it
                "That shows what it said; the independent sources below confirm it."
                if tally.confirming
                else "That shows what it said, not that anyone independent confirmed it."
            )
            bullets.append(
                f"The claim restates the estimate of its own source, {line.name}: "
                f"{_said(line, verdict.evidence)}{called}. " + shows
            )
        elif verdict.independence_unit == "report":
            bullets.append(_reported(line, verdict, evidence, within=True))
        else:
            bullets.append(f"{line.name} estimated {_said(line, verdict.evidence)}{hedge}.")
    if tally.s > 2:
        rest = supporting[2:]
        bullets.append(
            f"{names(rest)} {'says' if len(rest) == 1 else 'say'} so too, independently."
        )
    if any(line.claimant for line in supporting) and not tally.confirming:
        bullets.append(
            f"No independent source had confirmed it by {longdate(verdict.as_of)}; "
            "none of the other estimates rules it out."
        )
    for line in tally.contradicting[:2]:
        if verdict.independence_unit == "report":
            bullets.append(_reported(line, verdict, evidence, within=False))
        else:
            bullets.append(
                f"{line.name} put it at {_said(line, verdict.evidence)}, which rules the claim out."
            )
    if not tally.s and not tally.c:
        bullets.append(
            f"No reliable source had published evidence that settles the claim by {longdate(verdict.as_of)}."
        )
    others = [line for line in lines if line.stance == "inconclusive" and line.credible]
    if others and verdict.independence_unit == "originator":
        recent = sorted(others, key=lambda line: _when(line, verdict.evidence))[-3:]
        listed = "; ".join(f"{line.name}, {_said(line, verdict.evidence)}" for line in recent)
        more = len(others) - len(recent)
        tail = f" (and {plural(more, 'other source')})" if more else ""
        bullets.append(f"Other estimates do not settle it either way: {listed}{tail}.")
    if "hedge-dropped" in codes:
        line = next(line for line in tally.supporting if line.hedge)
        bullets.append(
            f"The claim leaves out that {line.name} said '{line.hedge}': an assessment, not a count."
        )
    # What readers should know about a metric is declared with it (metrics.csv: whole_note, note).
    wider = [METRICS[line.metric].whole_note for line in lines if line.relation == "whole"]
    if "terminology" in codes:  # the wider metrics in scope say why they cannot count the claim's
        wider += sorted(
            METRICS[a.metric].whole_note for a in verdict.evidence if a.metric in METRICS
        )
    # A capacity in scope is named whether or not it decides: the claim may have turned it
    # into a count (metrics.csv: the capacity's note says so).
    notes = [METRICS[line.metric].note for line in lines if line.relation == "capacity"]
    notes += [
        METRICS[line.metric].note
        for line in deciding(lines)
        if verdict.independence_unit == "originator" and line.metric in METRICS
    ]
    if any(notes):
        bullets.append(next(n for n in notes if n))
    if any(wider):
        bullets.append(next(w for w in wider if w))
    if "denominator" in codes:
        flag = codes["denominator"]
        bullets.append(share_depends(share_words(flag.value, flag.shares)))
    if "echo-amplification" in codes:
        line = max(deciding(lines), key=lambda line: line.echoes)
        bullets.append(
            f"The {line.echoes} other reports of this figure all repeat {line.name}; they are one source, not {line.documents}."
        )
    if "party-to-conflict" in codes:
        bullets.append(codes["party-to-conflict"].text)
    speakers = _speakers(verdict, evidence)
    if speakers:
        bullets.append(
            f"That {names(speakers)} made the statement is documented by the outlets that reported "
            f"it; {'it is a party' if len(speakers) == 1 else 'they are parties'} to the conflict, "
            "so what the statement asserts is another question, which this rating does not judge."
        )
    if verdict.claim_date and verdict.as_of < verdict.claim_date:
        bullets.append(f"This verdict is {BEFORE_CLAIM} ({longdate(verdict.as_of)}).")
    for extra in _context(verdict):
        if len(bullets) >= 3:
            break
        bullets.append(extra)
    return bullets[:5]


def _speakers(verdict: Verdict, evidence: Evidence | None) -> list[str]:
    """The parties to the conflict whose statements the deciding outlets reported."""
    if evidence is None:
        return []
    found: list[str] = []
    deciding_ids = {line.id for line in deciding(verdict.lines) if line.relation == "statement"}
    for a in verdict.evidence:
        body = evidence.originators.get(a.originator_id)
        if a.line_id in deciding_ids and body and body.party_to_conflict and body.name not in found:
            found.append(body.name)
    return sorted(found)


def _context(verdict: Verdict) -> list[str]:
    """Sentences that are true of any verdict, to make up three bullets when little else applies."""
    lines = verdict.lines
    decisive = deciding(lines)
    by = longdate(verdict.as_of)
    out = []
    weak = [line for line in lines if not line.credible]
    if weak:
        n = len(weak)
        out.append(
            f"{plural(n, 'source')} we cannot rely on {'is' if n == 1 else 'are'} listed in the appendix but {'does' if n == 1 else 'do'} not decide."
        )
    if len(decisive) == 1:
        if verdict.independence_unit == "report":
            out.append(
                f"The rating rests on {decisive[0].name} alone: no other body's own statement had been reported by {by}."
            )
        else:
            out.append(
                f"The rating rests on {decisive[0].name} alone: no other reliable source had settled the claim either way by {by}."
            )
    if not decisive:
        what = (
            "report of the event" if verdict.independence_unit == "report" else "figure of its own"
        )
        out.append(f"One reliable source's {what} would be enough to decide it.")
    later = len(verdict.excluded_after_as_of)
    text = f"We judged the claim on what had been published by {by}"
    if later:
        text += (
            f"; {plural(later, 'later item')} of evidence {'is' if later == 1 else 'are'} left out, "
            "so the rating shows what could be known then"
        )
    out.append(text + ".")
    return out


def how_sure(verdict: Verdict) -> str:
    """One plain sentence on how sure we are, the scales kept for the methodology."""
    if not verdict.probability:
        return (
            "We cannot say how likely the claim is: no reliable source had published evidence "
            f"that decides it by {longdate(verdict.as_of)}."
        )
    term = scales.yardstick_term(verdict.probability)
    tally = Tally.of(verdict.lines)
    if tally.s and tally.c:
        basis = "because reliable sources disagree"
    elif tally.confirming >= 2:
        besides = " besides the claimant's own word" if tally.confirming < tally.s else ""
        basis = f"because {plural(tally.confirming, 'independent source')}{besides} support it and none contradicts it"
    elif tally.s == 1 and tally.supporting[0].claimant:
        basis = f"because it rests on the claimant's own word, {tally.supporting[0].name}"
        if tally.supporting[0].hedge:
            basis += f", which itself said '{tally.supporting[0].hedge}'"
    elif tally.s >= 2:
        other = next(line for line in tally.supporting if not line.claimant)
        basis = f"because one independent source, {other.name}, confirms the claimant's own word"
    elif tally.s == 1:
        basis = f"because it rests on one source, {tally.supporting[0].name}"
        if tally.supporting[0].hedge:
            basis += f", which itself said '{tally.supporting[0].hedge}'"
    elif tally.c >= 2:
        basis = f"because {plural(tally.c, 'independent source')} contradict it"
    else:
        basis = f"because {tally.contradicting[0].name} contradicts it"
    article = "a " if verdict.probability in ARTICLE else ""
    return f"We judge it {article}{verdict.probability} ({in_100(term)}) that the claim is true, {basis}."
