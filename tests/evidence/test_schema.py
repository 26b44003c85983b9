"""The evidence model's own rules, one row or claim at a time, as the analyst reads them.

Rows are validated as the loader does and each problem is shown as file:line: field: message
(the row is on line 2 of t.csv; a claim's problems carry no line here).
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ValidationError

from factcheck.evidence import _validation_problems
from factcheck.schema import TABLES, Claim, Figure, Originator, Source

FIGURE = {
    "id": "nis-600",
    "subject": "troops",
    "metric": "killed",
    "low": "600",
    "high": "600",
    "qualifier": "approximately",
    "refers_to": "2025-04-30",
    "source": "nis-brief",
    "quote": "including some 600 deaths",
}
SOURCE = {
    "id": "nis-brief",
    "outlet": "Outlet D",
    "title": "NIS briefing",
    "url": "https://d.example/nis",
    "published": "2025-04-30",
    "accessed": "2026-11-25",
    "language": "en",
    "originator": "kr-nis",
    "reliability": "B",
    "reliability_reason": "Lawmakers relay NIS",
    "status": "verified",
}
ORIGINATOR = {
    "id": "kr-nis",
    "name": "South Korea's NIS",
    "kind": "intelligence-service",
    "country": "KR",
    "party_to_conflict": "false",
}
CLAIM = {
    "id": "casualties-6000",
    "claim": "North Korea has suffered more than 6,000 casualties.",
    "claimant": "UK Defence Intelligence",
    "claim_date": "2025-06-15",
    "appeared_in": ["outlet-a"],
    "subject": "troops",
    "metric": "casualties",
    "comparator": ">",
    "value": 6000,
}


def problems(model: type[BaseModel], row: dict, **changes) -> list[str]:
    """Validate row with changes (None removes a key); the problems as the loader prints them."""
    values = {k: v for k, v in {**row, **changes}.items() if v is not None}
    try:
        model.model_validate(values)
    except ValidationError as err:
        line = 2 if model is not Claim else None
        return [str(p) for p in _validation_problems(err, "t.csv", line, model=model)]
    return []


def test_valid_rows_pass():
    assert problems(Figure, FIGURE) == []
    assert problems(Source, SOURCE) == []
    assert problems(Originator, ORIGINATOR) == []
    assert problems(Claim, CLAIM) == []


def test_every_table_has_its_model():
    assert sorted(TABLES) == [
        "corrections.csv",
        "events.csv",
        "figures.csv",
        "originators.csv",
        "sources.csv",
        "subjects.csv",
    ]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("written", ["2025-04-30", " 2025-04-30 ", dt.date(2025, 4, 30)])
def test_date_written_yyyy_mm_dd_is_read(written):
    assert Figure.model_validate({**FIGURE, "refers_to": written}).refers_to == dt.date(2025, 4, 30)


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("0", "'0'"),  # pydantic alone reads this as 1970-01-01
        (86400, "86400"),  # and this as 1970-01-02
        ("2025-4-30", "'2025-4-30'"),
        ("30/04/2025", "'30/04/2025'"),
        ("20250430", "'20250430'"),
        ("2025-04-30T00:00:00", "'2025-04-30T00:00:00'"),
        ("April 2025", "'April 2025'"),
    ],
)
def test_date_in_any_other_form_is_refused(written, found):
    assert problems(Figure, FIGURE, refers_to=written) == [
        f"t.csv:2: refers_to: expected a date as YYYY-MM-DD; found {found}"
    ]


def test_date_with_a_time_is_refused():
    assert problems(Figure, FIGURE, refers_to=dt.datetime(2025, 4, 30, 12)) == [
        "t.csv:2: refers_to: expected a date as YYYY-MM-DD, without a time; found datetime"
    ]


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2025-13-40", "month must be in 1..12"),
        ("2025-02-30", "day is out of range for month"),
        ("2025-00-10", "month must be in 1..12"),
    ],
)
def test_impossible_date_says_why(written, why):
    assert problems(Figure, FIGURE, refers_to=written) == [
        f"t.csv:2: refers_to: expected a real date as YYYY-MM-DD ({why}); found {written!r}"
    ]


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://d.example/nis",
        "mailto:press@d.example",
        "https://",
        "d.example",
    ],
)
def test_url_must_be_http_or_https_with_a_host(url):
    assert problems(Source, SOURCE, url=url) == [
        f"t.csv:2: url: expected an http:// or https:// URL; found {url!r}"
    ]


def test_url_with_a_space_is_refused():
    assert problems(Source, SOURCE, archive_url="https://d.example/a b") == [
        "t.csv:2: archive_url: a URL may not contain spaces; found 'https://d.example/a b'"
    ]


@pytest.mark.parametrize("url", ["http://d.example", "https://d.example/nis?x=1#y"])
def test_http_and_https_urls_are_accepted(url):
    assert problems(Source, SOURCE, url=url) == []


def test_verified_source_needs_a_url():
    assert problems(Source, SOURCE, url=None) == [
        "t.csv:2: url: a verified source needs its http(s) URL; found none"
    ]


def test_unverified_source_may_lack_a_url():
    assert problems(Source, SOURCE, url=None, status="unverified") == []


def test_derived_from_cell_is_a_semicolon_list():
    source = Source.model_validate({**SOURCE, "derived_from": "di-post; outlet-a;"})
    assert source.derived_from == ["di-post", "outlet-a"]


# --------------------------------------------------------------------------- other cells


@pytest.mark.parametrize(
    "bad", ["Nis-Brief", "nis_brief", "nis--brief", "-nis", "nis-", "nis brief"]
)
def test_id_is_lowercase_letters_digits_and_single_hyphens(bad):
    assert problems(Figure, FIGURE, source=bad) == [
        "t.csv:2: source: expected an id of lowercase letters, digits and single hyphens, "
        f"like nis-brief; found {bad!r}"
    ]


def test_country_and_language_codes():
    assert problems(Originator, ORIGINATOR, country="kr") == [
        "t.csv:2: country: expected a two-letter country code in capitals, like GB; found 'kr'"
    ]
    assert problems(Source, SOURCE, language="EN") == [
        "t.csv:2: language: expected a two-letter language code in lower case, like en; found 'EN'"
    ]


def test_yes_or_no_cell():
    assert problems(Originator, ORIGINATOR, party_to_conflict="maybe") == [
        "t.csv:2: party_to_conflict: expected true or false; found 'maybe'"
    ]


def test_unknown_originator_kind_lists_the_kinds():
    assert problems(Originator, ORIGINATOR, kind="spy") == [
        "t.csv:2: kind: expected one of 'intelligence-service', 'military', 'defence-ministry', "
        "'head-of-state', 'government', 'state-media', 'news-outlet', 'news-agency', "
        "'anonymous-officials', 'legislator', 'prosecutor', 'multinational-body', 'research-group' or 'think-tank'; found 'spy'"
    ]


def test_reliability_is_an_admiralty_grade():
    assert problems(Source, SOURCE, reliability="G") == [
        "t.csv:2: reliability: expected one of 'A', 'B', 'C', 'D', 'E' or 'F'; found 'G'"
    ]


@pytest.mark.parametrize(("low", "found"), [("-1", "'-1'"), ("6.5", "'6.5'"), ("many", "'many'")])
def test_counts_are_whole_numbers_of_at_least_zero(low, found):
    in_range = "expected a finite number from 0 to 1,000,000,000"
    expected = in_range if low == "-1" else "expected a whole number"
    assert problems(Figure, FIGURE, low=low) == [f"t.csv:2: low: {expected}; found {found}"]


def test_low_above_high():
    assert problems(Figure, FIGURE, low="700") == [
        "t.csv:2: low: expected low <= high, found low 700 > high 600"
    ]


def test_hedge_is_read_as_a_yardstick_phrase():
    assert Figure.model_validate({**FIGURE, "hedge": " Highly Likely "}).hedge == "highly likely"
    assert Figure.model_validate({**FIGURE, "hedge": "probably"}).hedge == "probably"
    assert problems(Figure, FIGURE, hedge="maybe") == [
        "t.csv:2: hedge: expected a yardstick phrase: remote chance, highly unlikely, unlikely, "
        "realistic possibility, likely, highly likely, almost certain; found 'maybe'"
    ]


def test_overlong_text_gives_its_length():
    assert problems(Figure, FIGURE, quote="x" * 5001) == [
        "t.csv:2: quote: expected at most 5000 characters, found 5001"
    ]


def test_unknown_column_in_a_row_lists_the_columns():
    assert problems(Figure, FIGURE, colour="red") == [
        "t.csv:2: colour: not a known key; expected one of: id, subject, metric, low, high, "
        "qualifier, refers_to, source, originator, reliability, quote, hedge, notes, stated, revises, since"
    ]


# --------------------------------------------------------------------------- claims


def test_claim_appeared_in_is_a_list_of_at_least_one_source():
    assert problems(Claim, CLAIM, appeared_in=[]) == [
        "t.csv: appeared_in: expected at least 1 item(s); found an empty list"
    ]
    assert problems(Claim, CLAIM, appeared_in="outlet-a") == [
        "t.csv: appeared_in: expected a list, like [a, b]; found 'outlet-a'"
    ]


def test_claim_value_and_tolerance_ranges():
    assert problems(Claim, CLAIM, value=-5) == [
        "t.csv: value: expected a finite number from 0 to 1,000,000,000; found -5"
    ]
    assert problems(Claim, CLAIM, comparator="~", tolerance=1.5) == [
        "t.csv: tolerance: expected a number below 1; found 1.5"
    ]
    assert problems(Claim, CLAIM, value="6,000") == [
        "t.csv: value: expected a number; found '6,000'"
    ]


def test_claim_text_may_not_be_blank():
    assert problems(Claim, CLAIM, claim="   ") == ["t.csv: claim: expected some text; found '   '"]


def test_claim_text_must_be_text():
    assert problems(Claim, CLAIM, claimant={"name": "x"}) == [
        "t.csv: claimant: expected text; found a mapping"
    ]


def test_quantity_claim_needs_subject_metric_comparator_and_value():
    assert problems(Claim, CLAIM, comparator=None) == [
        "t.csv: comparator: required for a claim of kind: quantity (the default); found none"
    ]


def test_quantity_claim_may_not_name_an_event():
    assert problems(Claim, CLAIM, event="confirms-troops") == [
        "t.csv: event: expected only in a claim of kind: event; "
        "found 'confirms-troops' in a claim of kind: quantity"
    ]


def test_tolerance_only_with_about():
    assert problems(Claim, CLAIM, tolerance=0.2) == [
        "t.csv: tolerance: expected only with the comparator ~; found the comparator '>'"
    ]
    assert problems(Claim, CLAIM, tolerance=0.2, comparator="~") == []


def test_event_claim_needs_an_event_and_no_quantity():
    event = {**CLAIM, "kind": "event", "metric": None, "comparator": None, "value": None}
    assert problems(Claim, event) == [
        "t.csv: event: required for a claim of kind: event (an event type in events.csv); "
        "found none"
    ]
    assert problems(Claim, event, event="confirms-troops", value=3) == [
        "t.csv: value: expected no value in a claim of kind: event; found 3.0"
    ]


def test_unknown_kind():
    assert problems(Claim, CLAIM, kind="opinion") == [
        "t.csv: kind: expected one of 'quantity', 'event' or 'statement'; found 'opinion'"
    ]


def test_period_must_run_forwards():
    period = {"start": "2025-02-01", "end": "2025-01-01"}
    assert problems(Claim, CLAIM, period=period) == [
        "t.csv: period.start: expected start <= end, found 2025-02-01 > 2025-01-01"
    ]


def test_period_with_an_unknown_key():
    period = {"start": "2025-01-01", "end": "2025-02-01", "middle": "2025-01-15"}
    assert problems(Claim, CLAIM, period=period) == [
        "t.csv: period.middle: not a known key; expected one of: start, end"
    ]


def test_claim_defaults():
    claim = Claim.model_validate(CLAIM)
    assert claim.kind == "quantity"
    assert claim.effective_as_of == dt.date(2025, 6, 15)
    assert (claim.effective_period.start, claim.effective_period.end) == (
        dt.date(2025, 6, 15),
        dt.date(2025, 6, 15),
    )
    assert claim.effective_tolerance == 0.1


def test_models_are_frozen():
    claim = Claim.model_validate(CLAIM)
    with pytest.raises(ValidationError):
        claim.value = 1  # type: ignore[misc]
