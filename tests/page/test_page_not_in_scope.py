"""Figures that do not decide a claim are listed for the reader with why (issue 19, item 3).

A rate beside a count claim, a share beside a count, a count in another unit: the engine
leaves them out of scope and says so in the trail; the page lists each one in a table, with
the engine's reason, instead of dropping it. A small hand-written vocabulary of made-up
metrics (widgets and crates), never the seed data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path

import pytest
from conftest import DAY, claim, figure, make_evidence, originator, source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reasoning"))  # test_engine_kinds
from test_engine_kinds import WIDGETS  # noqa: E402

from factcheck.page import Page
from factcheck.verdict import assess
from factcheck.vocabulary import use

# The engine's kinds tests' made-up vocabulary: widgets, crates, a capacity, rates and a share.

LATER = DAY + dt.timedelta(days=30)


def _evidence():
    """One body counting widgets (in scope), one giving a rate, a share and a crate count, and
    one crate count made public only after the as-of date."""
    rows = [
        ("counter", "widgets", 7000, DAY),
        ("watcher", "widgets-a-month", 500, DAY),
        ("watcher", "widget-share", 40, DAY),
        ("watcher", "crates", 300, DAY),
        ("late", "crates", 900, LATER),
    ]
    originators = [originator(o, name=f"The {o} body") for o in ("counter", "watcher", "late")]
    sources, figures = [], []
    for i, (org, metric, value, day) in enumerate(rows):
        sources.append(source(f"doc-{i}", org, published=day))
        figures.append(figure(f"fig-{i}", f"doc-{i}", value, metric=metric, refers_to=day))
    evidence = make_evidence(originators=originators, sources=sources, figures=figures)
    return dataclasses.replace(evidence, vocabulary=WIDGETS)


@pytest.fixture
def page():
    evidence = _evidence()
    c = claim(6000, ">", metric="widgets", as_of=DAY)
    with use(WIDGETS):
        yield Page(c, evidence, assess(c, evidence))


def test_a_rate_a_share_and_another_unit_beside_a_count_claim_are_listed_with_why(page):
    table = page.outside_frame()
    why = dict(zip(table["metric"], table["why"], strict=True))
    assert why == {
        "widgets-a-month": "a rate, never read as a total",
        "widget-share": "counts percent, not widgets, and no declared relation converts them",
        "crates": "counts crates, not widgets, and no declared relation converts them",
    }  # fmt: skip
    assert "500 widgets sent a month" in set(table["said"])
    assert set(table["originator"]) == {"The watcher body"}


def test_a_figure_public_only_after_the_as_of_date_is_not_listed(page):
    assert "900 crates sent" not in set(page.outside_frame()["said"])


def test_the_page_table_shows_each_figure_its_quote_and_why_it_does_not_decide(page):
    html = page.outside_table().data
    assert "3 other figures on the subject" in html and "do not bear on widgets sent" in html
    assert "a rate, never read as a total" in html
    assert "counts crates, not widgets" in html
    assert "fig-" not in html  # no figure id reaches readers


def test_the_in_scope_count_is_not_listed_among_them(page):
    assert "7,000 widgets sent" not in set(page.outside_frame()["said"])
    assert [line.name for line in page.verdict.lines] == ["The counter body"]


def test_a_count_beside_a_rate_claim_is_listed_too():
    evidence = _evidence()
    c = claim(1000, ">", metric="widgets-a-month", as_of=DAY)
    with use(WIDGETS):
        table = Page(c, evidence, assess(c, evidence)).outside_frame()
    assert "300 crates sent" in set(table["said"])
    assert "7,000 widgets sent" not in set(table["said"])  # a total is read as a rate here


def test_no_table_when_every_figure_bears_on_the_claim():
    evidence = dataclasses.replace(
        _evidence(), figures={k: f for k, f in _evidence().figures.items() if f.metric == "widgets"}
    )
    c = claim(6000, ">", metric="widgets", as_of=DAY)
    with use(WIDGETS):
        assert Page(c, evidence, assess(c, evidence)).outside_table() is None


def test_an_analyst_may_drop_rows_or_recaption_the_table(page):
    table = page.outside_frame()
    html = page.outside_table(table.head(1), caption="Beside the point").data
    assert "Beside the point" in html and html.count("<tr class=") == 1


def test_a_capacity_beside_a_count_claim_says_in_the_table_that_it_is_no_count():
    """A capacity is in scope (an upper bound) but never decides a count claim it does not
    rule out: its row says why, from the engine's own relation for the line."""
    evidence = _evidence()
    holder = originator("holder", name="The holder body")
    doc = source("doc-cap", "holder", published=DAY)
    cap = figure(
        "fig-cap", "doc-cap", 0, 50000, metric="widget-capacity", qualifier="up to", refers_to=DAY
    )
    evidence = dataclasses.replace(
        evidence,
        originators={**evidence.originators, "holder": holder},
        sources={**evidence.sources, "doc-cap": doc},
        figures={**evidence.figures, "fig-cap": cap},
    )
    c = claim(6000, ">", metric="widgets", as_of=DAY)
    with use(WIDGETS):
        said = Page(c, evidence, assess(c, evidence)).originators_frame()
    [bearing] = said.loc[said["who"] == "The holder body", "bearing"]
    assert bearing == (
        "does not decide it: widgets the crates could hold is a capacity, an upper bound on "
        "widgets sent, never a count of them"
    )


def test_the_trail_counts_the_same_figures_the_page_lists_none_published_later(page):
    """The trail's "Not in scope" step and the page's table count one set: the figures public
    by the as-of date (a crate count made public later is in neither)."""
    step = [s for s in page.verdict.reasoning if s.startswith("Not in scope")]
    assert len(step) == 1
    listed = len(page.outside_frame())
    assert listed == 3
    assert step[0].startswith(f"Not in scope: {listed} other figures on the subject, public by ")
    assert "2 on crates sent" not in step[0] and "1 on crates sent" in step[0]
