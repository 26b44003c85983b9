"""Dates are bounded where they enter (issue 14, "Bounded work"; issue 11, rule 9).

A claim_date or as_of more than a year after today, or more than a year before the first
evidence (the same bounds as --as-of), is refused before any notebook runs; dates in the tables lie between 1900-01-01 and
a year after today. `today` is passed in here: the wall clock decides acceptance only.
An as_of before the claim date is allowed: judging with what was public before the claim.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from data_base import copy_base
from data_base import problems as base_problems

from factcheck.evidence import date_out_of_bounds, load_evidence

CLAIM = "claims/losses-4000.yaml"  # claim_date on line 4, as_of on line 10
TODAY = dt.date(2026, 1, 15)  # the fixture's first evidence is 2025-03-01


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_base(tmp_path)


def problems(data: Path, today: dt.date = TODAY) -> list[str]:
    return base_problems(data, today=today)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


LATE = "expected a date no later than 2027-01-15 (today plus one year), found {}"
EARLY = (
    "expected a date no earlier than 2024-03-01 (a year before the first evidence, "
    "2025-03-01), found {}"
)


@pytest.mark.parametrize("when", ["9999-12-31", "9000-01-01", "2100-01-01", "2027-01-16"])
def test_as_of_far_in_the_future_is_refused(data, when):
    replace(data / CLAIM, "as_of: 2025-06-30", f"as_of: {when}")
    assert problems(data) == [f"data/{CLAIM}:10: as_of: {LATE.format(when)}"]


@pytest.mark.parametrize("when", ["0001-01-01", "1970-01-01", "2024-02-29"])
def test_claim_date_long_before_the_evidence_is_refused(data, when):
    replace(data / CLAIM, "claim_date: 2025-03-05", f"claim_date: {when}")
    assert problems(data) == [f"data/{CLAIM}:4: claim_date: {EARLY.format(when)}"]


def test_claim_date_far_in_the_future_is_refused(data):
    replace(data / CLAIM, "claim_date: 2025-03-05", "claim_date: 9999-01-01")
    assert problems(data) == [f"data/{CLAIM}:4: claim_date: {LATE.format('9999-01-01')}"]


@pytest.mark.parametrize("when", ["2027-01-15", "2024-03-01"])
def test_dates_at_the_margins_are_accepted(data, when):
    replace(data / CLAIM, "as_of: 2025-06-30", f"as_of: {when}")
    assert load_evidence(data, today=TODAY).claims["losses-4000"].as_of == dt.date.fromisoformat(
        when
    )


def test_as_of_before_the_claim_date_is_allowed(data):
    replace(data / CLAIM, "as_of: 2025-06-30", "as_of: 2025-03-01")
    claim = load_evidence(data, today=TODAY).claims["losses-4000"]
    assert claim.as_of < claim.claim_date


@pytest.mark.parametrize(
    ("table", "old", "new", "where"),
    [
        ("sources.csv", "2025-03-02,,2025-12-01", "9999-03-02,,9999-12-01", "sources.csv:3"),
        ("figures.csv", "approximately,2025-03-01,report,,,\"about", "approximately,9000-01-01,report,,,\"about", "figures.csv:3"),
        ("events.csv", "confirms-troops,2025-04-26", "confirms-troops,1066-10-14", "events.csv:2"),
    ],
)  # fmt: skip
def test_dates_in_the_tables_are_bounded(data, table, old, new, where):
    replace(data / table, old, new)
    found = problems(data)
    assert any(p.startswith(f"data/{where}: ") and "expected a date " in p for p in found), found


def test_source_dated_in_year_9999_is_one_clear_problem(data):
    replace(data / "sources.csv", "2025-04-26,,2025-12-01", "2025-04-26,,9999-12-01")
    assert problems(data) == [
        "data/sources.csv:4: accessed: expected a date no later than 2027-01-15 "
        "(today plus one year), found 9999-12-01"
    ]


def test_bounds_are_a_pure_function_of_the_date_the_first_evidence_and_today():
    first = dt.date(2025, 3, 1)
    assert date_out_of_bounds(dt.date(2025, 6, 1), first, TODAY) is None
    assert date_out_of_bounds(None, first, TODAY) is None
    assert "today plus one year" in date_out_of_bounds(dt.date(2030, 1, 1), first, TODAY)
    assert "a year before" in date_out_of_bounds(dt.date(2024, 2, 29), first, TODAY)
    assert date_out_of_bounds(dt.date(1019, 1, 1), None, TODAY) is None  # no evidence yet
