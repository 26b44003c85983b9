"""A batch with nothing to do is decided from fingerprints alone, and only when nothing changed.

The report folders here are written by hand with real build records (no kernel runs): what is
tested is the decision, not the rendering. A complete batch records its inputs in
reports/.batch.json; the next batch is a no-op only when the data, code, settings, notebooks and
every report folder are exactly as recorded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.fingerprint import BUILD_FILE, build_record, code_fingerprint
from factcheck.paths import DATA_DIR, PROJECT_ROOT
from factcheck.rendering.uptodate import (
    BATCH_FILE,
    INDEX_FILE,
    Inputs,
    claim_ids,
    nothing_to_do,
    record_batch,
)

FORMATS = ("html", "pdf")


def _published(data: Path, reports: Path) -> list[str]:
    """Report folders as a complete batch leaves them, and its record."""
    inputs = Inputs(data, FORMATS, code_fingerprint())
    ids = claim_ids(data)
    expected = {}
    for claim_id in ids:
        folder = reports / claim_id
        folder.mkdir(parents=True)
        outputs = {f"{claim_id}.html": b"<html></html>\n", "verdict.json": b"{}\n"}
        for name, data_bytes in outputs.items():
            (folder / name).write_bytes(data_bytes)
        expected[claim_id] = inputs.fingerprint(claim_id)
        (folder / BUILD_FILE).write_bytes(build_record(expected[claim_id], outputs))
    (reports / INDEX_FILE).write_text("<html></html>\n")
    record_batch(reports, inputs.batch_key(ids), expected)
    return ids


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    reports = tmp_path / "reports"
    _published(data, reports)
    return data, reports


def test_a_complete_batch_with_unchanged_inputs_is_a_no_op(project):
    data, reports = project
    assert (reports / BATCH_FILE).is_file()
    assert nothing_to_do(data, reports, FORMATS, code_fingerprint()) == claim_ids(data)


def test_one_changed_byte_of_a_table_is_not_a_no_op(project):
    data, reports = project
    figures = data / "figures.csv"
    figures.write_bytes(figures.read_bytes() + b"\n")
    assert nothing_to_do(data, reports, FORMATS, code_fingerprint()) is None


def test_a_touched_or_missing_output_is_not_a_no_op(project):
    data, reports = project
    claim = claim_ids(data)[0]
    html = reports / claim / f"{claim}.html"
    html.write_bytes(b"<html>edited</html>\n")
    assert nothing_to_do(data, reports, FORMATS, code_fingerprint()) is None
    html.unlink()
    assert nothing_to_do(data, reports, FORMATS, code_fingerprint()) is None


def test_a_claim_added_or_other_formats_or_code_are_not_a_no_op(project):
    data, reports = project
    code = code_fingerprint()
    assert nothing_to_do(data, reports, ("html",), code) is None
    assert nothing_to_do(data, reports, FORMATS, "other code") is None
    first = claim_ids(data)[0]
    shutil.copy(data / "claims" / f"{first}.yaml", data / "claims" / "a-new-claim.yaml")
    assert nothing_to_do(data, reports, FORMATS, code) is None


def test_a_deleted_index_is_not_a_no_op(project):
    data, reports = project
    (reports / INDEX_FILE).unlink()
    assert nothing_to_do(data, reports, FORMATS, code_fingerprint()) is None


def test_a_report_built_from_data_edited_mid_batch_leaves_no_record(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    reports = tmp_path / "reports"
    ids = _published(data, reports)
    inputs = Inputs(data, FORMATS, code_fingerprint())
    expected = {claim_id: inputs.fingerprint(claim_id) for claim_id in ids}
    expected[ids[0]] = "the inputs as read when the batch started"
    record_batch(reports, inputs.batch_key(ids), expected)
    assert not (reports / BATCH_FILE).exists()


def test_the_no_op_command_imports_neither_the_evidence_model_nor_pandas(project):
    data, reports = project
    script = (
        "import sys\n"
        "from factcheck.cli import main\n"
        f"sys.argv = ['factcheck', 'render', '--all', '--data', {str(data)!r}, "
        f"'--out', {str(reports)!r}]\n"
        "try:\n    main()\nexcept SystemExit as end:\n    code = end.code\n"
        "heavy = sorted(m for m in ('factcheck.evidence', 'pydantic', 'networkx', 'pandas') "
        "if m in sys.modules)\n"
        "print('heavy:', heavy, 'exit:', code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert "Everything is up to date" in done.stdout, done.stdout + done.stderr
    assert "heavy: [] exit: 0" in done.stdout


# --------------------------------------------------------------------------- one claim changed


@pytest.fixture
def hashed(monkeypatch) -> list[Path]:
    """Every file the up-to-date check and the index hash whole, in order."""
    from factcheck import fingerprint
    from factcheck.rendering import index

    seen: list[Path] = []
    real = fingerprint.file_sha256

    def counting(path):
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(fingerprint, "file_sha256", counting)
    monkeypatch.setattr(index, "file_sha256", counting)
    return seen


def _batch_renders(data: Path, reports: Path, monkeypatch) -> list[str]:
    """`render --all` with the rendering left out: the claims it found stale, in order."""
    from factcheck.rendering import batch

    stale: list[str] = []
    monkeypatch.setattr(
        batch, "_render_in_workers", lambda ids, kwargs, workers, record: stale.extend(ids)
    )
    batch.render_all(data, reports, FORMATS)
    return stale


def test_after_one_claim_changes_the_batch_reads_no_other_report_again(
    project, hashed, monkeypatch
):
    """A report folder the last complete batch checked whole, untouched since (size, time and
    inode of each file), is not hashed again: on 1,000 claims that was every report's files,
    gigabytes on the synthetic base, after any edit."""
    data, reports = project
    changed, *others = claim_ids(data)
    claim = data / "claims" / f"{changed}.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")

    assert _batch_renders(data, reports, monkeypatch) == [changed]
    assert {p.parent.name for p in hashed} <= {changed}, sorted({p.parent.name for p in hashed})


def test_a_report_file_touched_since_the_batch_is_hashed_again(project, hashed, monkeypatch):
    data, reports = project
    first, second, *_ = claim_ids(data)
    (reports / first / "verdict.json").touch()  # the same bytes, a new time: still up to date
    page = reports / second / f"{second}.html"
    page.write_bytes(page.read_bytes().replace(b"html", b"HTML"))  # same size, other bytes

    assert _batch_renders(data, reports, monkeypatch) == [second]
    assert reports / first / "verdict.json" in hashed
