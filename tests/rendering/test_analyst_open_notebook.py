"""The notebook open all the way down (issue 18, item 5), on the analyst's path.

(a) One claim's own words without forking the template: `data/claims/<id>.md` appears at the
cell tagged `claim-notes` in that claim's report only, rendered for real by papermill and
nbconvert, and editing it re-renders that claim alone. (b) An analyst's decoration passed to
`charts.show(..., decorate=)` is drawn on the print chart and on its phone edition. (c) Table
captions are arguments.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import claim, evidence_from_lines, one_line
from invoke import factcheck
from PIL import Image

from factcheck import charts
from factcheck.page import Page
from factcheck.paths import DATA_DIR
from factcheck.verdict import assess

OWN = "dprk-reinforcements-3000"
NOTE = "A note by an analyst for *this claim alone*: the 3,000 were sent in early 2025."


def render(data: Path, out: Path, *claims: str) -> str:
    """`factcheck render` in-process (tests/invoke.py): the kernel is real, the Python start is
    the test's own."""
    result = factcheck(
        "render", *claims, "--format", "html", "--data", str(data), "--out", str(out)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.slow
def test_a_claims_own_markdown_note_appears_in_its_report_only_and_rerenders_it_alone(tmp_path):
    data, out = tmp_path / "data", tmp_path / "reports"
    shutil.copytree(DATA_DIR, data)
    other = "dprk-kursk-killed-6000"
    render(data, out, OWN)
    render(data, out, other)
    before = (out / other / f"{other}.html").read_bytes()
    (data / "claims" / f"{OWN}.md").write_text(NOTE + "\n\n<script>alert(1)</script>\n")
    render(data, out, OWN)
    render(data, out, other)
    own_html = (out / OWN / f"{OWN}.html").read_text(encoding="utf-8")
    assert "A note by an analyst for <em>this claim alone</em>" in own_html
    assert "<script>alert(1)</script>" not in own_html  # raw HTML in a note is escaped
    assert own_html.index("claim-notes") < own_html.index('id="What-would-change-the-verdict"')
    assert (out / other / f"{other}.html").read_bytes() == before


def _png_pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def test_an_analysts_decoration_is_drawn_on_the_print_chart_and_its_phone_edition():
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    c = claim(6000, ">")
    verdict = assess(c, evidence)
    data = charts.history_data(verdict)

    def fig():
        return charts.history_chart(data, title=charts.history_title(data))

    def mark(figure) -> None:
        figure.axes[0].axhline(0.5, color="red", lw=4)

    plain = charts.show(fig(), "history")
    marked = charts.show(fig(), "history", decorate=mark)
    assert plain.phone_png is not None and marked.phone_png is not None
    assert _png_pixels(marked.png) != _png_pixels(plain.png)
    assert _png_pixels(marked.phone_png) != _png_pixels(plain.phone_png)


def test_table_captions_are_arguments():
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    c = claim(6000, ">")
    page = Page(c, evidence, assess(c, evidence))
    assert "Our own caption" in page.who_said_what(caption="Our own caption").data
    assert "Figures, ours" in page.figures_table(caption="Figures, ours").data
    assert "Sources, ours" in page.lines_table(caption="Sources, ours").data
    assert "Leave-one-out, ours" in page.sensitivity(caption="Leave-one-out, ours").data


def test_each_section_reads_a_frame_or_list_the_analyst_can_edit():
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    c = claim(6000, ">")
    page = Page(c, evidence, assess(c, evidence))
    assert "A reason an analyst wrote." in page.front(why=["A reason an analyst wrote."]).data
    changes = page.changes_frame()
    assert list(changes["kind"]) == ["without", "with", "with"]
    assert "Edited." in page.what_would_change(changes.assign(sentence="Edited.")).data
    trail = page.reasoning_frame()
    assert trail["step"].iloc[0] == "Scope"
    assert (
        "Only this step." in page.reasoning(trail.head(1).assign(sentence="Only this step.")).data
    )
    groups = page.source_groups()
    groups[0]["name"] = "Renamed by an analyst"
    assert "Renamed by an analyst" in page.sources(groups).data


def test_every_table_an_analyst_edits_reaches_the_page():
    """Each section that prints a table takes the DataFrame the notebook cell holds: an edit
    to a cell's frame is what readers see."""
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    c = claim(6000, ">")
    page = Page(c, evidence, assess(c, evidence))
    said = page.originators_frame().assign(said="said, as an analyst put it")
    assert "said, as an analyst put it" in page.who_said_what(said).data
    figures = page.evidence_frame().assign(said="a figure, reworded")
    assert "a figure, reworded" in page.figures_table(figures).data
    flags = page.flags_frame().assign(text="A warning an analyst wrote.")
    assert "A warning an analyst wrote." in page.flags(flags).data
    lines = page.lines_frame().assign(line_of_evidence="A source, renamed")
    assert "A source, renamed" in page.lines_table(lines).data
    left_out = page.sensitivity_frame().assign(left_out="Someone else")
    assert "Someone else" in page.sensitivity(left_out).data
    methodology = page.methodology_frames()
    methodology["this"] = methodology["this"].assign(sentence="Our own reading.")
    assert "Our own reading." in page.methodology(methodology).data
    corrections = page.version_frame()
    assert "No corrections" in page.version(corrections).data
    assert "A heading, ours" in page.heading("A heading, ours").data


SECTIONS = {
    "front", "who_said_what", "what_would_change", "figures_table", "outside_table",
    "reasoning", "flags", "lines_table", "sensitivity", "methodology", "sources", "version",
    "heading",
}  # fmt: skip
FROM_FILES = {"notes"}  # reads data/claims/<id>.md: its words are the analyst's file


def test_every_section_cell_of_the_template_passes_the_table_it_shows():
    """In notebooks/report.ipynb, every call that prints a section is given its DataFrame (or
    list, or heading) as an argument, so an analyst sees and edits what readers get."""
    import ast

    import nbformat

    from factcheck.paths import REPORT_NOTEBOOK

    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    called = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "page"
                and node.func.attr in SECTIONS | FROM_FILES
            ):
                called.add(node.func.attr)
                if node.func.attr in SECTIONS:
                    assert node.args or node.keywords, f"page.{node.func.attr}() takes no table"
    assert called == SECTIONS | FROM_FILES
