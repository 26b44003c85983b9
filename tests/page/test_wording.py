"""The wording module: figures as their sources stated them, dates, plurals, titles, flags."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import claim, figure

from factcheck import wording
from factcheck.page.words import FORBIDDEN
from factcheck.reasoning.model import Flag
from factcheck.wording import claim_short_title, plural, possessive, stated


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "words"),
    [
        ("approximately", 4000, 4000, "about 4,000"),
        ("more than", 6000, 6000, "more than 6,000"),
        ("at least", 10000, 10000, "at least 10,000"),
        ("exact", 1000, 3000, "1,000 to 3,000"),
        ("exact", 11000, 11000, "11,000"),
        ("up to", 500, 500, "up to 500"),
        ("up to", 0, 500, "up to 500"),
        ("exact", 12, 12, "12"),
    ],
)
def test_a_figure_reads_as_its_source_stated_it_not_as_an_interval(qualifier, low, high, words):
    assert stated(figure("f", "s", low, high, qualifier=qualifier)) == words


def test_a_recorded_wording_wins_over_the_numbers():
    class Stated:
        stated = "several hundred"
        qualifier, low, high = "exact", 200, 999

    assert stated(Stated()) == "several hundred"


def test_counts_are_pluralised_and_grouped_never_line_s():
    assert plural(1, "line") == "1 line"
    assert plural(2, "line") == "2 lines"
    assert plural(1234, "document") == "1,234 documents"
    assert plural(3, "body", "bodies") == "3 bodies"


def test_prose_dates_are_long_and_chart_dates_short():
    day = dt.date(2025, 6, 15)
    assert wording.longdate(day) == "15 June 2025"
    assert wording.shortdate(day) == "15 Jun 2025"
    assert wording.shortdate(None) == "undated"


def test_a_flag_sentence_is_made_from_its_fields():
    flag = Flag(
        code="echo-amplification", names=("UK Defence Intelligence",), echoes=18, documents=19
    )
    assert flag.text == (
        "18 other documents repeat the figure from UK Defence Intelligence; with the original they "
        "are one line of evidence, not 19."
    )
    assert flag.title == wording.FLAG_TITLES["echo-amplification"]


def test_a_share_flag_words_each_total_from_its_numbers():
    flag = Flag(
        code="denominator",
        value=6000,
        shares=(
            {"metric": "deployed", "whole": 11000.0, "share": 0.545},
            {"metric": "deployed_total", "whole": 14000.0, "share": 0.429},
        ),
    )
    assert flag.text == (
        "6,000 is 55% of the 11,000 initially deployed but 43% of the 14,000 sent in all: "
        "any share depends on which total."
    )


def test_a_stale_flag_says_its_date_in_words_not_iso():
    flag = Flag(code="stale", date=dt.date(2025, 1, 31), days=135)
    assert "31 January 2025" in flag.text and "2025-01-31" not in flag.text


def test_the_running_title_says_what_the_claim_is_about_not_its_slug():
    title = claim_short_title(claim(6000, ">", "killed", id="some-slug-6000"))
    assert title == "Fact check: killed, more than 6,000"
    assert "slug" not in title


def test_the_forbidden_list_holds_the_workshop_words_the_issue_names():
    assert {"derived_from", "fact base", "[slug", "seed headline"} <= set(FORBIDDEN)


def test_an_event_claims_running_title_is_cut_at_a_word():
    long = claim(
        kind="event",
        event="confirms",
        claim="Russia confirmed North Korean troops' participation in the fighting in Kursk in April 2025.",
    )
    title = claim_short_title(long)
    assert title == "Fact check: Russia confirmed North Korean troops' participation in the…"


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "words"),
    [
        ("approximately", 50, 50, "about 50%"),
        ("more than", 40, 40, "more than 40%"),
        ("exact", 30, 45, "30% to 45%"),
        ("up to", 0, 60, "up to 60%"),
    ],
)
def test_a_share_reads_as_a_percentage_wherever_it_is_worded(qualifier, low, high, words):
    """A share's number is a percentage of its whole: "about 50%", never "about 50"."""
    from factcheck.reasoning.model import ClaimTerms, Quantity

    share = Quantity(label="share of the widgets used", qualifier=qualifier, low=low, high=high,
                     percent=True)  # fmt: skip
    assert stated(share) == words
    assert stated(share.model_copy(update={"percent": False})) == words.replace("%", "")
    terms = ClaimTerms(comparator=">", value=50, label="share of the widgets used", percent=True)
    assert wording.asserted(terms.comparator, terms.value, None, terms.label, terms.percent) == (
        "more than 50% of the widgets used"  # a percent stands in for "share"
    )


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("UK DI", "UK DI's word"),
        ("Reuters", "Reuters' word"),
        ("U.S. Army", "U.S. Army's word"),
        ("  Wire   A ", "Wire A's word"),
        ("Unnamed 'officials'", "the word from Unnamed 'officials'"),
        ("Officials (Wire A)", "the word from Officials (Wire A)"),
        ("Body X, via Paper Y", "the word from Body X, via Paper Y"),  # not the paper's word
        ("Media citing officials", "the word from Media citing officials"),
        ("", "word"),
        (None, "word"),
        (float("nan"), "word"),
    ],
)
def test_a_possessive_is_written_only_where_an_apostrophe_reads_well(name, said):
    assert possessive(name, "word", "the") == said


def test_without_an_article_the_from_form_starts_with_the_thing():
    assert possessive("Unnamed 'officials'", "half") == "half from Unnamed 'officials'"
