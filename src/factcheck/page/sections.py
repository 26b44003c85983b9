"""The page's sections as escaped HTML fragments, one method per notebook cell.

`Page` holds the claim, the evidence and the one verdict computed for this render; it never
decides anything itself (the engine did), it words and lays out what the verdict says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape

from .. import scales
from ..evidence import Evidence, for_claim, load_evidence
from ..paths import TEMPLATES_DIR, resolve_data_dir
from ..schema import Claim, Source
from ..verdict import Verdict
from ..vocabulary import APPROXIMATELY, CLAIM_TOLERANCE
from ..wording import (
    CREDIBLE,
    NO_SINGLE_SOURCE,
    RATING_MEANINGS,
    change_sentence,
    echo_intro,
    more_documents,
    reading_rules,
    source_heading,
)
from . import frames
from .counts import Counts, count
from .words import (
    FORBIDDEN,
    claim_short_title,
    is_http,
    longdate,
    plural,
    quoted,
    shortdate,
)

PUBLISHER = "factcheck"
ECHOES = 25  # echoes named in a source entry; the rest are counted
WHO_ROWS = 10  # independent sources shown in the main body's table; the appendix lists them all
ENTRIES = 5  # documents listed per source, echoes aside; the rest are counted

# What the engine cannot see: printed in every methodology section.
LIMITS = (
    "Whether an originator's own method is sound: intelligence services rarely publish how they count.",
    "Evidence we have not collected: the verdict is only as complete as the evidence base.",
    "Documents that repeat a source without saying so: repetition is traced only where we recorded it.",
    "Whether a figure's date is when it was true or when it was said, where the document does not say.",
    "Intent: a misleading headline and an honest error get the same rating.",
)

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.tests["is_http"] = is_http
_env.filters["is_http"] = is_http
_env.filters["longdate"] = longdate
_env.filters["shortdate"] = shortdate
_env.filters["quoted"] = quoted


def _macros():
    return _env.get_template("fragments.html.j2").module


class HTML:
    """A display object Jupyter renders as text/html (and that tests can read)."""

    def __init__(self, html: str):
        self.data = str(html).strip()

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:  # plain-text fallback: never shown to readers
        return "<factcheck HTML fragment>"


def load_claim(claim_id: str, data_dir: str | Path = "data") -> tuple[Claim, Evidence]:
    """The claim and the evidence base cut down to what it needs."""
    evidence = for_claim(load_evidence(resolve_data_dir(data_dir)), claim_id)
    return evidence.claims[claim_id], evidence


def _clean(text: str, fallback: str) -> str:
    """Free text from the data, unless it carries workshop words a reader must not see."""
    lowered = text.lower()
    return fallback if any(word in lowered for word in FORBIDDEN) else text


def _found(source: Source) -> bool:
    return bool(source.url) and source.status == "verified"


@dataclass
class Page:
    claim: Claim
    evidence: Evidence
    verdict: Verdict
    publisher: str = PUBLISHER

    # ------------------------------------------------------------------ shared pieces

    @cached_property
    def counts(self) -> Counts:
        return count(self.evidence, self.verdict)

    @property
    def short_title(self) -> str:
        return claim_short_title(self.claim)

    def _source_view(self, source: Source) -> dict:
        """A document as readers see it; free text with workshop words falls back to plain words."""
        reason = _clean(source.reliability_reason, scales.RELIABILITY[source.reliability])
        title = _clean(source.title, "")
        outlet = _clean(source.outlet, "")
        if not outlet:
            outlet = f"A headline, {quoted(title)}" if title else "An unnamed page"
            title = ""
        status = (
            ""
            if _found(source)
            else ("no archived copy" if source.status == "not-archived" else "page not found")
        )
        return {
            "outlet": outlet,
            "title": title,
            "url": source.url,
            "published": source.published,
            "archive_url": source.archive_url,
            "reliability": source.reliability,
            "reliability_reason": reason.rstrip(".") + ".",
            "found": _found(source),
            "status": status,
        }

    # ------------------------------------------------------------------ page 1

    def who(self) -> str:
        """Who made the claim and when, in words a reader can check."""
        claim = self.claim
        when = longdate(claim.claim_date)
        claimant = _clean(claim.claimant, "")
        if claimant:
            return f"Claimed by {claimant}, {when}."
        first = self.evidence.sources[claim.appeared_in[0]]
        if _found(first):
            return f"Claimed in {first.outlet}'s “{first.title}”, {when}."
        return (
            f"Claimed in a headline, {quoted(first.title)}, whose page could not be found ({when})."
        )

    def why(self) -> list[str]:
        """Three to five plain reasons, as the engine narrated them, in reader words."""
        return [item for item in self.verdict.why][:5]

    def how_sure(self) -> str:
        """One plain line; the yardstick and the Admiralty grade are in the methodology."""
        return self.verdict.how_sure

    def contents(self) -> list[tuple[str, str]]:
        """The short table of contents: anchors are the headings' ids in the reader page."""
        return [
            ("What-the-sources-say", "What the sources say"),
            ("What-would-change-the-verdict", "What would change the verdict"),
            ("appendix", "Appendix: the evidence, the reasoning and the sources"),
        ]

    def front(self) -> HTML:
        """Page 1: the claim, who made it, one rating with its meaning, why, how sure."""
        v = self.verdict
        appeared = [
            self._source_view(self.evidence.sources[s])
            for s in self.claim.appeared_in
            if _found(self.evidence.sources[s])
        ]
        if not _clean(self.claim.claimant, ""):
            appeared = []  # who() has already named the page the claim appeared in
        view = {
            "short_title": self.short_title,
            "publisher": self.publisher,
            "published": v.as_of,
            "claim": self.claim.claim,
            "who": self.who(),
            "appeared": appeared,
            "label": v.label,
            "label_name": v.label_name,
            "meaning": RATING_MEANINGS.get(v.label, scales.LABELS[v.label].meaning),
            "why": self.why(),
            "how_sure": self.how_sure(),
            "contents": self.contents(),
        }
        return HTML(_macros().front(view))

    # ------------------------------------------------------------------ main body

    def originators_frame(self) -> pd.DataFrame:
        return frames.originators_frame(self.claim, self.evidence, self.verdict, self.counts)

    def who_said_what(self, table: pd.DataFrame | None = None, caption: str | None = None) -> HTML:
        """One row per independent source; past `WHO_ROWS` the first rows (deciding sources come
        first) and a count of the rest, so the main body keeps to four pages. `caption`
        replaces the table's caption (the count of rows not shown is still added)."""
        table = self.originators_frame() if table is None else table
        by = longdate(self.verdict.as_of)
        if caption is None:
            caption = (
                f"One row per independent source: its latest word by {by}"
                if self.verdict.independence_unit == "originator"
                else f"One row per body whose statement was reported by {by}"
            )
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

    def what_would_change(self) -> HTML:
        """What would move the rating, as the engine re-decided it with a source added or
        left out (`Verdict.changes`)."""
        v = self.verdict
        names = {label: info.name for label, info in scales.LABELS.items()}
        items = [change_sentence(c, names) for c in v.changes if c.kind == "without"]
        if not items and v.lines:
            items.append(NO_SINGLE_SOURCE)
        items += [change_sentence(c, names) for c in v.changes if c.kind == "with"]
        return HTML(_macros().bullets(items))

    # ------------------------------------------------------------------ appendix

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

    def reasoning(self) -> HTML:
        return HTML(_macros().ordered([r for r in self.verdict.reasoning], "reasoning"))

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

    def methodology(self) -> HTML:
        """The rule tables, printed from the engine's own rule objects, and the scales."""
        from .. import verdict as engine

        m, v = _macros(), self.verdict
        this = []
        if v.probability:
            term = scales.yardstick_term(v.probability)
            this.append(
                f"For this claim the probability is “{v.probability}” ({term.low}–{term.high}% on the "
                f"UK yardstick) and the information credibility grade is {v.credibility} "
                f"({scales.CREDIBILITY[v.credibility]})."
            )
        else:
            this.append(
                f"For this claim no probability is given; the information credibility grade is "
                f"{v.credibility} ({scales.CREDIBILITY[v.credibility]})."
            )
        figures = [self.evidence.figures.get(a.item_id) for a in v.evidence]
        worded = {(f.stated, f.low, f.high): f for f in figures if f is not None and f.stated}
        # the data's own words for this claim's figures, each once, in a stable order
        this.append(
            reading_rules(APPROXIMATELY, CLAIM_TOLERANCE, [worded[k] for k in sorted(worded)])
        )
        parts = [
            m.paragraphs(this),
            m.simple_table(
                "Rating rules, applied in this order to the credible sources "
                f"(reliability {CREDIBLE})",
                ["When", "Rating", "Score (5 best, 1 worst)"],
                [
                    (when, scales.LABELS[label].name, scales.LABELS[label].rating or "none")
                    for when, label in _rule_rows(engine, "LABEL_RULES")
                ],
                "rules",
            ),
            m.simple_table(
                "Information credibility (Admiralty code, 1 to 6) as the engine assigns it",
                ["When", "Grade", "Published meaning"],
                [
                    (when, grade, scales.CREDIBILITY[grade])
                    for when, grade in _rule_rows(engine, "CREDIBILITY_RULES")
                ],
                "rules",
            ),
            m.simple_table(
                "Source reliability (Admiralty code, A to F), graded per document",
                ["Grade", "Published meaning"],
                list(scales.RELIABILITY.items()),
                "rules",
            ),
            m.simple_table(
                "Probability yardstick (UK Professional Head of Intelligence Analysis)",
                ["Phrase", "Probability"],
                [(t.phrase, f"{t.low}–{t.high}%") for t in scales.YARDSTICK],
                "rules",
            ),
            m.paragraphs(["What the engine cannot see:"]),
            m.ordered(LIMITS, "limits"),
        ]
        return HTML("\n".join(str(p) for p in parts))

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

    def sources(self) -> HTML:
        appeared = [self._source_view(self.evidence.sources[s]) for s in self.claim.appeared_in]
        return HTML(_macros().sources(self.source_groups(), appeared))

    def version(self) -> HTML:
        corrections = [c for c in self.evidence.corrections if c.claim in (self.claim.id, "all")]
        return HTML(_macros().version(self.evidence.version, self.verdict.as_of, corrections))

    # ------------------------------------------------------------------ chart words

    def share_text(self) -> str:
        return (
            "A share is only as good as its total. North Korea sent troops in several "
            "deployments, so the same number of losses is a larger share of the first "
            "deployment than of all troops sent."
        )

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

    # ------------------------------------------------------------------ generic

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


def _label(point) -> str:
    return point.label if hasattr(point, "label") else point[1]


def _date(point) -> dt.date:
    return point.date if hasattr(point, "date") else point[0]


def _cell(value: object) -> object:
    if isinstance(value, dt.date):
        return longdate(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _rule_rows(engine, name: str) -> list[tuple]:
    """(when, outcome) pairs from the engine's rule table, whether tuples or rule objects."""
    rows = []
    for rule in getattr(engine, name, ()):
        if isinstance(rule, tuple):
            rows.append(rule)
        else:
            when = getattr(rule, "when", None) or getattr(rule, "description", "")
            outcome = getattr(rule, "label", None) or getattr(rule, "grade", None)
            if outcome is None:
                outcome = getattr(rule, "credibility", None)
            rows.append((when, outcome))
    return rows
