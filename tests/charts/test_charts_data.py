"""Chart data selection: pure functions from evidence and verdict to DataFrames, no drawing.

Each fixture is a few hand-written rows built for the rule it pins.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import claim, event, figure, make_evidence, originator, source

from factcheck.charts import (
    echoes_data,
    echoes_title,
    estimates_data,
    estimates_title,
    events_data,
    events_title,
    history_data,
    history_title,
    palette,
    share_data,
    share_title,
)
from factcheck.charts.layout import spread
from factcheck.verdict import assess

JAN, MAR, JUN = dt.date(2025, 1, 10), dt.date(2025, 3, 10), dt.date(2025, 6, 15)


def _base(*figures, originators=("alpha", "beta"), sources=None):
    return make_evidence(
        originators=[originator(o, name=f"Body {o.title()}") for o in originators],
        sources=sources or [source(f"{o}-doc", o, published=JAN) for o in originators],
        figures=figures,
    )


def test_a_killed_claim_plots_killed_figures_only():
    ev = _base(
        figure("a-killed", "alpha-doc", 600, metric="killed", refers_to=JAN),
        figure("a-cas", "alpha-doc", 3000, metric="casualties", refers_to=JAN),
        figure("b-wounded", "beta-doc", 2000, metric="wounded", refers_to=JAN),
    )
    c = claim(6000, ">", metric="killed", as_of=JUN)
    data = estimates_data(ev, c, assess(c, ev))
    assert list(data["metric"]) == ["killed"]
    assert list(data["point"]) == [600]


def test_estimates_are_the_stated_numbers_never_sums_of_a_base_and_reinforcements():
    ev = _base(
        figure("a-base", "alpha-doc", 11000, metric="deployed", refers_to=JAN),
        figure("a-more", "alpha-doc", 3000, metric="reinforcements", refers_to=MAR),
    )
    c = claim(3000, "~", metric="reinforcements", as_of=JUN)
    data = estimates_data(ev, c, assess(c, ev))
    assert list(data["point"]) == [3000]
    both = estimates_data(ev, c, assess(c, ev), metrics=("deployed", "reinforcements"))
    assert sorted(both["point"]) == [3000, 11000]  # each as stated; nothing adds them up


def test_a_figure_is_knowable_only_once_its_document_was_public_by_the_as_of_date():
    ev = _base(
        figure("a-fig", "alpha-doc", 4000, refers_to=JAN),
        figure("b-fig", "beta-doc", 5000, refers_to=JAN),
        figure("u-fig", "undated-doc", 7000, refers_to=JAN),
        originators=("alpha", "beta", "undated"),
        sources=[
            source("alpha-doc", "alpha", published=JAN),
            source("beta-doc", "beta", published=dt.date(2025, 7, 1)),
            source("undated-doc", "undated", published=None),
        ],
    )
    c = claim(6000, ">", as_of=JUN)
    dated = _base(figure("a-fig", "alpha-doc", 4000, refers_to=JAN))  # the engine needs dates
    data = estimates_data(ev, c, assess(c, dated))
    assert dict(zip(data["point"], data["knowable"], strict=True)) == {
        4000: True,
        5000: False,
        7000: False,
    }


def test_only_figures_of_credible_lines_that_support_or_contradict_decide():
    ev = _base(
        figure("a-fig", "alpha-doc", 7000, refers_to=JAN),  # B: credible, supports > 6,000
        figure("b-fig", "beta-doc", 7000, refers_to=JAN),  # E: not credible
        sources=[
            source("alpha-doc", "alpha", published=JAN, reliability="B"),
            source("beta-doc", "beta", published=JAN, reliability="E"),
        ],
    )
    c = claim(6000, ">", as_of=JUN)
    data = estimates_data(ev, c, assess(c, ev))
    assert dict(zip(data["originator"], data["decides"], strict=True)) == {
        "Body Alpha": True,
        "Body Beta": False,
    }


def test_an_originator_has_one_style_in_every_chart_of_a_report_and_its_colour_in_the_next():
    ev = _base(
        figure("a-fig", "alpha-doc", 7000, refers_to=JAN),
        figure("b-fig", "beta-doc", 600, metric="killed", refers_to=JAN),
    )
    casualties, killed = claim(6000, ">", as_of=JUN), claim(6000, ">", metric="killed", as_of=JUN)
    first, second = assess(casualties, ev), assess(killed, ev)
    one = estimates_data(ev, casualties, first, metrics=("casualties", "killed"))
    echoes = echoes_data(ev, first)
    styles = {(r.originator, r.color, r.marker) for f in (one, echoes) for r in f.itertuples()}
    assert len({name for name, _, _ in styles}) == len(styles) == 2  # one report: one style each
    other = estimates_data(ev, killed, second, metrics=("casualties", "killed"))
    # another report: whoever decides there is drawn in its own home colour
    for frame, report in ((one, first), (other, second)):
        for r in frame.itertuples():
            decides = r.originator_id in {ln.id for ln in report.lines if ln.decides}
            assert r.color == (palette(ev, report)[r.originator_id][0])
            assert (r.color != "#9a9a9a") == decides


def test_deciders_take_their_home_colours_in_file_order_and_the_rest_is_grey():
    ev = _base(
        figure("b-fig", "beta-doc", 7000, refers_to=JAN),
        originators=("alpha", "beta", "gamma"),
    )
    c = claim(6000, ">", as_of=JUN)
    table = palette(ev, assess(c, ev))
    assert table["beta"][0] == "#D55E00"  # second in the file: the second colour
    assert {table[o][0] for o in ("alpha", "gamma", "claimant")} == {"#9a9a9a"}
    assert len(set(table.values())) == len(table)


def test_event_claims_get_the_reports_of_the_claimed_event_with_their_stance():
    ev = make_evidence(
        originators=[originator("ru", name="Russian General Staff")],
        sources=[source("ru-doc", "ru", published=dt.date(2025, 4, 27))],
        events=[
            event("e1", "ru-doc", dt.date(2025, 4, 26), type="acknowledges"),
            event("e2", "ru-doc", dt.date(2025, 4, 26), type="unrelated"),
        ],
    )
    c = claim(
        kind="event",
        event="acknowledges",
        period={"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)},
        as_of=JUN,
    )
    data = events_data(ev, c, assess(c, ev))
    assert list(data["summary"]) == ["summary"]
    assert list(data["stance"]) == ["supports"]
    assert events_title(data) == (
        "Russian General Staff is the first of 1 report placing the event in the claimed "
        "period (26 Apr 2025)"
    )


def test_echo_counts_are_the_verdicts_own_document_counts():
    ev = make_evidence(
        originators=[originator("ukdi", name="UK Defence Intelligence (UK Ministry of Defence)")],
        sources=[
            source("post", "ukdi", published=JAN),
            *(source(f"echo-{i}", "ukdi", published=MAR, derived_from=["post"]) for i in range(3)),
        ],
        figures=[figure("di", "post", 7000, refers_to=JAN)],
    )
    c = claim(6000, ">", as_of=JUN)
    verdict = assess(c, ev)
    data = echoes_data(ev, verdict)
    assert list(data["documents"]) == [line.documents for line in verdict.lines] == [4]
    assert list(data["first_public"]) == [JAN]
    assert (
        echoes_title(data) == "All 4 documents carry one originator's word: UK Defence Intelligence"
    )


def test_the_share_is_taken_of_each_total_a_source_stated():
    ev = _base(
        figure("a-first", "alpha-doc", 12000, metric="deployed", qualifier="approximately"),
        figure("a-all", "alpha-doc", 15000, metric="deployed_total", refers_to=MAR),
        figure("b-cas", "beta-doc", 6000, qualifier="more than"),
    )
    c = claim(6000, ">", as_of=JUN)
    data = share_data(ev, c, assess(c, ev))
    assert list(data["total"]) == ["the first deployment", "all troops sent"]
    assert list(data["stated"]) == ["about 12,000", "15,000"]
    assert share_title(data) == (
        "6,000 casualties would be 50% of the first deployment but 40% of all troops sent"
    )


def test_history_keeps_changes_up_to_the_as_of_date_only():
    verdict = type("V", (), {"as_of": MAR})()
    points = [(JAN, "unproven"), (JAN, "unproven"), (dt.date(2025, 2, 1), "true"), (JUN, "false")]
    data = history_data(verdict, points)
    assert list(data["label"]) == ["unproven", "true"]
    assert history_title(data) == "Rated True since 1 Feb 2025; Unproven before"


def test_titles_state_the_finding_against_the_claim():
    ev = _base(
        figure("a-fig", "alpha-doc", 4000, qualifier="approximately", refers_to=JAN),
        figure("b-fig", "beta-doc", 6000, qualifier="more than", refers_to=MAR),
    )
    c = claim(6000, ">", as_of=JUN)
    data = estimates_data(ev, c, assess(c, ev))
    # as the verdict weighed them: an earlier, lower running total rules nothing out
    assert estimates_title(data, c) == (
        "Body Beta's more than 6,000 (Mar 2025) supports the claim; "
        "no credible estimate contradicts it"
    )
    # without a claim, the range of the latest estimates
    assert estimates_title(data) == (
        "Latest estimates of casualties run from about 4,000 (Body Alpha) to more than 6,000 "
        "(Body Beta)"
    )


def test_a_title_opening_with_a_figure_from_a_glossed_name_starts_with_a_capital():
    ev = make_evidence(
        originators=[originator("beta", name="Unnamed 'officials' (Wire B)")],
        sources=[source("beta-doc", "beta", published=JAN)],
        figures=[figure("b-fig", "beta-doc", 6000, qualifier="more than", refers_to=MAR)],
    )
    c = claim(6000, ">", as_of=JUN)
    assert estimates_title(estimates_data(ev, c, assess(c, ev)), c) == (
        "More than 6,000 from Unnamed 'officials' (Mar 2025) supports the claim; "
        "no credible estimate contradicts it"
    )


def test_a_title_names_the_credible_estimates_on_both_sides():
    ev = _base(
        figure("a-fig", "alpha-doc", 8000, refers_to=JAN),
        figure("b-fig", "beta-doc", 3000, qualifier="up to", refers_to=JUN),
        sources=[source("alpha-doc", "alpha", published=JAN), source("beta-doc", "beta")],
    )
    c = claim(6000, ">", as_of=JUN)  # about the claim's own date, 15 June
    data = estimates_data(ev, c, assess(c, ev))
    assert estimates_title(data, c) == (
        "Body Alpha's 8,000 (Jan 2025) supports the claim; "
        "Body Beta's up to 3,000 (Jun 2025) contradicts it"
    )


def test_data_selection_of_an_empty_base_gives_empty_frames_and_plain_titles():
    ev = make_evidence()
    c = claim(6000, ">", as_of=JUN)
    verdict = assess(c, ev)
    assert estimates_title(estimates_data(ev, c, verdict), c).startswith(
        "No estimates of casualties were published by 15 Jun 2025"
    )
    assert echoes_data(ev, verdict).empty is (not verdict.lines)
    assert share_data(ev, c, verdict).empty


@pytest.mark.parametrize(
    ("wanted", "heights", "expected"),
    [
        ([5.0], [1.0], [5.0]),  # alone: exactly where wanted
        ([5.0, 5.2], [1.0, 1.0], [5.0, 6.0]),  # the upper one moves up
        ([9.8, 9.9], [1.0, 1.0], [8.5, 9.5]),  # pushed down from the top
        ([0.0], [1.0], [0.5]),  # kept inside from below
    ],
)
def test_labels_are_spread_apart_without_overlap_inside_the_range(wanted, heights, expected):
    assert spread(wanted, heights, 0, 10) == pytest.approx(expected)


def test_labels_that_cannot_all_fit_share_the_range_evenly_in_order():
    placed = spread([1, 1, 1, 1], [5, 5, 5, 5], 0, 10)
    assert placed == pytest.approx([1.25, 3.75, 6.25, 8.75])


def _lines(*counts):
    """An echoes frame as echoes_data makes it, with these document counts (largest first)."""
    import pandas as pd

    names = [f"Body {chr(65 + i)}" for i in range(len(counts))]
    return pd.DataFrame({"originator": names, "documents": list(counts)})


@pytest.mark.parametrize(
    ("counts", "title"),
    [
        ((1,), "One document carries the evidence, from Body A"),
        ((4,), "All 4 documents carry one originator's word: Body A"),
        ((1, 1), "2 documents, each carrying a different originator's word: no echoes"),
        (
            (23, 1, 1),
            "25 documents carry the word of 3 originators; 23 of them carry Body A's word",
        ),
    ],
)
def test_the_echoes_title_is_true_of_the_counts_it_describes(counts, title):
    assert echoes_title(_lines(*counts)) == title
