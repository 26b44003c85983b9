"""Drawing the charts: literal text, bounded work at any date and size, byte-stable output.

No test here is timed: bounds are on what the chart holds (ticks, artists, rows, inches).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import struct
import warnings

import matplotlib.dates as mdates
import pytest
from charts_synthetic import large_evidence
from conftest import claim, event, figure, make_evidence, originator, source
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from factcheck import charts
from factcheck.charts import style
from factcheck.charts.common import MAX_TICKS, PHONE_TICKS, date_axis
from factcheck.charts.echoes import MAX_ROWS
from factcheck.charts.estimates import MAX_SERIES
from factcheck.charts.palette import GREY
from factcheck.schema import Subject
from factcheck.verdict import assess

JAN, MAR, JUN = dt.date(2025, 1, 10), dt.date(2025, 3, 10), dt.date(2025, 6, 15)
DOLLARS, NOT_A_COMMAND = "$2_000 to $2_500", r"$\notacmd$"


def _evidence(name_a="Body Alpha", name_b="Body Beta", summary="Alpha confirms it."):
    return make_evidence(
        originators=[originator("alpha", name=name_a), originator("beta", name=name_b)],
        sources=[
            source("alpha-doc", "alpha", published=JAN),
            source("beta-doc", "beta", published=MAR),
        ],
        figures=[
            figure("a-fig", "alpha-doc", 4000, qualifier="approximately", refers_to=JAN),
            figure("b-fig", "beta-doc", 6000, qualifier="more than", refers_to=MAR),
            figure("a-first", "alpha-doc", 12000, metric="deployed", refers_to=JAN),
        ],
        events=[event("e1", "alpha-doc", JAN, type="confirms", summary=summary)],
    )


def _all_charts(ev, c, as_of=JUN, points=None):
    """Every chart for claim `c` (and the event claim on the same base): name -> Figure."""
    verdict = assess(c, ev, as_of)
    happened = claim(kind="event", event="confirms", period={"start": JAN, "end": MAR}, as_of=as_of)
    e = charts.events_data(ev, happened, assess(happened, ev, as_of))
    d = charts.estimates_data(ev, c, verdict)
    o = charts.echoes_data(ev, verdict)
    s = charts.share_data(ev, c, verdict)
    h = charts.history_data(verdict, points or [(JAN, "unproven"), (MAR, "true")])
    return {
        "estimates": charts.estimates_chart(d, title=charts.estimates_title(d, c), claim=c),
        "events": charts.events_chart(e, title=charts.events_title(e), claim=happened),
        "echoes": charts.echoes_chart(o, title=charts.echoes_title(o)),
        "share": charts.share_chart(s, title=charts.share_title(s)),
        "history": charts.history_chart(h, title=charts.history_title(h)),
    }


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_text_from_data_is_drawn_literally_in_every_chart():
    ev = _evidence(DOLLARS, NOT_A_COMMAND, summary="Costs $5 and $\\alpha$ more.")
    ev = dataclasses.replace(ev, subjects={"troops": Subject(id="troops", name="$x_1$ troops")})
    figures = _all_charts(ev, claim(6000, ">", as_of=JUN))
    svg = "".join(charts.display.svg_bytes(fig).decode() for fig in figures.values())
    for literal in (DOLLARS, NOT_A_COMMAND, "$\\alpha$ more.", "$x_1$ troops"):
        assert literal in svg  # as text, not typeset
    for fig in figures.values():
        assert all(not t.get_parse_math() for t in _texts(fig) if "$" in t.get_text())


@pytest.mark.parametrize("as_of", [dt.date(2100, 1, 1), dt.date(9000, 1, 1), dt.date(9999, 12, 31)])
def test_a_far_as_of_date_gives_a_bounded_date_axis_around_the_data(as_of):
    ev = _evidence()
    figures = _all_charts(
        ev, claim(6000, ">", as_of=JUN), as_of, [(JAN, "unproven"), (MAR, "true"), (as_of, "true")]
    )
    for name, fig in figures.items():
        charts.png_bytes(fig)  # draws every tick: no OverflowError, no tick per month
        ax = fig.axes[0]
        if name in ("echoes", "share") or not ax.axison:
            continue
        assert len(ax.get_xticks()) <= MAX_TICKS + 2, name
        lo, hi = ax.get_xlim()
        assert hi - lo < 3 * 366, name  # the data's span and a margin, not the way to the year


@pytest.mark.parametrize("narrow", [True, False], ids=["phone", "print"])
def test_every_span_from_a_month_to_ten_years_gets_two_or_more_date_ticks_without_a_warning(
    narrow,
):
    """matplotlib warns where no step fits the tick budget by its own count: a phone axis over
    19 to 23 months did, in an analyst's notebook too. Every span draws two to budget ticks
    (one more where a tick falls on each edge), and no warning."""
    most = PHONE_TICKS if narrow else MAX_TICKS
    first = mdates.date2num(dt.date(2023, 8, 20))
    ax = Figure().add_subplot()
    for days in range(30, 3660, 13):
        date_axis(ax, first, first + days, narrow=narrow)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ticks = [t for t in ax.xaxis.get_major_locator()() if first <= t <= first + days]
        assert 2 <= len(ticks) <= most + 1, (days, len(ticks))


def test_evidence_dated_at_the_calendars_end_still_draws():
    ev = _evidence()
    late = figure("late", "beta-doc", 5000, refers_to=dt.date(9999, 12, 31))
    ev = dataclasses.replace(ev, figures={**ev.figures, "late": late})
    c = claim(6000, ">", as_of=JUN)
    data = charts.estimates_data(ev, c, assess(c, _evidence()))
    fig = charts.estimates_chart(data, title="t", claim=c, as_of=dt.date(9999, 12, 31))
    charts.png_bytes(fig)
    assert len(fig.axes[0].get_xticks()) <= MAX_TICKS + 2


def test_a_large_base_gives_charts_with_a_bounded_number_of_artists_and_rows():
    ev = large_evidence()
    c = claim(6000, ">", as_of=dt.date(2026, 9, 1))
    verdict = assess(c, ev)
    data = charts.estimates_data(ev, c, verdict)
    assert len(data) > 1000  # the selection keeps every figure; the drawing summarises
    fig = charts.estimates_chart(data, title=charts.estimates_title(data, c), claim=c)
    lines = fig.axes[0].get_lines()
    assert len(lines) <= 4 * (MAX_SERIES + 1) + 2
    assert sum(len(line.get_xdata()) for line in lines) <= 4 * (MAX_SERIES + 1) + 4
    assert len(_texts(fig)) < 60
    echoes = charts.echoes_data(ev, verdict)
    assert len(echoes) > MAX_ROWS
    efig = charts.echoes_chart(echoes, title=charts.echoes_title(echoes))
    bars = [p for p in efig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(bars) == MAX_ROWS + 1  # the rest summed into one bar
    for f in (fig, efig):
        assert f.get_figheight() <= style.MAX_HEIGHT


def test_every_text_in_every_chart_is_at_least_8_points():
    figures = _all_charts(_evidence(), claim(6000, ">", as_of=JUN))
    for name, fig in figures.items():
        charts.png_bytes(fig)  # tick labels exist once drawn
        small = [(t.get_text(), t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() < 8]
        assert small == [], name


def test_alt_text_states_the_finding_the_title_states():
    figures = _all_charts(_evidence(), claim(6000, ">", as_of=JUN))
    for name, fig in figures.items():
        alt = charts.show(fig, name).alt
        assert alt.startswith(style.title_of(fig)), name
        assert not re.match(r"(step |bar )?chart", alt, re.I)


def _chunks(png: bytes) -> list[bytes]:
    names, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        names.append(png[at + 4 : at + 8])
        at += 12 + length
    return names


def test_show_writes_the_same_png_and_svg_bytes_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.CHARTS_ENV, str(tmp_path / "a"))
    charts.show(_all_charts(_evidence(), claim(6000, ">", as_of=JUN))["estimates"], "estimates")
    monkeypatch.setenv(charts.CHARTS_ENV, str(tmp_path / "b"))
    charts.show(_all_charts(_evidence(), claim(6000, ">", as_of=JUN))["estimates"], "estimates")
    for name in ("estimates.png", "estimates.svg"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    png = (tmp_path / "a" / "estimates.png").read_bytes()
    assert b"tIME" not in _chunks(png) and b"Software" not in png
    svg = (tmp_path / "a" / "estimates.svg").read_text()
    assert "<dc:date>" not in svg and str(tmp_path) not in svg


def test_show_displays_an_inline_png_with_exact_size_and_escaped_alt(monkeypatch):
    monkeypatch.delenv(charts.CHARTS_ENV, raising=False)
    fig = _all_charts(_evidence(), claim(6000, ">", as_of=JUN))["share"]
    shown = charts.show(fig, "share", 'Half "or" <b>more</b> & less')
    html = shown._repr_html_()
    width, height = struct.unpack(">II", shown.png[16:24])
    assert '<img src="data:image/png;base64,' in html  # the print edition, in a <picture>
    assert f'width="{width}" height="{height}"' in html
    assert 'alt="Half &quot;or&quot; &lt;b&gt;more&lt;/b&gt; &amp; less"' in html
    assert not hasattr(shown, "_repr_png_")  # one small HTML output in the notebook
    assert repr(shown) == f"<chart share: {width}x{height} px>"  # the text/plain beside it


def test_show_refuses_a_linked_charts_folder_and_a_name_that_is_not_a_file_stem(
    tmp_path, monkeypatch
):
    fig = _all_charts(_evidence(), claim(6000, ">", as_of=JUN))["history"]
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "charts").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv(charts.CHARTS_ENV, str(tmp_path / "charts"))
    with pytest.raises(charts.ChartError, match="symbolic link"):
        charts.show(fig, "history")
    assert list((tmp_path / "elsewhere").iterdir()) == []
    with pytest.raises(charts.ChartError, match="expected lowercase letters"):
        charts.show(fig, "../history")


def test_the_originator_that_decides_is_drawn_strongest_and_context_thinner_and_greyer():
    ev = make_evidence(
        originators=[originator("alpha", name="Body Alpha"), originator("beta", name="Body Beta")],
        sources=[
            source("alpha-doc", "alpha", published=JAN, reliability="B"),
            source("beta-doc", "beta", published=JAN, reliability="E"),  # not credible
        ],
        figures=[
            figure("a1", "alpha-doc", 7000, refers_to=JAN),
            figure("a2", "alpha-doc", 7500, refers_to=MAR),
            figure("b1", "beta-doc", 3000, refers_to=JAN),
            figure("b2", "beta-doc", 3500, refers_to=MAR),
        ],
    )
    c = claim(6000, ">", as_of=JUN)
    data = charts.estimates_data(ev, c, assess(c, ev))
    fig = charts.estimates_chart(data, title="t", claim=c)
    widths = sorted(
        (line.get_linewidth(), line.get_color())
        for line in fig.axes[0].get_lines()
        if len(line.get_xdata()) == 2 and line.get_linestyle() == "-"  # the two series
    )
    assert [w for w, _ in widths] == [1.0, 2.0]
    palette = charts.palette(ev, assess(c, ev))
    assert widths[1][1] == palette["alpha"][0] != GREY  # the decider: its colour
    assert widths[0][1] == palette["beta"][0] == GREY  # context is grey
    bold = {t.get_text().split("\n")[0] for t in _texts(fig) if t.get_fontweight() == "bold"}
    assert "Body Alpha" in bold and "Body Beta" not in bold


def test_an_event_timeline_draws_a_bounded_number_of_rows():
    docs = [source(f"doc-{i}", "alpha", published=JAN + dt.timedelta(days=i)) for i in range(200)]
    ev = make_evidence(
        originators=[originator("alpha")],
        sources=docs,
        events=[
            event(f"e{i}", f"doc-{i}", JAN + dt.timedelta(days=i), type="confirms")
            for i in range(200)
        ],
    )
    c = claim(kind="event", event="confirms", period={"start": JAN, "end": MAR}, as_of=JUN)
    data = charts.events_data(ev, c, assess(c, ev))
    assert len(data) == 200
    fig = charts.events_chart(data, title=charts.events_title(data), claim=c)
    markers = [line for line in fig.axes[0].get_lines() if line.get_marker() not in ("None", None)]
    assert len(markers) == charts.events.MAX_EVENTS
    assert fig.get_figheight() <= style.MAX_HEIGHT


@pytest.mark.parametrize(
    ("chart", "source"),
    [
        (charts.estimates_chart, "estimates_data"),
        (charts.events_chart, "events_data"),
        (charts.echoes_chart, "echoes_data"),
        (charts.share_chart, "share_data"),
        (charts.history_chart, "history_data"),
    ],
)
def test_a_chart_given_the_wrong_data_says_which_columns_it_lacks(chart, source):
    import pandas as pd

    with pytest.raises(charts.ChartError, match=f"lacks column.*expected the DataFrame {source}"):
        chart(pd.DataFrame({"when": [JAN]}), title="t")


def test_an_event_claim_dated_at_the_calendars_end_draws_a_bounded_timeline():
    ev = _evidence()
    far = {"start": dt.date(9999, 1, 1), "end": dt.date(9999, 12, 31)}
    c = claim(kind="event", event="confirms", period=far, as_of=JUN)
    data = charts.events_data(ev, c, assess(c, ev))
    fig = charts.events_chart(data, title=charts.events_title(data), claim=c)
    charts.png_bytes(fig)
    lo, hi = fig.axes[0].get_xlim()
    assert hi - lo < 3 * 366 and len(fig.axes[0].get_xticks()) <= MAX_TICKS + 2


def test_an_analyst_can_filter_the_data_and_retitle_the_chart():
    ev = _evidence()
    c = claim(6000, ">", as_of=JUN)
    data = charts.estimates_data(ev, c, assess(c, ev))
    mine = data[(data["originator"] == "Body Beta") & (data["date"] >= MAR)]
    fig = charts.estimates_chart(mine, title="Only Beta, from March", claim=c)
    assert style.title_of(fig) == "Only Beta, from March"
    labels = [t.get_text() for t in _texts(fig)]
    assert "Body Beta\nmore than 6,000" in labels
    assert not any("Body Alpha" in t for t in labels)
    assert any(t.startswith("Test troops: casualties") for t in labels)  # subtitle kept


def test_no_chart_shows_an_internal_id():
    ev = make_evidence(
        originators=[originator("zz-org-17", name="Body Alpha")],
        sources=[source("zz-doc-42", "zz-org-17", published=JAN)],
        figures=[
            figure("zz-fig-9", "zz-doc-42", 7000, refers_to=JAN),
            figure("zz-troops-3", "zz-doc-42", 12000, metric="deployed", refers_to=JAN),
        ],
        events=[event("zz-ev-5", "zz-doc-42", JAN, type="confirms")],
    )
    figures = _all_charts(ev, claim(6000, ">", as_of=JUN))
    for name, fig in figures.items():
        texts = " ".join(t.get_text() for t in _texts(fig)) + charts.show(fig, name).alt
        assert "zz-" not in texts, name


def test_text_of_any_length_from_data_leaves_every_chart_within_a_page():
    long = "Ministry of " + "very " * 900 + "long names"  # near the 5,000-character limit
    ev = _evidence(long, long, summary=long)
    ev = dataclasses.replace(ev, subjects={"troops": Subject(id="troops", name=long)})
    for name, fig in _all_charts(ev, claim(6000, ">", as_of=JUN)).items():
        assert fig.get_figheight() <= style.MAX_HEIGHT, name
        lines = max(t.get_text().count("\n") + 1 for t in _texts(fig))
        assert lines <= 6, name
