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
SCHEMA_VERSION = 4  # 3: flags as fields, line document ids, changes, independence_unit
# 4: a line's and an item's reason as fields (`grounds`), the sentence computed from them


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Quantity(_Frozen):
    """A number as its source stated it, as data: what `wording.stated` words.

    `label` is the metric's reader words as declared (metrics.csv), kept with the number so the
    sentence reads the same whatever vocabulary is active when it is worded."""

    label: str  # "troops deployed"
    qualifier: str = "exact"
    low: int = 0
    high: int = 0
    stated: str = ""  # the source's own words, where the data records them ("several hundred")
    refers_to: dt.date | None = None
    since: dt.date | None = None
    percent: bool = False  # a share of a whole (its metric's kind): worded "50%", not "50"


class Reading(_Frozen):
    """How a figure was read before it was judged: as stated, or worked out, the arithmetic as
    fields (`wording.reading_words` says it).

    - stated: `result` is the figure as stated;
    - sum: `parts` stated in one statement add up to `result`;
    - share-of-whole: `parts` are (the whole, the share); the whole allows `low` to `high`
      (None: no upper end), times `share_low` to `share_high` percent is `result`;
    - rate: `parts[0]` per `own_per` is `result` per `per`;
    - flow: `parts[0]` over `days` days is `per_day` a day, times `days_per` days a `per`.
    - share: `parts` are (a count of the part, a sourced figure for the whole): the part allows
      `low` to `high` (in the whole's terms, per `per` where it was per `own_per`), the whole
      `whole_low` to `whole_high`, so the share is `share_low` to `share_high` percent.
    """

    code: Literal["stated", "sum", "share-of-whole", "rate", "flow", "share"] = "stated"
    result: Quantity
    parts: tuple[Quantity, ...] = ()
    low: float = 0
    high: float | None = 0  # None: no upper end
    low_open: bool = False
    share_low: float = 0
    share_high: float | None = 0  # None: no upper end
    whole_low: float = 0  # share: the values the whole allows (None: no upper end)
    whole_high: float | None = 0
    per: str = ""
    own_per: str = ""
    days: int = 0
    days_per: float = 0
    per_day: Quantity | None = None
    of: Reading | None = None  # rate and flow: the reading converted


class ClaimTerms(_Frozen):
    """What a quantity claim asserts, as data: what `wording.claim_words` words."""

    kind: str = "quantity"
    comparator: str = "="
    value: float = 0
    value_high: float | None = None
    metric: str = ""  # the claim's metric id, worded by the vocabulary (see `label`)
    label: str = ""  # its reader words as declared
    percent: bool = False  # a claim on a share: its number is worded "50%"


class Note(_Frozen):
    """Why a figure's values were read as they were, as data (`wording.note_words`).

    part / whole / bound / capacity: the relation of `label` (the figure's metric) to `of`;
    larger-since: an earlier bound up to `date`, and `larger` reported since;
    no-larger: an earlier bound up to `date`, nothing larger reported;
    growth: counted up to `date`, `days` before the claim; at `per_day` it reaches `top` by `end`;
    grows: counted up to `date`, before the claim, and counts only grow;
    later-open / later-caps: counted up to `date`, after the claim's date;
    whole-period: a running total up to `date` includes the whole period.
    """

    code: str
    label: str = ""
    of: str = ""
    date: dt.date | None = None
    end: dt.date | None = None
    days: int = 0
    per_day: float = 0
    top: float = 0
    larger: Quantity | None = None


class Reason(_Frozen):
    """Why an item (or a line of evidence) has its stance: a code and the fields its sentence is
    made of (`wording.reason_sentence`); nothing reads the sentence back as data.

    Quantity claims: the figure as `reading` read it, counted up to `date`, against `claim`:
    implies, rules-out, within-tolerance (of `tolerance`), outside-tolerance (its stated
    number `point`), neither, lower-before-end, total-before-end (a running total before the
    period ends), outside-period, undated-total (a total with no window for a rate claim),
    no-denominator (a count with no sourced whole for a share claim), with `notes`.
    Event claims: event-within, event-outside-repeatable, event-outside-once, reported on
    `date`, against `start` to `end`.
    """

    code: str
    reading: Reading | None = None
    date: dt.date | None = None
    claim: ClaimTerms | None = None
    tolerance: float = 0
    point: float = 0
    start: dt.date | None = None
    end: dt.date | None = None
    notes: tuple[Note, ...] = ()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        return wording.reason_sentence(self)


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
    grounds: Reason | None = None  # why it has its stance, as fields
    hedge: str | None = None
    counted: bool = False  # one of the items that decide its line's stance
    stated: str = ""  # the figure as the source stated it: "about 4,000", "more than 6,000"
    quote: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reason(self) -> str:
        """The reason in words, made from `grounds`."""
        return self.grounds.text if self.grounds else ""


class Line(_Frozen):
    """One independent line of evidence: an originator and everything it made public."""

    id: str
    name: str
    stance: Stance
    reliability: str
    credible: bool
    party_to_conflict: bool
    item_id: str  # the first of the items that decide the line
    grounds: Reason | None = None  # why the line has its stance: its deciding item's reason
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
    def reason(self) -> str:
        """The reason in words, made from `grounds`."""
        return self.grounds.text if self.grounds else ""

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
