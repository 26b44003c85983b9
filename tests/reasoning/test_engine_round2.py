"""Issue 20's rule classes: one rule-table test and whole-sentence tests per class, each on a
small evidence base written for the rule (never the seed data)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import DAY, claim, event, figure, make_evidence, originator, source

from factcheck.reasoning import rules
from factcheck.reasoning.model import Line
from factcheck.verdict import assess, decide

LATER = DAY + dt.timedelta(days=30)
APRIL = {"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)}
MARCH = {"start": dt.date(2025, 3, 1), "end": dt.date(2025, 3, 31)}
SAID_ON = dt.date(2025, 4, 26)


# --------------------------------------------------------------------------- class 1: statements


def _statement_base(*reports, repeatable=False):
    """Russia's General Staff (a party) made one statement; each report is (source kwargs)."""
    sources, events = [], []
    for i, kw in enumerate(reports):
        kw = dict(kw)
        sid = kw.pop("id", f"report-{i}")
        when = kw.pop("date", SAID_ON)
        sources.append(source(sid, kw.pop("carries", "ru"), published=when, **kw))
        events.append(
            event(
                f"e{i}",
                sid,
                when,
                type="ru-acknowledges",
                originator="ru",
                summary="Russia's General Staff acknowledges the troops",
                repeatable=repeatable,
            )
        )
    sources.append(source("di-post", "di", published=SAID_ON))
    return make_evidence(
        originators=[
            originator("ru", party=True, name="Russia's General Staff"),
            originator("di", name="UK Defence Intelligence"),
        ],
        sources=sources,
        events=events,
    )


def _said(kind="statement", period=APRIL):
    return claim(kind=kind, event="ru-acknowledges", period=period, as_of=LATER)


AL = {"outlet": "Al Jazeera"}
PO = {"outlet": "Politico Europe"}
STATEMENTS = [
    ("two independent outlets report the statement", "statement", [AL, PO], "true"),
    ("one outlet reports it", "statement", [AL], "mostly-true"),
    (
        "a copy of another outlet's report is that outlet's line",
        "statement",
        [{**AL, "id": "aj"}, {**PO, "derived_from": ["aj"]}],
        "mostly-true",
    ),
    (
        "a page that echoes an unrelated document still reports the statement itself",
        "statement",
        [AL, {**PO, "derived_from": ["di-post"]}],
        "true",
    ),
    ("a party's own channel is an outlet too", "statement", [AL, {"outlet": "TASS"}], "true"),
    (
        "as an event claim, the line is the body that acted: one body, never True",
        "event",
        [AL, PO],
        "mostly-true",
    ),
]


@pytest.mark.parametrize(
    ("why", "kind", "reports", "label"), STATEMENTS, ids=[r[0] for r in STATEMENTS]
)
def test_a_statement_is_documented_by_the_outlets_that_reported_it(why, kind, reports, label):
    v = assess(_said(kind), _statement_base(*reports))
    assert v.label == label, why


def test_a_one_time_statement_reported_on_another_date_contradicts():
    v = assess(_said(period=MARCH), _statement_base(AL, PO))
    assert v.label == "false"


def test_statement_sentences_name_the_outlets_and_keep_the_speakers_stake_apart():
    v = assess(_said(), _statement_base(AL, PO))
    assert v.why[:2] == (
        "Al Jazeera reported it on 26 April 2025: Russia's General Staff acknowledges the troops.",
        "Politico Europe reported it on 26 April 2025: Russia's General Staff acknowledges the troops.",
    )
    assert (
        "That Russia's General Staff made the statement is documented by the outlets that reported "
        "it; it is a party to the conflict, so what the statement asserts is another question, "
        "which this rating does not judge."
    ) in v.why
    assert "party-to-conflict" not in {f.code for f in v.flags}
    assert (
        "Independence: 2 reports from 2 documents come from 2 independent outlets: the claim is "
        "that a statement was made, which the outlets that reported it document; a copy of another "
        "outlet's report is that outlet's line of evidence. The speaker's stake bears on what it "
        "said, not on whether it said it."
    ) in v.reasoning


# --------------------------------------------------------------------------- class 2: repeatable


def _visit_base(*rows):
    """A visit reported on 4 June by one credible body; rows: (event date, repeatable)."""
    events = [
        event(f"v{i}", "di-post", when, type="visit", originator="di", repeatable=rep)
        for i, (when, rep) in enumerate(rows)
    ]
    return make_evidence(
        originators=[originator("di", name="UK Defence Intelligence")],
        sources=[source("di-post", "di", published=dt.date(2025, 6, 15))],
        events=events,
    )


JUNE_4 = dt.date(2025, 6, 4)
REPEATABLE = [
    ("a repeatable event on another date says nothing", [(JUNE_4, True)], MARCH, "unproven"),
    ("a one-time event on another date contradicts", [(JUNE_4, False)], MARCH, "mostly-false"),
    (
        "one row saying repeatable makes the type repeatable",
        [(JUNE_4, False), (JUNE_4, True)],
        MARCH,
        "unproven",
    ),
    (
        "a repeatable event inside the period supports",
        [(JUNE_4, True)],
        {"start": dt.date(2025, 6, 1), "end": dt.date(2025, 6, 30)},
        "mostly-true",
    ),
]


@pytest.mark.parametrize(
    ("why", "rows", "period", "label"), REPEATABLE, ids=[r[0] for r in REPEATABLE]
)
def test_only_one_time_events_are_contradicted_by_another_date(why, rows, period, label):
    c = claim(kind="event", event="visit", period=period, as_of=LATER)
    assert assess(c, _visit_base(*rows)).label == label, why


def test_a_repeatable_event_elsewhere_is_said_to_say_nothing_about_the_period():
    c = claim(kind="event", event="visit", period=MARCH, as_of=LATER)
    v = assess(c, _visit_base((JUNE_4, True)))
    assert v.lines[0].reason == (
        "reported as happening on 4 June 2025, outside 1 March 2025 to 31 March 2025; it can happen "
        "more than once, so this says nothing about that period"
    )
    once = assess(c, _visit_base((JUNE_4, False)))
    assert once.lines[0].reason == (
        "reported as happening on 4 June 2025, outside 1 March 2025 to 31 March 2025, and it happens only once"
    )


# --------------------------------------------------------------------------- class 3: claimant


def _line(id: str, grade: str = "B", claimant: bool = False, hedge: str | None = None) -> Line:
    return Line(
        id=id,
        name=id,
        stance="supports",
        reliability=grade,
        credible=True,
        party_to_conflict=False,
        item_id=f"{id}-fig",
        reason="r",
        hedge=hedge,
        documents=1,
        claimant=claimant,
    )


CLAIMANT = [
    (
        "the claimant's own line alone",
        [_line("di", claimant=True)],
        ("mostly-true", 2, "highly likely"),
    ),
    (
        "the claimant's own and one other: confirmed once, not twice",
        [_line("di", claimant=True), _line("nis", "C")],
        ("mostly-true", 2, "highly likely"),
    ),
    (
        "the claimant's own and two others",
        [_line("di", claimant=True), _line("nis", "C"), _line("jcs", "C")],
        ("true", 1, "almost certain"),
    ),
    (
        "two lines, no claimant among them",
        [_line("nis", "C"), _line("jcs", "C")],
        ("true", 1, "almost certain"),
    ),
    (
        "the claimant's own line graded C",
        [_line("di", "C", claimant=True)],
        ("mostly-true", 3, "likely"),
    ),
]


@pytest.mark.parametrize(("why", "lines", "expected"), CLAIMANT, ids=[r[0] for r in CLAIMANT])
def test_the_claimants_own_line_is_never_independent_confirmation(why, lines, expected):
    d = decide(lines)
    assert (d.label, d.credibility, d.probability) == expected, why


def _estimates(*specs):
    originators, sources, figures = [], [], []
    for org_id, fig_kw in specs:
        originators.append(originator(org_id, name=f"The {org_id.upper()} body"))
        when = fig_kw.get("refers_to", DAY)
        sources.append(source(f"{org_id}-doc", org_id, published=when))
        figures.append(figure(f"{org_id}-fig", f"{org_id}-doc", **fig_kw))
    return make_evidence(originators=originators, sources=sources, figures=figures)


DI_6000 = {"low": 6000, "qualifier": "more than", "hedge": "highly likely"}
NIS_4700 = {"low": 4700, "qualifier": "approximately", "refers_to": DAY - dt.timedelta(days=46)}


def test_the_claimants_own_line_is_said_to_be_its_own_estimate_on_page_one():
    v = assess(claim(originator="di", as_of=LATER), _estimates(("di", DI_6000), ("nis", NIS_4700)))
    assert v.label == "mostly-true"
    assert v.why[:2] == (
        "The claim restates the estimate of its own source, The DI body: more than 6,000 casualties by 15 June 2025, "
        "which it called highly likely. That shows what it said, not that anyone independent "
        "confirmed it.",
        "No independent source had confirmed it by 15 July 2025; none of the other estimates "
        "rules it out.",
    )
    assert v.summary.startswith(
        "Only The DI body, whose own word the claim restates, supports it; no independent source "
        "confirms it and no credible originator contradicts it; 1 other line of evidence neither "
        "confirms nor rules it out."
    )
    assert v.how_sure == (
        "We judge it highly likely (80 to 90 in 100) that the claim is true, because it rests on "
        "the claimant's own word, The DI body, which itself said 'highly likely'."
    )
    assert (
        "Grading: credibility 2 (probably true), from 1 supporting credible line of evidence "
        "(reliability A to C). The DI body is the claimant's own line of evidence: it shows what "
        "the claim's source said, not independent confirmation, so no other line of evidence "
        "confirms the claim."
    ) in v.reasoning


def test_the_claimants_own_line_confirmed_by_others_does_not_say_nobody_confirmed_it():
    """The index shows the first why-bullet alone: beside a True rating it must not say that no
    independent source confirmed the claim when two did."""
    nis = {"low": 7000}
    jcs = {"low": 7500}
    ev = _estimates(("di", DI_6000), ("nis", nis), ("jcs", jcs))
    v = assess(claim(originator="di", as_of=LATER), ev)
    assert v.label == "true"
    assert v.why[0] == (
        "The claim restates the estimate of its own source, The DI body: more than 6,000 casualties by 15 June 2025, "
        "which it called highly likely. That shows what it said; the independent sources below "
        "confirm it."
    )
    assert not any("not that anyone independent" in b for b in v.why)


def test_the_claimant_rule_is_printed_in_the_readme():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert rules.CLAIMANT_RULE in re.sub(r"\s+", " ", readme)


# --------------------------------------------------------------------------- class 4: share


DEPLOYED = [
    ("di", DI_6000),
    ("mnd", {"low": 11000, "metric": "deployed", "refers_to": DAY - dt.timedelta(days=200)}),
    ("nis", {"low": 15000, "metric": "deployed_total", "refers_to": DAY - dt.timedelta(days=40)}),
]
SHARE = [
    ("a claim that states no share", {}, False),
    ("a claim that states 'more than half'", {"share": 0.5}, True),
]


@pytest.mark.parametrize(("why", "kw", "flagged"), SHARE, ids=[r[0] for r in SHARE])
def test_the_denominator_warning_belongs_to_claims_that_state_a_share(why, kw, flagged):
    v = assess(claim(as_of=LATER, **kw), _estimates(*DEPLOYED))
    assert ("denominator" in {f.code for f in v.flags}) is flagged, why
    assert v.denominators["deployed"]["whole"] == 11000  # the data stays for the share section


def test_the_denominator_warning_says_both_shares():
    v = assess(claim(as_of=LATER, share=0.5), _estimates(*DEPLOYED))
    assert [f.text for f in v.flags if f.code == "denominator"] == [
        "6,000 is 55% of the 11,000 initially deployed but 40% of the 15,000 sent in all: any "
        "share depends on which total."
    ]


# --------------------------------------------------------------------------- class 8: small words


def test_a_yardstick_noun_takes_its_article():
    ev = _estimates(
        ("di", {"low": 6500}),
        ("nis", {"low": 2000, "qualifier": "approximately", "refers_to": LATER}),
    )
    v = assess(claim(as_of=LATER), ev)
    assert v.label == "mixed"
    assert v.how_sure == (
        "We judge it a realistic possibility (40 to 50 in 100) that the claim is true, because "
        "reliable sources disagree."
    )


def test_the_terminology_warning_says_when_killed_figures_were_present_but_do_not_settle_it():
    ev = _estimates(
        ("di", DI_6000),
        ("nis", {"low": 600, "metric": "killed", "refers_to": DAY - dt.timedelta(days=46)}),
    )
    v = assess(claim(metric="killed", as_of=LATER), ev)
    assert [f.text for f in v.flags if f.code == "terminology"] == [
        "The claim says killed; some evidence in scope counts casualties, which include more than "
        "killed and cannot show how many were killed; the killed figures in scope do not settle "
        "the claim."
    ]


# --------------------------------------------------------------------------- class 6: growth


def _counts(*rows):
    """Evidence from (originator, grade, value, refers_to[, qualifier]): one document each."""
    originators, sources, figures = {}, [], []
    for i, (org, grade, value, when, *qualifier) in enumerate(rows):
        originators[org] = originator(org, name=f"The {org.upper()} body")
        sources.append(source(f"{org}-doc-{i}", org, published=when, reliability=grade))
        figures.append(
            figure(
                f"{org}-fig-{i}",
                f"{org}-doc-{i}",
                value,
                refers_to=when,
                qualifier=(qualifier or ["exact"])[0],
            )
        )
    return make_evidence(originators=originators, sources=sources, figures=figures)


def _days(n: int) -> dt.date:
    return DAY - dt.timedelta(days=n)


# The NIS counted 1,500 thirty days before the claim's date and 3,000 two days before it:
# 75 a day, the fastest growth shown, so 3,000 can be at most 3,150 + 150 = 3,300 by DAY.
NIS = [("nis", "B", 1500, _days(22)), ("nis", "B", 3000, _days(2), "approximately")]
GROWTH = [
    ("fewer than 5,000, two days after about 3,000", ("<", 5000), NIS, "supports"),
    ("fewer than 3,200: the gap can close", ("<", 3200), NIS, "inconclusive"),
    ("more than 10,000: no growth shown gets there", (">", 10000), NIS, "contradicts"),
    ("one count and no growth shown: counts only grow", ("<", 5000), NIS[1:], "inconclusive"),
    (
        "a source graded D shows no growth that counts",
        ("<", 5000),
        [("nis", "D", 1500, _days(22)), ("nis", "B", 3000, _days(2), "approximately")],
        "inconclusive",
    ),
    (
        "another credible source's faster growth raises the ceiling",
        ("<", 5000),
        [*NIS, ("jcs", "C", 100, _days(60)), ("jcs", "C", 10100, _days(50))],
        "inconclusive",
    ),
]


def test_a_count_within_a_dated_window_is_growth_shown():
    """'A thousand in the last week' is 143 a day: the gap of 'fewer than 3,400' can close."""
    ev = _counts(*NIS)
    week = figure(
        "nsc-week",
        "nsc-doc",
        1000,
        metric="casualties_in_period",
        refers_to=_days(30),
        since=_days(37),
    )
    ev = make_evidence(
        originators=[*ev.originators.values(), originator("nsc", name="The NSC")],
        sources=[*ev.sources.values(), source("nsc-doc", "nsc", published=_days(30))],
        figures=[*ev.figures.values(), week],
    )
    under = claim(value=3400, comparator="<", as_of=LATER)
    assert assess(under, _counts(*NIS)).lines[0].stance == "supports"  # 75 a day: 3,300
    v = assess(under, ev)
    assert next(line for line in v.lines if line.id == "nis").stance == "inconclusive"
    assert any(
        "143 a day (The NSC: 1,000 casualties from 9 May 2025 to 16 May 2025)" in r
        for r in v.reasoning
    )


@pytest.mark.parametrize(("why", "claimed", "rows", "stance"), GROWTH, ids=[r[0] for r in GROWTH])
def test_an_earlier_count_is_held_to_the_fastest_growth_shown(why, claimed, rows, stance):
    comparator, value = claimed
    ev = _counts(*rows)
    v = assess(claim(value=value, comparator=comparator, as_of=LATER), ev)
    assert next(line for line in v.lines if line.id == "nis").stance == stance, why


def test_the_growth_ceiling_is_said_where_it_comes_from():
    ev = _counts(*NIS)
    v = assess(claim(value=5000, comparator="<", as_of=LATER), ev)
    assert v.lines[0].reason == (
        "about 3,000 casualties by 13 June 2025 implies fewer than 5,000 casualties (it counts up "
        "to 13 June 2025, 2 days before the claim's date; counts only grow, but at the fastest "
        "growth any credible source has shown (75 a day) it reaches at most 3,300 by 15 June 2025)"
    )
    assert (
        "Growth: a count made before the date the claim describes can have grown since, but no "
        "faster than any credible source has shown, between two of its own counts or within a "
        "dated window: on casualties, 75 a day (The NIS body: 1,500 casualties by 24 May 2025, "
        "then about 3,000 by 13 June 2025)."
    ) in v.reasoning


# --------------------------------------------------------------------------- class 7: revisions


REVISED_ON = DAY + dt.timedelta(days=100)


def _revision(revises: str | None = "nis-fig-0", by: str = "nis"):
    """The NIS said 600 killed on DAY; later a body said about 2,000 (revising it, or not)."""
    ev = make_evidence(
        originators=[originator("nis", name="The NIS body"), originator("jcs", name="The JCS")],
        sources=[
            source("nis-doc-0", "nis", published=DAY),
            source("later-doc", by, published=REVISED_ON),
        ],
        figures=[
            figure("nis-fig-0", "nis-doc-0", 600, metric="killed", qualifier="approximately"),
            figure(
                "later-fig",
                "later-doc",
                2000,
                metric="killed",
                qualifier="approximately",
                refers_to=REVISED_ON,
                revises=revises,
            ),
        ],
    )
    return ev


KILLED_UNDER_1000 = {"value": 1000, "comparator": "<", "metric": "killed"}
REVISIONS = [
    ("a figure that names the one it revises withdraws it", _revision(), REVISED_ON, "unproven"),
    (
        "without the link, the later count is weighed beside it",
        _revision(None),
        REVISED_ON,
        "mostly-true",
    ),
    ("before the revision is public, the earlier figure stands", _revision(), DAY, "mostly-true"),
    ("only an originator revises its own figure", _revision(by="jcs"), REVISED_ON, "mostly-true"),
]


@pytest.mark.parametrize(("why", "ev", "as_of", "label"), REVISIONS, ids=[r[0] for r in REVISIONS])
def test_a_revised_figure_no_longer_speaks_for_its_originator(why, ev, as_of, label):
    assert assess(claim(**KILLED_UNDER_1000, as_of=as_of), ev).label == label, why


def test_a_revision_is_said_and_dated_in_the_trail_and_the_history():
    v = assess(claim(**KILLED_UNDER_1000, as_of=REVISED_ON), _revision())
    assert (
        "Revisions: 1 figure revised by a later figure of the same originator (The NIS body: "
        "about 600 killed of 15 June 2025, revised on 23 September 2025) no longer speaks for it; without "
        "such a link a later figure is weighed beside the earlier one, not instead of it."
    ) in v.reasoning
    assert [(p.date, p.label) for p in v.history] == [
        (DAY, "mostly-true"),
        (REVISED_ON, "unproven"),
    ]


# --------------------------------------------------------------------------- class 5: shares


def _share_base(casualties: dict, share: tuple[int, int], same_statement: bool = True):
    """One body: a casualty count and a killed share (percent), in one statement or two."""
    share_day = DAY if same_statement else DAY - dt.timedelta(days=1)
    return make_evidence(
        originators=[originator("di", name="The DI body")],
        sources=[
            source("di-doc", "di", published=DAY),
            source("di-other", "di", published=DAY),
        ],
        figures=[
            figure("di-cas", "di-doc", **casualties),
            figure(
                "di-share",
                "di-doc" if same_statement else "di-other",
                share[0],
                share[1],
                metric="killed_share",
                qualifier="approximately",
                refers_to=share_day,
                stated="about a quarter",
            ),
        ],
    )


ABOUT_4000 = {"low": 4000, "qualifier": "approximately"}
SHARES = [
    (
        "a quarter of about 4,000 rules out 4,000 killed",
        ABOUT_4000,
        {"value": 4000, "comparator": "~"},
        True,
        "contradicts",
    ),
    (
        "a quarter of about 4,000 supports about 1,000 killed",
        ABOUT_4000,
        {"value": 1000, "comparator": "~", "tolerance": 0.15},
        True,
        "supports",
    ),
    (
        "a share of an open-ended count is a lower bound",
        {"low": 5000, "qualifier": "more than"},
        {"value": 1000, "comparator": "<"},
        True,
        "contradicts",
    ),
    (
        "a share from another statement is not combined",
        ABOUT_4000,
        {"value": 4000, "comparator": "~"},
        False,
        "inconclusive",
    ),
]


@pytest.mark.parametrize(
    ("why", "casualties", "claimed", "same", "stance"), SHARES, ids=[r[0] for r in SHARES]
)
def test_a_killed_share_with_a_casualty_count_bounds_a_killed_claim(
    why, casualties, claimed, same, stance
):
    v = assess(
        claim(metric="killed", as_of=LATER, **claimed), _share_base(casualties, (25, 25), same)
    )
    assert v.lines[0].stance == stance, (why, v.lines[0].reason)


def test_the_share_arithmetic_is_shown():
    v = assess(
        claim(metric="killed", value=4000, comparator="~", as_of=LATER),
        _share_base(ABOUT_4000, (25, 25)),
    )
    assert v.lines[0].reason == (
        "about 4,000 casualties, about a quarter of them killed, in one statement: 3,800 to 4,200 "
        "times 23.75% to 26.25% is 902 to 1,103 killed by 15 June 2025 rules out about 4,000 killed"
    )
    assert set(v.lines[0].item_ids) == {"di-cas", "di-share"}


def test_a_share_above_100_percent_is_refused():
    with pytest.raises(ValueError, match="expected a percentage from 0 to 100"):
        figure("x", "s", 120, metric="killed_share")


# --------------------------------------------------------------------------- validation


def test_a_claims_originator_and_a_figures_revision_must_exist(tmp_path):
    from data_base import copy_base, problems

    data = copy_base(tmp_path)
    claim_file = data / "claims" / "losses-4000.yaml"
    claim_file.write_text(
        claim_file.read_text(encoding="utf-8") + "originator: nobody\n", encoding="utf-8"
    )
    figures = data / "figures.csv"
    text = figures.read_text(encoding="utf-8").splitlines()
    text[0] += ",revises"
    text[1] += ",no-such-figure"
    text[2:] = [row + "," for row in text[2:]]
    figures.write_text("\n".join(text) + "\n", encoding="utf-8")
    found = problems(data)
    assert any("revises: unknown figure 'no-such-figure'" in p for p in found), found
    assert any("originator: unknown originator 'nobody'" in p for p in found), found


def test_one_confirmation_of_the_claimants_own_word_is_said_as_such():
    jcs = {"low": 6500, "refers_to": DAY}
    v = assess(claim(originator="di", as_of=LATER), _estimates(("di", DI_6000), ("jcs", jcs)))
    assert (v.label, v.probability) == ("mostly-true", "highly likely")
    assert v.how_sure == (
        "We judge it highly likely (80 to 90 in 100) that the claim is true, because one "
        "independent source, The JCS body, confirms the claimant's own word."
    )
    assert "The JCS body estimated 6,500 casualties by 15 June 2025." in v.why


def _revised_and_repeated(echo: bool):
    """The NIS said about 600 killed on DAY and revised it to about 2,000 a hundred days later
    (14 a day, were the two one body's growth); the JCS showed 1 a day; the West counted about
    1,000 long before. With `echo`, an outlet repeated the NIS's first document word for word."""
    early = DAY - dt.timedelta(days=150)
    sources = [
        source("nis-doc-0", "nis", published=DAY),
        source("nis-later", "nis", published=REVISED_ON),
        source("jcs-doc-0", "jcs", published=early),
        source("jcs-doc-1", "jcs", published=DAY - dt.timedelta(days=50)),
        source("west-doc", "west", published=early),
    ]
    first = figure("nis-fig-0", "nis-doc-0", 600, metric="killed", qualifier="approximately")
    figures = [
        first,
        figure(
            "nis-fig-1",
            "nis-later",
            2000,
            metric="killed",
            qualifier="approximately",
            refers_to=REVISED_ON,
            revises="nis-fig-0",
        ),
        figure("jcs-fig-0", "jcs-doc-0", 100, metric="killed", refers_to=early),
        figure(
            "jcs-fig-1", "jcs-doc-1", 200, metric="killed", refers_to=DAY - dt.timedelta(days=50)
        ),
        figure("west-fig", "west-doc", 1000, metric="killed", refers_to=early),
    ]
    if echo:
        sources.append(
            source("copy", "nis", published=DAY + dt.timedelta(days=1), derived_from=["nis-doc-0"])
        )
        figures.append(first.model_copy(update={"id": "copy-fig", "source": "copy"}))
    return make_evidence(
        originators=[
            originator("nis", name="The NIS body"),
            originator("jcs", name="The JCS body"),
            originator("west", name="The West"),
        ],
        sources=sources,
        figures=figures,
    )


def test_a_revision_withdraws_the_figure_in_every_copy_so_an_echo_changes_nothing():
    """A revised figure stops speaking for its originator wherever it is repeated: an echo of
    the withdrawn document must not keep it alive (here, as the start of a 14-a-day growth that
    would lift the West's old count out of reach of the claim)."""
    c = claim(2000, ">", "killed", claim_date=REVISED_ON + dt.timedelta(days=10))
    base = assess(c, _revised_and_repeated(echo=False))
    echoed = assess(c, _revised_and_repeated(echo=True))
    strip = {"documents", "echoes", "document_ids", "echo_ids", "item_id", "item_ids"}
    assert [line.model_dump(exclude=strip) for line in echoed.lines] == [
        line.model_dump(exclude=strip) for line in base.lines
    ]
    assert (echoed.label, echoed.probability) == (base.label, base.probability)
    west = next(line for line in echoed.lines if line.name == "The West")
    assert west.stance == "contradicts" and "(1 a day)" in west.reason
    assert sum("revised on" in s for s in echoed.reasoning) == 1
