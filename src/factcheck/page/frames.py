"""The page's tables as pandas DataFrames: what an analyst inspects in the notebook, and what
`show_table` prints for readers. Pure functions of the evidence and the verdict.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..evidence import Evidence
from ..schema import Claim
from ..verdict import Verdict, not_in_scope
from ..wording import capacity_note, carried_by, change_sentence, span
from .counts import Counts
from .words import figure_words, metric_words

FIGURE_ROWS = 100  # beyond this many, the every-figure table shows the deciding rows and a summary

BEARING = {
    "supports": "supports the claim",
    "contradicts": "contradicts the claim",
    "inconclusive": "does not decide it",
}


def _said(evidence: Evidence, verdict: Verdict, item_id: str) -> tuple[str, str]:
    """What an item says in its source's words, and its verbatim quote."""
    if verdict.independence_unit == "originator":
        figure = evidence.figures[item_id]
        return figure_words(figure), figure.quote
    event = evidence.events[item_id]
    return event.summary, event.quote


def evidence_frame(evidence: Evidence, verdict: Verdict) -> pd.DataFrame:
    """Every figure (or event report) knowable by the as-of date, oldest first, with its quote."""
    rows = []
    for a in sorted(verdict.evidence, key=lambda a: (a.date, a.published, a.item_id)):
        source = evidence.sources[a.source_id]
        said, quote = _said(evidence, verdict, a.item_id)
        rows.append(
            {
                "date": a.date,
                "published": a.published,
                "originator": evidence.originators[a.originator_id].name,
                "said": said,
                "quote": quote,
                "document": source.outlet,
                "url": source.url or "",
                "stance": a.stance,
                "counted": a.counted,
                **_numbers(evidence, verdict, a.item_id),
            }
        )
    columns = [
        "date", "published", "originator", "said", "quote", "document", "url", "stance", "counted",
        "metric", "low", "high",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _numbers(evidence: Evidence, verdict: Verdict, item_id: str) -> dict:
    """A figure's metric and bounds, for the per-source ranges; events have none."""
    if verdict.independence_unit != "originator":
        return {"metric": "", "low": None, "high": None}
    figure = evidence.figures[item_id]
    return {"metric": figure.metric, "low": figure.low, "high": figure.high}


def outside_frame(claim: Claim, evidence: Evidence, verdict: Verdict) -> pd.DataFrame:
    """The figures on the claim's subject, public by the as-of date, that do not bear on it (a
    rate beside a count, a share, another unit), oldest first, each with the engine's reason:
    listed for the reader, never dropped. Empty for event and statement claims."""
    rows = []
    for figure, why in not_in_scope(claim, evidence, verdict.as_of):
        source = evidence.sources[figure.source]
        who = evidence.originators.get(figure.originator or source.originator)
        rows.append(
            {
                "date": figure.refers_to,
                "originator": who.name if who else source.outlet,
                "said": figure_words(figure),
                "quote": figure.quote,
                "document": source.outlet,
                "url": source.url or "",
                "why": why,
                "metric": figure.metric,
            }
        )
    columns = ["date", "originator", "said", "quote", "document", "url", "why", "metric"]
    return pd.DataFrame(rows, columns=columns)


def key_rows(table: pd.DataFrame, limit: int = FIGURE_ROWS) -> pd.DataFrame:
    """The rows a reader needs when every row is too many: those that decide, each source's latest.

    A table of `limit` rows or fewer comes back whole. Otherwise the counted rows come first,
    then each originator's latest, capped at `limit`, and are shown in the table's own order.
    """
    if len(table) <= limit:
        return table
    latest = set(table.groupby("originator", sort=False).tail(1).index)
    counted = list(table.index[table["counted"].astype(bool)])
    taken = set(counted)
    rest = [i for i in table.index if i in latest and i not in taken]
    chosen = set((counted + rest)[:limit])
    return table.loc[[i for i in table.index if i in chosen]]


def originator_summary(table: pd.DataFrame, metric: str | None = None) -> pd.DataFrame:
    """One row per originator: how many items, their dates, the range of its figures on
    `metric` (the claim's) and how many are on other counts. Most items first, then by name."""
    rows = []
    for who, group in table.groupby("originator", sort=True):
        same = group[group["metric"] == metric] if metric else group.iloc[0:0]
        if len(same):
            low, high = int(same["low"].min()), int(same["high"].max())
            rng = f"{span(low, high)} {metric_words(str(metric))}"
        else:
            rng = ""
        last = group.iloc[-1]
        rows.append(
            {
                "originator": who,
                "count": len(group),
                "first": group["date"].min(),
                "latest": group["date"].max(),
                "latest_said": last["said"],
                "range": rng,
                "other_counts": len(group) - len(same) if metric else 0,
            }
        )
    rows.sort(key=lambda r: (-r["count"], r["originator"]))
    columns = ["originator", "count", "first", "latest", "latest_said", "range", "other_counts"]
    return pd.DataFrame(rows, columns=columns)


def _why_not_decisive(claim: Claim, evidence: Evidence, verdict: Verdict, line) -> str:
    """A plain reason an estimate neither confirms nor rules out the claim, without intervals.

    A capacity is said to be one from the engine's own `Line.relation`, never guessed here.
    The other reasons are still read from the figure's metric and dates: once the verdict
    carries each line's reason as fields (engine, issue 18 item 3), they come from those."""
    if verdict.independence_unit != "originator" or claim.kind != "quantity":
        return ""
    figure = evidence.figures[line.item_id]
    if line.relation == "capacity":
        return capacity_note(metric_words(line.metric), metric_words(claim.metric))
    if figure.metric != claim.metric:
        return f"it counts {metric_words(figure.metric)}, not {metric_words(claim.metric)}"
    period = claim.effective_period
    if figure.refers_to < period.start:
        return "an earlier count, and the number may have grown since"
    if figure.refers_to > period.end:
        return "a later count, after the time the claim describes"
    return ""


def originators_frame(
    claim: Claim, evidence: Evidence, verdict: Verdict, counts: Counts
) -> pd.DataFrame:
    """One row per line of evidence: who, what they said in their own words, when, how it bears."""
    rows = []
    order = {"supports": 0, "contradicts": 1, "inconclusive": 2}
    by_item = {a.item_id: a for a in verdict.evidence}

    def when(line) -> tuple:
        a = by_item.get(line.item_id)
        return (a.date, line.name) if a else (dt.date.min, line.name)

    # Deciding sources first, then the rest oldest first, as the chart and the why-bullets run.
    for line in sorted(verdict.lines, key=lambda ln: (order[ln.stance], not ln.credible, when(ln))):
        said, quote = _said(evidence, verdict, line.item_id)
        a = by_item.get(line.item_id)
        bearing = BEARING[line.stance]
        if line.stance == "inconclusive":
            why = _why_not_decisive(claim, evidence, verdict, line)
            bearing += f": {why}" if why else ""
        notes = []
        if line.hedge:
            notes.append(f"said “{line.hedge}”")
        if not line.credible:
            notes.append("not reliable enough to decide")
        if line.party_to_conflict:
            notes.append("a party to the conflict")
        if (
            verdict.independence_unit == "report"
        ):  # the body is who; the outlets only carried its statement
            notes.insert(0, f"reported by {_and(_outlets(evidence, verdict, line.id))}")
        documents = counts.documents.get(line.id, 0)
        rows.append(
            {
                "who": line.name,
                "said": said,
                "quote": quote,
                # the date the figure refers to, as the charts and the appendix date it; the
                # publication date is beside it where it differs (issue 21 item 2)
                "when": a.date if a else None,
                "published": a.published if a else None,
                "bearing": bearing,
                "notes": "; ".join(notes),
                "documents": documents,
                "carried": carried_by(documents) if documents > 1 else "",
                "stance": line.stance,
                "credible": line.credible,
            }
        )
    columns = [
        "who", "said", "quote", "when", "published", "bearing", "notes", "documents", "carried",
        "stance", "credible",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _outlets(evidence: Evidence, verdict: Verdict, line_id: str) -> list[str]:
    """The outlets whose reports carry a line of evidence, oldest first, each once."""
    found: list[str] = []
    for a in sorted(verdict.evidence, key=lambda a: (a.date, a.source_id)):
        outlet = evidence.sources[a.source_id].outlet
        if a.line_id == line_id and outlet not in found:
            found.append(outlet)
    return found


def lines_frame(evidence: Evidence, verdict: Verdict, counts: Counts) -> pd.DataFrame:
    """The lines of evidence with their grades: the engine's unit of independence."""
    rows = [
        {
            "line_of_evidence": line.name,
            "reliability": line.reliability,
            "credible": line.credible,
            "party_to_conflict": line.party_to_conflict,
            "documents": counts.documents[line.id],
            "stance": line.stance,
        }
        for line in verdict.lines
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "line_of_evidence",
            "reliability",
            "credible",
            "party_to_conflict",
            "documents",
            "stance",
        ],
    )


def flags_frame(evidence: Evidence, verdict: Verdict) -> pd.DataFrame:
    """The flags raised, in reader words (the code stays for the analyst, never printed)."""
    return pd.DataFrame(
        [{"code": f.code, "title": f.title, "text": f.text} for f in verdict.flags],
        columns=["code", "title", "text"],
    )


def sensitivity_frame(evidence: Evidence, verdict: Verdict) -> pd.DataFrame:
    """Leave one line out: the label without it."""
    from .. import scales

    name = {line.id: line.name for line in verdict.lines}
    rows = [
        {
            "left_out": name.get(s["left_out"], s["left_out"]),
            "label_without": scales.LABELS[s["label"]].name,
            "changes_verdict": bool(s["changed"]),
        }
        for s in verdict.sensitivity
    ]
    return pd.DataFrame(rows, columns=["left_out", "label_without", "changes_verdict"])


def changes_frame(verdict: Verdict) -> pd.DataFrame:
    """Each way the rating would change: without a source, or with a new one, and its words."""
    from .. import scales

    names = {label: info.name for label, info in scales.LABELS.items()}
    rows = [
        {
            "kind": c.kind,
            "source": c.name,
            "new_stance": c.stance,
            "rating": names[c.label],
            "sentence": change_sentence(c, names),
        }
        for c in verdict.changes
    ]
    return pd.DataFrame(rows, columns=["kind", "source", "new_stance", "rating", "sentence"])


def reasoning_frame(verdict: Verdict) -> pd.DataFrame:
    """The reasoning trail, one row per step: the step's name and its sentence."""
    rows = [
        {"step": text.split(":", 1)[0] if ":" in text[:40] else "", "sentence": text}
        for text in verdict.reasoning
    ]
    return pd.DataFrame(rows, columns=["step", "sentence"])
