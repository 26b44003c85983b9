"""The main body: who said what, the claim's own notes, what would change the verdict."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import escape

from ..vocabulary import RATIO_METRICS
from ..wording import NO_SINGLE_SOURCE, share_caution, total_words
from . import frames
from .base import HTML, WHO_ROWS, PageBase, _macros
from .words import longdate, plural


class Body(PageBase):
    """The evidence next: one row per independent source, and what would move the rating."""

    def originators_frame(self) -> pd.DataFrame:
        return frames.originators_frame(self.claim, self.evidence, self.verdict, self.counts)

    def who_said_what(self, table: pd.DataFrame | None = None, caption: str | None = None) -> HTML:
        """One row per independent source; past `WHO_ROWS` the first rows (deciding sources come
        first) and a count of the rest, so the main body keeps to four pages. `caption`
        replaces the table's caption (the count of rows not shown is still added)."""
        table = self.originators_frame() if table is None else table
        by = longdate(self.verdict.as_of)
        if caption is None:
            if self.verdict.independence_unit == "originator":
                caption = f"One row per independent source: its latest word by {by}"
            elif self.claim.kind == "statement":  # each outlet that reported it is a line
                caption = f"One row per outlet that reported the statement by {by}"
            else:
                caption = f"One row per body whose statement was reported by {by}"
        shown, rest = table.head(WHO_ROWS), table.iloc[WHO_ROWS:]
        if len(rest):
            caption += f" (the first {len(shown)} of {len(table)}, those that decide first)"
        html = str(
            _macros().who_said_what(
                shown.to_dict("records"), caption, self.verdict.independence_unit
            )
        )
        if len(rest):
            stances = rest["stance"].value_counts()
            parts = [
                f"{stances[stance]} {words}"
                for stance, words in (
                    ("supports", "supporting the claim"),
                    ("contradicts", "contradicting it"),
                    ("inconclusive", "that do not decide it"),
                )
                if stance in stances
            ]
            html += str(
                _macros().paragraphs(
                    [
                        f"{plural(len(rest), 'more independent source')} "
                        f"({', '.join(parts)}) "
                        f"{'are listed with their grades' if len(rest) != 1 else 'is listed with its grade'}"
                        " in the appendix, under “Who said it first”."
                    ]
                )
            )
        return HTML(html)

    def changes_frame(self) -> pd.DataFrame:
        """What would move the rating, as the engine re-decided it with a source left out or a
        new one added (`Verdict.changes`): one row per change, with its sentence."""
        return frames.changes_frame(self.verdict)

    def what_would_change(self, table: pd.DataFrame | None = None) -> HTML:
        """How sure we are (the engine's sentence, with its probability words: page 1 keeps to
        the one rating scale), then the changes as bullets: sources the rating rests on first,
        then new evidence."""
        table = self.changes_frame() if table is None else table
        items = list(table.loc[table["kind"] == "without", "sentence"])
        if not items and self.verdict.lines:
            items.append(NO_SINGLE_SOURCE)
        items += list(table.loc[table["kind"] == "with", "sentence"])
        sure = self.verdict.how_sure
        html = str(_macros().how_sure(sure)) if sure else ""
        return HTML(html + str(_macros().bullets(items)))

    def share_text(self) -> str:
        totals = RATIO_METRICS.get(self.claim.metric or "", ())
        return share_caution([total_words(m) for m in totals])

    def notes(self) -> HTML | None:
        """The claim's own words for this page: `claims/<id>.md` beside the claim file, as
        Markdown (raw HTML escaped), or None when the claim has none. The template shows them
        at the cell tagged `claim-notes`: one paragraph needs no copy of the notebook."""
        import mistune

        path = Path(self.evidence.data_dir) / "claims" / f"{self.claim.id}.md"
        if not path.is_file():
            return None
        body = mistune.create_markdown(escape=True)(path.read_text(encoding="utf-8"))
        return HTML(f'<section class="claim-notes">{body}</section>')

    def heading(self, title: str, text: str = "") -> HTML:
        """A section heading and its paragraph, for sections only some claims have."""
        html = f"<h3>{escape(title)}</h3>" + (f"<p>{escape(text)}</p>" if text else "")
        return HTML(html)
