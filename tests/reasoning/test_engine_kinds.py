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
                share_part="widgets-a-year",
            ),
            _m("widgets-lost", "widgets lost", "widget", "widgets", part_of="widgets"),
            _m(
                "lost-share",
                "share of widgets lost",
                "percent",
                "percent",
                kind="share",
                share_of="widgets",
                share_part="widgets-lost",
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
        "an earlier capacity is capped by the largest count reported since, not voided",
        {"metric": "widgets", "comparator": "<", "value": 10000},
        [
            (
                "a",
                [
                    {
                        "metric": "widget-capacity",
                        "low": 0,
                        "high": 0,
                        "qualifier": "up to",
                        "refers_to": BEFORE,
                    }
                ],
            ),
            ("b", [{"low": 9000}]),
        ],
        {"a": "supports", "b": "supports"},
    ),
    (
        "an earlier capacity caps nothing once an open-ended larger count is reported",
        {"metric": "widgets", "comparator": "<", "value": 10000},
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
        "a count of another metric never decides a share, nor does its whole alone",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [("a", [{"low": 500}]), ("b", [{"metric": "market-a-year", "low": 1000}])],
        {},
    ),
    (
        "a count of the part over a sourced whole supports the share it makes",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [
            ("a", [{"metric": "widgets-a-year", "low": 500}]),
            ("b", [{"metric": "market-a-year", "low": 1000}]),
        ],
        {"a": "supports"},
    ),
    (
        "a count of the part far from the claimed share of a sourced whole rules it out",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [
            ("a", [{"metric": "widgets-a-year", "low": 200}]),
            ("b", [{"metric": "market-a-year", "low": 1000}]),
        ],
        {"a": "contradicts"},
    ),
    (
        "a count of the part with no sourced whole never decides a share",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [("a", [{"metric": "widgets-a-year", "low": 500}])],
        {"a": "inconclusive"},
    ),
    (
        "an open-ended whole bounds the share only from above",
        {"metric": "widget-share", "comparator": "<", "value": 60},
        [
            ("a", [{"metric": "widgets-a-year", "low": 500}]),
            ("b", [{"metric": "market-a-year", "low": 1000, "qualifier": "more than"}]),
        ],
        {"a": "supports"},
    ),
    (
        "an open-ended count of the part bounds the share only from below",
        {"metric": "widget-share", "comparator": "<", "value": 60},
        [
            ("a", [{"metric": "widgets-a-year", "low": 500, "qualifier": "more than"}]),
            ("b", [{"metric": "market-a-year", "low": 1000}]),
        ],
        {"a": "inconclusive"},
    ),
    (
        "a share of a running total divides by a sourced total",
        {"metric": "lost-share", "comparator": ">", "value": 20},
        [
            ("a", [{"metric": "widgets-lost", "low": 300}]),
            ("b", [{"low": 1000}]),
        ],
        {"a": "supports"},
    ),
]

COUNT_KINDS = [
    (
        "an earlier running total above the claim supports it: counts only grow",
        COUNT,
        [("a", [{"low": 1500, "refers_to": BEFORE}])],
        {"a": "supports"},
    ),
    (
        "an earlier running total below the claim neither shows nor rules it out",
        COUNT,
        [("a", [{"low": 800, "refers_to": BEFORE}])],
        {"a": "inconclusive"},
    ),
    (
        "a later running total below the claim caps the earlier count",
        {**COUNT, "as_of": AFTER},
        [("a", [{"low": 800, "refers_to": AFTER}])],
        {"a": "contradicts"},
    ),
    (
        "a count that is no running total speaks only for its own time",
        {"metric": "widgets-in-window", "comparator": ">", "value": 100},
        [("a", [{"metric": "widgets-in-window", "low": 500, "refers_to": BEFORE}])],
        {"a": "inconclusive"},
    ),
    (
        "a count that is no running total decides within its own time",
        {"metric": "widgets-in-window", "comparator": ">", "value": 100},
        [("a", [{"metric": "widgets-in-window", "low": 500}])],
        {"a": "supports"},
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
        "a crate count never decides a share of widgets, even beside a whole",
        {"metric": "widget-share", "comparator": "~", "value": 50},
        [
            ("a", [{"metric": "crates", "low": 500}]),
            ("b", [{"metric": "market-a-year", "low": 1000}]),
        ],
        {},
    ),
    (
        "a count is judged as a count: its own unit decides",
        COUNT,
        [("a", [{"low": 5000}])],
        {"a": "supports"},
    ),
]


TABLE = COUNT_KINDS + CAPACITY + RATE + SHARE + RANGE + UNITS


@pytest.mark.parametrize(
    ("why", "claim_kw", "lines", "expected"),
    TABLE,
    ids=[r[0] for r in TABLE],
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


def test_a_supporting_count_never_lowers_a_verdict_resting_on_an_earlier_capacity():
    """The property's counterexample as a rule: a line graded A holding an earlier capacity of
    0 supports "fewer than 10,000"; a C line's count of 9,000 is larger than the capacity, so
    the capacity is capped by that count instead, and the A line still supports."""
    only = [
        (
            "a",
            [
                {
                    "metric": "widget-capacity",
                    "low": 0,
                    "high": 0,
                    "qualifier": "up to",
                    "refers_to": BEFORE,
                }
            ],
        )
    ]
    fewer = {"metric": "widgets", "comparator": "<", "value": 10000}
    _, before = stances(fewer, *only)
    ev = base(*only, ("b", [{"low": 9000}]))
    ev = dataclasses.replace(
        ev,
        sources={
            k: s.model_copy(update={"reliability": "C"}) if k.startswith("b-") else s
            for k, s in ev.sources.items()
        },
    )
    after = assess(claim(**fewer), ev)
    assert (before.label, before.probability) == ("mostly-true", "highly likely")
    assert (after.label, after.probability) == ("true", "almost certain")
    capacity = next(line for line in after.lines if line.id == "a")
    assert capacity.grounds.notes[-1].code == "larger-since"
    assert "the largest total reported, at most 9,000, caps it instead" in capacity.reason


def test_the_share_arithmetic_is_shown_with_its_sourced_whole():
    _, v = stances(
        {"metric": "widget-share", "comparator": "~", "value": 50},
        ("a", [{"metric": "widgets-a-year", "low": 400, "high": 500}]),
        ("b", [{"metric": "market-a-year", "low": 1000}]),
    )
    (line,) = v.lines
    assert line.id == "a" and line.item_ids == ("a-doc-0-f", "b-doc-0-f")
    assert line.grounds.reading.code == "share"
    assert (line.grounds.reading.share_low, line.grounds.reading.share_high) == (40, 50)
    assert "(400 to 500 a year of 1,000 a year is 40% to 50%)" in line.reason
    said = next(s for s in v.reasoning if s.startswith("Scope:"))
    assert "the whole a share is of (a denominator, never judged alone)" in said


def test_a_count_of_the_part_without_a_whole_says_why_it_cannot_decide():
    _, v = stances(
        {"metric": "widget-share", "comparator": "~", "value": 50},
        ("a", [{"metric": "widgets-a-year", "low": 500}]),
    )
    assert v.lines[0].grounds.code == "no-denominator"
    assert "with no sourced figure for the whole it is a share of" in v.lines[0].reason


def test_a_claim_may_be_on_a_share_declared_with_its_part():
    """A share declared with `share_part` used to be refused as a claim's metric (it only
    bounded a count stated with it); it is now judged by dividing a count of the part."""
    from factcheck.vocabulary import use

    with use(WIDGETS):
        c = claim(metric="widget-share", comparator="~", value=50)
    assert c.metric == "widget-share"


def test_a_capacity_carries_its_hedge():
    """'Could likely hold up to 800' rules out 'more than 1,000' on a line that keeps the hedge
    (the rules read it: a supporting line's hedge caps the probability)."""
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
                    "hedge": "likely",
                }
            ],
        ),
    )
    (line,) = v.lines
    assert (line.stance, line.hedge) == ("contradicts", "likely")
