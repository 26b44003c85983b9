"""Shared by the slow tests: render every seed claim once per test session.

The render is incremental and locked per claim, so modules (and xdist workers) that ask for
the same folder reuse one set of reports instead of rendering again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
# The shared reports are rendered as a publisher would publish them, with both settings set;
# tests/test_publisher.py renders one claim without them.
PUBLISHER = "The Reader Trust Desk"
BASE_URL = "https://checks.news.test/reports/"
SHARED_REPORTS = "all-reports"  # the shared render's folder name
PUBLISHED_ENV = {"FACTCHECK_PUBLISHER": PUBLISHER, "FACTCHECK_BASE_URL": BASE_URL}


def render_all_into(tmp_path_factory) -> Path:
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this session
    out = root / SHARED_REPORTS
    result = subprocess.run(
        [FACTCHECK, "render", "--all", "--jobs", "2", "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **PUBLISHED_ENV},
    )
    if result.returncode != 0:
        raise AssertionError(f"factcheck render --all failed:\n{result.stdout}\n{result.stderr}")
    return out


def pdf_text_pages(pdf: Path | bytes) -> list[str]:
    """Each page's text as PDFium reads it (pypdfium2): what a reader who copies the page gets.

    PDFium reads a page in milliseconds and decodes the two-byte font subsets WeasyPrint embeds
    once a font needs more than 256 glyphs; pypdf took a second a page and returned those
    characters each after a NUL byte. Line ends become "\n"; a word PDFium joined across a
    hyphenated line end (U+FFFE in its place) gets its hyphen and line end back."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[i].get_textpage().get_text_range().replace("\r\n", "\n")
            .replace("\ufffe", "-\n")
            for i in range(len(document))
        ]  # fmt: skip
    finally:
        document.close()


def pdf_info(pdf: Path | bytes) -> tuple[dict[str, str], list[str]]:
    """The PDF's document information (Title, Author, ... : only the entries it has) and its
    outline's titles in reading order, as PDFium reads them. pypdf spent 0.3 s a file parsing
    every object stream to reach the information dictionary."""
    document = pdfium.PdfDocument(pdf)
    try:
        return (
            document.get_metadata_dict(skip_empty=True),
            [bookmark.get_title() for bookmark in document.get_toc()],
        )
    finally:
        document.close()


def pdf_text(pdf: Path | bytes) -> str:
    """The whole PDF's text with its whitespace collapsed, for tests that look for a phrase."""
    return " ".join(" ".join(pdf_text_pages(pdf)).split())


def outputs_of(report: Path) -> dict[str, bytes]:
    """A finished report folder's files as name -> bytes, its build record left out: what a
    render's notebook, export and PDF steps computed, before the render records and stages it."""
    from factcheck.fingerprint import BUILD_FILE

    return {
        p.relative_to(report).as_posix(): p.read_bytes()
        for p in sorted(Path(report).rglob("*"))
        if p.is_file() and p.relative_to(report).as_posix() != BUILD_FILE
    }


def with_outputs_of(report: Path):
    """A stand-in for render._render_into (snapshot, verdict, notebook, HTML, PDF) that returns
    the outputs a real render already computed into `report`: the render's locking, staging and
    swapping around it run as ever, without a kernel or a notebook run."""
    from factcheck.fingerprint import read_build_record

    outputs = outputs_of(report)
    index = (read_build_record(report) or {}).get("index")

    def render_into(*_args, **_kwargs):
        return dict(outputs), [], index

    return render_into


def render_killed_at(
    step: str, claim_id: str, data_dir: str, reports_dir: str, outputs_from: str = ""
) -> None:
    """Run in a fresh interpreter: render, dying (os._exit, like SIGKILL) at one named step.

    `outputs_from`: a report folder whose files stand in for the notebook's outputs (see
    with_outputs_of), for the steps that come after them."""
    from factcheck.rendering import execute as execution
    from factcheck.rendering import files
    from factcheck.rendering import render as render_module

    if outputs_from:
        render_module._render_into = with_outputs_of(Path(outputs_from))

    def die(*_args, **_kwargs):
        os._exit(9)

    def after(function):
        def call_then_die(*args, **kwargs):
            function(*args, **kwargs)
            os._exit(9)

        return call_then_die

    if step == "snapshot written":
        from factcheck.rendering import claims

        claims.load_from_snapshot = die  # the render imports it from there when it needs it
    elif step == "kernel about to start":
        execution.execute = die
    elif step == "outputs computed, none staged":
        render_module.write_tree = die
    elif step == "staged, not swapped":
        render_module.publish = die
    elif step == "swapped, old folder not yet removed":
        files._exchange = after(files._exchange)
    elif step.startswith("no atomic swap"):
        files._exchange = lambda a, b: False
        renames = []
        real_rename = os.rename

        def rename(a, b):
            renames.append(a)
            if step.endswith("old moved aside") and len(renames) == 2:
                os._exit(9)
            real_rename(a, b)
            if step.endswith("new in place") and len(renames) == 2:
                os._exit(9)

        files.os.rename = rename
    else:
        raise AssertionError(step)
    render_module.render(
        claim_id,
        formats=("html",),
        data_dir=Path(data_dir),
        reports_dir=Path(reports_dir),
        force=True,
    )
    os._exit(0)
