"""What a notebook may put on a report page: text and HTML are bounded (WeasyPrint lays out
every character), inline chart images apart (one box each; a chart's pixels are bounded by the
chart code). A large base drew a timeline whose two PNGs, inline in one HTML output, came to
1.1 million characters and failed the text bound although the page held little text."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from factcheck.errors import RenderError
from factcheck.rendering.render import MAX_PAGE_IMAGES, MAX_PAGE_TEXT, check_output_size


def _page(html: str):
    shown = new_output("display_data", data={"text/html": html, "text/plain": ""})
    return new_notebook(cells=[new_code_cell("", outputs=[shown], execution_count=5)])


def _png(characters: int) -> str:
    return f'<img src="data:image/png;base64,{"A" * characters}" alt="a chart">'


def test_a_chart_of_two_million_base64_characters_is_not_counted_as_text():
    check_output_size(_page("<p>A chart</p>" + _png(2_000_000)), "report.ipynb")


def test_text_beyond_the_bound_still_fails_and_names_the_cell():
    with pytest.raises(RenderError, match=r"cell In \[5\]") as caught:
        check_output_size(_page("<p>x</p>" * (MAX_PAGE_TEXT // 8 + 1)), "report.ipynb")
    assert f"{MAX_PAGE_TEXT:,}" in str(caught.value)


def test_images_beyond_their_own_bound_fail_with_their_own_sentence():
    with pytest.raises(RenderError, match="inline images") as caught:
        check_output_size(_page(_png(MAX_PAGE_IMAGES + 1)), "report.ipynb")
    assert "previous report is unchanged" in str(caught.value)
