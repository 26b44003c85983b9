"""The vocabulary: metrics are declared in data (`<data>/metrics.csv`), the method's words here.

A topic is data. Which metrics exist, the reader's words and unit for each, what kind of
figure it is (a count, a capacity, a rate, a share), what it is part of, which parts add up to
it, what bounds it physically and what a share of it is a share of: all of that is one row
of `metrics.csv`, read by `factcheck.evidence` and carried by the evidence base. Nothing in
`src/` names a metric. What stays here is the method's own vocabulary (qualifiers,
comparators, how far "approximately" stretches), which is the same for every topic.

The engine and the presentation look metrics up in the *active* vocabulary: the one of the
evidence being judged (`use`, which `factcheck.verdict.assess` enters), else the one most
recently loaded by `load_evidence`, else the project's own `data/metrics.csv`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Qualifier = Literal["exact", "approximately", "at least", "more than", "up to"]
Comparator = Literal[">", ">=", "<", "<=", "=", "~", "between"]

COMPARATOR_WORDS: dict[str, str] = {
    ">": "more than",
    ">=": "at least",
    "<": "fewer than",
    "<=": "at most",
    "=": "exactly",
    "~": "about",
    "between": "between",
}

# How far "approximately N" may stray from N, as a share of N.
APPROXIMATELY = 0.05
# How far a claim's "about N" may stray from N, unless the claim sets its own tolerance.
CLAIM_TOLERANCE = 0.1

METRICS_FILE = "metrics.csv"

Kind = Literal["count", "capacity", "rate", "share"]
Per = Literal["day", "month", "year"]
DAYS_PER: dict[str, float] = {"day": 1.0, "month": 365.25 / 12, "year": 365.25}

_ID = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
MetricId = Annotated[
    str,
    StringConstraints(pattern=_ID, max_length=80),
    Field(description="lowercase letters, digits, single hyphens or underscores"),
]


def _ids(value: object) -> object:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


Words = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
IdTuple = Annotated[tuple[MetricId, ...], BeforeValidator(_ids)]


class MetricInfo(BaseModel):
    """One row of metrics.csv: a metric and everything the engine and the page need to know."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: MetricId
    label: Label  # the reader's words for what is counted: "shells sent"
    unit: Label  # singular: "shell"
    units: Label  # plural: "shells"
    kind: Kind = "count"
    per: Per | None = None  # for a rate: per day, month or year
    cumulative: bool = False  # a running total that only grows with time
    part_of: MetricId | None = None  # this metric counts a subset of another one
    parts: IdTuple = ()  # parts that, stated together, add up to this metric
    additive: bool = False  # several figures of it in one statement are components of one whole
    bounded_by: MetricId | None = None  # physically never more than this metric
    converts_to: MetricId | None = None  # a capacity: the count it is an upper bound on
    rate_of: MetricId | None = None  # a rate: the count it is the flow of
    share_of: MetricId | None = None  # a share: the whole it is a share of
    share_part: MetricId | None = None  # a share of a whole's part: with a count of the whole
    # in the same statement it bounds the part ("4,000 losses, about a quarter killed")
    ratio_to: IdTuple = ()  # totals the claimed number is shown as a share of, narrowest first
    total_words: Words = ""  # this metric as a total a share is taken of: "the first deployment"
    count_words: Words = ""  # after a number, as that total: "initially deployed"
    decimals: Annotated[int, Field(ge=0, le=6)] = 0
    note: Words = ""  # what readers should know when a figure of it decides
    whole_note: Words = ""  # ... when it is only an upper bound on one of its parts
    description: Words = ""


@dataclass(frozen=True)
class Vocabulary:
    """Every declared metric, by id, in the order of the file."""

    metrics: Mapping[str, MetricInfo] = field(default_factory=dict)

    # Cached: the engine reads these once per figure and day, and a vocabulary never changes.
    @functools.cached_property
    def wholes(self) -> dict[str, tuple[str, ...]]:
        return {m: info.parts for m, info in self.metrics.items() if info.parts}

    @functools.cached_property
    def bounds(self) -> dict[str, str]:
        return {m: info.bounded_by for m, info in self.metrics.items() if info.bounded_by}

    @functools.cached_property
    def shares(self) -> dict[str, tuple[str, str]]:
        return {
            m: (info.share_part, info.share_of)
            for m, info in self.metrics.items()
            if info.kind == "share" and info.share_part and info.share_of
        }

    def parts_of(self, metric: str) -> list[str]:
        return sorted(m for m, info in self.metrics.items() if info.part_of == metric)

    def units_of(self, metric: str | None, n: float | None = None) -> str:
        """The unit, singular for exactly one, plural otherwise ("" for an unknown metric)."""
        info = self.metrics.get(metric or "")
        if info is None:
            return ""
        return info.unit if n == 1 else info.units


_active: contextvars.ContextVar[Vocabulary | None] = contextvars.ContextVar(
    "factcheck_vocabulary", default=None
)
_loaded: list[Vocabulary] = []  # the vocabulary load_evidence read last


def set_loaded(vocabulary: Vocabulary) -> None:
    """load_evidence calls this: charts and pages of that evidence see its vocabulary."""
    _loaded[:] = [vocabulary]


@functools.cache
def project_default() -> Vocabulary:
    """The vocabulary of the project's own data folder (for evidence built without files)."""
    from .paths import DATA_DIR

    return read_vocabulary(DATA_DIR / METRICS_FILE)


def of(evidence: object) -> Vocabulary:
    """The vocabulary an evidence base was loaded with; the project's for a hand-built base."""
    return getattr(evidence, "vocabulary", None) or project_default()


def active() -> Vocabulary:
    """The vocabulary in force: the judged evidence's, else the last loaded, else the project's."""
    current = _active.get()
    if current is not None:
        return current
    if _loaded:
        return _loaded[0]
    return project_default()


@contextlib.contextmanager
def use(vocabulary: Vocabulary | None) -> Iterator[Vocabulary]:
    """Judge with this vocabulary (None: keep the one in force)."""
    if vocabulary is None:
        yield active()
        return
    token = _active.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _active.reset(token)


def activate(vocabulary: Vocabulary) -> contextvars.Token:
    """Put a vocabulary in force until `deactivate(token)` (for code that cannot use `with`)."""
    return _active.set(vocabulary)


def deactivate(token: contextvars.Token) -> None:
    _active.reset(token)


def read_vocabulary(path: Path) -> Vocabulary:
    """A metrics file read without checks (the checked read is `evidence.load_vocabulary`)."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = [
            {k: v for k, v in row.items() if v not in (None, "")} for row in csv.DictReader(handle)
        ]
    return Vocabulary({row["id"]: MetricInfo.model_validate(row) for row in rows})


class _View(Mapping):
    """A read-only view of one part of the active vocabulary, so callers keep `METRICS[m]`."""

    def __init__(self, pick):
        self._pick = pick

    def _target(self) -> Mapping:
        return self._pick(active())

    def __getitem__(self, key):
        return self._target()[key]

    def __iter__(self):
        return iter(self._target())

    def __len__(self) -> int:
        return len(self._target())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self._target())!r})"


METRICS: Mapping[str, MetricInfo] = _View(lambda v: v.metrics)
# Statements whose parts add up to a whole ("about 300 killed and 2,700 wounded" in one report
# is about 3,000 casualties): each whole with every part it needs, as declared in `parts`.
WHOLES: Mapping[str, tuple[str, ...]] = _View(lambda v: v.wholes)
# Physical bounds, declared once as `bounded_by`: read "metric <= bound".
BOUNDS: Mapping[str, str] = _View(lambda v: v.bounds)
# Shares in percent that, with a count of the whole in the same statement, bound a part:
# share -> (part, whole), as declared (`share_part`, `share_of`).
SHARES: Mapping[str, tuple[str, str]] = _View(lambda v: v.shares)
# Metrics a claimed number is shown as a share of some declared totals of (`ratio_to`).
RATIO_METRICS: Mapping[str, tuple[str, ...]] = _View(
    lambda v: {m: info.ratio_to for m, info in v.metrics.items() if info.ratio_to}
)


def parts_of(metric: str) -> list[str]:
    """Metrics that count a subset of `metric`."""
    return active().parts_of(metric)


def units(metric: str | None, n: float | None = None) -> str:
    """The unit words of a metric in the active vocabulary ("shells"; "shell" for one)."""
    return active().units_of(metric, n)
