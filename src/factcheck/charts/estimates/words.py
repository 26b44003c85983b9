"""The estimates chart's words: its title (the finding) and its alt text, from its data."""

from __future__ import annotations

import pandas as pd

from ... import wording
from ...schema import Claim
from ..common import day, plural
from .data import _latest


def _claimed(claim: Claim | None) -> str | None:
    if claim is None or claim.kind != "quantity" or claim.value is None:
        return None
    return wording.claim_words(claim)


def estimates_title(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """The finding: which credible estimates support or contradict the claim, as the verdict
    weighed them; without a claim (or deciding lines), the range of the latest estimates."""
    measure = " or ".join(data.attrs.get("measures") or ["the measure"])
    latest = _latest(data)
    said = _claimed(claim)
    if latest.empty:
        as_of = data.attrs.get("as_of")
        when = f" by {day(as_of)}" if as_of else ""
        tail = f"; the claim says {said}" if said else ""
        return f"No estimates of {measure} were published{when}{tail}"
    if said and "stance" in data.columns:
        found = _by_stance(data)
        if found:
            return wording.sentence(found)
    tail = f"; the claim says {said}" if said else ""
    ordered = latest.sort_values(["point", "originator"], kind="stable")
    lo, hi = ordered.iloc[0], ordered.iloc[-1]
    if len(ordered) == 1:
        return f"The only estimate of {measure}: {lo.stated} ({lo.originator}, {wording.month(lo.date)}){tail}"
    return (
        f"Latest estimates of {measure} run from {lo.stated} ({lo.originator}) "
        f"to {hi.stated} ({hi.originator}){tail}"
    )


def _by_stance(data: pd.DataFrame) -> str | None:
    """ "UK DI's more than 6,000 (Jun 2025) supports the claim; no credible estimate contradicts it"."""
    deciding_rows = data[data["decides"].astype(bool) & data["knowable"].astype(bool)]
    if deciding_rows.empty:
        return None
    last = deciding_rows.groupby("originator", sort=True).tail(1)
    sides = {s: last[last["stance"] == s] for s in ("supports", "contradicts")}

    def who(rows: pd.DataFrame) -> str:
        if len(rows) == 1:
            r = rows.iloc[0]
            return (
                f"{wording.possessive(r['originator'], r['stated'])} ({wording.month(r['date'])})"
            )
        names = list(rows["originator"])
        if len(names) <= 3:
            return ", ".join(names[:-1]) + f" and {names[-1]}"
        return f"{len(names)} originators"

    def verb(rows: pd.DataFrame, word: str) -> str:
        return word if len(rows) == 1 else word.removesuffix("s")

    sup, con = sides["supports"], sides["contradicts"]
    if len(sup) and len(con):
        return (
            f"{who(sup)} {verb(sup, 'supports')} the claim; "
            f"{who(con)} {verb(con, 'contradicts')} it"
        )
    if len(sup):
        return f"{who(sup)} {verb(sup, 'supports')} the claim; no credible estimate contradicts it"
    if len(con):
        return f"{who(con)} {verb(con, 'contradicts')} the claim; no credible estimate supports it"
    return None


def estimates_alt(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """Alt text: the finding, then what the chart holds."""
    text = estimates_title(data, claim) + "."
    if data.empty:
        return text
    known = data[data["knowable"].astype(bool)]
    text += (
        f" {plural(len(known), 'estimate')} from "
        f"{plural(known['originator'].nunique(), 'originator')} are drawn by the date they refer to."
    )
    later = len(data) - len(known)
    if later:
        text += (
            f" {plural(later, 'estimate')} published after the as-of date "
            f"{wording.be(later)} shown faded."
        )
    latest = _latest(data)
    if len(latest):
        said = "; ".join(
            f"{r.originator}: {r.stated} {r.measure} ({wording.longdate(r.date)})"
            for r in latest.itertuples()
        )
        text += f" The latest word from each source, as stated: {said}."
    if claim is not None:
        text += f" The claim: {claim.claim}"
    return text
