"""The main body's pages are full: no chart-sized gap before the appendix.

A chart never breaks across pages, so a second chart that does not fit under the first
jumps to the next page and leaves the rest of the page blank (a third of page 2 on the
seed report). The main body therefore holds one chart, at the top of its first page, and
the rest is text and tables, which break where the page ends; the timeline is drawn in the
appendix. Reads the session's shared render (tests/rendering.py): no render of its own.
"""

from __future__ import annotations

import re

import pytest
from conftest import seed_evidence
from pypdf import PdfReader
from rendering import pdf_text_pages, render_all_into

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("render")]
CLAIMS = sorted(seed_evidence().claims)
SEED = "dprk-kursk-casualties-6000"
FILLED = 0.75  # a full page's lowest line of text stands in its bottom quarter
FOOT = 0.93  # below this, the running footer ("Page 2 of 25")


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return render_all_into(tmp_path_factory)


def lowest_text(page) -> float:
    """How far down the page (0 top, 1 bottom) its lowest line of page text stands. A chart's
    own labels are drawn inside its frame (pypdf reports them unflipped) and are left out."""
    height = float(page.mediabox.height)
    downs: list[float] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip() and cm[3] < 0:
            downs.append(1 - (tm[5] * cm[3] + cm[5]) / height)

    page.extract_text(visitor_text=visit)
    return max((d for d in downs if d < FOOT), default=0.0)


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_the_main_body_holds_one_chart(reports, claim_id):
    html = (reports / claim_id / f"{claim_id}.html").read_text(encoding="utf-8")
    main = html.split(">Appendix</h2>")[0]
    assert main.count("<picture") <= 1, f"{claim_id}: {main.count('<picture')} charts"


def test_no_page_of_the_seed_reports_main_body_ends_with_a_chart_sized_gap(reports):
    pages = PdfReader(reports / SEED / f"{SEED}.pdf").pages
    texts = pdf_text_pages(reports / SEED / f"{SEED}.pdf")
    appendix = next(i for i, text in enumerate(texts) if re.search(r"^\s*Appendix\s*$", text, re.M))
    for number in range(2, appendix):  # page 1 stands alone; the last body page may end early
        assert lowest_text(pages[number - 1]) >= FILLED, f"page {number} of {SEED} is not full"
