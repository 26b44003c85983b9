"""One date and one count per fact (issue 21 item 2): the date a figure refers to is the date
the page's table, the chart data, page 1 and verdict.json all give it, with the publication
date beside it (named "published") where it differs; the check's own dates and counts are
ClaimReview's. Checked on every claim of the data and on a generated base, with functions
(no notebook runs).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from charts_synthetic import large_evidence
from conftest import claim as make_claim
from conftest import seed_evidence

from factcheck.charts.estimates import estimates_data
from factcheck.claimreview import claim_review
from factcheck.page import Page
from factcheck.page.base import when_published
from factcheck.publisher import Publisher
from factcheck.verdict import assess
from factcheck.vocabulary import of, use
from factcheck.wording import longdate, shortdate

DATA = seed_evidence()
CLAIMS = sorted(DATA.claims)


def _agree(claim, evidence) -> None:
    with use(of(evidence)):
        verdict = assess(claim, evidence)
        page = Page(claim, evidence, verdict)
        table = page.originators_frame()
        chart = (
            estimates_data(evidence, claim, verdict)
            if claim.kind == "quantity" and verdict.independence_unit == "originator"
            else None
        )
        front = page.front().data
        review = claim_review(claim, evidence, verdict, publisher=Publisher("The Desk", ""))
    by_item = {a.item_id: a for a in verdict.evidence}
    rows = {row["who"]: row for row in table.to_dict("records")}
    for line in verdict.lines:
        a, row = by_item[line.item_id], rows[line.name]
        # the table: the figure's own date, and its publication date named beside it
        assert row["when"] == a.date, (claim.id, line.name)
        assert row["published"] == a.published, (claim.id, line.name)
        cell = when_published(row["when"], row["published"])
        assert cell.startswith(shortdate(a.date)), (claim.id, cell)
        assert (f"published {shortdate(a.published)}" in cell) == (a.published != a.date), cell
        # one count per source: the table's documents are the verdict's
        assert row["documents"] == line.documents, (claim.id, line.name)
        # the chart plots the same figure on the same date, published on the same day
        if chart is not None:
            drawn = chart[
                (chart["originator_id"] == a.originator_id)
                & (chart["metric"] == a.metric)
                & (chart["stated"] == a.stated)
            ]
            if len(drawn):
                dates = set(zip(drawn["date"], drawn["published"], strict=True))
                assert (a.date, a.published) in dates, (claim.id, line.item_id, dates)
    # page 1's dates are the figures' own dates, the as-of date or the claim's date
    known = {longdate(a.date) for a in verdict.evidence} | {longdate(verdict.as_of)}
    known |= {longdate(claim.claim_date)} | {
        longdate(evidence.sources[s].published) for s in claim.appeared_in
    }
    text = re.sub(r"<[^>]+>", " ", front)
    for day in re.findall(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", text):
        assert day in known, (claim.id, day)
    # page 1's box counts and rating are the verdict's, and ClaimReview's
    counts = page.counts
    assert f'data-lines="{counts.lines}"' in front and counts.lines == len(verdict.lines)
    assert review["reviewRating"]["alternateName"] == verdict.label_name
    assert f'class="verdict__label">{verdict.label_name}<' in front
    assert review["datePublished"] == verdict.as_of.isoformat()
    assert longdate(verdict.as_of) in text  # the masthead's date is ClaimReview's
    assert review["itemReviewed"]["datePublished"] == claim.claim_date.isoformat()


@pytest.mark.parametrize("claim_id", CLAIMS)
def test_every_claims_dates_and_counts_agree_across_table_chart_page_one_and_claimreview(
    claim_id,
):
    _agree(DATA.claims[claim_id], DATA)


def test_a_generated_bases_dates_and_counts_agree_too():
    """Echoes published long after the figure they carry make the two dates differ."""
    evidence = large_evidence(figures=900, sources=360, originators=60)
    claim = make_claim(
        value=6000, comparator=">", metric="casualties", claimant="Body number 1",
        claim_date=dt.date(2025, 6, 1), appeared_in=["doc-0001"],
        period={"start": dt.date(2025, 6, 1), "end": dt.date(2025, 6, 1)},
        as_of=dt.date(2025, 9, 1),
    )  # fmt: skip
    _agree(claim, evidence)


def test_a_table_date_names_the_publication_date_only_where_it_differs():
    day, later = dt.date(2024, 12, 17), dt.date(2024, 12, 27)
    assert when_published(day, later) == "17 Dec 2024 (published 27 Dec 2024)"
    assert when_published(day, day) == "17 Dec 2024"
    assert when_published(None, later) == "27 Dec 2024"
