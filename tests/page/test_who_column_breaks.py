"""A name in the narrow "Who" column wraps between words, never inside one.

Pango allows no line break between a closing quotation mark, a space and an opening bracket
(UAX #14's LB15 before Unicode 15.1), so "Unnamed 'western intelligence' (The Daily Record)"
was one unbreakable run in WeasyPrint, and `overflow-wrap: break-word` cut it mid-word:
"(Th" / "e Daily Record)". The page now offers a break (<wbr>) there.
"""

from __future__ import annotations

import io

from conftest import claim, figure, make_evidence, originator, source
from markupsafe import escape
from pypdf import PdfReader

from factcheck.page import Page
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
    table = str(page_naming(NAME).figures_table().data)
    css = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
    body = f"<div class='report'>{table}</div>"  # as a report lays it out
    pdf = html_to_pdf(f"<html><head><style>{css}</style></head><body>{body}</body></html>")
    words = PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split()
    for word in NAME.split():
        assert word in words, (word, words)
