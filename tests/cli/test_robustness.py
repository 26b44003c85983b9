"""Bad input, failures and concurrency end in a clear message and leave published reports intact."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invoke import FACTCHECK, factcheck_process
from invoke import factcheck as run
from rendering import pdf_text

from factcheck.cli import cli
from factcheck.errors import FactcheckError, RenderError, UsageError
from factcheck.paths import REPORT_NOTEBOOK
from factcheck.rendering import execute as execution
from factcheck.rendering import render as render_module

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
CLAIM = "casualties-6000"


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def copy_mini(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    return data


BROKEN_AT = 3  # the broken cell's place in the notebook; papermill adds its parameters cell


def broken_notebook(
    tmp_path: Path,
    cell: str = 'raise ValueError("a deliberately broken cell")',
    name: str = "broken.ipynb",
) -> Path:
    """The report notebook with `cell` inserted at BROKEN_AT."""
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(BROKEN_AT, nbformat.v4.new_code_cell(cell))
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def render_with_notebook(root: Path, notebook: Path) -> subprocess.CompletedProcess:
    """Re-render the good report's claim with another notebook."""
    return run(
        "render",
        CLAIM,
        "--data",
        str(root / "data"),
        "--out",
        str(root / "reports"),
        "--force",
        "--notebook",
        str(notebook),
    )


# --------------------------------------------------------------------------- parameters and paths


def test_unknown_claim_id_lists_the_known_ones_and_suggests_the_closest():
    """Through the console script: exit status 2 and the one line a shell shows."""
    result = factcheck_process(
        "render", "casualties-600", "--data", str(MINI), "--out", "/tmp/unused"
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: unknown claim 'casualties-600'. Did you mean 'casualties-6000'? "
        "Known claims: casualties-6000, killed-6000."
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("claim_id", ["../escape", "/etc/passwd", "UPPER", "a/../../b", ".."])
def test_claim_ids_cannot_escape_the_reports_folder(tmp_path, claim_id):
    result = run("render", claim_id, "--data", str(MINI), "--out", str(tmp_path / "reports"))
    assert result.returncode == 2
    assert f"error: invalid claim id {claim_id!r}: expected lowercase letters" in result.stderr
    assert not any(tmp_path.rglob("*.html"))


def test_unknown_notebook_parameters_are_refused():
    with pytest.raises(
        UsageError, match=r"unknown parameter 'claim' for report.ipynb. Did you mean 'claim_id'\?"
    ):
        execution.check_parameters(REPORT_NOTEBOOK, {"claim": "x"})


def test_parameters_of_the_wrong_type_are_refused():
    with pytest.raises(
        UsageError, match=r"parameter 'as_of' of report.ipynb expects str, found int 20250615"
    ):
        execution.check_parameters(REPORT_NOTEBOOK, {"as_of": 20250615})


def test_a_notebook_without_a_parameters_cell_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path = tmp_path / "plain.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(RenderError, match="no cell tagged 'parameters'"):
        execution.check_parameters(path, {"claim_id": "x"})


def test_unknown_format_is_a_usage_error():
    result = run("render", CLAIM, "--data", str(MINI), "--format", "docx")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: invalid --format 'docx': expected html, pdf or html,pdf"


def test_invalid_evidence_stops_the_render_with_every_problem(tmp_path):
    data = copy_mini(tmp_path)
    (data / "figures.csv").write_text(
        (data / "figures.csv").read_text().replace("2025-06-15,outlet-a", "2025-13-40,outlet-a")
    )
    result = run("render", CLAIM, "--data", str(data), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "error: 1 problem in the evidence:" in result.stderr
    assert "data/figures.csv:2: refers_to:" in result.stderr
    assert not (tmp_path / "out" / CLAIM / f"{CLAIM}.html").exists()


# --------------------------------------------------------------------------- failures keep the last good report


@pytest.fixture(scope="module")
def good_report(tmp_path_factory) -> Path:
    """A finished report of the mini claim: the 'last good report' the failures must not touch."""
    root = tmp_path_factory.mktemp("good")
    data = copy_mini(root)
    result = run("render", CLAIM, "--data", str(data), "--out", str(root / "reports"), "--quiet")
    assert result.returncode == 0, result.stderr
    return root


@pytest.mark.slow
def test_a_cell_that_raises_names_notebook_cell_and_exception_and_keeps_the_old_report(
    good_report, tmp_path
):
    out = good_report / "reports" / CLAIM
    before = hashes(out)
    result = render_with_notebook(good_report, broken_notebook(tmp_path))
    assert result.returncode == 1
    template = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    # code cells before it, plus papermill's injected parameters cell, plus itself
    count = sum(c.cell_type == "code" for c in template.cells[:BROKEN_AT]) + 2
    assert (
        f'error: broken.ipynb: cell In [{count}] (raise ValueError("a deliberately broken cell")) raised ValueError: a deliberately broken cell'
        in result.stderr
    )
    assert "the previous report is unchanged" in result.stderr
    failed = nbformat.read(out / "failed.ipynb", as_version=4)
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in failed.cells)
    assert {k: v for k, v in hashes(out).items() if k != "failed.ipynb"} == before
    (out / "failed.ipynb").unlink()


@pytest.mark.slow
def test_a_cell_that_kills_its_kernel_fails_in_one_sentence_instead_of_hanging(
    good_report, tmp_path
):
    killer = broken_notebook(tmp_path, "import os; os._exit(1)", "killer.ipynb")
    out = good_report / "reports" / CLAIM
    before = hashes(out)
    result = render_with_notebook(good_report, killer)
    assert result.returncode == 1
    assert "error: the Jupyter kernel failed: Kernel died. The previous report is unchanged." in (
        result.stderr
    )
    assert {k: v for k, v in hashes(out).items() if k != "failed.ipynb"} == before
    (out / "failed.ipynb").unlink(missing_ok=True)


@pytest.mark.slow
def test_a_kernel_that_cannot_start_fails_within_seconds_and_says_what_to_check(
    good_report, monkeypatch
):
    out = good_report / "reports" / CLAIM
    before = hashes(out)
    monkeypatch.setattr(execution, "KERNEL_NAME", "no-such-kernel")
    started = time.perf_counter()
    with pytest.raises(
        RenderError, match="no Jupyter kernel named 'no-such-kernel' is installed; run 'make setup'"
    ):
        render_module.render(
            CLAIM, data_dir=good_report / "data", reports_dir=good_report / "reports", force=True
        )
    assert time.perf_counter() - started < 10
    assert hashes(out) == before


@pytest.mark.slow
def test_a_failing_pdf_engine_keeps_the_whole_previous_report_and_says_what_to_do(
    good_report, monkeypatch, tmp_path
):
    """The good report's executed notebook and charts stand in for the kernel's run (they are
    what it would compute again): the render still makes the new page, so, as in any render,
    the HTML is in hand when the PDF engine fails, and must not be published."""
    import factcheck.pdf

    reports = tmp_path / "reports"
    shutil.copytree(good_report / "reports", reports)
    before = hashes(reports / CLAIM)
    made = []

    def executed(notebook, output, parameters, cwd, env=None, **_kwargs):
        shutil.copyfile(good_report / "reports" / CLAIM / f"{CLAIM}.ipynb", output)
        shutil.copytree(good_report / "reports" / CLAIM / "charts", env[render_module.CHARTS_ENV])

    def broken(html, claim_id=""):
        made.append(html)
        raise factcheck.pdf.PDFEngineError("WeasyPrint failed to write the PDF: out of paper")

    monkeypatch.setattr(execution.EarlyKernel, "start", classmethod(lambda cls, *_: None))
    monkeypatch.setattr(execution, "execute", executed)
    monkeypatch.setattr(factcheck.pdf, "html_to_pdf", broken)
    with pytest.raises(
        RenderError,
        match=r"out of paper; the previous report is unchanged \(use --format html to publish",
    ):
        render_module.render(CLAIM, data_dir=good_report / "data", reports_dir=reports, force=True)
    # a folder changes as a whole: no new HTML beside the old PDF, the old build record kept
    assert made and CLAIM in made[0]
    assert hashes(reports / CLAIM) == before
    assert not list(reports.glob(f".{CLAIM}.staging-*"))


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_render_leaves_only_whole_files_and_the_next_run_finishes(
    good_report, tmp_path, how
):
    reports = tmp_path / "reports"
    shutil.copytree(good_report / "reports", reports)
    before = hashes(reports / CLAIM)
    process = subprocess.Popen(
        [
            FACTCHECK,
            "render",
            CLAIM,
            "--data",
            str(good_report / "data"),
            "--out",
            str(reports),
            "--force",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # mid-render: once the kernel has begun drawing the charts (a fixed sleep landed after the
    # render had finished once renders got faster)
    drawing = f".{CLAIM}.staging-*/.input/charts/*"
    deadline = time.monotonic() + 60
    while not any(reports.glob(drawing)) and process.poll() is None:
        assert time.monotonic() < deadline, "the render never started drawing its charts"
        time.sleep(0.02)
    process.send_signal(how)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0, "the render finished before the signal: nothing was tested"
    if how == signal.SIGINT and process.returncode != 0:
        assert "Interrupted" in stderr and "Traceback" not in stderr
    visible = {
        k: v
        for k, v in hashes(reports / CLAIM).items()
        if not any(part.startswith(".") for part in k.split("/"))
    }
    # renders are deterministic, so every whole file equals the previous one
    assert visible == {
        k: v for k, v in before.items() if not any(part.startswith(".") for part in k.split("/"))
    }
    result = run("render", CLAIM, "--data", str(good_report / "data"), "--out", str(reports))
    assert result.returncode == 0, result.stderr
    assert not list(reports.glob(f".{CLAIM}.staging-*"))
    assert not list((reports / CLAIM).rglob(".*.tmp"))


# --------------------------------------------------------------------------- hostile text


@pytest.mark.slow
def test_hostile_titles_and_quotes_stay_text_in_html_and_pdf(tmp_path):
    data = copy_mini(tmp_path)
    rows = list(csv.DictReader((data / "sources.csv").open(newline="")))
    for row in rows:
        if row["id"] == "outlet-a":
            row["title"] = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    with (data / "sources.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # a published base URL: the page then embeds the ClaimReview, which carries the title too
    published = {**os.environ, "FACTCHECK_BASE_URL": "https://checks.news.test/"}
    result = run(
        "render", CLAIM, "--data", str(data), "--out", str(tmp_path / "out"), env=published
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / CLAIM / f"{CLAIM}.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert page.count("<script") == 1  # the JSON-LD, nothing else
    assert "<script>alert(1)</script>" in pdf_text(tmp_path / "out" / CLAIM / f"{CLAIM}.pdf")


# --------------------------------------------------------------------------- concurrency


@pytest.mark.slow
def test_two_renders_of_one_claim_at_once_give_whole_identical_files(good_report, tmp_path):
    """Both forced, so both render in full and take turns at the folder's lock. HTML alone:
    the files are compared with the good report's, less its PDF (WeasyPrint runs after the
    notebook, from the same outputs, and would only make each render longer)."""
    reports = tmp_path / "reports"
    command = [
        FACTCHECK,
        "render",
        CLAIM,
        "--data",
        str(good_report / "data"),
        "--out",
        str(reports),
        "--format",
        "html",
        "--force",
        "-q",
    ]
    first, second = subprocess.Popen(command), subprocess.Popen(command)
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    expected = hashes(good_report / "reports" / CLAIM)
    assert {k: v for k, v in hashes(reports / CLAIM).items() if k != ".build.json"} == {
        k: v for k, v in expected.items() if k not in (".build.json", f"{CLAIM}.pdf")
    }


# --------------------------------------------------------------------------- random claim files


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.text(max_size=300),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "claim",
                    "claimant",
                    "claim_date",
                    "appeared_in",
                    "subject",
                    "metric",
                    "comparator",
                    "value",
                    "tolerance",
                    "kind",
                    "event",
                    "period",
                    "as_of",
                    "x",
                ]
            ),
            st.one_of(
                st.text(max_size=20),
                st.integers(),
                st.floats(allow_nan=True),
                st.none(),
                st.lists(st.text(max_size=5), max_size=3),
            ),
            max_size=12,
        ).map(lambda d: "\n".join(f"{k}: {v!r}" for k, v in d.items())),
    )
)
def test_random_claim_files_through_verdict_never_give_a_traceback(tmp_path, body):
    path = tmp_path / "random.yaml"
    path.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["verdict", str(path), "--data", str(MINI), "--json"], catch_exceptions=True
    )
    assert result.exception is None or isinstance(result.exception, (FactcheckError, SystemExit)), (
        repr(result.exception)
    )


def test_verdict_cli_reports_a_bad_claim_file_by_key_with_exit_status_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        (MINI / "claims" / f"{CLAIM}.yaml")
        .read_text()
        .replace('comparator: ">"', 'comparator: "more"')
    )
    result = subprocess.run(
        [FACTCHECK, "verdict", str(path), "--data", str(MINI)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "comparator:" in result.stderr and "'more'" in result.stderr
    assert "Traceback" not in result.stderr
