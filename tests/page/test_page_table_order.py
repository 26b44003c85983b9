"""The main table: deciding sources first, then the rest oldest first; an earlier, lower count
says why it does not decide (counts grow), in words, without intervals."""

from __future__ import annotations

import datetime as dt

from conftest import DAY, claim, figure, make_evidence, originator, source

from factcheck.page import Page
from factcheck.verdict import assess

JAN, MAR = dt.date(2025, 1, 10), dt.date(2025, 3, 10)


def page() -> Page:
    evidence = make_evidence(
        originators=[
            originator("zz", name="Alpha agency"),  # named first, published last
            originator("aa", name="Zulu agency"),
            originator("di", name="Deciding body"),
        ],
        sources=[
            source("zz-doc", "zz", published=MAR),
            source("aa-doc", "aa", published=JAN),
            source("di-doc", "di"),
        ],
        figures=[
            figure("zz-fig", "zz-doc", 4000, refers_to=MAR),
            figure("aa-fig", "aa-doc", 3000, refers_to=JAN),
            figure("di-fig", "di-doc", 7000),
        ],
    )
    c = claim(6000, ">", period={"start": DAY, "end": DAY}, as_of=DAY)
    return Page(c, evidence, assess(c, evidence))


def test_deciding_sources_come_first_then_the_rest_oldest_first():
    rows = page().originators_frame().to_dict("records")
    assert [r["who"] for r in rows] == ["Deciding body", "Zulu agency", "Alpha agency"]


def test_an_earlier_count_says_the_number_may_have_grown_since():
    rows = page().originators_frame().to_dict("records")
    assert rows[1]["bearing"] == (
        "does not decide it: an earlier count, and the number may have grown since"
    )
