"""The evidence model, declared once with pydantic: one class per kind of row or file.

Field types carry the rules (ids, dates, http(s) URLs, vocabularies); cross-file rules that
need the whole base (references, dates across files, cycles) live in `evidence.py`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .ids import ID_PATTERN, MAX_ID_LENGTH
from .scales import YARDSTICK_PHRASES, Reliability, yardstick_term
from .vocabulary import CLAIM_TOLERANCE, SHARES, Comparator, MetricId, Qualifier

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH),
    Field(description="lowercase letters, digits and single hyphens"),
]

# Line breaks and tabs may stay in long prose (notes, quotes); nowhere else may a control
# character (C0, DEL, C1) pass: it would reach terminals, titles and PDFs as a command.
_PROSE_CONTROLS = frozenset("\t\n\r")


# Bidirectional overrides and isolates reorder what a reader sees ("Trojan Source"); the line
# and paragraph separators break lines where no newline is visible. Both count as controls.
_INVISIBLE_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
) | {"\u2028", "\u2029"}


# Every character is_control accepts (category Cc is C0, DEL and C1), as one pattern: a base of
# 20,000 figures has a million characters to check, and a regex scans them in C.
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _INVISIBLE_CONTROLS


def _controls_refused(value: str, allowed: frozenset[str] = frozenset()) -> str:
    if not _ANY_CONTROL.search(value):
        return value
    for position, ch in enumerate(value):
        if is_control(ch) and ch not in allowed:
            only = "; tab and newline only in notes and quotes" if ch in _PROSE_CONTROLS else ""
            raise ValueError(
                "expected text without control characters "
                f"(U+{ord(ch):04X} at character {position + 1}{only})"
            )
    return value


def _no_controls(value: str) -> str:
    return _controls_refused(value)


def _prose(value: str) -> str:
    return _controls_refused(value, _PROSE_CONTROLS)


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_no_controls),
]
OptionalText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=5000), AfterValidator(_no_controls)
]
Stated = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_no_controls)
]
"""A figure in its source's own words ("several hundred"), when the interval misrepresents them."""
Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000),
    AfterValidator(_prose),
]
OptionalProse = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=5000), AfterValidator(_prose)
]

MAX_COUNT = 1_000_000_000
"""The declared range of every number in the data: 0 to 10^9, far above any count in it."""


def _count(value: object) -> object:
    """Numbers are finite, in 0..MAX_COUNT, and never booleans (YAML's `true` is not 1)."""
    if isinstance(value, bool):
        raise ValueError(f"expected a number from 0 to {MAX_COUNT:,}, not true or false")
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 20:  # longer than any number in range: no 401-digit parse
            raise ValueError(f"expected a number from 0 to {MAX_COUNT:,}")
        try:
            number = float(text)
        except ValueError:
            return text  # not a number at all: pydantic says what was expected
        if not (math.isfinite(number) and 0 <= number <= MAX_COUNT):
            raise ValueError(f"expected a finite number from 0 to {MAX_COUNT:,}")
        return text
    finite = not isinstance(value, float) or math.isfinite(value)
    if isinstance(value, int | float) and not (finite and 0 <= value <= MAX_COUNT):
        raise ValueError(f"expected a finite number from 0 to {MAX_COUNT:,}")
    return value


Count = Annotated[int, BeforeValidator(_count), Field(ge=0, le=MAX_COUNT)]
Number = Annotated[float, BeforeValidator(_count), Field(ge=0, le=MAX_COUNT, allow_inf_nan=False)]


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would read '0' or 86400 as a day in 1970."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date as YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("expected a date as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise ValueError(f"expected a real date as YYYY-MM-DD ({err})") from None


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("expected an http:// or https:// URL")
    if any(ch.isspace() for ch in value):
        raise ValueError("a URL may not contain spaces")
    return _no_controls(value)


def _split_ids(value: object) -> object:
    """CSV cells hold lists as 'a;b'; YAML gives real lists."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


def _hedge(value: object) -> object:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            yardstick_term(value.strip().lower())
        except KeyError:
            raise ValueError(
                f"expected a yardstick phrase: {', '.join(YARDSTICK_PHRASES)}"
            ) from None
        return value.strip().lower()
    return value


Url = Annotated[str, AfterValidator(_http_url)]
IdList = Annotated[list[Id], BeforeValidator(_split_ids)]
Hedge = Annotated[str | None, BeforeValidator(_hedge)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Originator(Row):
    """A body that produces information: a ministry, an agency, a head of state."""

    id: Id
    name: Text
    kind: Literal[
        "intelligence-service",
        "military",
        "defence-ministry",
        "head-of-state",
        "government",
        "state-media",
        "news-outlet",
        "news-agency",
        "anonymous-officials",
        "legislator",
        "prosecutor",
        "multinational-body",
        "research-group",
        "think-tank",
    ]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None
    party_to_conflict: bool
    notes: OptionalProse = ""


class Subject(Row):
    id: Id
    name: Text
    description: OptionalProse = ""


class Source(Row):
    """A document we read, and whose information it carries."""

    id: Id
    outlet: Text
    title: OptionalText = ""  # empty when not recorded: the page says "title not recorded"
    url: Url | None = None
    published: Date | None = None
    published_inferred: bool = False  # the page shows no date; `published` is implied by its text
    accessed: Date
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    originator: Id
    derived_from: IdList = []
    reliability: Reliability
    reliability_reason: Prose
    archive_url: Url | None = None
    status: Literal["verified", "unverified", "not-archived"]
    notes: OptionalProse = ""

    @model_validator(mode="after")
    def _verified_sources_have_a_url(self) -> Source:
        if self.status == "verified" and not self.url:
            raise ValueError("url: a verified source needs its http(s) URL; found none")
        if self.published_inferred and self.published is None:
            raise ValueError(
                "published: published_inferred is true, so expected the inferred date; found none"
            )
        return self


class Figure(Row):
    """One number or range, as a source states it."""

    id: Id
    subject: Id
    metric: MetricId  # declared in metrics.csv: checked against it in evidence.py
    low: Count
    high: Count
    qualifier: Qualifier
    refers_to: Date
    source: Id
    originator: Id | None = None  # when the document carries several originators' information
    reliability: Reliability | None = (
        None  # that originator's grade, when it differs from the document's
    )
    quote: Prose
    hedge: Hedge = None
    notes: OptionalProse = ""
    stated: Stated = ""  # optional column: the words, when low/high/qualifier misrepresent them
    # optional column: the id of an earlier figure of the same originator that this one revises
    # ("based on updated assessments"); the revised figure no longer speaks for its originator
    revises: Id | None = None
    # optional column: for a count within a window ("in the last week"), the window's first day;
    # a total over since..refers_to is also how a rate claim can be judged with it
    since: Date | None = None

    @model_validator(mode="after")
    def _low_not_above_high(self) -> Figure:
        if self.low > self.high:
            raise ValueError(f"low: expected low <= high, found low {self.low} > high {self.high}")
        if self.since is not None and self.since > self.refers_to:
            raise ValueError(
                f"since: expected a date on or before refers_to {self.refers_to}, found {self.since}"
            )
        if self.metric in SHARES and self.high > 100:
            raise ValueError(f"high: expected a percentage from 0 to 100, found {self.high}")
        contradiction = stated_contradiction(self.stated, self.low, self.high)
        if contradiction:
            raise ValueError(contradiction)
        return self


_STATED_BOUND = re.compile(
    r"\b(fewer than|less than|under|below|at most|up to|no more than|not more than|"
    r"more than|over|above|at least|exceeding|in excess of|upwards of)\s+"
    r"(?:about |around |some |roughly |nearly |almost )?(\d[\d,]*(?:\.\d+)?)\s*(thousand|million)?",
    re.IGNORECASE,
)
_UPPER = ("fewer than", "less than", "under", "below", "at most", "up to", "no more than")


def stated_contradiction(stated: str, low: float, high: float) -> str | None:
    """'fewer than 100' cannot describe a figure whose low is 6,000 (bounds equal to the number
    are allowed: "more than 6,000" is recorded as low = high = 6000 with its qualifier)."""
    for match in _STATED_BOUND.finditer(stated or ""):
        phrase, digits, scale = match.group(1).lower(), match.group(2), (match.group(3) or "")
        number = float(digits.replace(",", "")) * {"thousand": 1e3, "million": 1e6}.get(
            scale.lower(), 1
        )
        upper = phrase in _UPPER or phrase == "not more than"
        if upper and low > number:
            return (
                f"stated: {match.group(0).strip()!r} puts the figure at or below {number:,.0f}, "
                f"but low is {low:,}; expected the words to agree with low and high"
            )
        if not upper and high < number:
            return (
                f"stated: {match.group(0).strip()!r} puts the figure at or above {number:,.0f}, "
                f"but high is {high:,}; expected the words to agree with low and high"
            )
    return None


class Event(Row):
    """A dated happening (a confirmation, a denial), as a source reports it."""

    id: Id
    type: Id
    date: Date
    summary: Prose
    source: Id
    originator: Id | None = None
    quote: Prose
    notes: OptionalProse = ""
    # false for a one-time event ("acknowledged for the first time", "retaken"): only then does
    # a report of it on another date contradict a claim that it happened in the claimed period
    repeatable: bool = True


class Correction(Row):
    date: Date
    claim: Id
    description: Prose


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: Date
    end: Date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"start: expected start <= end, found {self.start} > {self.end}")
        return self


class Claim(BaseModel):
    """A public claim, one YAML file each: the format analysts write by hand."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: Id
    claim: Text
    # who made the claim; empty when not known (page 1 then names the page it appeared in)
    claimant: OptionalText
    claim_date: Date
    appeared_in: Annotated[list[Id], Field(min_length=1)]
    # statement: the claim is that a body said something (the event is its statement)
    kind: Literal["quantity", "event", "statement"] = "quantity"
    subject: Id | None = None
    metric: MetricId | None = None  # declared in metrics.csv: checked in evidence.py
    comparator: Comparator | None = None
    value: Number | None = None
    value_high: Number | None = None  # the upper end, with the comparator "between"
    tolerance: (
        Annotated[float, BeforeValidator(_count), Field(gt=0, lt=1, allow_inf_nan=False)] | None
    ) = None
    event: Id | None = None
    period: Period | None = None
    as_of: Date | None = None
    hedge: OptionalText = ""
    # the body whose own word the claim restates (the claimant, or the body it quotes): its line
    # shows what that body said, never independent confirmation
    originator: Id | None = None
    # the share of the troops sent that the claim states or implies ("more than half": 0.5)
    share: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)] | None = None
    notes: OptionalProse = ""

    @model_validator(mode="after")
    def _keys_fit_the_kind(self) -> Claim:
        if self.kind == "quantity":
            missing = [
                k for k in ("subject", "metric", "comparator", "value") if getattr(self, k) is None
            ]
            if missing:
                raise ValueError(
                    f"{missing[0]}: required for a claim of kind: quantity (the default); found none"
                )
            if self.event is not None:
                raise ValueError(
                    f"event: expected only in a claim of kind: event; found {self.event!r} in a claim of kind: quantity"
                )
            if self.comparator == "between" and (
                self.value_high is None or self.value_high < (self.value or 0)
            ):
                raise ValueError(
                    "value_high: the comparator between needs value_high, at least value; "
                    f"found {self.value_high!r}"
                )
            if self.value_high is not None and self.comparator != "between":
                raise ValueError(
                    f"value_high: expected only with the comparator between; found the comparator {self.comparator!r}"
                )
            if self.tolerance is not None and self.comparator != "~":
                raise ValueError(
                    f"tolerance: expected only with the comparator ~; found the comparator {self.comparator!r}"
                )
        else:
            if self.event is None:
                raise ValueError(
                    f"event: required for a claim of kind: {self.kind} (an event type in events.csv); found none"
                )
            extra = [
                k
                for k in ("metric", "comparator", "value", "value_high", "tolerance", "share")
                if getattr(self, k) is not None
            ]
            if extra:
                raise ValueError(
                    f"{extra[0]}: expected no {extra[0]} in a claim of kind: {self.kind}; found {getattr(self, extra[0])!r}"
                )
        return self

    @property
    def effective_as_of(self) -> dt.date:
        return self.as_of or self.claim_date

    @property
    def effective_period(self) -> Period:
        return self.period or Period(start=self.claim_date, end=self.claim_date)

    @property
    def effective_tolerance(self) -> float:
        return self.tolerance if self.tolerance is not None else CLAIM_TOLERANCE


TABLES: dict[str, type[Row]] = {
    "originators.csv": Originator,
    "subjects.csv": Subject,
    "sources.csv": Source,
    "figures.csv": Figure,
    "events.csv": Event,
    "corrections.csv": Correction,
}
