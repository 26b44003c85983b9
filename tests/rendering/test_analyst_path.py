"""Issue 12's analyst path, end to end with the real stack (papermill, nbconvert, WeasyPrint).

In a copy of the project's data and notebooks, an analyst (a) retitles one chart in the
template, for every report, and (b) gives one claim its own notebook with a paragraph and an
extra chart. `factcheck render --all` must show (a) everywhere, (b) only in that claim, and
leave every other claim byte-identical to a render without (b). That render without (b) is of
the other claims alone, in HTML: an HTML render writes every file an HTML and PDF render writes
but the PDF (and the build record, which names the formats), byte for byte, and the PDF is
printed from those files.

The project keeps three seed claims, one of each kind (quantity, event, statement): every
kind's template path is covered, and the suite does not render all eleven seed claims twice.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from invoke import factcheck
from rendering import pdf_text

from factcheck.fingerprint import BUILD_FILE
from factcheck.paths import DATA_DIR, REPORT_NOTEBOOK
from factcheck.rendering.batch import render_all as render_batch
from factcheck.scaffold import write_claim_notebook

NEW_TITLE = "Our rating on each date new evidence appeared (retitled by an analyst)"
PARAGRAPH = "Context written by an analyst for this claim alone: read the quotes, not the headline."
EXTRA_TITLE = "The same rating history, drawn again for this claim alone"

pytestmark = pytest.mark.slow
# One claim of each kind; the first (sorted) gets its own notebook.
KEPT = (
    "dprk-half-of-russian-shells",
    "dprk-missiles-first-used",
    "russia-confirms-dprk-troops-april-2025",
)


def render_all(data: Path, out: Path) -> str:
    """`factcheck render --all` in HTML and PDF, in-process (tests/invoke.py): its kernels are
    real, the Python start is the test's own. One worker: one kernel factory to start, not two
    (the suite's other worker has the other core)."""
    result = factcheck("render", "--all", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def retitle_history_chart(notebook: Path) -> None:
    """Step (a): the analyst edits the title argument of one chart call in the template."""
    nb = nbformat.read(notebook, as_version=4)
    calls = [c for c in nb.cells if "charts.history_title(" in c.source]
    assert len(calls) == 1, "expected one cell drawing the verdict over time"
    calls[0].source = re.sub(
        r"title=charts\.history_title\(\w+\)", f'title="{NEW_TITLE}"', calls[0].source
    )
    assert NEW_TITLE in calls[0].source
    nbformat.write(nb, notebook)


def add_paragraph_and_chart(notebook: Path) -> None:
    """Step (b): a markdown paragraph and a second history chart, after the main body's table."""
    nb = nbformat.read(notebook, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "who_said_what" in c.source) + 1
    extra = (
        "again = charts.history_data(verdict)\n"
        f'charts.show(charts.history_chart(again, title="{EXTRA_TITLE}"), "history-again", '
        'alt="The rating on each date, again.")'
    )
    nb.cells[at:at] = [nbformat.v4.new_markdown_cell(PARAGRAPH), nbformat.v4.new_code_cell(extra)]
    nbformat.write(nb, notebook)


def inline_pngs(html: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([^"]+)"', html)]


def svg_text(svg: Path) -> str:
    """The words drawn in an SVG chart, long titles wrapped onto several lines joined again."""
    texts = re.findall(r"<text[^>]*>([^<]*)", svg.read_text(encoding="utf-8"))
    return " ".join(" ".join(texts).split())


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a report folder but its PDF and its build record (see the docstring)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".pdf" and p.name != BUILD_FILE
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("analyst")
    shutil.copytree(DATA_DIR, root / "data")
    for path in (root / "data" / "claims").glob("*.yaml"):
        if path.stem not in KEPT:
            path.unlink()
    (root / "notebooks").mkdir()
    shutil.copy(REPORT_NOTEBOOK, root / "notebooks" / "report.ipynb")
    retitle_history_chart(root / "notebooks" / "report.ipynb")

    claims = sorted(p.stem for p in (root / "data" / "claims").glob("*.yaml"))
    assert claims == sorted(KEPT), "a kept seed claim was renamed"
    own = claims[0]
    others = [claim_id for claim_id in claims if claim_id != own]
    before = render_batch(root / "data", root / "before", ("html",), ids=others)
    assert before.failed == {}, before.failed
    notebook = write_claim_notebook(
        own, root / "notebooks" / "claims", template=root / "notebooks" / "report.ipynb"
    )
    add_paragraph_and_chart(notebook)
    render_all(root / "data", root / "after")
    return {"root": root, "claims": claims, "own": own}


def test_the_retitled_chart_appears_in_every_claims_html_and_pdf(project, tmp_path):
    for claim_id in project["claims"]:
        report = project["root"] / "after" / claim_id
        assert NEW_TITLE in svg_text(report / "charts" / "history.svg"), claim_id
        png = (report / "charts" / "history.png").read_bytes()
        assert png in inline_pngs((report / f"{claim_id}.html").read_text(encoding="utf-8"))
        # The PDF draws the chart as vector graphics from its SVG: its title is text there
        assert NEW_TITLE in pdf_text(report / f"{claim_id}.pdf"), claim_id


def test_the_paragraph_and_extra_chart_appear_only_in_that_claims_html_and_pdf(project, tmp_path):
    for claim_id in project["claims"]:
        report = project["root"] / "after" / claim_id
        html = (report / f"{claim_id}.html").read_text(encoding="utf-8")
        extra = report / "charts" / "history-again.png"
        if claim_id == project["own"]:
            assert PARAGRAPH in html
            assert PARAGRAPH in pdf_text(report / f"{claim_id}.pdf")
            assert EXTRA_TITLE in svg_text(report / "charts" / "history-again.svg")
            assert extra.read_bytes() in inline_pngs(html)
            assert EXTRA_TITLE in pdf_text(report / f"{claim_id}.pdf")
        else:
            assert PARAGRAPH not in html, claim_id
            assert not extra.exists(), claim_id


def test_every_other_claim_is_byte_identical_to_a_render_without_the_claim_notebook(project):
    for claim_id in project["claims"]:
        if claim_id == project["own"]:
            continue
        before = files_of(project["root"] / "before" / claim_id)
        after = files_of(project["root"] / "after" / claim_id)
        assert before == after, claim_id


def test_the_claim_notebook_is_part_of_that_claims_build_only(project):
    """Editing the claim notebook again re-renders that claim and skips every other one."""
    root, own = project["root"], project["own"]
    notebook = root / "notebooks" / "claims" / f"{own}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("One more sentence."))
    nbformat.write(nb, notebook)
    said = render_all(root / "data", root / "after")
    assert re.search(rf"{re.escape(own)}: rendered", said), said
    assert f"1 rendered, {len(project['claims']) - 1} up to date" in said, said
