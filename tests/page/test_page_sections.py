"""The page words the verdict for readers: one rating, plain reasons, one set of counts, no ids."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from conftest import claim, figure, make_evidence, originator, source

from factcheck.page import Page, count
from factcheck.verdict import assess

EARLY = dt.date(2025, 3, 1)


@pytest.fixture
def page() -> Page:
    """One credible body whose post two outlets repeat, and an earlier, lower estimate."""
    evidence = make_evidence(
        originators=[
            originator("uk-di", name="UK Defence Intelligence"),
            originator("kr-jcs", name="South Korea's Joint Chiefs"),
        ],
        sources=[
            source("di-post", "uk-di", outlet="UK MoD on X", title="Update"),
            source(
                "echo-1",
                "uk-di",
                derived_from=["di-post"],
                outlet="Kyiv Independent",
                title="Losses",
            ),
            source("echo-2", "uk-di", derived_from=["di-post"], outlet="The Hawk", title="Losses"),
            source("jcs-doc", "kr-jcs", published=EARLY, outlet="Yonhap", title="JCS"),
        ],
        figures=[
            figure("di-fig", "di-post", 6000, qualifier="more than", hedge="highly likely"),
            figure("jcs-fig", "jcs-doc", 4000, qualifier="approximately", refers_to=EARLY),
        ],
    )
    c = claim(6000, ">", claimant="UK Defence Intelligence", appeared_in=["echo-1"])
    evidence = make_evidence(
        originators=evidence.originators,
        sources=evidence.sources,
        figures=evidence.figures,
        claims=[c],
    )
    return Page(c, evidence, assess(c, evidence))


def ids_in(html: str, page: Page) -> list[str]:
    """Data ids in the text a reader sees (links' addresses are not text)."""
    text = re.sub(r"<[^>]+>", " ", html)
    ev = page.evidence
    ids = set(ev.sources) | set(ev.figures) | set(ev.originators) | {page.claim.id}
    return [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-]|\.\w)", text)]


def test_page_one_has_one_rating_with_its_meaning_and_no_scales(page):
    front = page.front().data
    assert front.count('class="verdict__label"') == 1
    assert page.verdict.label_name in front
    assert "Admiralty" not in front and "%" not in front and "credibility" not in front.lower()
    assert "How sure we are" not in front and " in 100)" not in front
    assert "How sure we are" in page.what_would_change().data  # the probability words, after page 1


def test_why_gives_three_to_five_plain_reasons(page):
    why = page.why()
    assert 3 <= len(why) <= 5
    assert any("UK Defence Intelligence" in item for item in why)


def test_the_engines_own_reasons_are_used_when_the_verdict_has_them(page):
    class WithWhy:
        def __getattr__(self, name):
            return getattr(page.verdict, name)

        why = ("First reason.", "Second reason.", "Third reason.")
        how_sure = "Fairly sure."

    other = Page(page.claim, page.evidence, WithWhy())
    assert other.why() == ["First reason.", "Second reason.", "Third reason."]
    assert other.how_sure() == "Fairly sure."


def test_no_data_id_reaches_page_one_the_table_or_the_appendix(page):
    for section in (
        page.front, page.who_said_what, page.what_would_change, page.figures_table,
        page.reasoning, page.flags, page.lines_table, page.sensitivity, page.sources,
    ):  # fmt: skip
        assert ids_in(section().data, page) == [], section.__name__


def test_the_table_shows_figures_in_the_sources_words(page):
    table = page.who_said_what().data
    assert "more than 6,000 casualties" in table and "about 4,000 casualties" in table
    assert "3,800" not in table  # the engine's reading of "about 4,000" stays in the engine


def test_documents_per_source_are_one_number_in_the_table_and_the_sources(page):
    counts = count(page.evidence, page.verdict)
    assert counts.documents["uk-di"] == 3
    assert "carried by 3 documents" in page.who_said_what().data
    group = next(g for g in page.source_groups() if g["name"] == "UK Defence Intelligence")
    assert group["documents"] == 3
    listed = sum(1 + len(entry["echoes"]) for entry in group["entries"])
    assert listed == 3
    assert "2 reports repeat this document:" in page.sources().data


def test_what_would_change_names_the_source_the_rating_rests_on(page):
    text = page.what_would_change().data
    assert "Without UK Defence Intelligence, the rating would be Unproven." in text


def test_hostile_claim_text_is_escaped(page):
    hostile = page.claim.model_copy(update={"claim": "<script>alert(1)</script>"})
    front = Page(hostile, page.evidence, page.verdict).front().data
    assert "<script>" not in front and "&lt;script&gt;" in front


def test_a_claimant_in_workshop_words_is_replaced_by_where_the_claim_appeared(page):
    internal = page.claim.model_copy(update={"claimant": "Seed fact-check source headline 7"})
    who = Page(internal, page.evidence, page.verdict).who()
    assert "Seed" not in who and "Kyiv Independent" in who


def test_a_page_found_nowhere_appears_only_in_the_appendix(page):
    ev = page.evidence
    lost = source(
        "lost", "uk-di", outlet="Outlet gone", title="Lost headline", url=None, status="unverified"
    )
    evidence = dataclasses.replace(ev, sources={**ev.sources, "lost": lost})
    c = page.claim.model_copy(update={"appeared_in": ["lost", "echo-1"]})
    other = Page(c, evidence, page.verdict)
    assert "Lost headline" not in other.front().data and "Outlet gone" not in other.front().data
    appendix = other.sources().data
    assert "Lost headline" in appendix and "page not found" in appendix
