"""An event claim's main table: the body whose statement was reported is "who"; the outlets
that carried it are named as reporters; a second report of it is not called a revised estimate.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import DAY, claim, event, make_evidence, originator, source

from factcheck.page import Page
from factcheck.verdict import assess

TOLD = dt.date(2025, 4, 26)


def reported_twice(kind: str) -> Page:
    """One party's statement, carried by two outlets, under a claim of `kind`."""
    evidence = make_evidence(
        originators=[originator("gs", party=True, name="The General Staff")],
        sources=[
            source("wire-a", "gs", published=TOLD, outlet="Wire A"),
            source("paper-b", "gs", published=TOLD, outlet="Paper B"),
        ],
        events=[
            event("e1", "wire-a", TOLD, originator="gs", summary="The general thanks the allies."),
            event("e2", "paper-b", TOLD, originator="gs", summary="A second account."),
        ],
    )
    c = claim(
        kind=kind,
        event="confirms",
        period={"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)},
        as_of=DAY,
    )
    return Page(c, evidence, assess(c, evidence))


@pytest.fixture
def page() -> Page:
    return reported_twice("event")


def test_the_body_not_the_outlet_is_who_said_it(page):
    (row,) = page.originators_frame().to_dict("records")
    assert row["who"] == "The General Staff"
    assert row["notes"].startswith("reported by Paper B and Wire A")


def test_the_caption_says_one_row_per_body(page):
    html = str(page.who_said_what().data)
    assert "One row per body whose statement was reported by 15 June 2025" in html
    assert "Wire A" in html and "first-hand" not in html


def test_a_second_report_of_the_statement_is_not_called_a_revised_estimate(page):
    html = str(page.figures_table().data)
    assert "another report of the same body&#39;s statement" in html
    assert "revised later" not in html


def test_a_statement_claims_caption_says_one_row_per_outlet():
    """For a claim that a body said something, each outlet that reported it is a line."""
    html = str(reported_twice("statement").who_said_what().data)
    assert "One row per outlet that reported the statement by 15 June 2025" in html
    assert "One row per body" not in html
