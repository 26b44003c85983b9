"""The analysts' evidence review: what the base holds, and what needs work before it is trusted.

Used by notebooks/evidence_review.ipynb; `factcheck review` renders it to reports/_review/
(see `factcheck.rendering.review`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from markupsafe import escape

from .evidence import Evidence, load_evidence
from .paths import resolve_data_dir
from .verdict import STALE_AFTER_DAYS, figure_interval, relation  # the engine's threshold


@dataclass
class Review:
    evidence: Evidence
    subject: str
    as_of: dt.date

    @classmethod
    def load(cls, subject: str = "", as_of: str = "", data_dir: str | Path = "data") -> Review:
        evidence = load_evidence(resolve_data_dir(data_dir))
        if subject and subject not in evidence.subjects:
            raise KeyError(
                f"unknown subject {subject!r}; known: {', '.join(sorted(evidence.subjects))}"
            )
        if as_of:
            day = dt.date.fromisoformat(as_of)
        else:  # the newest publication in the base: no wall clock in the output
            day = max(s.published for s in evidence.sources.values() if s.published)
        return cls(evidence, subject, day)

    def summary(self):
        from .page import HTML

        scope = self.evidence.subjects[self.subject].name if self.subject else "every subject"
        n = len(self._figures())
        return HTML(
            f"<p>{n} figures on {escape(scope)}, published up to {self.as_of:%d %B %Y}; data version <code>{self.evidence.version}</code>.</p>"
        )

    def _figures(self):
        return [
            f
            for f in self.evidence.figures.values()
            if (not self.subject or f.subject == self.subject)
            and self.evidence.sources[f.source].published <= self.as_of
        ]

    def figures_by_originator(self) -> pd.DataFrame:
        ev = self.evidence
        rows = [
            {
                "originator": ev.originators[ev.originator_id(f)].name,
                "date": f.refers_to.isoformat(),
                "metric": f.metric,
                "value": figure_interval(f).describe(),
                "figure": f.id,
                "source": ev.sources[f.source].outlet,
                "reliability": f.reliability or ev.sources[f.source].reliability,
            }
            for f in self._figures()
        ]
        frame = pd.DataFrame(rows)
        return (
            frame.sort_values(["originator", "date", "figure"]).reset_index(drop=True)
            if rows
            else frame
        )

    def originators(self) -> pd.DataFrame:
        ev = self.evidence
        rows = []
        for oid, originator in sorted(ev.originators.items()):
            documents = [s for s in ev.sources.values() if s.originator == oid]
            figures = [f for f in self._figures() if ev.originator_id(f) == oid]
            rows.append(
                {
                    "originator": originator.name,
                    "kind": originator.kind,
                    "party to the conflict": "yes" if originator.party_to_conflict else "no",
                    "documents": len(documents),
                    "echoes (documents that repeat another)": sum(
                        1 for s in documents if s.derived_from
                    ),
                    "figures": len(figures),
                }
            )
        return pd.DataFrame(rows)

    def needs_attention(self) -> pd.DataFrame:
        """Unverified or unarchived documents, documents with no quote, stale originators."""
        ev = self.evidence
        quoted = {f.source for f in ev.figures.values()} | {e.source for e in ev.events.values()}
        rows = []
        for source in sorted(ev.sources.values(), key=lambda s: s.id):
            if source.status != "verified":
                rows.append(
                    {
                        "item": source.id,
                        "problem": f"document is {source.status}",
                        "detail": source.title,
                    }
                )
            if source.url and not source.archive_url:
                rows.append({"item": source.id, "problem": "no archive link", "detail": source.url})
            if source.id not in quoted and not source.derived_from:
                rows.append(
                    {
                        "item": source.id,
                        "problem": "no figure or event quotes it",
                        "detail": source.title,
                    }
                )
            if source.published_inferred:
                rows.append(
                    {
                        "item": source.id,
                        "problem": "publication date inferred",
                        "detail": str(source.published),
                    }
                )
        latest: dict[str, dt.date] = {}
        for figure in self._figures():
            oid = ev.originator_id(figure)
            latest[oid] = max(latest.get(oid, figure.refers_to), figure.refers_to)
        for oid, day in sorted(latest.items()):
            age = (self.as_of - day).days
            if age > STALE_AFTER_DAYS:
                rows.append(
                    {
                        "item": oid,
                        "problem": f"stale: newest figure is {age} days old",
                        "detail": day.isoformat(),
                    }
                )
        return pd.DataFrame(rows, columns=["item", "problem", "detail"])

    def unused_figures(self) -> pd.DataFrame:
        """Figures no claim's scope reaches: evidence waiting for a claim, or a typo in a metric."""
        ev = self.evidence
        rows = []
        for figure in self._figures():
            used = any(
                c.kind == "quantity"
                and c.subject == figure.subject
                and relation(c.metric, figure.metric)
                for c in ev.claims.values()
            )
            if not used:
                rows.append(
                    {
                        "figure": figure.id,
                        "metric": figure.metric,
                        "date": figure.refers_to.isoformat(),
                    }
                )
        return pd.DataFrame(rows, columns=["figure", "metric", "date"])
