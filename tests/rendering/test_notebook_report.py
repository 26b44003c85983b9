"""The report notebook is the analysis: contract parameters, real objects in cells, tags that
route outputs; the reader pages its runs made (the session's shared render of the seed claims)
hide all code.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest
from rendering import render_all_into

from factcheck.html import reader_order
from factcheck.paths import NOTEBOOKS_DIR

TEMPLATE = NOTEBOOKS_DIR / "report.ipynb"
LOSS_CLAIM = "dprk-kursk-casualties-6000"  # a quantity claim with a total to share of
EVENT_CLAIM = "russia-confirms-dprk-troops-april-2025"  # an event claim: a timeline


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
def reports(tmp_path_factory) -> Path:
    """The session's shared render of every seed claim (tests/rendering.py): these tests only
    read the reader pages that render's notebooks made, so they add no kernel of their own."""
    return render_all_into(tmp_path_factory)


def reader_page(reports: Path, claim_id: str) -> str:
    return (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")


def visible(page: str) -> str:
    """The words a reader sees: no head, script (the ClaimReview) or style, no tags, so no
    link addresses."""
    page = re.sub(r"<(head|script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.slow
def test_a_loss_claim_runs_and_the_reader_page_has_no_code_and_one_appendix(reports):
    page = reader_page(reports, LOSS_CLAIM)
    assert page.count(">Appendix</h2>") == 1
    main, appendix = page.split(">Appendix</h2>")
    assert "Our rating" in main and "What the sources say" in main
    assert "The evidence, with its quotes" in appendix and "Sources" in appendix
    assert "Casualties as a share of the first deployment and all troops sent" in appendix
    for code in ("page.front()", "import ", "claim_id:", "This notebook is the report"):
        assert code not in page


@pytest.mark.slow
def test_an_event_claim_gets_a_timeline_and_no_loss_sections(reports):
    page = reader_page(reports, EVENT_CLAIM)
    assert "Our rating" in page
    assert (reports / EVENT_CLAIM / "charts" / "events.png").is_file()
    for loss_chart in ("estimates.png", "share.png"):
        assert not (reports / EVENT_CLAIM / "charts" / loss_chart).exists()
    for absent in ("as a share of", "casualties", "not about"):
        assert absent not in visible(page)
