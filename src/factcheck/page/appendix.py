"""The appendix: every figure, the reasoning trail, warnings, sources and grades, the
leave-one-out test, the sources list and the data version."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import scales
from ..evidence import Evidence
from ..vocabulary import RATIO_METRICS
from ..wording import (
    echo_intro,
    metric_words,
    more_documents,
    outside_caption,
    outside_more,
    share_heading,
    source_heading,
    timeline_heading,
    total_words,
)
from . import frames
from .base import ECHOES, ENTRIES, HTML, PageBase, _macros
from .words import longdate, plural


class Appendix(PageBase):
    """The audit trail last: everything an auditor needs, after the answer."""

    def evidence_frame(self) -> pd.DataFrame:
        return frames.evidence_frame(self.evidence, self.verdict)

    def figures_table(self, table: pd.DataFrame | None = None, caption: str | None = None) -> HTML:
        """Every figure when they are few; past `frames.FIGURE_ROWS`, the rows that decide and
        each source's latest, then one summary row per source, so the page stays readable.
        `caption` replaces the table's caption."""
        given = caption
        table = self.evidence_frame() if table is None else table
        shown = frames.key_rows(table)
        records = shown.to_dict("records")
        superseded = (
            "an earlier estimate, revised later"
            if self.verdict.independence_unit == "originator"
            else "another report of the same body's statement"
        )
        for r in records:
            r["bearing"] = frames.BEARING[r["stance"]] if r["counted"] else superseded
        what = "figure" if self.verdict.independence_unit == "originator" else "report"
        every = (
            f"public by {longdate(self.verdict.as_of)} "
            f"({plural(self.counts.items_in_scope, what)}), oldest first"
        )
        if len(shown) == len(table):
            caption = f"Every {what} {every}, with its quote"
        else:
            caption = (
                f"The {plural(len(shown), what)} that decide the rating or are a source's latest, "
                f"of every {what} {every}, with their quotes"
            )
        m = _macros()
        html = str(m.figures_table(records, given if given is not None else caption))
        if len(shown) < len(table):
            summary = frames.originator_summary(table, getattr(self.claim, "metric", None))
            html += str(
                m.figures_summary(
                    summary.to_dict("records"),
                    f"Every {what}, counted per source: how many, when"
                    + (", the range on the claim's count" if what == "figure" else "")
                    + " and the latest",
                    "The complete list, with every quote and its document, is in the file "
                    "verdict.json published with this report and in the evidence files "
                    f"({'figures.csv' if what == 'figure' else 'events.csv'} and sources.csv).",
                )
            )
        if self.counts.items_later:
            html += str(
                m.paragraphs(
                    [
                        f"{plural(self.counts.items_later, what)} published after "
                        f"{longdate(self.verdict.as_of)} "
                        f"{'are' if self.counts.items_later != 1 else 'is'} left out: "
                        "the rating uses only what was public by then."
                    ]
                )
            )
        return HTML(html)

    def outside_frame(self) -> pd.DataFrame:
        return frames.outside_frame(self.claim, self.evidence, self.verdict)

    def outside_table(
        self, table: pd.DataFrame | None = None, caption: str | None = None
    ) -> HTML | None:
        """The figures on the claim's subject that do not bear on it, each with why (a rate
        beside a count, a share, another unit), so none is silently dropped; None when there
        are none. Past `frames.FIGURE_ROWS` rows, the first and a count of the rest."""
        table = self.outside_frame() if table is None else table
        if table.empty:
            return None
        shown = table.head(frames.FIGURE_ROWS)
        records = shown.to_dict("records")
        for r in records:
            r["counted"], r["bearing"] = False, r["why"]
        if caption is None:
            caption = outside_caption(
                len(table),
                metric_words(self.claim.metric or ""),
                longdate(self.verdict.as_of),
            )
        html = str(_macros().figures_table(records, caption))
        if len(table) > len(shown):
            html += str(_macros().paragraphs([outside_more(len(table) - len(shown))]))
        return HTML(html)

    def reasoning_frame(self) -> pd.DataFrame:
        return frames.reasoning_frame(self.verdict)

    def reasoning(self, table: pd.DataFrame | None = None) -> HTML:
        """The reasoning trail, one sentence per step, as the engine wrote it."""
        table = self.reasoning_frame() if table is None else table
        return HTML(_macros().ordered(list(table["sentence"]), "reasoning"))

    def flags_frame(self) -> pd.DataFrame:
        return frames.flags_frame(self.evidence, self.verdict)

    def flags(self, table: pd.DataFrame | None = None) -> HTML:
        table = self.flags_frame() if table is None else table
        texts = table["text"].tolist()
        return HTML(_macros().bullets(texts or ["No warning applies."], "flags"))

    def lines_frame(self) -> pd.DataFrame:
        return frames.lines_frame(self.evidence, self.verdict, self.counts)

    def lines_table(
        self,
        table: pd.DataFrame | None = None,
        caption: str = "Independent sources and their grades",
    ) -> HTML:
        table = self.lines_frame() if table is None else table
        rows = [
            (
                r.line_of_evidence,
                f"{r.reliability} ({scales.RELIABILITY[r.reliability]})",
                "yes" if r.party_to_conflict else "no",
                r.documents,
                frames.BEARING[r.stance],
            )
            for r in table.itertuples()
        ]
        return HTML(
            _macros().simple_table(
                caption,
                ["Source", "Reliability", "Party to the conflict", "Documents", "Bearing"],
                rows,
                "keep",
            )
        )

    def sensitivity_frame(self) -> pd.DataFrame:
        return frames.sensitivity_frame(self.evidence, self.verdict)

    def sensitivity(self, table: pd.DataFrame | None = None, caption: str | None = None) -> HTML:
        table = self.sensitivity_frame() if table is None else table
        if caption is None:
            caption = (
                "Leave one source out: the rating without it "
                f"(the rating is {self.verdict.label_name})"
            )
        if table.empty:
            return HTML(_macros().paragraphs(["There is no source to leave out."]))
        rows = [
            (r.left_out, r.label_without, "yes" if r.changes_verdict else "no")
            for r in table.itertuples()
        ]
        return HTML(
            _macros().simple_table(
                caption,
                ["Left out", "Rating without it", "Changes the rating"],
                rows,
                "keep",
            )
        )

    def source_groups(self) -> list[dict]:
        """Documents per source, as the engine counted them: the documents carrying its
        deciding figure (`Line.document_ids`, echoes collapsed under their original), then the
        documents of its other figures. Nothing is recounted here: the heading's numbers are
        the verdict's own."""
        ev, v = self.evidence, self.verdict
        used_by_line: dict[str, set[str]] = {}
        for a in v.evidence:
            used_by_line.setdefault(a.line_id, set()).add(a.source_id)
        key: dict[str, set[str]] = {}  # per line: the documents of its deciding and latest items
        latest: dict[str, object] = {}
        for a in sorted(v.evidence, key=lambda a: (a.date, a.published, a.item_id)):
            latest[a.line_id] = a
            if a.counted:
                key.setdefault(a.line_id, set()).add(a.source_id)
        for line_id, a in latest.items():
            key.setdefault(line_id, set()).add(a.source_id)
        noun = "figure" if v.independence_unit == "originator" else "statement"

        def oldest(ids) -> list[str]:
            return sorted(ids, key=lambda s: (ev.sources[s].published or dt.date.max, s))

        groups = []
        for line in sorted(v.lines, key=lambda ln: (-ln.documents, ln.name)):
            echoes = oldest(line.echo_ids)
            firsts = oldest(set(line.document_ids) - set(echoes))
            entries = []
            for i, sid in enumerate(firsts[:ENTRIES]):
                entry = {"source": self._source_view(ev.sources[sid]), "echoes": []}
                if i == 0 and echoes:
                    entry["echoes"] = [self._source_view(ev.sources[e]) for e in echoes[:ECHOES]]
                    entry["echoes_more"] = len(echoes) - len(entry["echoes"])
                    entry["echo_intro"] = echo_intro(len(echoes))
                entries.append(entry)
            others = _first_others(
                used_by_line.get(line.id, set()) - set(line.document_ids),
                key.get(line.id, set()),
                ev,
            )
            room = ENTRIES - len(entries)
            for sid in others[:room]:
                entries.append({"source": self._source_view(ev.sources[sid]), "echoes": []})
            more = len(firsts) + len(others) - len(entries)
            groups.append(
                {
                    "name": line.name,
                    "documents": line.documents,
                    "heading": source_heading(
                        line.documents, len(others), line.party_to_conflict, noun
                    ),
                    "party": line.party_to_conflict,
                    "entries": entries,
                    "more": more_documents(more, noun + "s"),
                }
            )
        return groups

    def sources(self, groups: list[dict] | None = None) -> HTML:
        """Every document, grouped by source (`source_groups()`, which an analyst may edit)."""
        appeared = [self._source_view(self.evidence.sources[s]) for s in self.claim.appeared_in]
        return HTML(_macros().sources(self.source_groups() if groups is None else groups, appeared))

    def share_heading(self) -> str:
        """The share section's heading, from the declared words of the claim's metric and the
        totals it is shown as a share of (`ratio_to` in data/metrics.csv)."""
        metric = self.claim.metric or ""
        return share_heading(
            metric_words(metric), [total_words(m) for m in RATIO_METRICS.get(metric, ())]
        )

    def timeline_heading(self, whole: str) -> str:
        """The heading over the timeline of the whole the claim's count accumulates with
        (`whole`, that whole in words, as the timeline's data names it)."""
        return timeline_heading(whole)

    def version_frame(self) -> pd.DataFrame:
        """The corrections that apply to this report (this claim's and those for all), oldest
        first as corrections.csv lists them: a DataFrame an analyst may edit."""
        rows = [
            {"date": c.date, "description": c.description}
            for c in self.evidence.corrections
            if c.claim in (self.claim.id, "all")
        ]
        return pd.DataFrame(rows, columns=["date", "description"])

    def version(self, corrections: pd.DataFrame | None = None) -> HTML:
        """The data version, the as-of date and `corrections` (default `version_frame()`)."""
        table = self.version_frame() if corrections is None else corrections
        return HTML(
            _macros().version(self.evidence.version, self.verdict.as_of, table.to_dict("records"))
        )

    def show_table(self, table: pd.DataFrame, caption: str, headers: dict[str, str]) -> HTML:
        """Any DataFrame as a reader table: `headers` maps the columns to show to their titles."""
        rows = [[_cell(r[c]) for c in headers] for r in table.to_dict("records")]
        return HTML(_macros().simple_table(caption, list(headers.values()), rows))


def _first_others(others: set[str], key: set[str], evidence: Evidence) -> list[str]:
    """A line's other documents, those behind its deciding and latest figures first, then oldest
    first: the list shows the first few (`ENTRIES`) and counts the rest."""
    return sorted(
        others,
        key=lambda s: (s not in key, evidence.sources[s].published or dt.date.max, s),
    )


def _cell(value: object) -> object:
    if isinstance(value, dt.date):
        return longdate(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
