"""A render exports its page with the exporter its warm-up thread built (templates compiled
while the kernel ran): the page must be the one a fresh exporter writes, for any notebook and
for several notebooks in turn (a batch worker's renders each build one)."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from factcheck.html import APPENDIX, ReaderHTMLExporter, warmed_exporter


def _notebook(title: str, words: str):
    shown = new_output("display_data", data={"text/html": f"<p>{words}</p>", "text/plain": ""})
    nb = new_notebook(
        cells=[
            new_markdown_cell(f"# {title}"),
            new_code_cell("secret = 1", outputs=[shown]),
            new_code_cell("", outputs=[shown], metadata={"tags": [APPENDIX]}),
        ]
    )
    nb.metadata["title"] = title
    nb.metadata["factcheck"] = {"title": title, "label": "false"}
    return nb


def test_the_warmed_exporter_writes_the_page_a_fresh_one_writes_for_each_notebook_in_turn():
    warmed = warmed_exporter()
    for title, words in (("First claim", "one & two"), ("Second claim", "<b>three</b>")):
        nb = _notebook(title, words)
        page, _ = warmed.from_notebook_node(nb)
        fresh, _ = ReaderHTMLExporter().from_notebook_node(nb)
        assert page == fresh
        assert title in page and "secret" not in page
    assert "First claim" not in page
