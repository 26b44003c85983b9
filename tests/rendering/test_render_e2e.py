"""End to end: `factcheck render` executes the real notebook with papermill and writes real files.

The seed claim's report is the session's shared render (tests/rendering.py): these tests only
read it, so they add no render of their own.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader
from rendering import PUBLISHED_ENV, pdf_text, render_all_into

from factcheck.paths import DATA_DIR

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("render")]

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
DEFAULT_CLAIM = "dprk-kursk-casualties-6000"  # the seed claim, the Makefile's CLAIM


def run(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [FACTCHECK, *args], capture_output=True, text=True, timeout=600, env=env
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"factcheck {' '.join(args)} failed ({result.returncode}):\n{result.stderr}"
        )
    return result


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    return render_all_into(tmp_path_factory) / DEFAULT_CLAIM


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_render_writes_the_notebook_html_pdf_and_machine_readable_files(report_dir):
    names = {p.name for p in report_dir.iterdir()}
    for name in (
        f"{DEFAULT_CLAIM}.ipynb",
        f"{DEFAULT_CLAIM}.html",
        f"{DEFAULT_CLAIM}.pdf",
        "verdict.json",
        "claimreview.jsonld",
    ):
        assert name in names
    assert not any(n.startswith(".") and n != ".build.json" for n in names)
    assert not list(report_dir.parent.glob(f".{DEFAULT_CLAIM}.staging-*"))
    assert {p.suffix for p in (report_dir / "charts").iterdir()} == {".png", ".svg"}


def test_html_shows_the_claim_without_code_and_embeds_its_images(report_dir):
    page = (report_dir / f"{DEFAULT_CLAIM}.html").read_text(encoding="utf-8")
    claim = "North Korea has suffered more than 6,000 casualties during offensive operations in Russia's Kursk Oblast."
    assert (
        f"<title>{html.escape(claim, quote=True)}</title>" in page
        or f"<title>{claim}</title>" in page
    )
    assert claim in text_of(page)
    assert "report.verdict_box()" not in page and "from factcheck" not in page
    assert "jp-InputArea" not in page and "In&nbsp;[" not in page
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert len(images) >= 4  # estimates, echoes, share, history
    assert all(src.startswith("data:image/png;base64,") for src in images)
    assert "<script src=" not in page and '<link rel="stylesheet"' not in page


def test_pdf_is_a4_and_its_text_holds_the_claim(report_dir):
    reader = PdfReader(report_dir / f"{DEFAULT_CLAIM}.pdf")
    assert len(reader.pages) > 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = pdf_text(report_dir / f"{DEFAULT_CLAIM}.pdf")
    assert "more than 6,000 casualties during offensive operations" in text
    assert "Sources" in text and "Mostly true" in text
    assert reader.metadata.title.startswith("North Korea has suffered")


def test_executed_notebook_records_the_parameters_papermill_injected(report_dir):
    nb = nbformat.read(report_dir / f"{DEFAULT_CLAIM}.ipynb", as_version=4)
    parameters = dict(nb.metadata.papermill.parameters)
    # the kernel ran in the render's snapshot: relative paths only, to the snapshot's files
    assert parameters.pop("verdict_json", "verdict.json") == "verdict.json"
    assert parameters.pop("evidence_file") == "evidence.pickle"  # the render's own evidence
    assert parameters == {"claim_id": DEFAULT_CLAIM, "as_of": "", "data_dir": "data"}
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and injected[0].id == "injected-parameters"
    assert f'claim_id = "{DEFAULT_CLAIM}"' in injected[0].source
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_verdict_json_matches_the_engine_and_the_claimreview(report_dir):
    verdict = json.loads((report_dir / "verdict.json").read_text())
    review = json.loads((report_dir / "claimreview.jsonld").read_text())
    assert verdict["label"] == "mostly-true"
    assert review["reviewRating"]["alternateName"] == verdict["label_name"]
    cli = json.loads(run("verdict", DEFAULT_CLAIM, "--json").stdout)
    assert cli == verdict


def test_a_second_render_with_nothing_changed_is_up_to_date(report_dir):
    before = {p: p.read_bytes() for p in report_dir.rglob("*") if p.is_file()}
    # with the settings the shared reports were rendered with (they are part of the build)
    result = run(
        "render", DEFAULT_CLAIM, "--out", str(report_dir.parent), env=os.environ | PUBLISHED_ENV
    )
    assert "up to date" in result.stdout
    assert {p: p.read_bytes() for p in report_dir.rglob("*") if p.is_file()} == before


def test_the_papermill_cli_runs_the_notebook_by_hand(tmp_path):
    papermill = str(Path(sys.executable).with_name("papermill"))
    out = tmp_path / "by-hand.ipynb"
    subprocess.run(
        [
            papermill,
            "notebooks/report.ipynb",
            str(out),
            "-p",
            "claim_id",
            "dprk-reinforcements-3000",
            "-p",
            "data_dir",
            str(DATA_DIR),
            "--no-progress-bar",
            "--cwd",
            str(DATA_DIR.parent),
        ],
        check=True,
        capture_output=True,
        cwd=DATA_DIR.parent,
        timeout=300,
    )
    nb = nbformat.read(out, as_version=4)
    assert nb.metadata.papermill.parameters["claim_id"] == "dprk-reinforcements-3000"
    shutil.rmtree(tmp_path, ignore_errors=True)
