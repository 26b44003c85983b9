"""What the report notebook calls: one object per claim that turns evidence and verdict into
reader-facing HTML fragments and charts.

All data text goes through autoescaped Jinja2 templates, so a hostile title or quote renders as
text; only http(s) URLs become links. The notebook stays thin: each cell is one call here.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import escape

from . import chart_style, charts, scales
from .claimreview import claim_review
from .evidence import Evidence, for_claim, load_evidence
from .independence import echo_family, root_map
from .paths import TEMPLATES_DIR, resolve_data_dir
from .schema import Claim
from .verdict import CREDIBILITY_RULES, LABEL_RULES, Verdict, assess, figure_interval, history
from .vocabulary import METRICS

FIGURES_ENV = "FACTCHECK_FIGURES_DIR"  # where the renderer wants PNG/SVG copies of the charts

# What the engine cannot see: printed in every methodology section.
LIMITS = (
    "Whether an originator's own method is sound: intelligence services rarely publish how they count.",
    "Evidence that is not in data/: the verdict is only as complete as the evidence base.",
    "Documents that repeat a source without saying so: independence is traced through derived_from as recorded.",
    "Whether a figure's date is when it was true or when it was said, where the document does not say.",
    "Intent: a misleading headline and an honest error get the same label.",
)


def is_http(url: object) -> bool:
    if not isinstance(url, str) or not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def longdate(value: dt.date | str | None) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def quoted(text: str) -> str:
    """Quotation marks around a quote, unless the quote already opens with its own."""
    if text[:1] in "\"“‘«„'":
        return text
    return f"“{text}”"


def shortdate(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


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
_env.filters["sentence"] = lambda text: (
    text if text.rstrip().endswith((".", "!", "?")) else f"{text}."
)


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


@dataclass
class Report:
    claim: Claim
    evidence: Evidence
    verdict: Verdict

    @classmethod
    def load(cls, claim_id: str, as_of: str = "", data_dir: str | Path = "data") -> Report:
        evidence = for_claim(load_evidence(resolve_data_dir(data_dir)), claim_id)
        claim = evidence.claims[claim_id]
        as_of_date = dt.date.fromisoformat(as_of) if as_of else None
        return cls(claim, evidence, assess(claim, evidence, as_of_date))

    # ------------------------------------------------------------------ sections

    def verdict_box(self) -> HTML:
        v = self.verdict
        term = scales.yardstick_term(v.probability) if v.probability else None
        return HTML(
            _macros().verdict_box(
                v, scales.LABELS[v.label], term, scales.CREDIBILITY[v.credibility]
            )
        )

    def claim_card(self) -> HTML:
        sources = [self.evidence.sources[s] for s in self.claim.appeared_in]
        return HTML(_macros().claim_card(self.claim, sources))

    def what_we_know(self) -> HTML:
        """Short text that reads the timelines, all computed from the data."""
        ev, v = self.evidence, self.verdict
        knowable = v.evidence
        paragraphs, latest = [], []
        if self.claim.kind == "quantity":
            paragraphs.append(
                f"By {longdate(v.as_of)}, {len(v.lines)} originators had published {len(knowable)} figures "
                f"bearing on the {METRICS[self.claim.metric].label} of {ev.subjects[self.claim.subject].name}. "
                "Each originator's latest figure is the one that counts; earlier ones show how its estimate grew."
            )
            counted = sorted((a for a in knowable if a.counted), key=lambda a: a.date)
            latest = [
                f"{ev.originators[a.originator_id].name}: {figure_interval(ev.figures[a.item_id]).describe()} "
                f"{METRICS[a.metric].label} by {longdate(a.date)}"
                for a in counted
            ]
            if v.excluded_after_as_of:
                paragraphs.append(
                    f"{len(v.excluded_after_as_of)} later figures were published after the as-of date and are left out of the verdict; "
                    "the charts show them faded."
                )
        else:
            paragraphs.append(
                f"By {longdate(v.as_of)}, {len(knowable)} reports of the event had been published by "
                f"{len(v.lines)} independent outlets."
            )
        html = str(_macros().paragraphs(paragraphs))
        if self.claim.kind == "quantity" and latest:
            html += str(_macros().bullets("The latest figure from each originator:", latest))
        return HTML(html)

    def evidence_table(self) -> HTML:
        ev = self.evidence
        rows = []
        for a in self.verdict.evidence:
            source = ev.sources[a.source_id]
            if self.verdict.unit == "originator":
                figure = ev.figures[a.item_id]
                value = (
                    figure_interval(figure).describe()
                    if figure.qualifier != "exact" or figure.low != figure.high
                    else f"{figure.low:,}"
                )
                quote, metric = figure.quote, METRICS[figure.metric].label
            else:
                event = ev.events[a.item_id]
                value, quote, metric = event.summary, event.quote, ""
            rows.append(
                {
                    "date": a.date,
                    "value": value,
                    "metric": metric,
                    "quote": quote,
                    "url": source.url,
                    "outlet": source.outlet,
                    "originator": ev.originators[a.originator_id].name,
                    "stance": a.stance,
                    "counted": a.counted,
                    "reason": a.reason,
                }
            )
        return HTML(_macros().evidence_table(rows))

    def reasoning(self) -> HTML:
        return HTML(_macros().ordered(self.verdict.reasoning, "reasoning"))

    def flags(self) -> HTML:
        return HTML(_macros().flags(self.verdict.flags))

    def lines(self) -> HTML:
        rows = [
            {
                "name": line.name,
                "reliability": line.reliability,
                "reliability_meaning": scales.RELIABILITY[line.reliability],
                "party_to_conflict": line.party_to_conflict,
                "documents": line.documents,
                "stance": line.stance,
            }
            for line in self.verdict.lines
        ]
        return HTML(_macros().lines_table(rows, self.verdict.unit))

    def sensitivity(self) -> HTML:
        v = self.verdict
        if not v.sensitivity:
            return HTML(_macros().paragraphs(["There is no line of evidence to leave out."]))
        name = {line.id: line.name for line in v.lines}
        rows = [
            (name[s["left_out"]], scales.LABELS[s["label"]].name, "yes" if s["changed"] else "no")
            for s in v.sensitivity
        ]
        return HTML(
            _macros().simple_table(
                f"Leave one line out: the label without it (the verdict is {v.label_name})",
                ["Left out", "Label without it", "Changes the verdict"],
                rows,
            )
        )

    def headline(self) -> HTML:
        return HTML(f"<h1>{escape(self.claim.claim)}</h1>")

    def share_of_troops(self) -> HTML:
        """The denominator question, for claims about losses; a sentence otherwise."""
        if not self.verdict.denominators:
            return HTML(
                _macros().paragraphs(
                    ["This claim is not about losses, so no share of troops is at stake."]
                )
            )
        return self.chart("loss-share")

    def conclusion(self) -> HTML:
        v = self.verdict
        text = [f"{v.label_name}. {v.summary}"]
        changed = [s for s in v.sensitivity if s["changed"]]
        if changed:
            name = {line.id: line.name for line in v.lines}
            text.append(
                "The verdict would change without "
                + ", ".join(name[s["left_out"]] for s in changed)
                + ": new, independent evidence is what would firm it up or overturn it."
            )
        else:
            text.append(
                "No single line of evidence decides it: leaving any one out keeps the label."
            )
        return HTML(_macros().paragraphs(text))

    def methodology(self) -> HTML:
        m = _macros()
        parts = [
            m.simple_table(
                "Label rules, applied in this order to the credible lines of evidence (reliability A to C)",
                ["When", "Label", "ClaimReview rating"],
                [
                    (when, scales.LABELS[label].name, scales.LABELS[label].rating or "none")
                    for when, label in LABEL_RULES
                ],
            ),
            m.simple_table(
                "Information credibility (Admiralty code, 1 to 6) as the engine assigns it",
                ["When", "Grade", "Published meaning"],
                [(when, grade, scales.CREDIBILITY[grade]) for when, grade in CREDIBILITY_RULES],
            ),
            m.simple_table(
                "Source reliability (Admiralty code, A to F), graded per document in data/sources.csv",
                ["Grade", "Published meaning"],
                list(scales.RELIABILITY.items()),
            ),
            m.simple_table(
                "Probability yardstick (UK Professional Head of Intelligence Analysis), as used by UK Defence Intelligence",
                ["Phrase", "Probability"],
                [(t.phrase, f"{t.low}–{t.high}%") for t in scales.YARDSTICK],
            ),
            m.paragraphs(
                [
                    "Probability follows from credibility (1: almost certain; 2: highly likely; 3: likely; "
                    "4: realistic possibility; 5 mirrors support: highly unlikely against one line graded A or B, unlikely against one graded C, "
                    "a remote chance against two or more) and "
                    "is never higher than the hedge of a supporting source. Likelihood and confidence are kept "
                    "apart, as ICD 203 asks: the probability says how likely the claim is; credibility and "
                    "reliability say how much the evidence can bear.",
                    "What the engine cannot see:",
                ]
            ),
            m.ordered(LIMITS, "limits"),
        ]
        return HTML("\n".join(str(p) for p in parts))

    def sources(self) -> HTML:
        ev, v = self.evidence, self.verdict
        used = {a.source_id for a in v.evidence} | set(self.claim.appeared_in)
        roots = root_map(ev)
        for source_id in list(used):  # every echo too, so repetition is visible
            used.update(echo_family(ev, source_id, None, roots))
        groups = {}
        for sid in sorted(used):
            source = ev.sources[sid]
            groups.setdefault(source.originator, []).append(source)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        view = [
            {
                "name": ev.originators[oid].name,
                "party": ev.originators[oid].party_to_conflict,
                "sources": sorted(items, key=lambda s: (s.published or dt.date.max, s.id)),
            }
            for oid, items in ordered
        ]
        names = {
            sid: f"{s.outlet}, {longdate(s.published) or 'undated'}"
            for sid, s in ev.sources.items()
        }
        return HTML(_macros().sources(view, names))

    def version(self) -> HTML:
        corrections = [c for c in self.evidence.corrections if c.claim in (self.claim.id, "all")]
        return HTML(_macros().version(self.evidence.version, self.verdict.as_of, corrections))

    def claim_review(self) -> dict:
        return claim_review(self.claim, self.evidence, self.verdict)

    # ------------------------------------------------------------------ charts

    @cached_property
    def history(self) -> list[tuple[dt.date, str]]:
        return history(self.claim, self.evidence, self.verdict.as_of)

    def chart(self, name: str) -> HTML:
        """Draw one chart, embed it as a PNG with alt text and a caption, and save PNG and SVG copies."""
        ev, v, claim = self.evidence, self.verdict, self.claim
        builders = {
            "deployment": lambda: charts.deployment_timeline(
                ev, claim.subject or _first_subject(ev), v.as_of
            ),
            "casualties": lambda: charts.casualty_timeline(ev, claim, v),
            "loss-share": lambda: charts.loss_share(ev, claim, v),
            "independence": lambda: charts.independence_graph(ev, v),
            "verdict-history": lambda: charts.verdict_over_time(ev, self.history, v.as_of),
        }
        fig, alt = builders[name]()
        png = chart_style.png_bytes(fig)
        folder = os.environ.get(FIGURES_ENV)
        if folder:
            chart_style.save(fig, Path(folder), name, png)
        title = fig.axes[0].get_title() if fig.axes else name
        caption = f"{title}. {alt}"
        width, height = struct.unpack(">II", png[16:24])  # from the PNG header: exact pixels
        encoded = base64.b64encode(png).decode("ascii")
        return HTML(_macros().figure(encoded, alt, title, caption, width, height))


def _first_subject(evidence: Evidence) -> str:
    return sorted(evidence.subjects)[0]
