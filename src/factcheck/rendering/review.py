"""`factcheck review`: the analysts' evidence review, rendered like a report.

Same kernel settings, parameter check and whole-folder swap as a claim's report; it goes to
reports/_review/, outside the claims' namespace.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..evidence import EvidenceError, load_evidence
from ..fingerprint import Snapshot
from .claims import partition

REVIEW_FOLDER = "_review"  # ids cannot start with "_", so no claim can take this folder


def render_review(subject: str, as_of: str, data_dir: Path, reports_dir: Path) -> Path:
    """Execute the review notebook on a snapshot of data/ and swap reports/_review/ in whole."""
    import shutil

    import nbformat

    from ..html import ReaderHTMLExporter
    from ..paths import REVIEW_NOTEBOOK
    from . import execute as execution
    from .dates import check_in_range, parse_as_of
    from .files import (
        clear_leftovers,
        ensure_folder,
        lock_path,
        locked,
        publish,
        refuse_links_inside,
        staging_folder,
        write_tree,
    )

    day = parse_as_of(as_of)
    data_dir, reports_dir = Path(data_dir).resolve(), Path(reports_dir).absolute()
    # Validate first, for a clear error before any kernel starts. An unfinished claim file is
    # left out of the review's snapshot rather than stopping it; a shared table's problem stops it.
    evidence, invalid, shared = partition(data_dir)
    if shared:
        raise EvidenceError(shared)
    snapshot = Snapshot.read(data_dir)
    if invalid:
        left_out = {f"claims/{claim_id}.yaml" for claim_id in invalid}
        snapshot = Snapshot(tuple(f for f in snapshot.files if f[0] not in left_out))
    if evidence is None:
        with tempfile.TemporaryDirectory(prefix="factcheck-check-") as tmp:
            write_tree(Path(tmp) / "data", dict(snapshot.files))
            evidence = load_evidence(Path(tmp) / "data")
    if day is not None:
        check_in_range(day, evidence)
    if subject and subject not in evidence.subjects:
        from ..errors import UsageError

        raise UsageError(
            f"unknown subject {subject!r}; expected one of {', '.join(sorted(evidence.subjects))}"
        )
    ensure_folder(reports_dir)
    out = reports_dir / REVIEW_FOLDER
    refuse_links_inside(out)
    with locked(lock_path(out)):
        clear_leftovers(out)
        staging = staging_folder(out)
        try:
            work = staging / ".input"
            write_tree(work / "data", dict(snapshot.files))
            executed = work / "executed.ipynb"
            parameters = {"subject": subject, "as_of": as_of, "data_dir": "data"}
            execution.execute(REVIEW_NOTEBOOK, executed, parameters, cwd=work)
            nb = nbformat.read(executed, as_version=4)
            execution.normalise_notebook(
                nb,
                "Evidence review",
                {"claim_id": "evidence-review", "title": "Evidence review"},
                execution.relative_name(REVIEW_NOTEBOOK),
            )
            html, _ = ReaderHTMLExporter().from_notebook_node(nb)
            shutil.rmtree(work)
            write_tree(
                staging,
                {
                    "review.ipynb": (nbformat.writes(nb) + "\n").encode(),
                    "review.html": html.encode(),
                },
            )
            publish(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return out / "review.html"
