"""Kinds of figure (issue 19): count, capacity, rate, share, range, units never mixed.

Each rule is a table on a small hand-written vocabulary of made-up metrics (widgets and
crates), never the seed data: the engine reads kinds from the vocabulary, not from names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import DAY, claim, figure, make_evidence, originator, source

from factcheck.verdict import assess
from factcheck.vocabulary import MetricInfo, Vocabulary

BEFORE = DAY - dt.timedelta(days=60)
AFTER = DAY + dt.timedelta(days=60)


def _m(id, label, unit, units, **kw) -> MetricInfo:
    return MetricInfo(id=id, label=label, unit=unit, units=units, **kw)


WIDGETS = Vocabulary(
    {
        m.id: m
        for m in (
            _m("widgets", "widgets sent", "widget", "widgets", cumulative=True),
            _m("crates", "crates sent", "crate", "crates", cumulative=True),
            _m(
                "widget-capacity",
                "widgets the crates could hold",
                "widget",
                "widgets",
                kind="capacity",
                converts_to="widgets",
                cumulative=True,
                note="A capacity is not a count.",
            ),
            _m(
                "widgets-in-window",
                "widgets sent in a window",
                "widget",
                "widgets",
                part_of="widgets",
            ),
            _m(
                "widgets-a-year",
                "widgets sent a year",
                "widget",
                "widgets",
                kind="rate",
                per="year",
                rate_of="widgets",
            ),
            _m(
                "widgets-a-month",
                "widgets sent a month",
                "widget",
                "widgets",
                kind="rate",
                per="month",
                rate_of="widgets",
            ),
            _m(
                "market-a-year", "widgets used a year", "widget", "widgets", kind="rate", per="year"
            ),
            _m(
                "widget-share",
                "share of widgets used",
                "percent",
                "percent",
                kind="share",
                share_of="market-a-year",
            ),
        )
    }
)


def base(*lines):
    """Evidence in the widget vocabulary from (originator id, [figure kwargs]) pairs."""
    originators, sources, figures = [], [], []
    for org_id, figs in lines:
        originators.append(originator(org_id, name=f"The {org_id.upper()} body"))
        for i, kw in enumerate(figs):
            kw = {"metric": "widgets", **kw}
            src = f"{org_id}-doc-{i}"
            sources.append(source(src, org_id, published=kw.get("refers_to", DAY)))
            figures.append(figure(f"{src}-f", src, **kw))
    ev = make_evidence(originators=originators, sources=sources, figures=figures)
    return dataclasses.replace(ev, vocabulary=WIDGETS)


def stances(claim_kw, *lines):
    v = assess(claim(**claim_kw), base(*lines))
    return {line.id: line.stance for line in v.lines}, v


COUNT = {"metric": "widgets", "comparator": ">", "value": 1000}

CAPACITY = [
    (
        "a capacity above the claim never supports a count claim",
        COUNT,
        [("a", [{"metric": "widget-capacity", "low": 0, "high": 5000, "qualifier": "up to"}])],
        {"a": "inconclusive"},
    ),
    (
        "a capacity below the claim rules it out: the count can be no larger",
        COUNT,
        [("a", [{"metric": "widget-capacity", "low": 0, "high": 800, "qualifier": "up to"}])],
        {"a": "contradicts"},
    ),
    (
        "an earlier capacity caps a later count when no knowable source reported more",
        COUNT,
        [
            (
                "a",
                [
                    {
                        "metric": "widget-capacity",
                        "low": 0,
                        "high": 800,
                        "qualifier": "up to",
                        "refers_to": BEFORE,
                    }
                ],
            )
        ],
        {"a": "contradicts"},
    ),
    (
        "an earlier capacity does not cap the count once a larger count had been reported",
        COUNT,
        [
            (
                "a",
                [
                    {
                        "metric": "widget-capacity",
                        "low": 0,
                        "high": 800,
                        "qualifier": "up to",
                        "refers_to": BEFORE,
                    }
                ],
            ),
            ("b", [{"low": 900, "qualifier": "more than", "refers_to": BEFORE}]),
        ],
        {"a": "inconclusive", "b": "inconclusive"},
    ),
    (
        "an earlier capacity does not cap the count once a larger capacity had been reported",
        COUNT,
        [
            (
                "a",
                [
                    {
                        "metric": "widget-capacity",
                        "low": 0,
                        "high": 800,
                        "qualifier": "up to",
                        "refers_to": BEFORE,
                    },
                ],
            ),
            (
                "b",
                [
                    {
                        "metric": "widget-capacity",
                        "low": 0,
                        "high": 3000,
                        "qualifier": "up to",
                        "refers_to": BEFORE + dt.timedelta(days=10),
                    }
                ],
            ),
        ],
        {"a": "inconclusive", "b": "inconclusive"},
    ),
    (
        "'more than' a capacity is no upper bound and never a minimum count",
        COUNT,
        [("a", [{"metric": "widget-capacity", "low": 2000, "qualifier": "more than"}])],
        {"a": "inconclusive"},
    ),
]

RATE = [
    (
        "a yearly rate is converted to the claim's monthly rate",
        {"metric": "widgets-a-month", "comparator": "~", "value": 1000},
        [("a", [{"metric": "widgets-a-year", "low": 12000, "qualifier": "approximately"}])],
        {"a": "supports"},
    ),
    (
        "a converted rate far from the claim rules it out",
        {"metric": "widgets-a-month", "comparator": "~", "value": 1000},
        [("a", [{"metric": "widgets-a-year", "low": 3000, "qualifier": "approximately"}])],
        {"a": "contradicts"},
    ),
    (
        "a total over a stated window is read as a rate",
        {"metric": "widgets-a-month", "comparator": "~", "value": 1000},
        [
            (
                "a",
                [
                    {
                        "metric": "widgets-in-window",
                        "low": 1000,
                        "since": DAY - dt.timedelta(days=29),
                    }
                ],
            )
        ],
        {"a": "supports"},
    ),
    (
        "a total with no stated window is never read as a rate",
        {"metric": "widgets-a-month", "comparator": "~", "value": 1000},
        [("a", [{"low": 1000}])],
        {"a": "inconclusive"},
    ),
    (
        "a rate is never read as a total",
        COUNT,
        [("a", [{"metric": "widgets-a-year", "low": 12000}])],
        {},
    ),
]

SHARE = [
    (
        "a share is judged against shares",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [("a", [{"metric": "widget-share", "low": 50, "qualifier": "approximately"}])],
        {"a": "supports"},
    ),
    (
        "an upper-bound share below the claim rules it out",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [("a", [{"metric": "widget-share", "low": 0, "high": 40, "qualifier": "up to"}])],
        {"a": "contradicts"},
    ),
    (
        "a count alone never decides a share",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [("a", [{"low": 500}]), ("b", [{"metric": "market-a-year", "low": 1000}])],
        {},
    ),
]

RANGE = [
    (
        "a figure inside the range supports it",
        {"metric": "widgets", "comparator": "between", "value": 4000, "value_high": 5000},
        [("a", [{"low": 4500, "qualifier": "approximately"}])],
        {"a": "supports"},
    ),
    (
        "a figure above the range rules it out",
        {"metric": "widgets", "comparator": "between", "value": 4000, "value_high": 5000},
        [("a", [{"low": 6000}])],
        {"a": "contradicts"},
    ),
    (
        "an open-ended figure across the range neither shows nor rules it out",
        {"metric": "widgets", "comparator": "between", "value": 4000, "value_high": 5000},
        [("a", [{"low": 4200, "qualifier": "more than"}])],
        {"a": "inconclusive"},
    ),
]

UNITS = [
    (
        "a crate count never decides a widget claim",
        COUNT,
        [("a", [{"metric": "crates", "low": 5000}])],
        {},
    ),
    (
        "a count is judged as a count: its own unit decides",
        COUNT,
        [("a", [{"low": 5000}])],
        {"a": "supports"},
    ),
]


@pytest.mark.parametrize(
    ("why", "claim_kw", "lines", "expected"),
    CAPACITY + RATE + SHARE + RANGE + UNITS,
    ids=[r[0] for r in CAPACITY + RATE + SHARE + RANGE + UNITS],
)
def test_kinds_of_figure(why, claim_kw, lines, expected):
    found, _ = stances(claim_kw, *lines)
    assert found == expected, why


def test_the_rate_arithmetic_is_shown():
    _, v = stances(
        {"metric": "widgets-a-month", "comparator": "~", "value": 1000},
        ("a", [{"metric": "widgets-in-window", "low": 1000, "since": DAY - dt.timedelta(days=29)}]),
    )
    reason = v.lines[0].reason
    assert "over the 30 days from" in reason and "a day, times 30.4375 days a month" in reason


def test_a_capacity_is_named_on_page_one_when_the_claim_is_a_count():
    _, v = stances(
        COUNT,
        ("a", [{"metric": "widget-capacity", "low": 0, "high": 5000, "qualifier": "up to"}]),
    )
    assert "A capacity is not a count." in v.why
    assert "a capacity, an upper bound on widgets sent, never a count" in v.lines[0].reason


def test_an_earlier_bound_never_says_nothing_larger_was_reported_when_something_was():
    _, v = stances(
        COUNT,
        (
            "a",
            [
                {
                    "metric": "widget-capacity",
                    "low": 0,
                    "high": 800,
                    "qualifier": "up to",
                    "refers_to": BEFORE,
                }
            ],
        ),
        ("b", [{"low": 900, "qualifier": "more than", "refers_to": BEFORE}]),
    )
    text = " ".join(line.reason for line in v.lines)
    assert "no larger total had been reported" not in text
    assert "a larger figure had been reported since" in text


def test_figures_that_do_not_bear_on_the_claim_are_listed_with_why():
    v = assess(
        claim(**COUNT),
        base(("a", [{"metric": "crates", "low": 5000}, {"metric": "widgets-a-year", "low": 9}])),
    )
    said = next(s for s in v.reasoning if "Not in scope" in s)
    assert "1 on crates sent (counts crates, not widgets" in said
    assert "1 on widgets sent a year (a rate, never read as a total)" in said


def test_metrics_file_problems_name_the_file_line_and_field(tmp_path):
    import shutil

    from conftest import MINI

    from factcheck.evidence import EvidenceError, load_evidence

    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    import csv

    rows = [
        {"id": "crates", "label": "crates sent", "unit": "crate", "units": "crates"},
        {
            "id": "hold",
            "label": "could hold",
            "unit": "widget",
            "units": "widgets",
            "kind": "capacity",
        },
        {
            "id": "hold2",
            "label": "hold",
            "unit": "widget",
            "units": "widgets",
            "kind": "capacity",
            "converts_to": "crates",
        },
        {
            "id": "a-day",
            "label": "per day",
            "unit": "crate",
            "units": "crates",
            "kind": "rate",
            "rate_of": "crates",
        },
        {"id": "odd", "label": "odd", "unit": "crate", "units": "crates", "part_of": "nowhere"},
    ]
    path = data / "metrics.csv"
    first = len(path.read_text(encoding="utf-8").splitlines()) + 1  # the first appended line
    with open(path, encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n").writerows(rows)
    with pytest.raises(EvidenceError) as err:
        load_evidence(data)
    text = str(err.value)
    at = [f"data/metrics.csv:{first + i}" for i in range(5)]
    assert f"{at[1]}: converts_to: a metric of kind capacity needs converts_to" in text
    assert (
        f"{at[2]}: converts_to: expected a metric counted in widgets, like hold2; "
        "found 'crates', counted in crates (units are never mixed)"
    ) in text
    assert f"{at[3]}: per: a metric of kind rate needs per (day, month or year)" in text
    assert f"{at[4]}: part_of: unknown metric 'nowhere'; expected an id declared" in text


def test_axis_ticks_fit_at_any_magnitude_in_one_unit_per_axis():
    from factcheck.charts.common import short_number

    assert [short_number(v, 1.1e6) for v in (0, 200_000, 800_000, 1e6)] == [
        "0",
        "0.2M",
        "0.8M",
        "1M",
    ]
    assert short_number(6000, 7000) == "6,000"
    assert short_number(12e6, 13e6) == "12M"
