"""Numbers in the data are finite, within 0..10^9, and never booleans (issue 14, "Numbers").

A 401-digit figure, `.inf`, `1e400` or `value: true` used to validate and then crash or
mislead the engine; each is now refused with a message that states the declared range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from data_base import copy_base, problems

RANGE = "expected a finite number from 0 to 1,000,000,000"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_base(tmp_path)


def set_value(data: Path, value: str) -> None:
    path = data / "claims" / "losses-4000.yaml"
    path.write_text(path.read_text().replace("value: 4000", f"value: {value}"))


@pytest.mark.parametrize(
    ("written", "found"),
    [
        (".inf", "inf"),
        ("-.inf", "-inf"),
        ("1.0e400", "'1.0e400'"),
        ("1e400", "'1e400'"),
        ("1" * 401, "'" + "1" * 77 + "...'"),
        ("1000000001", "1000000001"),
        ("-1", "-1"),
    ],
)
def test_claim_value_outside_the_declared_range_is_refused(data, written, found):
    set_value(data, written)
    assert problems(data) == [f"data/claims/losses-4000.yaml:9: value: {RANGE}; found {found}"]


def test_nan_is_not_a_number_here(data):
    set_value(data, ".nan")
    assert problems(data) == [f"data/claims/losses-4000.yaml:9: value: {RANGE}; found nan"]


@pytest.mark.parametrize("written", ["true", "false", "yes"])
def test_boolean_claim_value_is_not_read_as_one(data, written):
    set_value(data, written)
    assert problems(data) == [
        "data/claims/losses-4000.yaml:9: value: "
        "expected a number from 0 to 1,000,000,000, not true or false; found "
        + ("false" if written == "false" else "true")
    ]


def test_boolean_tolerance_is_refused(data):
    set_value(data, "4000\ntolerance: true")
    assert problems(data) == [
        "data/claims/losses-4000.yaml:10: tolerance: "
        "expected a number from 0 to 1,000,000,000, not true or false; found true"
    ]


def test_a_number_of_thousands_of_digits_is_one_problem_not_a_traceback(data):
    set_value(data, "9" * 5000)  # Python refuses to parse more than 4,300 digits
    assert problems(data) == [
        "data/claims/losses-4000.yaml: a number with thousands of digits; "
        "expected a number from 0 to 1,000,000,000"
    ]


def edit_figure(data: Path, old: str, new: str) -> None:
    path = data / "figures.csv"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1" * 401, "expected a number from 0 to 1,000,000,000; found '" + "1" * 77 + "...'"),
        ("1000000001", f"{RANGE}; found '1000000001'"),
        ("1e400", f"{RANGE}; found '1e400'"),
        ("inf", f"{RANGE}; found 'inf'"),
        ("NaN", f"{RANGE}; found 'NaN'"),
        ("true", "expected a whole number; found 'true'"),
        ("-5", f"{RANGE}; found '-5'"),
        ("12.5", "expected a whole number; found '12.5'"),
    ],
)
def test_figure_bounds_are_whole_numbers_in_range(data, cell, message):
    edit_figure(data, "casualties,4000,4000,", f"casualties,{cell},4000,")
    found = problems(data)
    assert found[0] == f"data/figures.csv:2: low: {message}"
    assert len(found) == 1 or "low <= high" in found[1]
