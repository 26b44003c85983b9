"""reports/index.html: a reader's entry point, one row per claim, linking both formats.

Each row: the claim (a link), who made it, its rating, one line of why and the date the check
was published. Built from each report's verdict.json (rating, why, date) and claimreview.jsonld
(who made the claim), so the index never disagrees with the reports; nothing is recomputed.
Above the rows, a key of the one rating scale with each rating's meaning.

A claim over thousands of figures has a verdict.json of tens of megabytes (every figure it
weighed), and parsing forty of them took the batch process from 128 to 250 MB and 3.7 s. So a
render also records the few fields the index shows (`index_fields`) in its build record; the
index takes them from there while the record's hash of verdict.json still matches the file,
and parses verdict.json itself otherwise (a report built before the record had them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path

from .. import wording
from ..fingerprint import file_sha256, read_build_record
from ..paths import PACKAGE_DIR, TEMPLATES_DIR
from ..publisher import from_env as publisher_settings
from ..scales import LABELS
from .files import ensure_folder, locked, refuse_link, write_atomic

INDEX_FILE = "index.html"


def _claimant(folder: Path) -> str:
    """Who made the claim, as the report's ClaimReview names it ("" when it names nobody)."""
    try:
        review = json.loads((folder / "claimreview.jsonld").read_text(encoding="utf-8"))
        name = review["itemReviewed"]["author"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    return name if isinstance(name, str) else ""


def _why(verdict: dict) -> str:
    """The verdict's first why sentence, as it carries it; else its summary."""
    why = verdict.get("why") or []
    first = why[0] if isinstance(why, list) and why else ""
    text = first if isinstance(first, str) and first else verdict.get("summary", "")
    return text if isinstance(text, str) else ""


INDEXED = {"claim", "label", "label_name", "probability", "as_of", "why", "summary"}  # read below


def index_fields(verdict: dict) -> dict:
    """What the index shows of a verdict (verdict.json's fields, as JSON values)."""
    return {
        "claim": verdict.get("claim"),
        "label": verdict.get("label", ""),
        "label_name": verdict.get("label_name", ""),
        "probability": verdict.get("probability"),
        "as_of": verdict.get("as_of", ""),
        "why": _why(verdict),
    }


def _recorded_fields(folder: Path, checked: bool = False) -> dict | None:
    """The index fields the build record kept, if verdict.json is still the file they came from
    (`checked`: the folder is as the last batch left it after hashing its files)."""
    record = read_build_record(folder)
    fields = record.get("index") if record else None
    if not isinstance(fields, dict) or set(fields) != set(index_fields({})):
        return None
    if checked:
        return fields
    try:
        digest = file_sha256(folder / "verdict.json")
    except OSError:
        return None
    recorded = record.get("files")
    if not isinstance(recorded, dict) or recorded.get("verdict.json") != digest:
        return None
    return fields


def _verdict_fields(folder: Path, checked: bool = False) -> dict | None:
    fields = _recorded_fields(folder, checked)
    if fields is not None:
        return fields
    try:
        verdict = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return index_fields(verdict) if isinstance(verdict, dict) else None


def scale_key() -> list[dict]:
    """The one rating scale, in order, with each rating's meaning (page 1's words)."""
    return [
        {
            "label": label,
            "name": LABELS[label].name,
            "meaning": wording.RATING_MEANINGS.get(label, LABELS[label].meaning),
        }
        for label in wording.RATING_ORDER
    ]


def _rows(reports_dir: Path, ids: list[str], checked: Collection[str] = ()) -> list[dict]:
    rows = []
    for claim_id in ids:
        folder = reports_dir / claim_id
        refuse_link(folder)
        verdict = _verdict_fields(folder, claim_id in checked)
        if verdict is None:
            rows.append({"claim_id": claim_id, "missing": True})
            continue
        rows.append(
            {
                "claim_id": claim_id,
                "claim": verdict["claim"] or claim_id,
                "label": verdict["label"],
                "label_name": verdict["label_name"],
                "probability": verdict["probability"],
                "as_of": verdict["as_of"],
                "published": wording.index_date(verdict["as_of"]),
                "claimant": _claimant(folder) or wording.CLAIMANT_NOT_RECORDED,
                "why": verdict["why"],
                "html": f"{claim_id}/{claim_id}.html"
                if (folder / f"{claim_id}.html").exists()
                else None,
                "pdf": f"{claim_id}/{claim_id}.pdf"
                if (folder / f"{claim_id}.pdf").exists()
                else None,
                "missing": False,
            }
        )
    return rows


def render_index(rows: list[dict], publisher: str | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True)
    )
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    if publisher is None:
        publisher = publisher_settings().name
    return env.get_template("index.html.j2").render(
        rows=rows, css=css, scale=scale_key(), w=wording, title=wording.index_title(publisher)
    )


def write_index(reports_dir: Path, ids: list[str], checked: Collection[str] = ()) -> bool:
    """Write reports/index.html if its content changed; True when written. `checked`: claims
    whose folders are as the last batch left them (uptodate.as_last_batch_left)."""
    ensure_folder(reports_dir)
    with locked(reports_dir / ".index.lock"):
        html = render_index(_rows(reports_dir, ids, checked)).encode()
        path = reports_dir / INDEX_FILE
        if (
            path.exists()
            and hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(html).digest()
        ):
            return False
        write_atomic(path, html)
        return True
