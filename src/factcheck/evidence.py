"""Load `data/` into one validated, immutable evidence base, or list every problem at once.

Nothing here raises a traceback for bad input: each problem names the file, the line, the
field, what was expected and what was found, and the base is either whole or not loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import pickle
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import yaml
from pydantic import BaseModel, ValidationError

from .errors import FactcheckError
from .fingerprint import data_version
from .ids import ID_PATTERN
from .schema import (
    TABLES,
    Claim,
    Correction,
    Event,
    Figure,
    Originator,
    Row,
    Source,
    Subject,
    is_control,
)
from .vocabulary import (
    METRICS_FILE,
    MetricInfo,
    Vocabulary,
    activate,
    deactivate,
    set_loaded,
)
from .vocabulary import active as vocabulary_in_force

if TYPE_CHECKING:  # imported where a graph is built: a report's kernel never builds one
    import networkx as nx

MAX_FILE_BYTES = 5_000_000  # a data file larger than this is a mistake, not evidence
MAX_YAML_DEPTH = 20

# Dates are bounded where they enter, so no later step (a chart's axis, a day-by-day history)
# does work that grows with a typo'd year. The wall clock decides acceptance only, never output.
FUTURE_YEARS = 1  # a claim, as-of or table date at most a year after today
PAST_YEARS = 1  # a claim or as-of date at most a year before the first evidence (as --as-of)
EARLIEST_DATE = dt.date(1900, 1, 1)  # no document, figure or event in the tables is older


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return _escaped(f"{where}: {what}{self.message}")


def _escaped(text: str) -> str:
    """Control characters shown as \\x1b, never sent: a file or key name may carry them."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if is_control(ch) else ch for ch in text
    )


class EvidenceError(FactcheckError):
    """Raised with every problem found; str() is what the user sees."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__(self.render())

    def render(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the evidence:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass(frozen=True, kw_only=True)
class SharedTables:
    """The tables every claim of a base reads (the claims are read one by one): checked once for
    a batch worker's claims (`_Tables`), and pickled once for their kernels (`write_handoff`)."""

    originators: dict[str, Originator]
    subjects: dict[str, Subject]
    sources: dict[str, Source]
    figures: dict[str, Figure]
    events: dict[str, Event]
    corrections: tuple[Correction, ...]


@dataclass(frozen=True, kw_only=True)
class Evidence(SharedTables):
    """The whole evidence base, validated and cross-checked."""

    data_dir: Path
    claims: dict[str, Claim]
    version: str  # content hash of every data file: the report's data version
    files: tuple[str, ...] = field(default=())
    # claim file stem -> its problems; filled only by load_evidence(..., strict=False)
    claim_problems: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    # the metrics declared in metrics.csv (None: the active vocabulary, for hand-built bases)
    vocabulary: Vocabulary | None = None
    # What the layers above work out from this base (its documents' roots), kept with it: worked
    # out once, and pickled with it to a report's kernel. `dataclasses.replace` starts it empty,
    # as a changed base must work it out again.
    derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def originator_id(self, item: Figure | Event) -> str:
        """Whose information a figure or event is: its own originator, else its document's."""
        return item.originator or self.sources[item.source].originator


# --------------------------------------------------------------------------- reading files


def _display(path: Path, data_dir: Path) -> str:
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _read_text(
    path: Path, shown: str, problems: list[Problem], expected: str = "at least a header row"
) -> str | None:
    if not path.is_file():
        problems.append(Problem(shown, None, None, "file is missing (expected it to exist)"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(
                shown, None, None, f"file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,}"
            )
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(
            Problem(
                shown,
                line,
                None,
                f"not UTF-8 text: byte 0x{raw[err.start]:02x} at offset {err.start}; save the file as UTF-8",
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(shown, line, None, "contains a NUL byte; expected plain text"))
        return None
    if not text.strip():
        problems.append(Problem(shown, None, None, f"file is empty; expected {expected}"))
        return None
    return text


def _field_of(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
    return ".".join(loc) if loc else ""


_PATTERNS = {
    ID_PATTERN: "an id of lowercase letters, digits and single hyphens, like nis-brief",
    r"^[A-Z]{2}$": "a two-letter country code in capitals, like GB",
    r"^[a-z]{2}$": "a two-letter language code in lower case, like en",
}
_EXPECTED = {  # pydantic's error type -> what the analyst should have written
    "string_type": "expected text",
    "string_too_short": "expected some text",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "finite_number": "expected a finite number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "list_type": "expected a list, like [a, b]",
    "model_type": "expected a mapping of keys",
    "model_attributes_type": "expected a mapping of keys",
    "dict_type": "expected a mapping of keys",
    "literal_error": "expected one of {expected}",
    "string_pattern_mismatch": "expected {pattern}",
    "too_short": "expected at least {min_length} item(s)",
    "too_long": "expected at most {max_length} item(s)",
    "greater_than": "expected a number above {gt}",
    "greater_than_equal": "expected a number of at least {ge}",
    "less_than": "expected a number below {lt}",
    "less_than_equal": "expected a number of at most {le}",
}


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (str, int, float)):
        return repr(value) if len(str(value)) <= 80 else repr(str(value)[:77] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list" if value else "an empty list"
    return type(value).__name__


def _keys_at(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> list[str] | None:
    """The keys the model allows where loc points, for 'not a known key' messages."""
    for part in loc[:-1]:
        info = model.model_fields.get(part) if model and isinstance(part, str) else None
        if info is None:
            return None
        kinds = [a for a in (info.annotation, *get_args(info.annotation)) if isinstance(a, type)]
        model = next((a for a in kinds if issubclass(a, BaseModel)), None)
    return list(model.model_fields) if model else None


def _is_rule(error: dict[str, Any]) -> bool:
    """A model's own check (low <= high, start <= end), written as "field: what is wrong"."""
    return not error["loc"] or (
        error["type"] == "value_error" and isinstance(error.get("input"), dict)
    )


def _explain(error: dict[str, Any], model: type[BaseModel] | None = None) -> str:
    """One pydantic error as 'expected ...; found ...', in an analyst's words, not pydantic's."""
    kind, ctx, found = error["type"], error.get("ctx") or {}, error.get("input")
    ctx = {
        k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in ctx.items()
    }  # 0, not 0.0
    if kind == "missing":
        return "required field is empty or missing"
    if kind == "extra_forbidden":
        keys = _keys_at(model, error["loc"])
        return f"not a known key; expected one of: {', '.join(keys)}" if keys else "not a known key"
    if kind == "invalid_key":
        return f"expected keys of text, like id:, found the key {_found(found)}"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters, found {len(str(found))}"
    if kind.startswith("date"):
        expected = "expected a date as YYYY-MM-DD"
    elif kind in _EXPECTED:
        pattern = ctx.get("pattern")
        expected = _EXPECTED[kind].format(
            **{**ctx, "pattern": _PATTERNS.get(pattern, f"text matching {pattern}")}
        )
    else:
        expected = error["msg"].removeprefix("Value error, ")
    if _is_rule(error):
        return expected  # a rule about a whole row or mapping: its message says what it found
    return f"{expected}; found {_found(found)}"


def _validation_problems(
    err: ValidationError,
    shown: str,
    line: int | None,
    lines: dict[str, int] | None = None,
    model: type[BaseModel] | None = None,
) -> Iterator[Problem]:
    for error in err.errors(include_url=False):
        name = _field_of(error)
        message = _explain(error, model)
        if _is_rule(error) and ": " in message:
            head, rest = message.split(": ", 1)
            if head.isidentifier():
                name, message = ".".join(filter(None, [name, head])), rest
        if error["type"] == "invalid_key":  # a YAML key such as 1: or null:
            name = ""
        where = (lines or {}).get(name.split(".")[0], line)
        yield Problem(shown, where, name or None, message)


# Tables already parsed and validated in this process, by everything their rows depend on: the
# file's name as shown, its row model, its text and the metrics in force. A batch worker loads
# the same tables for every claim it renders; the rows are frozen models, so sharing them is
# safe. Bounded: at most a few bases' tables.
_PARSED: dict[tuple, tuple[tuple, tuple | None, tuple[Problem, ...]]] = {}
_PARSED_AT_MOST = 16


def _load_table(
    path: Path, model: type[Row], shown: str, problems: list[Problem]
) -> tuple[list[tuple[int, Row]], list[dict[str, str]] | None]:
    """The valid rows, and the raw rows that failed (None when the whole file failed).

    Other files' references to a failed row are then not reported again as unknown.
    """
    text = _read_text(path, shown, problems)
    if text is None:
        return [], None
    key = (shown, model, text, repr(vocabulary_in_force()))
    if key not in _PARSED:
        found: list[Problem] = []
        rows, failed = _parse_table(text, model, shown, found)
        if len(_PARSED) >= _PARSED_AT_MOST:
            del _PARSED[next(iter(_PARSED))]  # the oldest
        _PARSED[key] = (tuple(rows), None if failed is None else tuple(failed), tuple(found))
    rows, failed, found = _PARSED[key]
    problems.extend(found)
    return list(rows), None if failed is None else [dict(row) for row in failed]


def _parse_table(
    text: str, model: type[Row], shown: str, problems: list[Problem]
) -> tuple[list[tuple[int, Row]], list[dict[str, str]] | None]:
    expected = list(model.model_fields)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, Row]] = []
    failed: list[dict[str, str]] = []
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as err:
        problems.append(Problem(shown, 1, None, f"cannot read the header row: {err}"))
        return [], None
    header = [h.strip() for h in header]
    missing = [c for c in expected if c not in header and model.model_fields[c].is_required()]
    unknown = [c for c in header if c not in expected]
    if missing or unknown or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(c or '(blank)' for c in unknown)}")
        if len(set(header)) != len(header):
            twice = sorted({c for c in header if header.count(c) > 1})
            parts.append(f"column(s) {', '.join(c or '(blank)' for c in twice)} appear twice")
        problems.append(
            Problem(
                shown,
                1,
                None,
                f"header: {'; '.join(parts)}; expected the columns {','.join(expected)}",
            )
        )
        return [], None
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            # the row's first line: an unclosed quote is only noticed lines later
            problems.append(
                Problem(
                    shown,
                    start,
                    None,
                    f'malformed CSV: {err}; expected each quoted cell to end with " and any " inside it doubled ("")',
                )
            )
            return rows, None
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    shown,
                    start,
                    None,
                    f"row has {len(cells)} fields; expected {len(header)} ({','.join(header)})",
                )
            )
            failed.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
            continue
        record = {h: (c if c.strip() else None) for h, c in zip(header, cells, strict=True)}
        record = {k: v for k, v in record.items() if v is not None}
        try:
            rows.append((start, model.model_validate(record)))
        except ValidationError as err:
            problems.extend(_validation_problems(err, shown, start, model=model))
            failed.append({k: v.strip() for k, v in record.items()})
    return rows, failed


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so pydantic (not a traceback) judges them."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The same loader on libyaml (in PyYAML's wheels): it reads a claim file about ten times as fast
# as the pure-Python parser, which was most of the time of loading a base. A file it cannot
# read, or one with any problem, is read again by _Loader, so every message is _Loader's. The
# two parsers differ on tabs and on some line ends (libyaml reads `key\t: value`, _Loader
# refuses it), so a file with any of these characters is read by _Loader alone.
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):
        """_Loader's resolvers on libyaml's parser."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:
    _FastLoader = None
_LIBYAML_MAY_DIFFER = re.compile("[\t\r\x85\u2028\u2029\ufeff]")


def _yaml_shape(text: str, shown: str, loader: type = _Loader) -> Problem | None:
    """Nesting and tags, checked on the parser's events: no recursion, aliases not expanded.

    Any explicit tag (!!binary, !!str, !custom) is refused: a claim file holds plain text,
    numbers, lists and mappings, and a tag would silently turn bytes or objects into text.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        tag = getattr(event, "tag", None)
        if tag is not None and isinstance(
            event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ):
            shown_tag = tag.replace("tag:yaml.org,2002:", "!!")
            shown_tag = shown_tag if len(shown_tag) <= 60 else shown_tag[:57] + "..."
            return Problem(
                shown,
                event.start_mark.line + 1,
                None,
                f"YAML tag {shown_tag} is refused; expected plain text, numbers, lists and mappings",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return Problem(
                    shown,
                    event.start_mark.line + 1,
                    None,
                    f"YAML nested deeper than {MAX_YAML_DEPTH} levels; expected a flat mapping of keys",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _yaml_problem(err: yaml.YAMLError, shown: str) -> Problem:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    if isinstance(err, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        tag = problem.split("tag ", 1)[1].strip("'").replace("tag:yaml.org,2002:", "!!")
        return Problem(
            shown,
            line,
            None,
            f"YAML tag {tag} is refused; expected plain text, numbers, lists and mappings",
        )
    return Problem(shown, line, None, f"not valid YAML: {problem}")


def read_claim(
    path: Path, shown: str | None = None
) -> tuple[Claim | None, list[Problem], dict[str, int]]:
    """Parse and validate one claim file on its own; cross-checks come later."""
    shown = shown or str(path)
    problems: list[Problem] = []
    text = _read_text(path, shown, problems, expected="a mapping of keys (id: ..., claim: ...)")
    if text is None:
        return None, problems, {}
    if _FastLoader is not None and not _LIBYAML_MAY_DIFFER.search(text):
        try:
            claim, problems, lines = _claim_from_text(text, path, shown, _FastLoader)
        except Exception:  # noqa: BLE001 - whatever libyaml refuses, _Loader says why below
            claim = None
        if claim is not None and not problems:
            return claim, problems, lines
    return _claim_from_text(text, path, shown, _Loader)


def _claim_from_text(
    text: str, path: Path, shown: str, loader: type
) -> tuple[Claim | None, list[Problem], dict[str, int]]:
    """read_claim's parse and checks of one file's text, with `loader`."""
    problems: list[Problem] = []
    try:
        shape = _yaml_shape(text, shown, loader)
        if shape is not None:
            return None, [shape], {}
        node = yaml.compose(text, Loader=loader)
        document = yaml.load(text, Loader=loader)  # noqa: S506 - both loaders are safe
    except yaml.YAMLError as err:
        return None, [_yaml_problem(err, shown)], {}
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        return (
            None,
            [
                Problem(
                    shown,
                    None,
                    None,
                    "a number with thousands of digits; expected a number from 0 to 1,000,000,000",
                )
            ],
            {},
        )
    except RecursionError:
        return (
            None,
            [Problem(shown, None, None, "YAML nested too deeply; expected a flat mapping of keys")],
            {},
        )
    if not isinstance(document, dict):
        found = type(document).__name__ if document is not None else "nothing"
        return (
            None,
            [
                Problem(
                    shown,
                    1,
                    None,
                    f"expected a mapping of keys (id: ..., claim: ...), found {found}",
                )
            ],
            {},
        )
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if (
                isinstance(key, yaml.ScalarNode) and key.value in lines
            ):  # YAML would keep only the last
                message = (
                    f"key appears twice (first on line {lines[key.value]}); expected each key once"
                )
                problems.append(Problem(shown, key.start_mark.line + 1, key.value, message))
            elif isinstance(key, yaml.ScalarNode):
                lines[key.value] = key.start_mark.line + 1
    try:
        claim = Claim.model_validate(document)
    except ValidationError as err:
        return None, [*problems, *_validation_problems(err, shown, None, lines, model=Claim)], lines
    if path.suffix == ".yaml" and claim.id != path.stem and path.parent.name == "claims":
        problems.append(
            Problem(
                shown,
                lines.get("id"),
                "id",
                f"expected the file name's id {path.stem!r}, found {claim.id!r}",
            )
        )
    if problems:
        return None, problems, lines
    return claim, [], lines


# --------------------------------------------------------------------------- cross-checks


def _unique(
    rows: list[tuple[int, BaseModel]], shown: str, problems: list[Problem]
) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for line, row in rows:
        key = row.id
        if key in seen:
            problems.append(
                Problem(
                    shown, line, "id", f"duplicate id {key!r}; first used on line {first_line[key]}"
                )
            )
            continue
        seen[key] = row
        first_line[key] = line
    return seen


class _Everything:
    """Stands for the ids of a file that could not be read: references to it are not judged."""

    def __contains__(self, item: object) -> bool:
        return True


def _failed_ids(failed: list[dict[str, str]] | None, key: str = "id") -> Container[str]:
    return _Everything() if failed is None else {row[key] for row in failed if row.get(key)}


def _exists(
    value: str,
    table: dict[str, Any],
    what: str,
    shown: str,
    line: int | None,
    name: str,
    problems: list[Problem],
    failed: Container[str] = (),
) -> None:
    """Report value unknown, unless its row failed validation (that problem is already listed)."""
    if value not in table and value not in failed:
        problems.append(
            Problem(shown, line, name, f"unknown {what} {value!r}; expected an id from {what}s")
        )


def _unknown_metric(
    metric: str, declared: Container[str], shown: str, line: int | None, base: dict
) -> Problem:
    where = base["metrics"]["shown"]
    names = ", ".join(sorted(declared)) or "none"  # type: ignore[arg-type]
    return Problem(
        shown,
        line,
        "metric",
        f"unknown metric {metric!r}; expected a metric declared in {where}: {names}",
    )


def metrics_base(evidence: Evidence) -> dict[str, Any]:
    """What check_claim needs to refuse an undeclared metric in a claim file read on its own."""
    declared = evidence.vocabulary.metrics if evidence.vocabulary is not None else None
    return {
        "declared": declared,
        "shown": _display(evidence.data_dir / METRICS_FILE, evidence.data_dir),
    }


def load_vocabulary(
    data_dir: Path, problems: list[Problem]
) -> tuple[Vocabulary | None, dict[str, int], str, Container[str]]:
    """metrics.csv, checked: ids unique, every metric it names declared, each kind complete.

    Returns the vocabulary (None when the file could not be read), each id's line, the file
    as shown, and the ids to accept in other files (all of them when the file failed).
    """
    shown = _display(data_dir / METRICS_FILE, data_dir)
    rows, failed = _load_table(data_dir / METRICS_FILE, MetricInfo, shown, problems)
    metrics: dict[str, MetricInfo] = _unique(rows, shown, problems)
    line_of = {row.id: line for line, row in rows}
    accepted: Container[str] = (
        _Everything() if failed is None else set(metrics) | _failed_ids(failed)
    )
    refs = ("part_of", "parts", "bounded_by", "converts_to", "rate_of", "share_of", "ratio_to")
    needs = {
        "capacity": ("converts_to", "the id of the count it is an upper bound on"),
        "rate": ("per", "day, month or year"),
        "share": ("share_of", "the metric it is a share of"),
    }
    for metric, info in metrics.items():
        line = line_of.get(metric)
        for name in refs:
            value = getattr(info, name)
            for ref in value if isinstance(value, tuple) else (value,) if value else ():
                if ref == metric:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            name,
                            f"expected another metric's id, found its own id {ref!r}",
                        )
                    )
                elif ref not in accepted:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            name,
                            f"unknown metric {ref!r}; expected an id declared in {shown}: "
                            f"{', '.join(sorted(metrics))}",
                        )
                    )
        for name in ("converts_to", "rate_of"):  # a capacity or a rate is in its count's unit
            other = metrics.get(getattr(info, name) or "")
            if other is not None and other.units != info.units:
                problems.append(
                    Problem(
                        shown,
                        line,
                        name,
                        f"expected a metric counted in {info.units}, like {metric}; found "
                        f"{other.id!r}, counted in {other.units} (units are never mixed)",
                    )
                )
        if info.kind in needs and not getattr(info, needs[info.kind][0]):
            field_name, what = needs[info.kind]
            problems.append(
                Problem(
                    shown,
                    line,
                    field_name,
                    f"a metric of kind {info.kind} needs {field_name} ({what}); found none",
                )
            )
    vocabulary = Vocabulary(metrics) if failed is not None else None
    return vocabulary, line_of, shown, accepted


def check_claim(
    claim: Claim,
    shown: str,
    lines: dict[str, int],
    base: dict[str, dict[str, Any]],
    event_types: set[str],
    failed: dict[str, Container[str]] | None = None,
    *,
    first_date: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """The claim's references resolve in the evidence base, and its dates are in bounds.

    `failed` holds, for "sources", "subjects" and "events", the ids (event types for events) of
    rows that failed validation: their problems are already listed.
    """
    failed = failed or {}
    problems: list[Problem] = []
    for source_id in claim.appeared_in:
        _exists(
            source_id,
            base["sources"],
            "source",
            shown,
            lines.get("appeared_in"),
            "appeared_in",
            problems,
            failed.get("sources", ()),
        )
    if claim.originator is not None and "originators" in base:
        _exists(
            claim.originator,
            base["originators"],
            "originator",
            shown,
            lines.get("originator"),
            "originator",
            problems,
            failed.get("originators", ()),
        )
    if claim.subject is not None:
        _exists(
            claim.subject,
            base["subjects"],
            "subject",
            shown,
            lines.get("subject"),
            "subject",
            problems,
            failed.get("subjects", ()),
        )
    metrics = (base.get("metrics") or {}).get("declared")
    if claim.metric is not None and metrics is not None and claim.metric not in metrics:
        problems.append(_unknown_metric(claim.metric, metrics, shown, lines.get("metric"), base))
    if (
        claim.event is not None
        and claim.event not in event_types
        and claim.event not in failed.get("events", ())
    ):
        known = ", ".join(sorted(event_types)) or "none"
        problems.append(
            Problem(
                shown,
                lines.get("event"),
                "event",
                f"unknown event type {claim.event!r}; expected one of: {known}",
            )
        )
    # as_of may come before claim_date: judging with only what was public before the claim
    # was made is a standard setting (AVeriTeC), and the reasoning trail says so.
    first = first_date if first_date is not None else first_evidence_date(base["sources"].values())
    for name in ("claim_date", "as_of"):
        value = getattr(claim, name)
        message = date_out_of_bounds(value, first, today)
        if value is not None and message:
            problems.append(Problem(shown, lines.get(name), name, message))
    return problems


def first_evidence_date(sources: Iterable[Source]) -> dt.date | None:
    """The earliest publication date in the base: where a claim's dates may start (less a margin)."""
    return min((s.published for s in sources if s.published is not None), default=None)


def date_out_of_bounds(
    value: dt.date | None, first: dt.date | None, today: dt.date | None = None
) -> str | None:
    """Why a claim or as-of date is refused, or None: at most FUTURE_YEARS after today and
    at most PAST_YEARS before the first evidence (`first`), so no date makes work unbounded.

    `today` defaults to the wall clock: it decides acceptance only, never what is written.
    """
    if value is None:
        return None
    today = today or dt.date.today()
    latest = years_after(today, FUTURE_YEARS)
    if value > latest:
        return f"expected a date no later than {latest} (today plus one year), found {value}"
    earliest = years_after(first, -PAST_YEARS) if first is not None else None
    if earliest is not None and value < earliest:
        return (
            f"expected a date no earlier than {earliest} (a year before the "
            f"first evidence, {first}), found {value}"
        )
    return None


SHARED_TABLES = tuple(f.name for f in fields(SharedTables))
# The last tables handed off, pickled: (the objects, the `derived` keys then, their pickle).
_last_pickled_tables: list[tuple[tuple, tuple[str, ...], bytes]] = []


def write_handoff(evidence: Evidence, path: Path) -> None:
    """Hand a loaded, validated evidence base to the report's kernel (see `read_handoff`).

    A private file between the render and its own kernel, in the render's working folder:
    never published, read once by the same installation that wrote it. What the render worked
    out from the base (`derived`) goes with it.

    The tables are pickled once for every claim a worker renders from one base (they are the
    same objects, see `_checked_tables`): on 20,000 figures that pickle took 0.29 s a claim."""
    tables = (*(getattr(evidence, name) for name in SHARED_TABLES), evidence.derived)
    keys = tuple(sorted(evidence.derived))
    last = _last_pickled_tables[0] if _last_pickled_tables else None
    same = last is not None and all(a is b for a, b in zip(last[0], tables, strict=True))
    if same and last[1] == keys:
        pickled = last[2]
    else:
        pickled = pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL)
        _last_pickled_tables[:] = [(tables, keys, pickled)]
    rest = replace(evidence, **dict.fromkeys(SHARED_TABLES))
    path.write_bytes(pickle.dumps((pickled, rest), protocol=pickle.HIGHEST_PROTOCOL))


def read_handoff(path: str | Path) -> Evidence:
    """The evidence the render already loaded and validated: the kernel reads it instead of the
    data folder, so a render reads and checks the data once. Its vocabulary is put in force as
    `load_evidence` would."""
    pickled, rest = pickle.loads(Path(path).read_bytes())  # noqa: S301 - written by this render
    *tables, derived = pickle.loads(pickled)  # noqa: S301 - the same
    evidence = replace(rest, **dict(zip(SHARED_TABLES, tables, strict=True)))
    object.__setattr__(evidence, "derived", derived)
    if evidence.vocabulary is not None:
        set_loaded(evidence.vocabulary)
    return evidence


def for_claim(evidence: Evidence, claim_id: str) -> Evidence:
    """The base as one claim's report sees it: its version covers the tables and that claim.
    The same documents: what was worked out from them (`derived`) still holds."""
    version, files = data_version(evidence.data_dir, claim_id)
    narrowed = replace(evidence, version=version, files=files)
    object.__setattr__(narrowed, "derived", evidence.derived)
    return narrowed


def years_after(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _cycles(graph: nx.DiGraph, shown: str, line_of: dict[str, int]) -> Iterator[Problem]:
    """One problem per loop of documents (a strongly connected component), in linear time.

    Enumerating every cycle is exponential (twelve sources each derived from the other eleven
    have millions); a component is what the analyst must break, so it is named once, with one
    example cycle through its first id.
    """
    import networkx as nx

    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        members = sorted(component)
        start = members[0]
        sub = graph.subgraph(component)
        back = min(p for p in sub.predecessors(start))  # an edge back into start closes a cycle
        cycle = [*nx.shortest_path(sub, start, back), start]
        message = f"expected a chain that ends at an original document, found a cycle: {' -> '.join(cycle)}"
        if len(members) > len(cycle) - 1:
            listed = ", ".join(members[:10]) + (
                f" and {len(members) - 10} more" if len(members) > 10 else ""
            )
            message += f" (one of several among the {len(members)} sources {listed})"
        yield Problem(shown, line_of.get(start), "derived_from", message)


def _date_in_range(
    value: dt.date | None, name: str, shown: str, line: int | None, today: dt.date
) -> Problem | None:
    """Dates in the tables lie between EARLIEST_DATE and a year after today."""
    if value is None:
        return None
    latest = years_after(today, FUTURE_YEARS)
    if value > latest:
        return Problem(
            shown,
            line,
            name,
            f"expected a date no later than {latest} (today plus one year), found {value}",
        )
    if value < EARLIEST_DATE:
        return Problem(shown, line, name, f"expected a date from {EARLIEST_DATE} on, found {value}")
    return None


def _cited_source(
    item: Figure | Event,
    date: dt.date,
    date_field: str,
    sources: dict[str, Source],
    shown: str,
    line: int | None,
    failed: Container[str],
    problems: list[Problem],
) -> None:
    """What the engine relies on in a cited document, the same for figures and events:
    it exists, it is verified (a URL a reader can open), it has a publication date (stated or
    inferred) to judge knowability, and it was not published before the item's own date.
    """
    kind = type(item).__name__.lower()
    source = sources.get(item.source)
    if source is None:
        _exists(item.source, sources, "source", shown, line, "source", problems, failed)
        return
    if source.status != "verified":
        problems.append(
            Problem(
                shown,
                line,
                "source",
                f"source {source.id!r} is {source.status}; {'a' if kind == 'figure' else 'an'} {kind} needs a verified source with a URL",
            )
        )
    if source.published is None:
        problems.append(
            Problem(
                shown,
                line,
                "source",
                f"source {source.id!r} has no publication date; {'a' if kind == 'figure' else 'an'} {kind}'s source needs one to judge what was knowable when",
            )
        )
    elif date > source.published:
        problems.append(
            Problem(
                shown,
                line,
                date_field,
                f"expected a date on or before its source's publication {source.published}, found {date}",
            )
        )


@dataclass(frozen=True, kw_only=True)
class _Tables(SharedTables):
    """A base's shared tables, every row checked against the others: what `_load_evidence`
    reads before the claims. The same for every claim a batch worker renders from one base."""

    corrections_lines: tuple[tuple[int, Correction], ...]
    corrections_shown: str
    failed: dict[str, Container[str]]
    problems: tuple[Problem, ...]
    # Evidence.derived of every base loaded from these tables: what the layers above work out
    # from the documents alone (their roots), so each claim's render does not work it out again
    derived: dict[str, Any]


# Tables checked in this process, by their bytes (and the date and metrics they were checked
# with): a batch worker renders claim after claim from snapshots of one base, and on a base of
# 20,000 figures the cross-checks took 0.45 s of each claim and its documents' roots 0.23 s.
_CHECKED: dict[tuple, _Tables] = {}
_CHECKED_AT_MOST = 4


def _checked_tables(
    data_dir: Path, today: dt.date, declared: Container[str], metrics_shown: str
) -> _Tables:
    key = _tables_key(data_dir, today)
    if key is not None and key in _CHECKED:
        return _CHECKED[key]
    checked = _check_tables(data_dir, today, declared, metrics_shown)
    if key is not None:
        if len(_CHECKED) >= _CHECKED_AT_MOST:
            del _CHECKED[next(iter(_CHECKED))]  # the oldest
        _CHECKED[key] = checked
    return checked


def _tables_key(data_dir: Path, today: dt.date) -> tuple | None:
    """Everything the checks depend on: the tables' and metrics' bytes, the folder's name (in
    each problem's file name), the date and the vocabulary in force; None if a file is unreadable
    (the checks then report it)."""
    metrics = data_dir / "metrics.csv"
    try:
        texts = tuple((name, (data_dir / name).read_bytes()) for name in TABLES)
        texts += (("metrics.csv", metrics.read_bytes() if metrics.exists() else None),)
    except OSError:
        return None
    return (data_dir.name, today, repr(vocabulary_in_force()), texts)


def _check_tables(
    data_dir: Path, today: dt.date, declared: Container[str], metrics_shown: str
) -> _Tables:
    problems: list[Problem] = []
    tables: dict[str, list[tuple[int, BaseModel]]] = {}
    failed_rows: dict[str, list[dict[str, str]] | None] = {}
    shown: dict[str, str] = {}
    for name, model in TABLES.items():
        shown[name] = _display(data_dir / name, data_dir)
        tables[name], failed_rows[name] = _load_table(data_dir / name, model, shown[name], problems)
    failed = {
        "originators": _failed_ids(failed_rows["originators.csv"]),
        "subjects": _failed_ids(failed_rows["subjects.csv"]),
        "sources": _failed_ids(failed_rows["sources.csv"]),
        "events": _failed_ids(failed_rows["events.csv"], key="type"),
    }

    line_of = {
        name: {row.id: line for line, row in rows if hasattr(row, "id")}
        for name, rows in tables.items()
    }
    originators = _unique(tables["originators.csv"], shown["originators.csv"], problems)
    subjects = _unique(tables["subjects.csv"], shown["subjects.csv"], problems)
    sources = _unique(tables["sources.csv"], shown["sources.csv"], problems)
    figures = _unique(tables["figures.csv"], shown["figures.csv"], problems)
    events = _unique(tables["events.csv"], shown["events.csv"], problems)
    corrections = tuple(row for _, row in tables["corrections.csv"])

    import networkx as nx

    s_file = shown["sources.csv"]
    graph = nx.DiGraph()
    for source in sources.values():
        line = line_of["sources.csv"].get(source.id)
        graph.add_node(source.id)
        _exists(
            source.originator,
            originators,
            "originator",
            s_file,
            line,
            "originator",
            problems,
            failed["originators"],
        )
        for parent in source.derived_from:
            if parent == source.id:
                problems.append(
                    Problem(
                        s_file,
                        line,
                        "derived_from",
                        f"expected another source's id, found its own id {parent!r}",
                    )
                )
            elif parent not in sources:
                _exists(
                    parent,
                    sources,
                    "source",
                    s_file,
                    line,
                    "derived_from",
                    problems,
                    failed["sources"],
                )
            else:
                graph.add_edge(source.id, parent)
        for name in ("published", "accessed"):
            out = _date_in_range(getattr(source, name), name, s_file, line, today)
            if out:
                problems.append(out)
        if source.published and source.published > source.accessed:
            problems.append(
                Problem(
                    s_file,
                    line,
                    "published",
                    f"expected a date on or before accessed {source.accessed}, found {source.published}",
                )
            )
    problems.extend(_cycles(graph, s_file, line_of["sources.csv"]))

    f_file = shown["figures.csv"]
    for figure in figures.values():
        line = line_of["figures.csv"].get(figure.id)
        _exists(
            figure.subject,
            subjects,
            "subject",
            f_file,
            line,
            "subject",
            problems,
            failed["subjects"],
        )
        if figure.originator is not None:
            _exists(
                figure.originator,
                originators,
                "originator",
                f_file,
                line,
                "originator",
                problems,
                failed["originators"],
            )
        if figure.metric not in declared:
            problems.append(
                _unknown_metric(
                    figure.metric,
                    declared,
                    f_file,
                    line,
                    {"metrics": {"shown": metrics_shown}},
                )
            )
        if figure.revises is not None:
            _exists(figure.revises, figures, "figure", f_file, line, "revises", problems)
        out = _date_in_range(figure.refers_to, "refers_to", f_file, line, today)
        if out:
            problems.append(out)
        _cited_source(
            figure,
            figure.refers_to,
            "refers_to",
            sources,
            f_file,
            line,
            failed["sources"],
            problems,
        )

    e_file = shown["events.csv"]
    for event in events.values():
        line = line_of["events.csv"].get(event.id)
        if event.originator is not None:
            _exists(
                event.originator,
                originators,
                "originator",
                e_file,
                line,
                "originator",
                problems,
                failed["originators"],
            )
        out = _date_in_range(event.date, "date", e_file, line, today)
        if out:
            problems.append(out)
        _cited_source(event, event.date, "date", sources, e_file, line, failed["sources"], problems)

    c_file = shown["corrections.csv"]
    for line, correction in tables["corrections.csv"]:
        out = _date_in_range(correction.date, "date", c_file, line, today)
        if out:
            problems.append(out)

    return _Tables(
        originators=originators,
        subjects=subjects,
        sources=sources,
        figures=figures,
        events=events,
        corrections=corrections,
        corrections_lines=tuple(tables["corrections.csv"]),
        corrections_shown=c_file,
        failed=failed,
        problems=tuple(problems),
        derived={},
    )


def load_evidence(data_dir: Path, *, strict: bool = True, today: dt.date | None = None) -> Evidence:
    """Every table and claim under data_dir, validated (see `_load_evidence`).

    The metrics it declares are in force while its tables and claims are read (a share's
    percentage range, for one, is checked against the vocabulary being loaded).
    """
    tokens: list = []
    try:
        return _load_evidence(data_dir, strict=strict, today=today, _tokens=tokens)
    finally:
        for token in reversed(tokens):
            deactivate(token)


def _load_evidence(
    data_dir: Path, *, strict: bool = True, today: dt.date | None = None, _tokens: list
) -> Evidence:
    """Every table and claim under data_dir, validated.

    strict=True (the default; `factcheck validate`): any problem anywhere raises EvidenceError
    listing all of them.

    strict=False (for `list`, `render --all`): one unfinished claim never blocks the others.
    Problems in the shared tables (the CSV files, a missing claims folder) still raise
    EvidenceError; problems in a claim file go to `evidence.claim_problems[stem]` (keyed by
    the file's stem, sorted, first problem first) and that claim is left out of
    `evidence.claims`, while every valid claim loads. `rendering.claims.check_one_claim` serves `validate CLAIM`.

    `today` (default: the wall clock) bounds dates; it decides acceptance only, never output.
    """
    data_dir = Path(data_dir)
    today = today or dt.date.today()
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise EvidenceError(
            [
                Problem(
                    str(data_dir),
                    None,
                    None,
                    "data folder not found; expected a folder with originators.csv, sources.csv, figures.csv, ...",
                )
            ]
        )

    vocabulary, _, metrics_shown, declared = load_vocabulary(data_dir, problems)
    if vocabulary is not None:
        _tokens.append(activate(vocabulary))
    checked = _checked_tables(data_dir, today, declared, metrics_shown)
    problems.extend(checked.problems)
    failed, c_file = checked.failed, checked.corrections_shown

    base = {
        "sources": checked.sources,
        "subjects": checked.subjects,
        "originators": checked.originators,
        "metrics": {"declared": declared, "shown": metrics_shown},
    }
    event_types = {e.type for e in checked.events.values()}
    first_date = first_evidence_date(checked.sources.values())
    claims: dict[str, Claim] = {}
    claim_problems: dict[str, list[Problem]] = {}
    claims_dir = data_dir / "claims"
    claim_files = sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []
    if not claim_files:
        problems.append(
            Problem(
                _display(claims_dir, data_dir),
                None,
                None,
                "no claim files; expected data/claims/<id>.yaml",
            )
        )
    for path in sorted(claims_dir.glob("*.yml")) if claims_dir.is_dir() else []:
        # it would be skipped silently, yet counted in the data version
        claim_problems.setdefault(path.stem, []).append(
            Problem(
                _display(path, data_dir),
                None,
                None,
                f"expected the extension .yaml, found .yml; rename it {path.stem}.yaml",
            )
        )
    for path in claim_files:
        claim_shown = _display(path, data_dir)
        claim, found, lines = read_claim(path, claim_shown)
        if claim is not None:
            found += check_claim(
                claim,
                claim_shown,
                lines,
                base,
                event_types,
                failed,
                first_date=first_date,
                today=today,
            )
        if found:
            claim_problems.setdefault(path.stem, []).extend(found)
        elif claim is not None and path.stem not in claim_problems:
            claims[claim.id] = claim

    for line, correction in checked.corrections_lines:
        if (
            correction.claim != "all"
            and correction.claim not in claims
            and correction.claim not in claim_problems
        ):
            problems.append(
                Problem(
                    c_file,
                    line,
                    "claim",
                    f"unknown claim {correction.claim!r}; expected a claim id or 'all'",
                )
            )

    if strict and claim_problems:
        problems.extend(p for found in claim_problems.values() for p in found)
    if problems:
        raise EvidenceError(problems)
    version, files = data_version(data_dir)
    if vocabulary is not None:
        set_loaded(vocabulary)  # charts and pages of this evidence speak its vocabulary
    evidence = Evidence(
        data_dir=data_dir,
        **{name: getattr(checked, name) for name in SHARED_TABLES},
        claims=claims,
        version=version,
        files=files,
        claim_problems={
            stem: tuple(sorted(set(found), key=_order))
            for stem, found in sorted(claim_problems.items())
        },
        vocabulary=vocabulary,
    )
    # the documents' roots follow from the shared tables alone: worked out once for all of them
    object.__setattr__(evidence, "derived", checked.derived)
    return evidence


def _order(p: Problem) -> tuple:
    return (p.file, p.line or 0, p.field or "", p.message)


def summary(evidence: Evidence) -> str:
    return (
        f"OK: {len(evidence.claims)} claims, {len(evidence.figures)} figures, {len(evidence.sources)} sources, "
        f"{len(evidence.originators)} originators, {len(evidence.events)} events (data version {evidence.version})"
    )
