"""The report notebook is the analysis: contract parameters, real objects in cells, tags that
route outputs; papermill runs it on the small fixture and the reader page hides all code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from factcheck.html import ReaderHTMLExporter, reader_order
from factcheck.paths import NOTEBOOKS_DIR, PROJECT_ROOT

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
TEMPLATE = NOTEBOOKS_DIR / "report.ipynb"

EVENT_CLAIM = """\
id: kremlin-confirms
claim: "The Kremlin confirmed the troops in April 2025."
claimant: A newspaper
claim_date: 2025-06-15
appeared_in: [outlet-c]
kind: event
event: confirms-troops
subject: troops
period: {start: 2025-04-01, end: 2025-04-30}
as_of: 2025-06-30
"""


def cells(tag: str | None = None) -> list:
    nb = nbformat.read(TEMPLATE, as_version=4)
    return [c for c in nb.cells if tag is None or tag in c.metadata.get("tags", [])]


def test_parameters_are_the_contract():
    (cell,) = cells("parameters")
    names = [line.split(":")[0] for line in cell.source.splitlines()]
    assert names == ["claim_id", "as_of", "data_dir", "verdict_json", "evidence_file"]


def test_the_notebook_loads_the_render_verdict_when_given_and_judges_itself_otherwise():
    source = "\n".join(c.source for c in cells())
    assert "Verdict.model_validate_json(Path(verdict_json).read_text(" in source
    assert "assess(claim, evidence" in source


def test_each_chart_is_an_explicit_call_with_its_title_in_the_cell():
    source = "\n".join(c.source for c in cells())
    for chart in ("estimates", "events", "echoes", "history", "share"):
        assert f"charts.{chart}_chart(" in source and f"title=charts.{chart}_title(" in source
        assert f'"{chart}"' in source  # the file name charts.show writes


def test_reader_order_puts_the_main_body_then_one_appendix_heading_then_the_appendix():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("hidden", metadata={"tags": ["hide"]}),
        nbformat.v4.new_markdown_cell("back matter", metadata={"tags": ["appendix"]}),
        nbformat.v4.new_markdown_cell("main one"),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("main two"),
    ]
    ordered = [c.source for c in reader_order(nb).cells]
    assert ordered[:2] == ["main one", "main two"]
    assert "Appendix" in ordered[2] and ordered[3] == "back matter"
    assert len(ordered) == 4


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mini") / "data"
    shutil.copytree(MINI, folder)
    (folder / "claims" / "kremlin-confirms.yaml").write_text(EVENT_CLAIM, encoding="utf-8")
    with (folder / "figures.csv").open("a", encoding="utf-8") as figures:  # a total to share of
        figures.write(
            'nis-11000,troops,deployed,11000,11000,approximately,2025-04-30,nis-brief,"about 11,000",,\n'
        )
    return folder


def run(data_dir: Path, claim_id: str, tmp_path: Path) -> tuple[nbformat.NotebookNode, str]:
    out = tmp_path / f"{claim_id}.ipynb"
    papermill.execute_notebook(
        str(TEMPLATE),
        str(out),
        parameters={"claim_id": claim_id, "data_dir": str(data_dir)},
        kernel_name="python3",
        cwd=str(PROJECT_ROOT),
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    html, _ = ReaderHTMLExporter().from_notebook_node(nb)
    return nb, html


@pytest.mark.slow
def test_a_loss_claim_runs_and_the_reader_page_has_no_code_and_one_appendix(data_dir, tmp_path):
    _, html = run(data_dir, "casualties-6000", tmp_path)
    assert html.count(">Appendix</h2>") == 1
    main, appendix = html.split(">Appendix</h2>")
    assert "Our rating" in main and "What the sources say" in main
    assert "The evidence, with its quotes" in appendix and "Sources" in appendix
    assert "Casualties as a share of the first deployment and all troops sent" in appendix
    for code in ("page.front()", "import ", "claim_id:", "This notebook is the report"):
        assert code not in html


@pytest.mark.slow
def test_an_event_claim_gets_a_timeline_and_no_loss_sections(data_dir, tmp_path):
    _, html = run(data_dir, "kremlin-confirms", tmp_path)
    assert "Our rating" in html
    for absent in ("as a share of", "casualties", "not about"):
        assert absent not in html
