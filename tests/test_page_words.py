"""Reader words: figures as their sources stated them, ids turned into names, no workshop words."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import claim, figure, make_evidence, originator, source

from factcheck.page.words import FORBIDDEN, claim_short_title, names, readable, stated


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "words"),
    [
        ("approximately", 4000, 4000, "about 4,000"),
        ("more than", 6000, 6000, "more than 6,000"),
        ("at least", 10000, 10000, "at least 10,000"),
        ("exact", 1000, 3000, "1,000 to 3,000"),
        ("exact", 11000, 11000, "11,000"),
        ("up to", 500, 500, "up to 500"),
    ],
)
def test_a_figure_reads_as_its_source_stated_it_not_as_an_interval(qualifier, low, high, words):
    assert stated(figure("f", "s", low, high, qualifier=qualifier)) == words


def test_a_recorded_wording_wins_over_the_numbers():
    class Stated:
        stated = "several hundred"
        qualifier, low, high = "exact", 200, 999

    assert stated(Stated()) == "several hundred"


def test_ids_in_an_engine_sentence_become_names_and_iso_dates_long_dates():
    evidence = make_evidence(
        originators=[originator("kr-nis", name="South Korea's intelligence service")],
        sources=[source("nis-doc", "kr-nis", outlet="Yonhap", published=dt.date(2025, 4, 30))],
    )
    text = "Sensitivity: leaving out kr-nis changes the label; 1 line(s) graded D on 2025-04-30."
    assert readable(text, names(evidence)) == (
        "Sensitivity: leaving out South Korea's intelligence service changes the label; "
        "1 line graded D on 30 April 2025."
    )


def test_an_id_inside_a_longer_id_is_left_alone():
    assert readable("kr-nis-extra and kr-nis", {"kr-nis": "NIS"}) == "kr-nis-extra and NIS"


def test_flag_codes_are_named_for_readers():
    text = readable("Flags: single-originator; echo-amplification.", names(make_evidence()))
    assert not any(code in text for code in ("single-originator", "echo-amplification"))


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
