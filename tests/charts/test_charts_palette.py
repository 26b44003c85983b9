"""The report's palette: colour only for the sources that decide, each its own, and the same in
every chart of a report and across reports (the rule is in `factcheck.charts.palette`).

Hand-written fixtures pin the rule; the seed claims pin what a reader of the reports sees.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import claim, figure, make_evidence, originator, source
from matplotlib.lines import Line2D

from factcheck import charts
from factcheck.charts.palette import GREY, MARKERS, OKABE_ITO, deciders, home_colour, palette
from factcheck.page import load_claim
from factcheck.verdict import assess

JAN, JUN = dt.date(2025, 1, 10), dt.date(2025, 6, 15)
DATA = Path(__file__).resolve().parents[2] / "data"
SEED = "dprk-kursk-casualties-6000"


def _deciding(*ids):
    """A verdict whose lines `ids` decide (what the palette reads of a verdict)."""
    return SimpleNamespace(
        lines=[SimpleNamespace(id=i, decides=True, item_ids=(), item_id="") for i in ids]
    )


def _bodies(n):
    return make_evidence(originators=[originator(f"o{i:02d}") for i in range(n)])


def _supporting(n):
    """n credible originators, each with one estimate above the claimed 6,000: all decide."""
    ids = [f"o{i:02d}" for i in range(n)]
    return make_evidence(
        originators=[originator(o, name=f"Body {o}") for o in ids],
        sources=[source(f"{o}-doc", o, published=JAN) for o in ids],
        figures=[
            figure(f"{o}-fig", f"{o}-doc", 7000 + i, refers_to=JAN) for i, o in enumerate(ids)
        ],
    )


def _coloured(frame):
    """originator -> (colour, marker) for the rows drawn in colour."""
    return {r.originator_id: (r.color, r.marker) for r in frame.itertuples() if r.color != GREY}


def test_only_the_deciders_are_coloured_the_rest_grey_with_markers_of_their_own():
    ev = _bodies(6)
    table = palette(ev, _deciding("o03"))
    assert table["o03"] == (OKABE_ITO[3], MARKERS[3])  # its home colour, its marker
    context = [style for oid, style in table.items() if oid != "o03"]
    assert {colour for colour, _ in context} == {GREY}
    markers = [marker for _, marker in context]
    assert len(set(markers)) == len(markers) == 6  # five bodies and the claimant
    assert MARKERS[3] not in markers  # the decider's marker is its own while markers last


def test_without_a_verdict_nobody_is_coloured():
    assert {colour for colour, _ in palette(_bodies(3)).values()} == {GREY}


def test_the_home_colour_is_the_file_position_over_seven_colours_and_never_yellow():
    ev = _bodies(16)
    homes = [home_colour(ev, f"o{i:02d}") for i in range(16)]
    assert homes[:7] == list(OKABE_ITO[:7])
    assert homes[7:14] == list(OKABE_ITO[:7])  # the eighth starts again at blue
    assert OKABE_ITO[7] not in homes  # yellow is faint on white: never a home colour


def test_a_collision_moves_the_later_decider_to_the_next_free_colour_only_in_that_report():
    ev = _bodies(10)  # o00 and o07 are both at home in blue
    both = palette(ev, _deciding("o07", "o00"))  # the verdict's order does not matter
    assert both["o00"][0] == OKABE_ITO[0]  # earlier in the file: keeps blue
    assert both["o07"][0] == OKABE_ITO[1]  # moved to the next free colour
    assert palette(ev, _deciding("o07"))["o07"][0] == OKABE_ITO[0]  # alone, at home again
    crowded = palette(ev, _deciding("o00", "o01", "o07"))  # blue and vermillion taken
    assert crowded["o07"][0] == OKABE_ITO[2]


def test_yellow_is_used_only_when_the_seven_other_colours_are_taken():
    ev = _bodies(10)
    seven = palette(ev, _deciding(*[f"o{i:02d}" for i in range(7)]))
    assert OKABE_ITO[7] not in {seven[f"o{i:02d}"][0] for i in range(7)}
    eight = palette(ev, _deciding(*[f"o{i:02d}" for i in range(8)]))
    assert eight["o07"][0] == OKABE_ITO[7]


def test_past_eight_deciders_colours_repeat_but_never_with_the_same_marker():
    ids = [f"o{i:02d}" for i in range(64)]
    table = palette(_bodies(64), _deciding(*ids))
    styles = [table[o] for o in ids]
    assert len({colour for colour, _ in styles[:8]}) == 8  # the first eight: every colour once
    assert len(set(styles)) == 64  # then colours repeat, each time with another marker
    first = dict(styles[:8])  # colour -> marker in the first round
    assert all(first[colour] != marker for colour, marker in styles[8:16])


def test_deciders_come_from_the_verdicts_own_lines():
    ev = _supporting(2)
    c = claim(6000, ">", as_of=JUN)
    verdict = assess(c, ev)
    assert deciders(ev, verdict) == [ln.id for ln in verdict.lines if ln.decides] == ["o00", "o01"]


@pytest.mark.parametrize("n", [3, 8, 11])
def test_in_each_chart_the_deciders_colours_are_pairwise_distinct(n):
    ev = _supporting(n)
    c = claim(6000, ">", as_of=JUN)
    verdict = assess(c, ev)
    for frame in (charts.estimates_data(ev, c, verdict), charts.echoes_data(ev, verdict)):
        styles = list(_coloured(frame).values())
        assert len(styles) == n  # every decider is coloured
        assert len(set(styles)) == n  # no two share colour and marker
        colours = [colour for colour, _ in styles]
        # colours are distinct as far as the palette goes; past eight they repeat, markers differ
        assert len(set(colours)) == min(n, len(OKABE_ITO))
    fig = charts.estimates_chart(charts.estimates_data(ev, c, verdict), title="t", claim=c)
    drawn = {
        line.get_color()
        for line in fig.axes[0].get_lines()
        if isinstance(line, Line2D) and line.get_color() in OKABE_ITO
    }
    # the estimates chart draws eight series apart (the rest fold into grey): all distinct
    assert len(drawn) == min(n, charts.estimates.MAX_SERIES, len(OKABE_ITO))


def _report(claim_id):
    c, ev = load_claim(claim_id, str(DATA))
    verdict = assess(c, ev, None)
    frames = [charts.echoes_data(ev, verdict)]
    if c.kind == "quantity":
        frames += [charts.estimates_data(ev, c, verdict), charts.share_data(ev, c, verdict)]
    else:
        frames.append(charts.events_data(ev, c, verdict))
    return ev, verdict, frames


def _one_style_per_originator(frames):
    seen: dict[str, set] = {}
    for frame in frames:
        for r in frame.itertuples():
            seen.setdefault(r.originator_id, set()).add((r.color, r.marker))
    assert all(len(styles) == 1 for styles in seen.values()), seen
    return {oid: styles.pop() for oid, styles in seen.items()}


def test_a_source_looks_the_same_in_every_chart_of_a_report_and_across_reports():
    claims = (SEED, "dprk-initial-deployment-11000", "dprk-nearly-5-million-shells")
    drawn: dict[str, set] = {}  # decider -> the styles its charts give it, over the reports
    reports: dict[str, int] = {}  # decider -> how many of the reports draw it
    for claim_id in claims:
        ev, verdict, frames = _report(claim_id)
        looks = _one_style_per_originator(frames)  # one report: one style per source
        for oid in deciders(ev, verdict):
            if oid in looks:
                drawn.setdefault(oid, set()).add(looks[oid])
                reports[oid] = reports.get(oid, 0) + 1
    assert reports["uk-defence-intelligence"] == reports["ua-hur"] == 2
    assert all(len(styles) == 1 for styles in drawn.values()), drawn  # across reports too
    assert drawn["uk-defence-intelligence"] == {(OKABE_ITO[0], MARKERS[0])}


def test_the_seed_chart_gives_uk_defence_intelligence_a_colour_no_other_source_has():
    c, ev = load_claim(SEED, str(DATA))
    verdict = assess(c, ev, None)
    data = charts.estimates_data(ev, c, verdict)
    colour = dict(zip(data["originator_id"], data["color"], strict=False))
    assert colour["uk-defence-intelligence"] == OKABE_ITO[0]
    for other in ("ua-hur", "kr-nis", "ua-president"):
        assert colour[other] != colour["uk-defence-intelligence"]
    assert colour["kr-nis"] == colour["ua-president"] == GREY  # context, not the story
    # and in the report where they decide, HUR and Zelensky each keep a colour of their own
    c, ev = load_claim("dprk-initial-deployment-11000", str(DATA))
    table = palette(ev, assess(c, ev, None))
    coloured = [table[o][0] for o in ("uk-defence-intelligence", "ua-hur", "ua-president")]
    assert len(set(coloured)) == 3 and GREY not in coloured


def test_phone_and_print_draw_the_seed_estimates_in_the_same_colours():
    c, ev = load_claim(SEED, str(DATA))
    verdict = assess(c, ev, None)
    data = charts.estimates_data(ev, c, verdict)

    def colours(width):
        fig = charts.estimates_chart(data, title="t", claim=c, as_of=verdict.as_of, width=width)
        return {ln.get_color() for ln in fig.axes[0].get_lines()}

    assert colours("print") == colours("phone")
