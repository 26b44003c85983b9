"""The phone edition of every chart: drawn 9 cm wide, text still >= 8 pt, nothing clipped or
overlapping, and offered to narrow browsers by `show` in a <picture> whose <img> stays the
print edition (the one WeasyPrint puts in the PDF)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import struct

import pytest
from conftest import claim, event, figure, make_evidence, originator, source
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from factcheck import charts
from factcheck.charts import style
from factcheck.verdict import assess

JAN, MAR, MAY, JUN = (dt.date(2025, m, d) for m, d in ((1, 10), (3, 10), (5, 2), (6, 15)))
PHONE_PX = int(9 / 2.54 * style.DPI)  # 531: shown 360 px wide, 8 pt is about 11 px
PICTURE = re.compile(
    r'^<picture><source media="\(max-width: 600px\)" srcset="data:image/png;base64,([^"]+)" '
    r'width="(\d+)" height="(\d+)"><img src="data:image/png;base64,([^"]+)" '
    r'width="(\d+)" height="(\d+)" alt="([^"]*)"></picture>$'
)


def _evidence():
    """Three bodies with long names, so a phone's narrow figure must wrap or move its labels."""
    return make_evidence(
        originators=[
            originator("alpha", name="Ministry of Defence of the Republic of Alpha"),
            originator("beta", name="National Intelligence Service of Beta (NIS)"),
            originator("gamma", name="Office of the President of the Republic of Gamma"),
        ],
        sources=[
            source("alpha-doc", "alpha", published=JAN),
            source("beta-doc", "beta", published=MAR),
            source("gamma-doc", "gamma", published=MAY),
        ],
        figures=[
            figure("a1", "alpha-doc", 4000, qualifier="approximately", refers_to=JAN),
            figure("b1", "beta-doc", 6000, qualifier="more than", refers_to=MAR),
            figure("g1", "gamma-doc", 1000, high=3000, refers_to=MAY),
            figure("a-dep", "alpha-doc", 12000, metric="deployed", refers_to=JAN),
        ],
        events=[
            event(
                "e1",
                "alpha-doc",
                MAR,
                type="confirms",
                summary="The ministry confirms for the first time that its troops fought there.",
            ),
            event("e2", "gamma-doc", MAY, type="confirms", summary="The office repeats it."),
        ],
    )


def _charts(width="print"):
    ev, c = _evidence(), claim(6000, ">", as_of=JUN)
    verdict = assess(c, ev, JUN)
    happened = claim(kind="event", event="confirms", period={"start": JAN, "end": MAR}, as_of=JUN)
    e = charts.events_data(ev, happened, assess(happened, ev, JUN))
    d = charts.estimates_data(ev, c, verdict)
    o = charts.echoes_data(ev, verdict)
    s = charts.share_data(ev, c, verdict)
    h = charts.history_data(verdict, [(JAN, "unproven"), (MAR, "true")])
    return {
        "estimates": charts.estimates_chart(
            d, title=charts.estimates_title(d, c), claim=c, width=width
        ),
        "events": charts.events_chart(e, title=charts.events_title(e), claim=happened, width=width),
        "echoes": charts.echoes_chart(o, title=charts.echoes_title(o), width=width),
        "share": charts.share_chart(s, title=charts.share_title(s), width=width),
        "history": charts.history_chart(h, title=charts.history_title(h), width=width),
    }


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _drawn_texts(fig):
    """The texts a reader sees: tick labels outside the axis' view are never drawn."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    hidden.update({id(tick.label1), id(tick.label2)})
    return [t for t in _texts(fig) if id(t) not in hidden]


@pytest.fixture(scope="module")
def phone():
    figures = _charts("phone")
    for fig in figures.values():
        FigureCanvasAgg(fig).draw()  # tick labels exist, and have extents, once drawn
    return figures


@pytest.mark.parametrize("name", ["estimates", "events", "echoes", "share", "history"])
def test_the_phone_edition_is_9_cm_wide_at_the_print_dpi(phone, name):
    assert _size(charts.png_bytes(phone[name]))[0] == PHONE_PX


@pytest.mark.parametrize("name", ["estimates", "events", "echoes", "share", "history"])
def test_every_text_on_a_phone_is_at_least_8_points(phone, name):
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(phone[name]) if t.get_fontsize() < 8]
    assert small == []


@pytest.mark.parametrize("name", ["estimates", "events", "echoes", "share", "history"])
def test_no_text_on_a_phone_runs_off_the_figure_or_over_another(phone, name):
    fig = phone[name]
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _drawn_texts(fig)]
    for text, box in boxes:
        assert page.x0 - 0.5 <= box.x0 and box.x1 <= page.x1 + 0.5, f"clipped: {text!r}"
        assert page.y0 - 0.5 <= box.y0 and box.y1 <= page.y1 + 0.5, f"clipped: {text!r}"
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9)), (a, b)


def test_a_phone_chart_lists_its_lines_in_a_key_instead_of_a_right_hand_column(phone):
    fig = phone["estimates"]
    plot = fig.axes[0].get_window_extent()
    names = [t for t in _texts(fig) if "Ministry of Defence" in t.get_text()]
    assert names and all(t.get_window_extent().y1 < plot.y0 for t in names)  # under the plot


def test_width_may_be_given_in_centimetres_and_a_bad_width_is_refused_in_a_sentence():
    ev, c = _evidence(), claim(6000, ">", as_of=JUN)
    h = charts.history_data(assess(c, ev, JUN), [(JAN, "unproven")])
    fig = charts.history_chart(h, title="t", width=12)
    assert _size(charts.png_bytes(fig))[0] == int(12 / 2.54 * style.DPI)
    with pytest.raises(charts.ChartError, match="expected 'print', 'phone' or a number"):
        charts.history_chart(h, title="t", width="tablet")


def test_show_offers_the_phone_edition_to_narrow_screens_and_the_print_one_to_the_rest(
    monkeypatch,
):
    monkeypatch.delenv(charts.CHARTS_ENV, raising=False)
    fig = _charts()["estimates"]
    html = charts.show(fig, "estimates", 'Alpha "says" <b>6,000</b> & more')._repr_html_()
    found = PICTURE.match(html)
    assert found, html[:200]
    phone_b64, pw, ph, print_b64, w, h, alt = found.groups()
    phone_png, print_png = base64.b64decode(phone_b64), base64.b64decode(print_b64)
    assert _size(phone_png) == (int(pw), int(ph)) and int(pw) == PHONE_PX
    assert _size(print_png) == (int(w), int(h)) and int(w) > int(pw)
    assert alt == "Alpha &quot;says&quot; &lt;b&gt;6,000&lt;/b&gt; &amp; more"


def test_show_gives_the_same_bytes_twice_and_writes_the_phone_png_beside_the_print_one(
    tmp_path, monkeypatch
):
    outputs = []
    for folder in ("a", "b"):
        monkeypatch.setenv(charts.CHARTS_ENV, str(tmp_path / folder))
        outputs.append(charts.show(_charts()["echoes"], "echoes")._repr_html_())
    assert outputs[0] == outputs[1]
    for name in ("echoes.png", "echoes-phone.png", "echoes.svg"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert _size((tmp_path / "a" / "echoes-phone.png").read_bytes())[0] == PHONE_PX


def test_an_analysts_own_figure_still_shows_as_a_plain_img(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.CHARTS_ENV, str(tmp_path))
    fig = Figure(figsize=(4, 2))
    fig.add_subplot().plot([1, 2], [3, 4])
    html = charts.show(fig, "mine", "Two points")._repr_html_()
    assert html.startswith('<img src="data:image/png;base64,') and "<picture" not in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.png", "mine.svg"]


def test_the_redraw_recipe_draws_the_same_chart_again_at_any_width():
    fig = _charts()["share"]
    again = fig._factcheck_redraw(width="print")
    assert charts.png_bytes(again) == charts.png_bytes(fig)


def test_a_pdf_of_the_picture_holds_the_print_edition_only():
    weasyprint = pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    shown = charts.show(_charts()["history"], "history", "Rated true since March")
    pdf = weasyprint.HTML(string=f"<html><body>{shown._repr_html_()}</body></html>").write_pdf()
    images = [im for page in PdfReader(io.BytesIO(pdf)).pages for im in page.images]
    assert [im.image.size[0] for im in images] == [shown.width]


def test_a_figure_with_transparency_keeps_it_and_a_flat_chart_is_stored_in_256_colours():
    from PIL import Image

    clear = Figure(figsize=(3, 2))
    clear.patch.set_alpha(0)
    clear.add_subplot().plot([1, 2], [3, 4])
    with Image.open(io.BytesIO(charts.png_bytes(clear))) as image:
        assert image.mode == "RGBA" and image.getextrema()[3][0] == 0
    with Image.open(io.BytesIO(charts.png_bytes(_charts()["share"]))) as image:
        assert image.mode == "P"
