"""The methodology prints the engine's own rule objects and constants (issue 18, items 2 and
5): nothing restates a rule or a number, and every table is a DataFrame an analyst may edit."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import claim, evidence_from_lines, one_line

from factcheck import scales, wording
from factcheck.page import Page
from factcheck.verdict import (
    CREDIBILITY_RULES,
    ECHO_THRESHOLD,
    LABEL_RULES,
    PROBABILITY_RULES,
    SHARE_GAP,
    STALE_AFTER_DAYS,
    assess,
)
from factcheck.vocabulary import APPROXIMATELY, CLAIM_TOLERANCE


@pytest.fixture
def page() -> Page:
    evidence = evidence_from_lines(one_line("a", 7000, qualifier="exact"))
    c = claim(6000, ">")
    return Page(c, evidence, assess(c, evidence))


def test_the_rule_tables_are_the_engines_own_rows_in_its_order(page):
    frames = page.methodology_frames()
    assert list(frames["rules"]["when"]) == [when for when, _ in LABEL_RULES]
    assert list(frames["rules"]["rating"]) == [scales.LABELS[lb].name for _, lb in LABEL_RULES]
    assert list(frames["credibility"]["grade"]) == [g for _, g in CREDIBILITY_RULES]
    assert list(frames["probability"]["when"]) == [when for when, _ in PROBABILITY_RULES]


def test_the_numbers_printed_are_the_engines_constants(page):
    html = page.methodology().data
    assert f"plus or minus {wording.percent(APPROXIMATELY)}" in html
    assert f"allows {wording.percent(CLAIM_TOLERANCE)}" in html
    assert f"more than {STALE_AFTER_DAYS} days before" in html
    assert f"{ECHO_THRESHOLD} or more documents" in html
    assert f"differ by {round(SHARE_GAP * 100)} percentage points" in html


def test_every_warning_the_engine_can_raise_has_a_row_saying_when(page):
    warnings = page.methodology_frames()["warnings"]
    assert list(warnings["warning"]) == list(wording.FLAG_TITLES.values())
    assert all(w and w != t for w, t in zip(warnings["when"], warnings["warning"], strict=True))


def test_this_claims_probability_and_grade_are_stated(page):
    sentences = list(page.methodology_frames()["this"]["sentence"])
    assert sentences[0].startswith(
        f"For this claim the probability is “{page.verdict.probability}”"
    )


def test_an_analyst_edits_drops_and_recaptions_methodology_tables(page):
    frames = page.methodology_frames()
    frames["rules"] = frames["rules"].head(2)
    del frames["yardstick"]
    frames["limits"] = frames["limits"].assign(sentence="A limit an analyst wrote.")
    html = page.methodology(frames, captions={"rules": "Our rules"}).data
    assert "Our rules" in html and "A limit an analyst wrote." in html
    assert "Probability yardstick" not in html
    assert "exactly one credible line of evidence contradicts it" not in html


def test_the_corrections_are_a_frame_the_analyst_can_add_to(page):
    corrections = page.version_frame()
    assert corrections.empty and "No corrections" in page.version(corrections).data
    row = {"date": page.verdict.as_of, "description": "A number in the table was corrected."}
    added = pd.DataFrame([row], columns=corrections.columns)
    html = page.version(added).data
    assert "A number in the table was corrected." in html
    assert wording.longdate(page.verdict.as_of) in html
