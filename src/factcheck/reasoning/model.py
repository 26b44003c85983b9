"""The verdict contract: typed, frozen, versioned pydantic models.

`verdict.json` is `Verdict.model_dump_json()`; `Verdict.model_validate_json` reads it back equal,
so a render computes the verdict once and every consumer reads the same object.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from .. import scales, wording

Stance = Literal["supports", "contradicts", "inconclusive"]
SCHEMA_VERSION = 3  # 3: flags as fields, line document ids, changes, independence_unit


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
    document_ids: tuple[str, ...] = ()  # the `documents` counted: originals, then echoes
    echo_ids: tuple[str, ...] = ()  # the `echoes` counted

    @computed_field  # type: ignore[prop-decorator]
    @property
    def decides(self) -> bool:
        """A credible line that supports or contradicts: the only kind the rating rests on."""
        return self.credible and self.stance != "inconclusive"


class Flag(_Frozen):
    """A warning as data: a code and the fields its sentence is made of.

    `text` is worded from the fields by `factcheck.wording.flag_sentence`; nothing reads a
    flag's sentence back as data.
    """

    code: str
    names: tuple[str, ...] = ()  # the lines of evidence it speaks of, by name
    line_ids: tuple[str, ...] = ()
    echoes: int = 0
    documents: int = 0
    metric: str = ""  # the claim's metric, in words
    metrics: tuple[str, ...] = ()  # the wider metrics the evidence counts, in words
    own_metric: bool = False  # terminology: some evidence in scope counts the claim's own metric
    hedge: str = ""
    value: float = 0
    shares: tuple[dict[str, str | float | None], ...] = ()
    date: dt.date | None = None
    days: int = 0
    event: bool = False

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title(self) -> str:
        return wording.flag_title(self.code)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        return wording.flag_sentence(self)


class Change(_Frozen):
    """One way the rating would change: without a line of evidence, or with a new one."""

    kind: Literal["without", "with"]
    label: str  # the rating it would get
    line_id: str = ""  # without: the line left out
    name: str = ""
    stance: str = ""  # with: the new line's stance
    already: int = 0  # with: deciding lines of that stance there are already


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
    # What counts as one independent line of evidence: an originator (quantity claims) or
    # the body whose reported statement it is (event claims). Not a unit of measurement.
    independence_unit: Literal["originator", "report"]
    excluded_after_as_of: tuple[str, ...] = ()
    data_version: str = ""
    denominators: dict[str, dict[str, str | float | None]] = {}
    summary: str = ""
    history: tuple[HistoryPoint, ...] = ()
    changes: tuple[Change, ...] = ()  # what would change the rating, re-decided by the rules
    why: tuple[str, ...] = ()
    how_sure: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label_name(self) -> str:
        return scales.LABELS[self.label].name

    def originators(self, stance: Stance) -> list[str]:
        return [line.id for line in self.lines if line.stance == stance]
