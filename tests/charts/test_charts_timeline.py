"""The deployment timeline, and the share chart's rule that a contradicted claim is never drawn
as a finding. Hand-written fixtures; the timeline's whole is found from metrics.csv's
declarations alone (a made-up vocabulary proves no metric id is in the code)."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from conftest import claim, figure, make_evidence, originator, source
from matplotlib.patches import Rectangle

from factcheck import charts
from factcheck.charts.timeline import (
    COLUMNS,
    COUNT_CELLS,
    DATE_CELLS,
    MAX_SERIES,
    timeline_whole,
)
from factcheck.verdict import assess
from factcheck.vocabulary import MetricInfo, Vocabulary, use

JAN, MAR, MAY, JUN = (dt.date(2025, m, d) for m, d in ((1, 10), (3, 10), (5, 2), (6, 15)))


def _made_up() -> Vocabulary:
    rows = [
        {"id": "widgets_all", "label": "widgets made", "unit": "widget", "units": "widgets",
         "cumulative": True},
        {"id": "widgets_first", "label": "first widgets", "unit": "widget", "units": "widgets",
         "cumulative": True, "part_of": "widgets_all"},
        {"id": "breakages", "label": "broken", "unit": "widget", "units": "widgets",
         "cumulative": True, "bounded_by": "widgets_all", "ratio_to": "widgets_all"},
        {"id": "one_batch", "label": "one batch", "unit": "widget", "units": "widgets",
         "bounded_by": "widgets_all"},
        {"id": "visits", "label": "visits", "unit": "visit", "units": "visits",
         "cumulative": True},
        {"id": "visit_rate", "label": "visits a day", "unit": "visit", "units": "visits",
         "kind": "rate", "per": "day", "rate_of": "visits"},
    ]  # fmt: skip
    return Vocabulary({r["id"]: MetricInfo.model_validate(r) for r in rows})


def test_the_timeline_whole_comes_from_declared_parts_and_bounds_alone():
    with use(_made_up()):
        assert timeline_whole("widgets_all") == ("widgets_all", False)  # the whole itself
        assert timeline_whole("widgets_first") == ("widgets_all", False)  # one of its parts
        assert timeline_whole("breakages") == ("widgets_all", True)  # losses: a share of it
        assert timeline_whole("one_batch") == ("widgets_all", False)  # bounded, not a loss
        assert timeline_whole("visits") == (None, False)  # accumulates, but has no parts
        assert timeline_whole("visit_rate") == (None, False)  # a rate is not a count


def _sent_and_lost(*extra):
    return make_evidence(
        originators=[originator("alpha", name="Body Alpha"), originator("beta", name="Body Beta")],
        sources=[source("a-doc", "alpha", published=JAN), source("b-doc", "beta", published=MAY)],
        figures=[
            figure("a-first", "a-doc", 1500, metric="deployed", refers_to=JAN),
            figure("b-all", "b-doc", 15000, metric="deployed_total", refers_to=MAY),
            figure("b-lost", "b-doc", 4000, metric="casualties", refers_to=MAY),
            *extra,
        ],
    )


def test_a_losses_claim_draws_its_losses_against_the_largest_count_sent_by_its_date():
    ev = _sent_and_lost()
    c = claim(6000, ">", as_of=JUN)
    data = charts.timeline_data(ev, c, assess(c, ev, JUN))
    assert sorted(zip(data["metric"], data["role"], strict=True)) == [
        ("casualties", "losses"),
        ("deployed", "part"),
        ("deployed_total", "whole"),
    ]
    title = charts.timeline_title(data, c)
    assert "1,500 by Jan 2025" in title and "15,000 by May 2025" in title
    assert title.endswith("would be 40% of the 15,000 sent by then")
    for width in ("print", "phone"):  # both editions draw, named in the same key
        fig = charts.timeline_chart(data, title=title, claim=c, width=width)
        words = " ".join(t.get_text() for t in fig.texts)
        assert "Body Beta: casualties" in words and "the claim: more than 6,000" in words


def test_a_claim_on_a_part_of_the_whole_gets_the_whole_without_losses():
    ev = _sent_and_lost()
    c = claim(1500, "~", metric="deployed", as_of=JUN)
    data = charts.timeline_data(ev, c, assess(c, ev, JUN))
    assert set(data["role"]) == {"whole", "part"}
    assert "would be" not in charts.timeline_title(data, c)


def test_an_event_claim_has_no_timeline():
    ev = _sent_and_lost()
    c = claim(kind="event", event="confirms", period={"start": JAN, "end": MAR}, as_of=JUN)
    assert charts.timeline_data(ev, c, assess(c, ev, JUN)).empty


def test_a_contradicted_claim_is_drawn_as_an_outline_and_the_deciding_figure_as_the_finding():
    ev = _sent_and_lost(
        figure("a-whole", "a-doc", 10000, metric="deployed", refers_to=MAR),
        figure("a-killed", "a-doc", 2000, metric="killed", qualifier="approximately",
               refers_to=MAR),
    )  # fmt: skip
    # counted after the claim was made, about 2,000 killed caps the claimed more than 6,000
    c = claim(6000, ">", metric="killed", as_of=JUN, claim_date=JAN)
    verdict = assess(c, ev, JUN)
    assert any(ln.decides and ln.stance == "contradicts" for ln in verdict.lines)
    data = charts.share_data(ev, c, verdict)
    assert data["contradicted"].all() and set(data["finding"]) == {"about 2,000 killed"}
    title = charts.share_title(data)
    assert title.startswith("Body Alpha's about 2,000 killed is 20% of")
    assert "the claimed 6,000 killed, which the evidence rules out, would be 60%" in title
    fig = charts.share_chart(data, title=title)
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    filled = sorted(round(p.get_width()) for p in bars if p.get_fill())
    outlined = sorted(round(p.get_width()) for p in bars if not p.get_fill())
    assert filled == sorted(round(s * 100) for s in data["finding_share"])
    assert outlined == sorted(round(s * 100) for s in data["share"])


def test_a_claim_no_deciding_line_contradicts_is_drawn_as_before():
    ev = _sent_and_lost(figure("a-whole", "a-doc", 10000, metric="deployed", refers_to=MAR))
    c = claim(6000, ">", as_of=JUN)
    data = charts.share_data(ev, c, assess(c, ev, JUN))
    assert not data["contradicted"].any() and (data["finding"] == "").all()
    assert charts.share_title(data).startswith("6,000 casualties would be 60% of")


def _crowded(n: int) -> pd.DataFrame:
    """A timeline table of `n` counts from twelve sources over a year, some of them ranges, with
    one deciding figure in the middle of the crowd (built by hand: the drawing is the point)."""
    rows = []
    for i in range(n):
        low = 1000 + (i * 7919) % 20000
        high = low + (2000 if i % 5 == 0 else 0)
        rows.append({
            "originator_id": f"org-{i % 12}", "originator": f"Body {i % 12}",
            "metric": "deployed", "measure": "troops deployed", "role": "part",
            "date": JAN + dt.timedelta(days=(i * 37) % 365), "point": (low + high) / 2,
            "low": low, "high": high, "stated": f"{low:,}", "decides": i == n // 2,
            "color": "#1f77b4", "marker": "o",
        })  # fmt: skip
    data = pd.DataFrame(rows, columns=list(COLUMNS))
    data = data.sort_values(["date", "originator"], kind="stable").reset_index(drop=True)
    data.attrs.update(whole="troops sent in all", unit="troops", as_of=JUN.replace(year=2026))
    return data


def _drawn_points(fig) -> list[tuple[float, float]]:
    return [
        (float(x), float(y))
        for line in fig.axes[0].get_lines()
        if line.get_marker() not in (None, "", "None")
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
    ]


def test_thousands_of_counts_draw_a_bounded_number_of_markers_keeping_the_extremes_and_decider():
    bound = (MAX_SERIES + 1) * DATE_CELLS * COUNT_CELLS  # a marker per cell of each series
    for n in (5_000, 50_000):
        data = _crowded(n)
        drawn = _drawn_points(charts.timeline_chart(data, title="t"))
        assert len(drawn) < n and len(drawn) <= bound
        ys = [y for _, y in drawn]
        assert min(ys) == data["point"].min() and max(ys) == data["point"].max()
        decider = data[data["decides"]].iloc[0]
        assert (mdates.date2num(decider["date"]), decider["point"]) in drawn


def test_a_few_counts_are_all_drawn():
    data = _crowded(50)
    assert len(_drawn_points(charts.timeline_chart(data, title="t"))) == len(data)


def test_the_shaded_largest_count_steps_only_where_it_rises():
    data = _crowded(3_000)
    fig = charts.timeline_chart(data, title="t")
    step = next(line for line in fig.axes[0].get_lines() if line.get_color() == "#bbbbbb")
    ys = list(step.get_ydata())
    rises = data["point"].cummax().nunique()
    assert ys == sorted(ys) and len(ys) <= 2 * (rises + 1)  # a "post" step: two vertices a rise
    assert max(ys) == data["point"].max()


def test_the_alt_text_of_a_crowded_timeline_describes_each_series_not_each_figure():
    data = _crowded(5_000)
    alt = charts.timeline_alt(data)
    assert len(alt) < 3_000
    assert alt.count("troops deployed (417 figures, ") == 6  # each named series ...
    assert "6 other sources (2,498 figures, 10 January 2025 to 9 January 2026): the lowest" in alt
    few = _crowded(12)
    assert charts.timeline_alt(few).count("troops deployed (") == 12  # each figure, when few


def test_a_crowded_series_goes_into_the_svg_as_one_image_and_a_sparse_one_as_markers():
    from factcheck.charts.display import svg_bytes

    crowded = svg_bytes(charts.timeline_chart(_crowded(20_000), title="t")).decode()
    assert crowded.count("<image") >= 1 and crowded.count("<use") < 1_000
    sparse = svg_bytes(charts.timeline_chart(_crowded(50), title="t")).decode()
    assert "<image" not in sparse and sparse.count("<use") >= 50
