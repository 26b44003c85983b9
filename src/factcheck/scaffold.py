"""`factcheck new-claim`: a claim file with every key explained, for analysts to fill in."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError
from .ids import ID_PATTERN, MAX_ID_LENGTH

TEMPLATE = """\
# A claim to check. Every key is explained; delete the ones marked optional if unused.
# Then run:  factcheck validate  and  factcheck verdict {id}
id: {id}                      # lowercase letters, digits and hyphens; must equal the file name
claim: "Write the claim here, word for word as it was published."
claimant: "Who made the claim (someone, an outlet, a ministry)"
claim_date: 2025-01-31        # when the claim was made (YYYY-MM-DD)
appeared_in: [source-id]      # ids from data/sources.csv where the claim was published (add the source first)

kind: quantity                # quantity (a number), event (something happened) or
                              # statement (a body said something: its reporters document it)

# For kind: quantity
subject: {subject}
{subjects}metric: {metric}
{metrics}comparator: ">"               # one of  >  >=  <  <=  =  ~  between   (~ means "about")
value: 1000                   # the number the claim states
# value_high: 2000            # for between only: the upper end ("between 1,000 and 2,000")
# tolerance: 0.1              # optional, for ~ only: how far "about" stretches (0.1 = 10%)

# share: 0.5                 # optional: the share of a total the claim states ("more than half")

# For kind: event or statement (instead of subject, metric, comparator and value)
# event: {event}
{events}
# Optional
# period: {{start: 2025-01-01, end: 2025-01-31}}   # when the claimed number applies (default: claim_date)
# as_of: 2025-02-28           # judge with evidence published up to this date (default: claim_date)
# originator: {originator:<20} # optional: the body whose own word the claim restates
#                             # (its line is what it said, never independent confirmation)
hedge: ""                     # the claim's own qualifier ("likely"), if it has one
notes: ""                     # anything a reader of the data should know
"""


def check_new_id(claim_id: str) -> None:
    if not re.fullmatch(ID_PATTERN, claim_id):
        raise UsageError(
            f"invalid claim id {claim_id!r}: use lowercase letters, digits and single hyphens"
        )
    if len(claim_id) > MAX_ID_LENGTH:
        raise UsageError(
            f"invalid claim id: {len(claim_id)} characters, expected at most {MAX_ID_LENGTH}"
        )


LISTED = 30  # values a comment lists at most; a large base keeps the template readable


def _rows(data_dir: Path, table: str) -> list[dict[str, str]]:
    """A table of data/ as rows, or none where it is missing or unreadable: the template then
    shows a placeholder, and `factcheck validate` says what is wrong with the table."""
    import csv

    try:
        with open(Path(data_dir) / table, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))  # utf-8-sig: as `factcheck validate` reads it
    except (OSError, csv.Error, UnicodeDecodeError):
        return []
    return [  # one line each: a value must not break out of its comment
        {(key or "").strip(): " ".join(str(value or "").split()) for key, value in row.items()}
        for row in rows
    ]


def choice_lines(
    data_dir: Path, table: str, column: str, placeholder: str, what: str
) -> tuple[str, str]:
    """A key's example value (the first in `table`'s `column`) with a comment listing every
    value the data has (with its name where the table names it), so that the analyst picks
    one of this topic's ids instead of guessing."""
    values: dict[str, str] = {}
    for row in _rows(data_dir, table):
        value = row.get(column) or ""
        if value:
            values.setdefault(value, (row.get("name") or "") if column == "id" else "")
    if not values:
        return f"{placeholder:<21} # one of the {what} in data/{table}", ""
    shown = list(values.items())[:LISTED]
    listed = "".join(f"#   {v}: {name}\n" if name else f"#   {v}\n" for v, name in shown)
    if len(values) > LISTED:
        listed += f"#   ... and {len(values) - LISTED} more in data/{table}\n"
    return f"{next(iter(values)):<21} # one of the {what} in data/{table}:", listed


def metric_lines(data_dir: Path) -> tuple[str, str]:
    """The template's metric key: the first declared metric, and a comment listing them all."""
    from .vocabulary import METRICS_FILE, read_vocabulary

    try:
        metrics = read_vocabulary(Path(data_dir) / METRICS_FILE).metrics
    except (OSError, ValueError, KeyError):
        metrics = {}
    if not metrics:
        return "metric-id                     # an id declared in data/metrics.csv", ""
    first = next(iter(metrics))
    listed = "".join(
        f"#   {m}: {info.label} ({info.units}; {info.kind}"
        f"{' per ' + info.per if info.per else ''})\n"
        for m, info in metrics.items()
    )
    head = f"{first:<21} # one of the metrics declared in data/metrics.csv:"
    return head, listed


def write_claim_template(claim_id: str, data_dir: Path) -> Path:
    check_new_id(claim_id)
    metric, metrics = metric_lines(data_dir)
    subject, subjects = choice_lines(data_dir, "subjects.csv", "id", "subject-id", "subjects")
    event, events = choice_lines(data_dir, "events.csv", "type", "event-type", "event types")
    originators = _rows(data_dir, "originators.csv")
    originator = (originators[0].get("id") or "originator-id") if originators else "originator-id"
    path = Path(data_dir) / "claims" / f"{claim_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; choose another id or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(
            TEMPLATE.format(
                id=claim_id,
                metric=metric,
                metrics=metrics,
                subject=subject,
                subjects=subjects,
                event=event,
                events=events,
                originator=originator,
            )
        )
    return path


def write_claim_notebook(claim_id: str, folder: Path, template: Path | None = None) -> Path:
    """Copy the report notebook to notebooks/claims/<id>.ipynb, clean, with the id as default.

    `factcheck render` then uses this notebook for that claim alone (same parameters).
    """
    import nbformat

    from .paths import REPORT_NOTEBOOK

    check_new_id(claim_id)
    path = Path(folder) / f"{claim_id}.ipynb"
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} already exists; edit that notebook or remove it first")
    nb = nbformat.read(template or REPORT_NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = re.sub(
                r'^(claim_id\s*(?::\s*str)?\s*=\s*)"[^"\n]*"',
                lambda m: f'{m.group(1)}"{claim_id}"',
                cell.source,
                flags=re.M,
            )
    nb.metadata.pop("papermill", None)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(nbformat.writes(nb) + "\n")
    return path
