"""reports/index.html: one row per claim, its label and date, linking both formats.

Built from each report's verdict.json, so the index never disagrees with the reports.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..paths import PACKAGE_DIR, TEMPLATES_DIR
from .files import ensure_folder, locked, refuse_link, write_atomic

INDEX_FILE = "index.html"


def _rows(reports_dir: Path, ids: list[str]) -> list[dict]:
    rows = []
    for claim_id in ids:
        folder = reports_dir / claim_id
        refuse_link(folder)
        try:
            verdict = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rows.append({"claim_id": claim_id, "missing": True})
            continue
        rows.append(
            {
                "claim_id": claim_id,
                "claim": verdict.get("claim", claim_id),
                "label": verdict.get("label", ""),
                "label_name": verdict.get("label_name", ""),
                "probability": verdict.get("probability"),
                "as_of": verdict.get("as_of", ""),
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


def render_index(rows: list[dict]) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape(default=True)
    )
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    return env.get_template("index.html.j2").render(rows=rows, css=css)


def write_index(reports_dir: Path, ids: list[str]) -> bool:
    """Write reports/index.html if its content changed; True when written."""
    ensure_folder(reports_dir)
    with locked(reports_dir / ".index.lock"):
        html = render_index(_rows(reports_dir, ids)).encode()
        path = reports_dir / INDEX_FILE
        if (
            path.exists()
            and hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(html).digest()
        ):
            return False
        write_atomic(path, html)
        return True
