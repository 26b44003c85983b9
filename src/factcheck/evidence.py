"""Load `data/` into one validated, immutable evidence base, or list every problem at once.

Nothing here raises a traceback for bad input: each problem names the file, the line, the
field, what was expected and what was found, and the base is either whole or not loaded.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from pydantic import BaseModel, ValidationError

from .errors import FactcheckError
from .schema import TABLES, Claim, Correction, Event, Figure, Originator, Row, Source, Subject

MAX_FILE_BYTES = 5_000_000  # a data file larger than this is a mistake, not evidence
MAX_YAML_DEPTH = 20


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: " if self.field else ""
        return f"{where}: {what}{self.message}"


class EvidenceError(FactcheckError):
    """Raised with every problem found; str() is what the user sees."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field or "", p.message))
        super().__init__(self.render())

    def render(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the evidence:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass(frozen=True)
class Evidence:
    """The whole evidence base, validated and cross-checked."""

    data_dir: Path
    originators: dict[str, Originator]
    subjects: dict[str, Subject]
    sources: dict[str, Source]
    figures: dict[str, Figure]
    events: dict[str, Event]
    corrections: tuple[Correction, ...]
    claims: dict[str, Claim]
    version: str  # content hash of every data file: the report's data version
    files: tuple[str, ...] = field(default=())

    def originator_id(self, item: Figure | Event) -> str:
        """Whose information a figure or event is: its own originator, else its document's."""
        return item.originator or self.sources[item.source].originator


# --------------------------------------------------------------------------- reading files


def _display(path: Path, data_dir: Path) -> str:
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    if not path.is_file():
        problems.append(Problem(shown, None, None, "file is missing (expected it to exist)"))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(Problem(shown, None, None, f"file is {size:,} bytes; expected at most {MAX_FILE_BYTES:,}"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(shown, line, None, f"not UTF-8 text: byte 0x{raw[err.start]:02x} at offset {err.start}; save the file as UTF-8"))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem(shown, line, None, "contains a NUL byte; expected plain text"))
        return None
    if not text.strip():
        problems.append(Problem(shown, None, None, "file is empty; expected at least a header row"))
        return None
    return text


def _field_of(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
    return ".".join(loc) if loc else ""


def _explain(error: dict[str, Any]) -> str:
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if ": " in message and message.split(": ", 1)[0].isidentifier() and not error["loc"]:
        message = message.split(": ", 1)[1]
    found = error.get("input")
    if error["type"] in ("missing",):
        return "required field is empty or missing"
    if isinstance(found, (str, int, float)) and not isinstance(found, bool) and error["type"] != "value_error":
        shown = repr(found) if len(str(found)) <= 80 else repr(str(found)[:77] + "...")
        return f"{message}; found {shown}"
    return message


def _validation_problems(err: ValidationError, shown: str, line: int | None, lines: dict[str, int] | None = None) -> Iterator[Problem]:
    for error in err.errors(include_url=False):
        name = _field_of(error)
        message = _explain(error)
        if not name and ": " in error["msg"]:
            # model-level rule written as "field: what is wrong"
            head, rest = error["msg"].removeprefix("Value error, ").split(": ", 1)
            if head.isidentifier():
                name, message = head, rest
        where = (lines or {}).get(name.split(".")[0], line)
        yield Problem(shown, where, name or None, message)


def _load_table(path: Path, model: type[Row], shown: str, problems: list[Problem]) -> list[tuple[int, Row]]:
    text = _read_text(path, shown, problems)
    if text is None:
        return []
    expected = list(model.model_fields)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, Row]] = []
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as err:
        problems.append(Problem(shown, 1, None, f"cannot read the header row: {err}"))
        return []
    header = [h.strip() for h in header]
    missing = [c for c in expected if c not in header and model.model_fields[c].is_required()]
    unknown = [c for c in header if c not in expected]
    if missing or unknown or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        if len(set(header)) != len(header):
            parts.append("a column appears twice")
        problems.append(Problem(shown, 1, None, f"header: {'; '.join(parts)}; expected the columns {','.join(expected)}"))
        return []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(shown, reader.line_num, None, f"malformed CSV: {err}"))
            break
        line = reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(Problem(shown, start, None, f"row has {len(cells)} fields; expected {len(header)} ({','.join(header)})"))
            continue
        record = {h: (c if c.strip() else None) for h, c in zip(header, cells, strict=True)}
        record = {k: v for k, v in record.items() if v is not None}
        try:
            rows.append((start, model.model_validate(record)))
        except ValidationError as err:
            problems.extend(_validation_problems(err, shown, start))
    return rows


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so pydantic (not a traceback) judges them."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _depth(node: yaml.Node, limit: int) -> int:
    stack = [(node, 1)]
    deepest = 0
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(current, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in current.value for child in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
    return deepest


def read_claim(path: Path, shown: str | None = None) -> tuple[Claim | None, list[Problem], dict[str, int]]:
    """Parse and validate one claim file on its own; cross-checks come later."""
    shown = shown or str(path)
    problems: list[Problem] = []
    text = _read_text(path, shown, problems)
    if text is None:
        return None, problems, {}
    try:
        node = yaml.compose(text, Loader=_Loader)
        if node is not None and _depth(node, MAX_YAML_DEPTH) > MAX_YAML_DEPTH:
            return None, [Problem(shown, None, None, f"YAML nested deeper than {MAX_YAML_DEPTH} levels; expected a flat mapping of keys")], {}
        document = yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return None, [Problem(shown, line, None, f"not valid YAML: {problem}")], {}
    except RecursionError:
        return None, [Problem(shown, None, None, "YAML nested too deeply; expected a flat mapping of keys")], {}
    if not isinstance(document, dict):
        found = type(document).__name__ if document is not None else "nothing"
        return None, [Problem(shown, 1, None, f"expected a mapping of keys (id: ..., claim: ...), found {found}")], {}
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    try:
        claim = Claim.model_validate(document)
    except ValidationError as err:
        return None, list(_validation_problems(err, shown, None, lines)), lines
    if path.suffix == ".yaml" and claim.id != path.stem and path.parent.name == "claims":
        return None, [Problem(shown, lines.get("id"), "id", f"expected the file name's id {path.stem!r}, found {claim.id!r}")], lines
    return claim, [], lines


# --------------------------------------------------------------------------- cross-checks


def _unique(rows: list[tuple[int, BaseModel]], shown: str, problems: list[Problem]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for line, row in rows:
        key = row.id
        if key in seen:
            problems.append(Problem(shown, line, "id", f"duplicate id {key!r}; first used on line {first_line[key]}"))
            continue
        seen[key] = row
        first_line[key] = line
    return seen


def _exists(value: str, table: dict[str, Any], what: str, shown: str, line: int | None, name: str, problems: list[Problem]) -> None:
    if value not in table:
        problems.append(Problem(shown, line, name, f"unknown {what} {value!r}; expected an id from {what}s"))


def check_claim(claim: Claim, shown: str, lines: dict[str, int], base: dict[str, dict[str, Any]], event_types: set[str]) -> list[Problem]:
    """The claim's references resolve in the evidence base."""
    problems: list[Problem] = []
    for source_id in claim.appeared_in:
        _exists(source_id, base["sources"], "source", shown, lines.get("appeared_in"), "appeared_in", problems)
    if claim.subject is not None:
        _exists(claim.subject, base["subjects"], "subject", shown, lines.get("subject"), "subject", problems)
    if claim.event is not None and claim.event not in event_types:
        known = ", ".join(sorted(event_types)) or "none"
        problems.append(Problem(shown, lines.get("event"), "event", f"unknown event type {claim.event!r}; expected one of: {known}"))
    if claim.as_of is not None and claim.as_of < claim.claim_date:
        problems.append(Problem(shown, lines.get("as_of"), "as_of", f"expected a date on or after claim_date {claim.claim_date}, found {claim.as_of}"))
    return problems


def data_version(data_dir: Path) -> tuple[str, tuple[str, ...]]:
    """A content hash of every data file, independent of file times and of where data/ lives."""
    digest = hashlib.sha256()
    names = []
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".csv", ".yaml", ".yml")):
        name = path.relative_to(data_dir).as_posix()
        names.append(name)
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12], tuple(names)


def load_evidence(data_dir: Path) -> Evidence:
    """Every table and claim under data_dir, validated; raises EvidenceError listing all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise EvidenceError([Problem(str(data_dir), None, None, "data folder not found; expected a folder with originators.csv, sources.csv, figures.csv, ...")])

    tables: dict[str, list[tuple[int, BaseModel]]] = {}
    shown: dict[str, str] = {}
    for name, model in TABLES.items():
        shown[name] = _display(data_dir / name, data_dir)
        tables[name] = _load_table(data_dir / name, model, shown[name], problems)

    line_of = {name: {row.id: line for line, row in rows if hasattr(row, "id")} for name, rows in tables.items()}
    originators = _unique(tables["originators.csv"], shown["originators.csv"], problems)
    subjects = _unique(tables["subjects.csv"], shown["subjects.csv"], problems)
    sources = _unique(tables["sources.csv"], shown["sources.csv"], problems)
    figures = _unique(tables["figures.csv"], shown["figures.csv"], problems)
    events = _unique(tables["events.csv"], shown["events.csv"], problems)
    corrections = tuple(row for _, row in tables["corrections.csv"])

    s_file = shown["sources.csv"]
    graph = nx.DiGraph()
    for source in sources.values():
        line = line_of["sources.csv"].get(source.id)
        graph.add_node(source.id)
        _exists(source.originator, originators, "originator", s_file, line, "originator", problems)
        for parent in source.derived_from:
            if parent == source.id:
                problems.append(Problem(s_file, line, "derived_from", "a source cannot be derived from itself"))
            elif parent not in sources:
                _exists(parent, sources, "source", s_file, line, "derived_from", problems)
            else:
                graph.add_edge(source.id, parent)
        if source.published and source.published > source.accessed:
            problems.append(Problem(s_file, line, "published", f"expected a date on or before accessed {source.accessed}, found {source.published}"))
    for cycle in nx.simple_cycles(graph):
        if len(cycle) > 1:
            first = min(cycle)
            problems.append(Problem(s_file, line_of["sources.csv"].get(first), "derived_from", f"derived_from forms a cycle: {' -> '.join([*cycle, cycle[0]])}"))

    f_file = shown["figures.csv"]
    for figure in figures.values():
        line = line_of["figures.csv"].get(figure.id)
        _exists(figure.subject, subjects, "subject", f_file, line, "subject", problems)
        if figure.originator is not None:
            _exists(figure.originator, originators, "originator", f_file, line, "originator", problems)
        source = sources.get(figure.source)
        if source is None:
            _exists(figure.source, sources, "source", f_file, line, "source", problems)
            continue
        if source.status != "verified":
            problems.append(Problem(f_file, line, "source", f"source {source.id!r} is {source.status}; a figure needs a verified source with a URL"))
        if source.published is None:
            problems.append(Problem(f_file, line, "source", f"source {source.id!r} has no publication date; a figure's source needs one to judge what was knowable when"))
        elif figure.refers_to > source.published:
            problems.append(Problem(f_file, line, "refers_to", f"expected a date on or before its source's publication {source.published}, found {figure.refers_to}"))

    e_file = shown["events.csv"]
    for event in events.values():
        line = line_of["events.csv"].get(event.id)
        if event.originator is not None:
            _exists(event.originator, originators, "originator", e_file, line, "originator", problems)
        source = sources.get(event.source)
        if source is None:
            _exists(event.source, sources, "source", e_file, line, "source", problems)
        elif source.published and event.date > source.published:
            problems.append(Problem(e_file, line, "date", f"expected a date on or before its source's publication {source.published}, found {event.date}"))

    base = {"sources": sources, "subjects": subjects}
    event_types = {e.type for e in events.values()}
    claims: dict[str, Claim] = {}
    claims_dir = data_dir / "claims"
    claim_files = sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []
    if not claim_files:
        problems.append(Problem(_display(claims_dir, data_dir), None, None, "no claim files; expected data/claims/<id>.yaml"))
    for path in claim_files:
        claim_shown = _display(path, data_dir)
        claim, claim_problems, lines = read_claim(path, claim_shown)
        problems.extend(claim_problems)
        if claim is not None:
            problems.extend(check_claim(claim, claim_shown, lines, base, event_types))
            claims[claim.id] = claim

    c_file = shown["corrections.csv"]
    for line, correction in tables["corrections.csv"]:
        if correction.claim != "all" and correction.claim not in claims:
            problems.append(Problem(c_file, line, "claim", f"unknown claim {correction.claim!r}; expected a claim id or 'all'"))

    if problems:
        raise EvidenceError(problems)
    version, files = data_version(data_dir)
    return Evidence(
        data_dir=data_dir,
        originators=originators,
        subjects=subjects,
        sources=sources,
        figures=figures,
        events=events,
        corrections=corrections,
        claims=claims,
        version=version,
        files=files,
    )


def summary(evidence: Evidence) -> str:
    return (
        f"OK: {len(evidence.claims)} claims, {len(evidence.figures)} figures, {len(evidence.sources)} sources, "
        f"{len(evidence.originators)} originators, {len(evidence.events)} events (data version {evidence.version})"
    )
