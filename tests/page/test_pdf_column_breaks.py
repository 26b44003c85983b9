"""Words in the PDF's narrow table columns wrap between words, never inside one.

Pango allows no line break between a closing quotation mark, a space and an opening bracket
(UAX #14's LB15 before Unicode 15.1), so "Unnamed 'western intelligence' (The Daily Record)"
was one unbreakable run in WeasyPrint, and `overflow-wrap: break-word` cut it mid-word:
"(Th" / "e Daily Record)". The page now offers a break (<wbr>) there.
"""

from __future__ import annotations

import datetime as dt
import io
from html import unescape

import pytest
from conftest import claim, figure, make_evidence, originator, source
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape
from pypdf import PdfReader

from factcheck.page import Page
from factcheck.page.base import _macros
from factcheck.page.words import breakable
from factcheck.paths import PACKAGE_DIR
from factcheck.pdf import html_to_pdf
from factcheck.verdict import assess

NAME = "Unnamed 'western intelligence' (The Daily Record, London)"


def test_a_break_is_offered_after_a_closing_quote_before_a_bracket():
    assert str(breakable(NAME)) == (
        "Unnamed &#39;western intelligence&#39; <wbr>(The Daily Record, London)"
    )
    assert str(breakable("“the ministry” [translated]")) == "“the ministry” <wbr>[translated]"


def test_other_closing_quotes_and_brackets_get_the_break_too():
    assert str(breakable("»Die Behörde« (Zeitung)")) == "»Die Behörde« <wbr>(Zeitung)"
    assert str(breakable("‘x’ {y}")) == "‘x’ <wbr>{y}"


def test_a_no_break_space_keeps_its_meaning():
    assert "<wbr>" not in str(breakable("'officials'\xa0(The Times)"))


def test_everything_else_is_only_escaped():
    for text in ("Ministry (Kyiv)", "<b>'a' & \"b\"</b>", "it's (not) 'quoted'", ""):
        assert str(breakable(text)) == str(escape(text))


def page_naming(who: str) -> Page:
    evidence = make_evidence(
        originators=[originator("o", name=who)],
        sources=[source("s", "o")],
        figures=[figure("f", "s", 6000)],
    )
    c = claim()
    return Page(c, evidence, assess(c, evidence))


def test_the_figures_table_offers_the_break_in_the_who_cell():
    html = str(page_naming(NAME).figures_table().data)
    assert "&#39;western intelligence&#39; <wbr>(The Daily Record" in html


def test_in_the_pdf_the_who_column_wraps_between_words():
    words = pdf_words(str(page_naming(NAME).figures_table().data))
    for word in NAME.split():
        assert word in words, (word, words)


def pdf_words(table: str) -> list[str]:
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    body = f"<div class='report'>{table}</div>"
    pdf = html_to_pdf(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()


@pytest.mark.parametrize("unit", ["originator", "report"])
def test_a_date_and_its_publication_date_wrap_between_words_in_the_when_column(unit):
    """A4's When column was 14% (12% in a statement claim's table): "(publish" / "ed 5 Jan"."""
    row = {
        "who": "Agency One", "said": "more than 6,000 casualties", "when": dt.date(2023, 12, 30),
        "published": dt.date(2024, 1, 5), "stance": "supports", "bearing": "supports the claim",
        "notes": "reported by Wire A", "carried": "",
    }  # fmt: skip
    words = pdf_words(str(_macros().who_said_what([row], "Who said what", unit=unit)))
    assert "(published" in words, words


@given(st.text())
def test_a_break_opportunity_never_changes_the_text(text):
    html = str(breakable(text))
    assert "<" not in html.replace("<wbr>", "")  # nothing but the breaks is markup
    assert unescape(html.replace("<wbr>", "")) == text
