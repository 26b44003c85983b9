"""The verdict engine: interval semantics, the rule tables, the seed claims and its invariants."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random

import pytest
from conftest import (
    DAY,
    claim,
    event,
    evidence_from_lines,
    figure,
    make_evidence,
    one_line,
    originator,
    source,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck import scales
from factcheck.verdict import (
    LABEL_RULES,
    Interval,
    Line,
    assess,
    claim_interval,
    compare,
    decide,
    figure_interval,
    relation,
)
from factcheck.vocabulary import METRICS, SHARES

PROPERTY = settings(deadline=None, max_examples=100)
LATER = dt.date(2025, 9, 2)
EARLIER = dt.date(2025, 1, 15)
AUTUMN = {"start": dt.date(2024, 10, 1), "end": dt.date(2024, 11, 30)}
Q1 = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 3, 31)}


# --------------------------------------------------------------------------- intervals


def test_interval_within_and_disjoint_respect_open_ends():
    more_than = Interval(6000, math.inf, low_open=True)
    at_least = Interval(6000, math.inf)
    exactly = Interval(6000, 6000)
    assert more_than.within(more_than)
    assert more_than.within(at_least)
    assert not at_least.within(more_than)
    assert exactly.within(at_least)
    assert exactly.disjoint(more_than)
    assert not exactly.disjoint(at_least)
    assert not Interval(5700, 6300).disjoint(more_than)
    assert not Interval(5700, 6300).within(more_than)
    assert Interval(0, 6000, high_open=True).disjoint(exactly)
    assert Interval(0, 5999).disjoint(more_than)
    assert more_than.within_point(6001)
    assert not more_than.within_point(6000)


def _parts(interval: Interval) -> tuple:
    return (interval.low, interval.high, interval.low_open, interval.high_open)


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "expected"),
    [
        ("exact", 6000, 6000, Interval(6000, 6000)),
        ("exact", 200, 999, Interval(200, 999)),
        ("more than", 6000, 6000, Interval(6000, math.inf, low_open=True)),
        ("at least", 6000, 6000, Interval(6000, math.inf)),
        ("up to", 6000, 6000, Interval(0, 6000)),
        ("approximately", 6000, 6000, Interval(5700, 6300)),
        ("approximately", 1000, 3000, Interval(950, 3150)),
    ],
)
def test_figure_interval_reads_the_qualifier(qualifier, low, high, expected):
    got = figure_interval(figure("f", "s", low, high, qualifier=qualifier))
    assert _parts(got) == pytest.approx(_parts(expected))


@pytest.mark.parametrize(
    ("comparator", "expected"),
    [
        (">", Interval(6000, math.inf, low_open=True)),
        (">=", Interval(6000, math.inf)),
        ("<", Interval(0, 6000, high_open=True)),
        ("<=", Interval(0, 6000)),
        ("=", Interval(6000, 6000)),
        ("~", Interval(5400, 6600)),
    ],
)
def test_claim_interval_reads_the_comparator(comparator, expected):
    assert _parts(claim_interval(claim(6000, comparator))) == pytest.approx(_parts(expected))


def test_relation_between_metrics():
    assert relation("casualties", "casualties") == "direct"
    assert relation("casualties", "killed") == "part"
    assert relation("killed", "casualties") == "whole"
    assert relation("deployed_total", "reinforcements") == "part"
    assert relation("killed", "wounded") is None
    assert relation("casualties", "announced_deployment") is None


# --------------------------------------------------------------------------- compare

# (why, claim keywords, figure keywords, expected stance)
COMPARE_TABLE = [
    (
        "'more than 6,000' supports '> 6000'",
        {},
        {"low": 6000, "qualifier": "more than"},
        "supports",
    ),
    (
        "'approximately 6,000' is inconclusive for '> 6000'",
        {},
        {"low": 6000, "qualifier": "approximately"},
        "inconclusive",
    ),
    (
        "'at least 6,000' is inconclusive for '> 6000'",
        {},
        {"low": 6000, "qualifier": "at least"},
        "inconclusive",
    ),
    ("exactly 6,000 is not more than 6,000", {}, {"low": 6000}, "contradicts"),
    (
        "'approximately 6,500' supports '> 6000'",
        {},
        {"low": 6500, "qualifier": "approximately"},
        "supports",
    ),
    (
        "an earlier lower cumulative estimate does not contradict a later higher claim",
        {},
        {"low": 4000, "refers_to": EARLIER},
        "inconclusive",
    ),
    (
        "an earlier higher cumulative estimate supports a later 'more than' claim",
        {},
        {"low": 7000, "refers_to": EARLIER},
        "supports",
    ),
    (
        "a later lower estimate contradicts a 'more than' claim about an earlier date",
        {},
        {"low": 2000, "qualifier": "approximately", "refers_to": LATER},
        "contradicts",
    ),
    (
        "a later higher estimate cannot show the earlier count was higher",
        {},
        {"low": 9000, "refers_to": LATER},
        "inconclusive",
    ),
    (
        "killed figures are lower bounds for a casualties claim",
        {},
        {"low": 7000, "metric": "killed", "qualifier": "more than"},
        "supports",
    ),
    (
        "an earlier killed figure is a lower bound for a later casualties claim",
        {},
        {"low": 6500, "metric": "killed", "refers_to": EARLIER},
        "supports",
    ),
    (
        "a low killed figure does not contradict a casualties claim",
        {},
        {"low": 2000, "metric": "killed"},
        "inconclusive",
    ),
    (
        "a later killed figure says nothing against a casualties claim",
        {},
        {"low": 2000, "metric": "killed", "refers_to": LATER},
        "inconclusive",
    ),
    (
        "casualties figures are only upper bounds for a killed claim: never support",
        {"metric": "killed"},
        {"low": 9000, "qualifier": "more than"},
        "inconclusive",
    ),
    (
        "a casualties figure below the claimed killed contradicts it",
        {"metric": "killed"},
        {"low": 4000},
        "contradicts",
    ),
    (
        "a later casualties figure below the claimed killed contradicts it",
        {"metric": "killed"},
        {"low": 4000, "refers_to": LATER},
        "contradicts",
    ),
    (
        "an earlier casualties figure says nothing about later killed",
        {"metric": "killed"},
        {"low": 4000, "refers_to": EARLIER},
        "inconclusive",
    ),
    (
        "a fewer-than claim is contradicted by an earlier higher count (counts only grow)",
        {"comparator": "<"},
        {"low": 6500, "refers_to": EARLIER},
        "contradicts",
    ),
    (
        "a fewer-than claim is supported by a later lower count",
        {"comparator": "<"},
        {"low": 5000, "refers_to": LATER},
        "supports",
    ),
    (
        "'~': the stated number within tolerance supports",
        {"value": 11000, "comparator": "~", "metric": "deployed", "period": AUTUMN},
        {
            "low": 11000,
            "metric": "deployed",
            "qualifier": "approximately",
            "refers_to": dt.date(2024, 11, 4),
        },
        "supports",
    ),
    (
        "'~': an exact number 9% off is within the 10% tolerance",
        {"value": 11000, "comparator": "~", "metric": "deployed", "period": AUTUMN},
        {"low": 10000, "metric": "deployed", "refers_to": dt.date(2024, 11, 4)},
        "supports",
    ),
    (
        "'~': an interval wholly below, at the period's end, contradicts",
        {"value": 11000, "comparator": "~", "metric": "deployed", "period": AUTUMN},
        {"low": 5000, "metric": "deployed", "refers_to": AUTUMN["end"]},
        "contradicts",
    ),
    (
        "'~': an interval wholly above contradicts",
        {"value": 11000, "comparator": "~", "metric": "deployed", "period": AUTUMN},
        {"low": 20000, "metric": "deployed", "refers_to": dt.date(2024, 11, 4)},
        "contradicts",
    ),
    (
        "'~': a later interval wholly below contradicts",
        {"value": 11000, "comparator": "~", "metric": "deployed", "period": AUTUMN},
        {"low": 5000, "metric": "deployed", "qualifier": "up to", "refers_to": LATER},
        "contradicts",
    ),
    (
        "'~': an overlapping range whose stated number is outside is inconclusive",
        {"value": 3000, "comparator": "~", "metric": "reinforcements", "period": Q1},
        {
            "low": 1000,
            "high": 3000,
            "metric": "reinforcements",
            "qualifier": "approximately",
            "refers_to": dt.date(2025, 2, 27),
        },
        "inconclusive",
    ),
    (
        "'~': a lower count before the period ended may still grow",
        {"value": 3000, "comparator": "~", "metric": "reinforcements", "period": Q1},
        {"low": 1000, "metric": "reinforcements", "refers_to": dt.date(2025, 2, 1)},
        "inconclusive",
    ),
    (
        "'=': a lower count before the period ended may still grow",
        {"value": 3000, "comparator": "=", "metric": "reinforcements", "period": Q1},
        {"low": 1000, "metric": "reinforcements", "refers_to": dt.date(2025, 2, 1)},
        "inconclusive",
    ),
    (
        "'=': a lower count at the period's end contradicts",
        {"value": 3000, "comparator": "=", "metric": "reinforcements", "period": Q1},
        {"low": 1000, "metric": "reinforcements", "refers_to": Q1["end"]},
        "contradicts",
    ),
    (
        "a non-cumulative figure outside the claim's period is inconclusive",
        {"value": 10000, "metric": "announced_deployment"},
        {"low": 12000, "metric": "announced_deployment", "refers_to": EARLIER},
        "inconclusive",
    ),
]


@pytest.mark.parametrize(
    ("why", "claim_kw", "figure_kw", "expected"),
    COMPARE_TABLE,
    ids=[row[0] for row in COMPARE_TABLE],
)
def test_compare(why, claim_kw, figure_kw, expected):
    c = claim(**{"value": 6000, "comparator": ">", "metric": "casualties", **claim_kw})
    fig = figure("f", "s", **figure_kw)
    rel = relation(c.metric, fig.metric)
    assert rel is not None
    stance, reason = compare(c, fig, rel)
    assert stance == expected, f"{why}: {reason}"
    assert reason


# --------------------------------------------------------------------------- decide


def line(id: str, stance: str, reliability: str = "B", hedge: str | None = None) -> Line:
    return Line(
        id=id,
        name=id,
        stance=stance,
        reliability=reliability,
        credible=reliability in scales.CREDIBLE_RELIABILITY,
        party_to_conflict=False,
        item_id=f"{id}-item",
        reason="test",
        hedge=hedge,
        documents=1,
    )


SUP, CON, INC = "supports", "contradicts", "inconclusive"
# Each row of LABEL_RULES, reached by hand-built lines (weak and inconclusive lines mixed in).
LABEL_ROWS = {
    "unproven": [line("a", INC), line("b", SUP, "D"), line("c", CON, "E"), line("d", SUP, "F")],
    "mixed": [line("a", SUP), line("b", CON, "C"), line("c", INC)],
    "true": [line("a", SUP, "A"), line("b", SUP, "C"), line("c", CON, "D")],
    "mostly-true": [line("a", SUP), line("b", INC, "A"), line("c", SUP, "E")],
    "false": [line("a", CON), line("b", CON, "C"), line("c", SUP, "F")],
    "mostly-false": [line("a", CON, "A"), line("b", CON, "D"), line("c", INC)],
}


@pytest.mark.parametrize(("rule", "label"), LABEL_RULES, ids=[label for _, label in LABEL_RULES])
def test_each_label_rule_is_reached(rule, label):
    assert decide(LABEL_ROWS[label]).label == label, rule


def test_label_rules_cover_every_label():
    assert {label for _, label in LABEL_RULES} == set(scales.LABELS)
    assert decide([]).label == "unproven"


@pytest.mark.parametrize(
    ("lines", "credibility", "probability"),
    [
        ([line("a", SUP), line("b", SUP, "C")], 1, "almost certain"),
        ([line("a", SUP, "A"), line("b", INC)], 2, "highly likely"),
        ([line("a", SUP, "B")], 2, "highly likely"),
        ([line("a", SUP, "C"), line("b", SUP, "D")], 3, "likely"),
        ([line("a", SUP), line("b", CON)], 4, "realistic possibility"),
        ([line("a", CON)], 5, "highly unlikely"),
        ([line("a", CON, "C")], 5, "unlikely"),
        ([line("a", CON), line("b", CON, "C")], 5, "remote chance"),
        ([line("a", INC), line("b", SUP, "D")], 6, None),
        ([], 6, None),
    ],
    ids=[
        "1-two-support",
        "2-one-A",
        "2-one-B",
        "3-one-C",
        "4-mixed",
        "5-one-B-against",
        "5-one-C-against",
        "5-two-against",
        "6-weak-only",
        "6-nothing",
    ],
)
def test_credibility_and_probability(lines, credibility, probability):
    decision = decide(lines)
    assert (decision.credibility, decision.probability) == (credibility, probability)


# Rule 7: a hedge caps the probability only when the claim rests on that source alone; with
# several independent supporting lines the most confident one sets the cap (none if one is
# unhedged).
HEDGE_TABLE = [
    ("a lone source's hedge caps", [line("a", SUP, hedge="likely")], "likely"),
    ("synonym 'probably' is 'likely'", [line("a", SUP, hedge="probably")], "likely"),
    (
        "an unhedged second line lifts the cap",
        [line("a", SUP, hedge="likely"), line("b", SUP)],
        "almost certain",
    ),
    (
        "the most confident of several hedged lines sets the cap",
        [line("a", SUP, hedge="realistic possibility"), line("b", SUP, hedge="likely")],
        "likely",
    ),
    ("an equal hedge changes nothing", [line("a", SUP, hedge="highly likely")], "highly likely"),
    ("a hedge never raises", [line("a", SUP, hedge="almost certain")], "highly likely"),
    ("adverb synonym", [line("a", SUP, "C", hedge="almost certainly")], "likely"),
    (
        "a weak line's hedge is ignored",
        [line("a", SUP), line("b", SUP), line("c", SUP, "D", hedge="remote chance")],
        "almost certain",
    ),
    (
        "a contradicting line's hedge is ignored",
        [line("a", SUP), line("b", SUP), line("c", CON, "D", hedge="unlikely")],
        "almost certain",
    ),
]


@pytest.mark.parametrize(
    ("why", "lines", "probability"), HEDGE_TABLE, ids=[r[0] for r in HEDGE_TABLE]
)
def test_a_hedge_caps_the_probability_only_when_the_claim_rests_on_that_source(
    why, lines, probability
):
    assert decide(lines).probability == probability, why


line_strategy = st.builds(
    line,
    id=st.text("abcdefgh", min_size=1, max_size=3),
    stance=st.sampled_from([SUP, CON, INC]),
    reliability=st.sampled_from("ABCDEF"),
    hedge=st.one_of(st.none(), st.sampled_from(scales.YARDSTICK_PHRASES)),
)
weak_line_strategy = st.builds(
    line,
    id=st.text("xyz", min_size=1, max_size=3),
    stance=st.sampled_from([SUP, CON, INC]),
    reliability=st.sampled_from("DEF"),
    hedge=st.one_of(st.none(), st.sampled_from(scales.YARDSTICK_PHRASES)),
)


@PROPERTY
@given(st.lists(line_strategy, max_size=8), st.lists(weak_line_strategy, min_size=1, max_size=5))
def test_lines_graded_d_to_f_never_decide(lines, weak):
    assert decide(lines + weak) == decide(lines)
    assert decide(weak).label == "unproven"


@PROPERTY
@given(
    st.lists(line_strategy, max_size=8).flatmap(
        lambda ls: st.tuples(st.just(ls), st.permutations(ls))
    )
)
def test_decide_ignores_the_order_of_lines(pair):
    lines, shuffled = pair
    assert decide(lines) == decide(shuffled)


# --------------------------------------------------------------------------- the seed claims


def supporting_evidence(verdict):
    return [a for a in verdict.evidence if a.stance == "supports"]


def test_mini_fixture_verdicts(mini_evidence):
    casualties = assess(mini_evidence.claims["casualties-6000"], mini_evidence)
    assert (casualties.label, casualties.probability, casualties.credibility) == (
        "mostly-true",
        "highly likely",
        2,
    )
    assert casualties.originators("supports") == ["gb-di"]
    # outlet-a, outlet-b and outlet-c repeat one post: one line, four documents
    assert next(line for line in casualties.lines if line.id == "gb-di").documents == 4
    killed = assess(mini_evidence.claims["killed-6000"], mini_evidence)
    assert killed.label == "mostly-false"
    assert killed.originators("contradicts") == ["kr-nis"]
    assert "terminology" not in {f.code for f in killed.flags}  # it rests on a killed figure


# --------------------------------------------------------------------------- verdict.json


def public(verdict) -> dict:
    """What `factcheck verdict --json` prints and `verdict.json` holds: the model's own JSON."""
    return json.loads(verdict.model_dump_json())


PUBLIC_KEYS = {
    "claim_id",
    "as_of",
    "label",
    "rating",
    "probability",
    "credibility",
    "lines",
    "evidence",
    "flags",
    "reasoning",
    "sensitivity",
}


def test_verdict_json_has_the_public_keys_and_flags_carry_their_fields(data_evidence):
    for c in data_evidence.claims.values():
        out = public(assess(c, data_evidence))
        assert set(out) >= PUBLIC_KEYS
        assert out["evidence"], c.id
        for item in out["evidence"]:
            assert {"item_id", "source_id", "originator_id", "stance", "reason"} <= set(item)
            assert item["stance"] in (SUP, CON, INC)
        for flag in out["flags"]:
            assert {"code", "title", "text", "names", "line_ids"} <= set(flag)
        assert out["claim_id"] == c.id
        assert out["as_of"] == c.effective_as_of.isoformat()


def _verdict_with(label: str):
    """A verdict of the given label from hand-built lines of evidence."""
    value = {"supports": 7000, "contradicts": 4000}
    plan = {
        "true": ["supports", "supports"],
        "mostly-true": ["supports"],
        "mixed": ["supports", "contradicts"],
        "mostly-false": ["contradicts"],
        "false": ["contradicts", "contradicts"],
        "unproven": [],
    }[label]
    lines = [one_line(f"org{i}", value[stance]) for i, stance in enumerate(plan)]
    lines.append(one_line("weak", 9000, reliability="E"))
    return assess(claim(), evidence_from_lines(*lines))


RATINGS = {"true": 5, "mostly-true": 4, "mixed": 3, "mostly-false": 2, "false": 1, "unproven": None}


@pytest.mark.parametrize("label", list(scales.LABELS))
def test_rating_follows_the_label(label):
    out = public(_verdict_with(label))
    assert (out["label"], out["rating"]) == (label, RATINGS[label])
    assert out["label_name"] == scales.LABELS[label].name


# --------------------------------------------------------------------------- properties

QUANTITY_CLAIMS = [
    "dprk-kursk-casualties-6000",
    "dprk-kursk-killed-6000",
    "dprk-initial-deployment-11000",
    "dprk-reinforcements-3000",
]
ALL_CLAIMS = [*QUANTITY_CLAIMS, "russia-confirms-dprk-troops-april-2025"]
METRIC_NAMES = sorted(METRICS)
QUALIFIERS = ["exact", "approximately", "at least", "more than", "up to"]
dates = st.dates(dt.date(2024, 9, 1), dt.date(2025, 12, 31))
counts = st.integers(0, 30000)


def _key(v):
    return (v.label, v.probability, v.credibility)


def _with(evidence, sources=(), figures=(), originators=()):
    return dataclasses.replace(
        evidence,
        sources={**evidence.sources, **{s.id: s for s in sources}},
        figures={**evidence.figures, **{f.id: f for f in figures}},
        originators={**evidence.originators, **{o.id: o for o in originators}},
    )


@PROPERTY
@given(data=st.data())
def test_echoes_of_an_originator_never_change_the_verdict(data_evidence, data):
    """Documents repeating an originator's document (its figures, its grade) add only echoes."""
    ev = data_evidence
    c = ev.claims[data.draw(st.sampled_from(QUANTITY_CLAIMS))]
    base = assess(c, ev)
    line_ = data.draw(st.sampled_from(base.lines))
    parents = sorted(s.id for s in ev.sources.values() if s.originator == line_.id)
    assume(parents)
    new_sources, new_figures = [], []
    known = dict(ev.sources)
    for i in range(data.draw(st.integers(1, 6))):
        parent = known[data.draw(st.sampled_from(parents + [s.id for s in new_sources]))]
        published = None
        if parent.published is not None:
            published = parent.published + dt.timedelta(days=data.draw(st.integers(0, 30)))
        echo = source(
            f"echo-{i}",
            line_.id,
            published=published,
            reliability=parent.reliability,
            derived_from=[parent.id],
        )
        known[echo.id] = echo
        new_sources.append(echo)
        carried = [f for f in ev.figures.values() if f.source == parent.id]
        carried += [f for f in new_figures if f.source == parent.id]
        for j, f in enumerate(sorted(carried, key=lambda f: f.id)):
            new_figures.append(f.model_copy(update={"id": f"echo-{i}-{j}", "source": echo.id}))
    after = assess(c, _with(ev, new_sources, new_figures))
    assert _key(after) == _key(base)
    strip = {"documents", "echoes", "document_ids", "echo_ids", "item_id", "item_ids"}
    assert [line.model_dump(exclude=strip) for line in after.lines] == [
        line.model_dump(exclude=strip) for line in base.lines
    ]


@PROPERTY
@given(data=st.data())
def test_figures_published_after_the_as_of_date_never_change_the_verdict(data_evidence, data):
    ev = data_evidence
    c = ev.claims[data.draw(st.sampled_from(QUANTITY_CLAIMS))]
    as_of = data.draw(
        st.one_of(st.just(c.effective_as_of), st.dates(dt.date(2024, 10, 1), dt.date(2025, 10, 1)))
    )
    base = assess(c, ev, as_of)
    existing = sorted(ev.originators)
    new_sources, new_figures, new_originators = [], [], []
    for i in range(data.draw(st.integers(1, 6))):
        org = data.draw(st.sampled_from([*existing, f"new-org-{i}"]))
        if org not in ev.originators:
            new_originators.append(originator(org))
        published = as_of + dt.timedelta(days=data.draw(st.integers(1, 400)))
        # Late documents repeat only each other: a late copy of an early document would carry
        # information public since the early one (rule 3), which is not "published later".
        earlier = [s.id for s in new_sources]
        derived = (
            data.draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True))
            if earlier
            else []
        )
        new_sources.append(
            source(
                f"late-{i}",
                org,
                published=published,
                derived_from=derived,
                reliability=data.draw(st.sampled_from("ABCDEF")),
            )
        )
        for j in range(data.draw(st.integers(1, 3))):
            low = data.draw(counts)
            high = low + data.draw(st.integers(0, 5000))
            metric = data.draw(st.sampled_from(METRIC_NAMES))
            if metric in SHARES:  # a share is a percentage
                low, high = low % 101, min(100, high % 101 + low % 101)
            new_figures.append(
                figure(
                    f"late-{i}-{j}",
                    f"late-{i}",
                    low,
                    high,
                    metric=metric,
                    subject=c.subject,
                    qualifier=data.draw(st.sampled_from(QUALIFIERS)),
                    refers_to=data.draw(st.dates(dt.date(2024, 1, 1), published)),
                )
            )
    after = assess(c, _with(ev, new_sources, new_figures, new_originators), as_of)
    assert _key(after) == _key(base)
    assert after.lines == base.lines
    assert after.evidence == base.evidence
    assert after.flags == base.flags
    assert after.sensitivity == base.sensitivity
    assert set(after.excluded_after_as_of) == set(base.excluded_after_as_of) | {
        f.id for f in new_figures if relation(c.metric, f.metric) is not None
    }


casualties_figure = st.fixed_dictionaries(
    {
        "low": counts,
        "spread": st.integers(0, 20000),
        "qualifier": st.sampled_from(QUALIFIERS),
        "refers_to": dates,
        "reliability": st.sampled_from("ABCDEF"),
        "hedge": st.one_of(st.none(), st.sampled_from(scales.YARDSTICK_PHRASES)),
    }
)


@PROPERTY
@given(
    st.lists(st.lists(casualties_figure, min_size=1, max_size=3), min_size=1, max_size=5),
    st.integers(0, 20000),
    st.sampled_from([">", ">="]),
    dates,
)
def test_no_casualties_figures_can_support_a_killed_claim(groups, value, comparator, day):
    assume(comparator == ">" or value > 0)  # 'at least 0 killed' is true of anything
    originators, sources, figures = [], [], []
    for i, group in enumerate(groups):
        originators.append(originator(f"org-{i}"))
        for j, spec in enumerate(group):
            sources.append(
                source(
                    f"doc-{i}-{j}",
                    f"org-{i}",
                    published=spec["refers_to"],
                    reliability=spec["reliability"],
                )
            )
            figures.append(
                figure(
                    f"fig-{i}-{j}",
                    f"doc-{i}-{j}",
                    spec["low"],
                    spec["low"] + spec["spread"],
                    qualifier=spec["qualifier"],
                    refers_to=spec["refers_to"],
                    hedge=spec["hedge"],
                )
            )
    ev = make_evidence(originators, sources, figures)
    c = claim(value, comparator, "killed", claim_date=day, as_of=dt.date(2026, 1, 1))
    v = assess(c, ev)
    assert v.label not in ("true", "mostly-true")
    assert not supporting_evidence(v)


@PROPERTY
@given(
    st.sampled_from([m for m in METRIC_NAMES if m not in SHARES]),
    st.sampled_from([">", ">=", "<", "<=", "=", "~"]),
    st.lists(
        st.tuples(
            st.sampled_from([m for m in METRIC_NAMES if m not in SHARES]),
            st.sampled_from(["other", "same"]),
            st.booleans(),
            counts,
            st.sampled_from(QUALIFIERS),
        ),
        max_size=6,
    ),
)
def test_no_figures_in_scope_means_unproven(metric, comparator, specs):
    """Figures on another subject, of an unrelated metric, or published too late are out of scope."""
    c = claim(5000, comparator, metric)
    sources, figures = [], []
    for i, (fig_metric, subject, late, low, qualifier) in enumerate(specs):
        in_scope = subject == "same" and relation(metric, fig_metric) is not None and not late
        if in_scope:
            late = True
        published = DAY + dt.timedelta(days=30) if late else DAY
        sources.append(source(f"doc-{i}", "org", published=published))
        figures.append(
            figure(
                f"fig-{i}",
                f"doc-{i}",
                low,
                metric=fig_metric,
                qualifier=qualifier,
                subject="elsewhere" if subject == "other" else "troops",
            )
        )
    ev = make_evidence([originator("org")], sources, figures)
    ev = dataclasses.replace(
        ev,
        subjects={
            **ev.subjects,
            "elsewhere": ev.subjects["troops"].model_copy(update={"id": "elsewhere"}),
        },
    )
    v = assess(c, ev)
    assert (v.label, v.probability, v.credibility, v.rating) == ("unproven", None, 6, None)
    assert v.lines == ()
    assert public(v)["lines"] == []


@PROPERTY
@given(
    st.sampled_from([">", "<"]),
    st.lists(
        st.tuples(
            st.integers(0, 1000),
            st.sampled_from(["exact", "approximately", "up to"]),
            st.integers(0, 120),
            st.sampled_from("ABC"),
        ),
        min_size=2,
        max_size=5,
    ),
    st.lists(st.tuples(counts, st.sampled_from(QUALIFIERS), st.sampled_from("DEF")), max_size=3),
    st.lists(st.integers(0, 5000), max_size=3),
)
def test_independent_credible_contradictions_make_it_false(direction, against, weak, vague):
    """Two or more credible originators against, none credible for: false (or mostly false)."""
    lines = []
    for i, (gap, qualifier, days, grade) in enumerate(against):
        if direction == ">":  # a count wholly below 6,000 on the day or later
            value, shift = int((6000 - 1 - gap) / 1.06), days
            qualifier_ = qualifier
        else:  # a count wholly above 6,000 on the day or earlier (counts only grow)
            value, shift = 6001 + gap, -days
            qualifier_ = "exact" if qualifier == "up to" else qualifier
            value = int(value * 1.06) if qualifier_ == "approximately" else value
        lines.append(
            one_line(
                f"against-{i}",
                value,
                reliability=grade,
                qualifier=qualifier_,
                refers_to=DAY + dt.timedelta(days=shift),
            )
        )
    for i, (low, qualifier, grade) in enumerate(weak):
        lines.append(one_line(f"weak-{i}", low, qualifier=qualifier, reliability=grade))
    for i, low in enumerate(vague):  # credible but inconclusive: an earlier count, lower bound only
        lines.append(
            one_line(
                f"vague-{i}",
                min(low, 5999),
                qualifier="at least",
                refers_to=DAY - dt.timedelta(days=30),
            )
        )
    c = claim(6000, direction, "casualties", as_of=DAY + dt.timedelta(days=200))
    v = assess(c, evidence_from_lines(*lines))
    assert not [line for line in v.lines if line.credible and line.stance == "supports"]
    assert len([line for line in v.lines if line.credible and line.stance == "contradicts"]) >= 2
    assert v.label in ("false", "mostly-false")
    assert v.credibility == 5
    assert v.probability == "remote chance"


def _pick_as_of(data, claim_):
    return data.draw(
        st.one_of(
            st.none(),
            st.just(claim_.effective_as_of),
            st.dates(dt.date(2024, 10, 1), dt.date(2025, 12, 31)),
        )
    )


@PROPERTY
@given(data=st.data(), which=st.sampled_from(ALL_CLAIMS))
def test_the_verdict_is_deterministic(data_evidence, data, which):
    c = data_evidence.claims[which]
    as_of = _pick_as_of(data, c)
    first, second = assess(c, data_evidence, as_of), assess(c, data_evidence, as_of)
    assert first.model_dump_json() == second.model_dump_json()


def _shuffled(rng: random.Random, mapping: dict) -> dict:
    keys = list(mapping)
    rng.shuffle(keys)
    return {k: mapping[k] for k in keys}


@PROPERTY
@given(data=st.data(), which=st.sampled_from(ALL_CLAIMS), seed=st.integers(0, 2**32))
def test_reordering_the_evidence_does_not_change_the_verdict(data_evidence, data, which, seed):
    rng = random.Random(seed)
    c = data_evidence.claims[which]
    as_of = _pick_as_of(data, c)
    shuffled = dataclasses.replace(
        data_evidence,
        originators=_shuffled(rng, data_evidence.originators),
        sources=_shuffled(rng, data_evidence.sources),
        figures=_shuffled(rng, data_evidence.figures),
        events=_shuffled(rng, data_evidence.events),
    )
    assert public(assess(c, shuffled, as_of)) == public(assess(c, data_evidence, as_of))


# --------------------------------------------------------------------------- event claims


def test_event_claim_counts_first_hand_reports_not_echoes():
    ev = make_evidence(
        originators=[originator("ru"), originator("outlet", kind="news-outlet")],
        sources=[
            source("wire", "ru", published=dt.date(2025, 4, 26)),
            source("echo", "ru", published=dt.date(2025, 4, 27), derived_from=["wire"]),
            source("own", "outlet", published=dt.date(2025, 4, 26), reliability="C"),
        ],
    )
    ev = dataclasses.replace(
        ev,
        events={
            e.id: e
            for e in [
                event("e1", "wire", dt.date(2025, 4, 26), repeatable=False),
                event("e2", "echo", dt.date(2025, 4, 26), repeatable=False),
            ]
        },
    )
    c = claim(
        kind="event",
        event="confirms",
        period={"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)},
        as_of=dt.date(2025, 6, 30),
    )
    one = assess(c, ev)
    assert one.label == "mostly-true"
    assert one.originators("supports") == ["ru"]  # the body whose statement is reported
    ev = dataclasses.replace(
        ev,
        events={**ev.events, "e3": event("e3", "own", dt.date(2025, 4, 26), repeatable=False)},
    )
    assert assess(c, ev).label == "true"
    outside = c.model_copy(
        update={
            "period": c.period.model_copy(
                update={"start": dt.date(2025, 5, 1), "end": dt.date(2025, 5, 31)}
            )
        }
    )
    assert assess(outside, ev).label == "false"


# --------------------------------------------------------------------------- flags


def test_denominators_ignore_a_figure_graded_d_to_f_on_a_credible_document():
    lines = [
        one_line("di", 6000, qualifier="more than"),
        one_line("mnd", 11000, metric="deployed"),
        one_line("nis", 15000, metric="deployed_total", refers_to=DAY - dt.timedelta(days=1)),
        # a later total, but its originator is graded E although the document is B
        one_line("kp", 900, metric="deployed_total"),
    ]
    ev = evidence_from_lines(*lines)
    ev = dataclasses.replace(
        ev,
        figures={
            **ev.figures,
            "kp-fig": ev.figures["kp-fig"].model_copy(update={"reliability": "E"}),
        },
    )
    v = assess(claim(share=0.5), ev)
    assert v.denominators["deployed_total"]["figure"] == "nis-fig"
    assert "denominator" in {f.code for f in v.flags}


def test_terminology_and_hedge_flags():
    lines = [one_line("di", 6000, qualifier="more than", hedge="highly likely")]
    casualties = assess(claim(), evidence_from_lines(*lines))
    assert {"hedge-dropped", "single-originator"} <= {f.code for f in casualties.flags}
    assert casualties.probability == "highly likely"
    hedged = claim(hedge="highly likely")
    assert "hedge-dropped" not in {
        f.code for f in assess(hedged, evidence_from_lines(*lines)).flags
    }
    killed = assess(claim(metric="killed"), evidence_from_lines(*lines))
    assert "terminology" in {f.code for f in killed.flags}
    assert killed.label == "unproven"
