"""The verdict contract: typed, frozen, versioned pydantic models.

`verdict.json` is `Verdict.model_dump_json()`; `Verdict.model_validate_json` reads it back equal,
so a render computes the verdict once and every consumer reads the same object.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from .. import scales

Stance = Literal["supports", "contradicts", "inconclusive"]
SCHEMA_VERSION = 2


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Assessment(_Frozen):
    """One piece of evidence judged against the claim."""

    item_id: str  # figure id, or event id for event claims
    source_id: str
    originator_id: str
    line_id: str  # the line of evidence it belongs to: its originator
    date: dt.date
    published: dt.date  # when its originator made it public (rule 3), not the copy's date
    metric: str
    stance: Stance
    reason: str
    hedge: str | None = None
    counted: bool = False  # one of the items that decide its line's stance
    stated: str = ""  # the figure as the source stated it: "about 4,000", "more than 6,000"
    quote: str = ""


class Line(_Frozen):
    """One independent line of evidence: an originator and everything it made public."""

    id: str
    name: str
    stance: Stance
    reliability: str
    credible: bool
    party_to_conflict: bool
    item_id: str  # the first of the items that decide the line
    reason: str
    hedge: str | None = None
    documents: int  # documents carrying the deciding items, the originals included
    item_ids: tuple[str, ...] = ()  # every item that decides the line
    echoes: int = 0  # documents found that repeat the deciding items (originals excluded)
    metric: str = ""  # the metric of the deciding figure (a summed statement's whole)
    relation: str = ""  # how that metric bears on the claim: direct, part, whole, bound, event
    # the claimant's own line (the body whose word the claim restates): evidence of what it
    # said, never independent confirmation
    claimant: bool = False


class Flag(_Frozen):
    code: str
    text: str


class HistoryPoint(_Frozen):
    date: dt.date
    label: str


class Verdict(_Frozen):
    schema_version: int = SCHEMA_VERSION
    claim_id: str
    claim: str
    claim_date: dt.date | None = None
    as_of: dt.date
    label: str
    rating: int | None
    probability: str | None
    credibility: int
    lines: tuple[Line, ...]
    evidence: tuple[Assessment, ...]
    flags: tuple[Flag, ...]
    reasoning: tuple[str, ...]
    sensitivity: tuple[dict[str, str | bool], ...]
    unit: Literal["originator", "report"]
    excluded_after_as_of: tuple[str, ...] = ()
    data_version: str = ""
    denominators: dict[str, dict[str, str | float | None]] = {}
    summary: str = ""
    history: tuple[HistoryPoint, ...] = ()
    why: tuple[str, ...] = ()
    how_sure: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label_name(self) -> str:
        return scales.LABELS[self.label].name

    def originators(self, stance: Stance) -> list[str]:
        return [line.id for line in self.lines if line.stance == stance]

    def to_json(self) -> dict:
        """The public contract of `factcheck verdict --json`."""
        probability_range = None
        if self.probability:
            term = scales.yardstick_term(self.probability)
            probability_range = [term.low, term.high]
        return {
            "schema_version": self.schema_version,
            "claim_id": self.claim_id,
            "claim": self.claim,
            "claim_date": self.claim_date.isoformat() if self.claim_date else None,
            "as_of": self.as_of.isoformat(),
            "summary": self.summary,
            "why": list(self.why),
            "how_sure": self.how_sure,
            "label": self.label,
            "label_name": self.label_name,
            "rating": self.rating,
            "best_rating": scales.BEST_RATING,
            "worst_rating": scales.WORST_RATING,
            "probability": self.probability,
            "probability_percent": probability_range,
            "credibility": self.credibility,
            "credibility_meaning": scales.CREDIBILITY[self.credibility],
            "unit": self.unit,
            "originators": {
                "supporting": self.originators("supports"),
                "contradicting": self.originators("contradicts"),
                "inconclusive": self.originators("inconclusive"),
            },
            "lines": [line.model_dump(mode="json") for line in self.lines],
            "evidence": [
                {
                    "figure": a.item_id,
                    "source": a.source_id,
                    "originator": a.originator_id,
                    "date": a.date.isoformat(),
                    "published": a.published.isoformat(),
                    "metric": a.metric,
                    "stance": a.stance,
                    "counted": a.counted,
                    "reason": a.reason,
                    "stated": a.stated,
                }
                for a in self.evidence
            ],
            "excluded_after_as_of": list(self.excluded_after_as_of),
            "flags": [f.model_dump(mode="json") for f in self.flags],
            "reasoning": list(self.reasoning),
            "sensitivity": list(self.sensitivity),
            "denominators": self.denominators,
            "history": [p.model_dump(mode="json") for p in self.history],
            "data_version": self.data_version,
        }
