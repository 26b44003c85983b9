"""Rule 11: every sentence the engine writes is true of its case. Whole sentences, not fragments."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import DAY, claim, figure, make_evidence, originator, source

from factcheck.verdict import assess

BEFORE = DAY - dt.timedelta(days=200)
LATER = DAY + dt.timedelta(days=30)


def lines_base(*specs):
    """Evidence from (originator id, reliability, figure kwargs): one document each."""
    originators, sources, figures = [], [], []
    for org_id, grade, fig_kw in specs:
        originators.append(originator(org_id, name=f"The {org_id.upper()} body"))
        when = fig_kw.get("refers_to", DAY)
        sources.append(source(f"{org_id}-doc", org_id, published=when, reliability=grade))
        figures.append(figure(f"{org_id}-fig", f"{org_id}-doc", **fig_kw))
    return make_evidence(originators=originators, sources=sources, figures=figures)


SUP = {"low": 6000, "qualifier": "more than"}
CON = {"low": 2000, "qualifier": "approximately", "refers_to": LATER}
INC = {"low": 4000, "refers_to": BEFORE}
CLAIM = claim(as_of=LATER)  # late enough to know every figure above

SUMMARIES = [
    (
        "one support, one inconclusive line: singular verbs",
        [("di", "B", SUP), ("nis", "B", INC)],
        "The DI body supports the claim and no credible originator contradicts it; "
        "1 other line of evidence neither confirms nor rules it out.",
    ),
    (
        "one support and nothing else: no '0 lines'",
        [("di", "B", SUP)],
        "The DI body supports the claim and no credible originator contradicts it.",
    ),
    (
        "one support against two contradictions: each verb agrees with its subject",
        [("di", "B", SUP), ("nis", "B", CON), ("jcs", "C", CON)],
        "The DI body supports the claim but The JCS body and The NIS body contradict it.",
    ),
    (
        "nothing in scope",
        [],
        "No credible evidence published by 15 July 2025 decides the claim.",
    ),
    (
        "two inconclusive lines",
        [("nis", "B", INC), ("jcs", "B", INC)],
        "No credible evidence published by 15 July 2025 decides the claim; 2 lines of evidence are inconclusive.",
    ),
]


@pytest.mark.parametrize(("why", "specs", "sentence"), SUMMARIES, ids=[r[0] for r in SUMMARIES])
def test_summary_sentences(why, specs, sentence):
    assert assess(CLAIM, lines_base(*specs)).summary == sentence, why


TRAIL = [
    (
        "grading names only the tallies that exist",
        [("di", "B", SUP)],
        "Grading: credibility 2 (probably true), from 1 supporting credible line of evidence (reliability A to C).",
    ),
    (
        "grading with a weak line: singular, no 'line(s)'",
        [("di", "B", SUP), ("kp", "E", CON)],
        "Grading: credibility 2 (probably true), from 1 supporting credible line of evidence (reliability A to C). "
        "1 line of evidence graded D to F is shown but does not decide.",
    ),
    (
        "comparison with one line",
        [("di", "B", SUP)],
        "Comparison: 1 line of evidence supports: The DI body: more than 6,000 casualties by 15 June 2025 implies more than 6,000 casualties.",
    ),
    (
        "sensitivity names the line, never its id",
        [("di", "B", SUP)],
        "Sensitivity: leaving out The DI body changes the label; the verdict hangs on it.",
    ),
    (
        "a lone hedged source bounds the probability",
        [("di", "B", {**SUP, "hedge": "likely"})],
        "Probability that the claim is true: likely (55–75% on the UK yardstick), "
        "lowered to match The DI body, which itself said 'likely'.",
    ),
]


@pytest.mark.parametrize(("why", "specs", "sentence"), TRAIL, ids=[r[0] for r in TRAIL])
def test_trail_sentences(why, specs, sentence):
    assert sentence in assess(CLAIM, lines_base(*specs)).reasoning, why


def test_a_later_open_ended_figure_is_not_said_to_cap_the_earlier_count():
    v = assess(
        CLAIM,
        lines_base(("di", "B", {"low": 9000, "qualifier": "more than", "refers_to": LATER})),
    )
    assert v.lines[0].reason == (
        "more than 9,000 casualties by 15 July 2025 neither shows nor rules out more than 6,000 casualties "
        "(it counts up to 15 July 2025, after the claim's date; an open-ended later count says nothing about the earlier one)"
    )


def test_echo_counts_leave_out_the_original_and_pages_nobody_found():
    ev = lines_base(("di", "B", SUP))
    found = [source(f"echo-{i}", "di", derived_from=["di-doc"]) for i in range(3)]
    unfound = source("lost", "di", derived_from=["di-doc"], url=None, status="unverified")
    ev = dataclasses.replace(ev, sources={**ev.sources, **{s.id: s for s in [*found, unfound]}})
    flag = next(f for f in assess(CLAIM, ev).flags if f.code == "echo-amplification")
    assert flag.text == (
        "3 other documents repeat the figure from The DI body; with the original they are one line of evidence, not 4."
    )


def test_stale_is_measured_on_the_deciding_lines_only():
    old_inconclusive = ("nis", "B", {"low": 100, "refers_to": BEFORE})
    fresh = assess(CLAIM, lines_base(("di", "B", SUP), old_inconclusive))
    assert "stale" not in {f.code for f in fresh.flags}
    old_support = ("di", "B", {"low": 7000, "refers_to": BEFORE})
    stale = assess(CLAIM, lines_base(old_support))
    assert [f.text for f in stale.flags if f.code == "stale"] == [
        "The newest deciding evidence describes 27 November 2024, 200 days before the date the claim describes."
    ]


def test_no_terminology_warning_when_the_verdict_rests_on_a_killed_figure():
    killed = claim(metric="killed", as_of=LATER)
    direct = lines_base(
        (
            "nis",
            "B",
            {"low": 2000, "metric": "killed", "qualifier": "approximately", "refers_to": LATER},
        )
    )
    assert "terminology" not in {f.code for f in assess(killed, direct).flags}
    wider = lines_base(("di", "B", SUP))
    assert [f.text for f in assess(killed, wider).flags if f.code == "terminology"] == [
        "The claim says killed; evidence in scope counts casualties, which include more than killed "
        "and cannot show how many were killed."
    ]


def test_no_sentence_has_line_s_or_zero_lines():
    for specs in ([], [("di", "B", SUP)], [("di", "B", SUP), ("kp", "E", CON), ("nis", "B", INC)]):
        v = assess(CLAIM, lines_base(*specs))
        text = " ".join([*v.reasoning, v.summary, *v.why, v.how_sure])
        assert "(s)" not in text
        assert "0 lines" not in text
        assert "0 supporting" not in text and "0 contradicting" not in text


WHY = [
    (
        "a contradicting source says what it put the figure at",
        claim(as_of=LATER),
        [("nis", "B", CON)],
        "The NIS body put it at about 2,000 casualties by 15 July 2025, which rules the claim out.",
    ),
    (
        "a killed claim judged on casualty figures says casualties are not deaths",
        claim(metric="killed", as_of=LATER),
        [("di", "B", SUP)],
        "Casualty figures count the wounded as well as the dead, so they cannot show how many were killed.",
    ),
    (
        "nothing decides",
        claim(as_of=LATER),
        [],
        "No reliable source had published evidence that settles the claim by 15 July 2025.",
    ),
    (
        "other estimates are listed with their dates",
        claim(as_of=LATER),
        [("di", "B", SUP), ("nis", "B", INC)],
        "Other estimates do not settle it either way: The NIS body, 4,000 casualties by 27 November 2024.",
    ),
]


@pytest.mark.parametrize(("why", "c", "specs", "sentence"), WHY, ids=[r[0] for r in WHY])
def test_why_bullets(why, c, specs, sentence):
    v = assess(c, lines_base(*specs))
    assert sentence in v.why, why
    assert 3 <= len(v.why) <= 5
