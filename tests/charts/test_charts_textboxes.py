"""No clipped chart text, at print or phone width: every text box a reader sees (titles, tick
labels, axis labels, keys, annotations, line-end labels) lies inside its figure, for every
chart kind, on claims of both topics in data/ and on a generated base with long names and
millions. Names are shortened only at a word boundary, with an ellipsis (`wording.shorten`)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import claim, figure, make_evidence, originator, source
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from factcheck import charts
from factcheck.page import load_claim
from factcheck.paths import DATA_DIR
from factcheck.verdict import assess
from factcheck.wording import shorten

WIDTHS = ("print", "phone")
# the seed topic (a losses claim, a contradicted one, a part of the whole, an event) and the
# second topic (a capacity read as a count, a rate)
DATA_CLAIMS = (
    "dprk-kursk-casualties-6000",
    "dprk-kursk-killed-6000",
    "dprk-initial-deployment-11000",
    "russia-confirms-dprk-troops-april-2025",
    "dprk-shells-6-million-aug-2024",
    "dprk-shells-1-million-a-month",
)
LONG = (
    "Office of the Permanent Representative of the Federal Republic of Somewhere to the United "
    "Nations and Other International Organisations in Geneva (OPRFRS)"
)


def _all_charts(ev, c, verdict, width):
    """Every chart kind the notebook draws for this claim, at `width`."""
    out = {}
    if c.kind == "quantity":
        d = charts.estimates_data(ev, c, verdict)
        out["estimates"] = charts.estimates_chart(
            d, title=charts.estimates_title(d, c), claim=c, as_of=verdict.as_of, width=width
        )
        t = charts.timeline_data(ev, c, verdict)
        if len(t):
            out["timeline"] = charts.timeline_chart(
                t, title=charts.timeline_title(t, c), claim=c, width=width
            )
    else:
        d = charts.events_data(ev, c, verdict)
        out["events"] = charts.events_chart(d, title=charts.events_title(d), width=width)
    d = charts.echoes_data(ev, verdict)
    out["echoes"] = charts.echoes_chart(d, title=charts.echoes_title(d), width=width)
    if verdict.denominators:
        d = charts.share_data(ev, c, verdict)
        out["share"] = charts.share_chart(d, title=charts.share_title(d), width=width)
    d = charts.history_data(verdict)
    out["history"] = charts.history_chart(d, title=charts.history_title(d), width=width)
    return out


def _drawn_texts(fig):
    """The texts a reader sees: tick labels outside the axis' view are never drawn."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    hidden.update({id(tick.label1), id(tick.label2)})
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in hidden
    ]


def _clipped(fig) -> list[str]:
    FigureCanvasAgg(fig).draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    out = []
    for t in _drawn_texts(fig):
        box = t.get_window_extent(renderer)
        if not (
            page.x0 - 0.5 <= box.x0
            and box.x1 <= page.x1 + 0.5
            and page.y0 - 0.5 <= box.y0
            and box.y1 <= page.y1 + 0.5
        ):
            out.append(t.get_text())
    return out


def _cut_mid_word(fig) -> list[str]:
    """Texts shortened the old way: an ellipsis standing alone after a space."""
    return [t.get_text() for t in _drawn_texts(fig) if " …" in t.get_text()]


def _generated():
    """Long names, 12 originators, counts in the millions."""
    day = dt.date(2025, 1, 1)
    bodies = [originator(f"o{i}", name=f"{LONG} number {i}") for i in range(12)]
    docs = [source(f"d{i}", f"o{i}", published=day + dt.timedelta(days=20 * i)) for i in range(12)]
    figs = [
        figure(
            f"f{i}",
            f"d{i}",
            1_000_000 * (i + 1),
            metric="casualties" if i % 2 else "deployed_total",
            qualifier="approximately",
            refers_to=day + dt.timedelta(days=20 * i),
        )
        for i in range(12)
    ]
    ev = make_evidence(originators=bodies, sources=docs, figures=figs)
    c = claim(6_000_000, ">", as_of=dt.date(2025, 12, 1))
    return ev, c, assess(c, ev, dt.date(2025, 12, 1))


@pytest.fixture(scope="module")
def cases():
    found = {}
    for claim_id in DATA_CLAIMS:
        c, ev = load_claim(claim_id, DATA_DIR)
        found[claim_id] = (ev, c, assess(c, ev))
    found["generated-long-names"] = _generated()
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", [*DATA_CLAIMS, "generated-long-names"])
def test_every_text_box_of_every_chart_lies_inside_its_figure(cases, case, width):
    ev, c, verdict = cases[case]
    drawn = _all_charts(ev, c, verdict, width)
    clipped = {name: found for name, fig in drawn.items() if (found := _clipped(fig))}
    assert clipped == {}
    cut = {name: found for name, fig in drawn.items() if (found := _cut_mid_word(fig))}
    assert cut == {}


def test_a_name_is_shortened_at_a_word_boundary_with_an_ellipsis():
    name = "South Korea Ministry of National Defense"
    assert shorten(name, 40) == name
    assert shorten(name, 33) == "South Korea Ministry of National…"
    assert shorten(name, 30) == "South Korea Ministry…"  # no dangling "of"
    assert shorten("President of Ukraine Volodymyr Zelensky", 22) == "President of Ukraine…"
    assert shorten("Supercalifragilistic", 10) == "Supercali…"  # one word longer than the room
    assert all(len(shorten(LONG, n)) <= n for n in range(2, 120))


def test_the_y_axis_margin_fits_its_tick_labels_at_any_magnitude():
    from factcheck.charts.yaxis import count_margin, tick_words

    assert tick_words(13_800_000, False)[-1].endswith("M")
    assert count_margin(13_800_000, False, "x") < count_margin(13_800_000_000_000, False, "x")
