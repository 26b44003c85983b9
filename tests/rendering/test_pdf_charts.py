"""The PDF draws each saved chart from its SVG (vector, selectable text); the web page keeps PNGs."""

from __future__ import annotations

import base64
import gc

from factcheck.pdf import html_to_pdf, vector_charts


def _img(data: bytes) -> str:
    return f'<img src="data:image/png;base64,{base64.b64encode(data).decode()}" alt="a chart">'


def test_a_saved_charts_print_png_is_replaced_by_its_svg_and_nothing_else_is():
    print_png, phone_png, other = b"\x89PNG print", b"\x89PNG phone", b"\x89PNG analyst's own"
    charts = {
        "estimates.png": print_png,
        "estimates.svg": b"<svg/>",
        "estimates-phone.png": phone_png,
    }
    html = _img(print_png) + _img(phone_png) + _img(other)
    out = vector_charts(html, charts)
    svg = base64.b64encode(b"<svg/>").decode()
    assert out == (
        f'<img src="data:image/svg+xml;base64,{svg}" alt="a chart">' + _img(phone_png) + _img(other)
    )


def test_without_saved_charts_the_page_is_unchanged():
    html = _img(b"\x89PNG")
    assert vector_charts(html, {}) == html
    assert vector_charts(html, {"x.png": b"\x89PNG"}) == html  # no SVG beside it


PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _svg_page(text_element: str) -> str:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="60pt" viewBox="0 0 200 60">'
        f"{text_element}</svg>"
    )
    data = base64.b64encode(svg.encode()).decode()
    return f'<html><body><img src="data:image/svg+xml;base64,{data}" alt="a chart"></body></html>'


# as matplotlib writes a label with svg.fonttype "none"
LABEL = (
    "<text style=\"font-size: 8px; font-family: 'DejaVu Sans'; text-anchor: middle; fill: #222222\""
    ' x="100" y="30" transform="rotate(-90 100 30)">casualties (people)</text>'
)


def test_a_pictures_phone_source_does_not_change_the_pdf():
    """WeasyPrint draws the <img>; html_to_pdf drops the inline phone edition before parsing."""
    png = base64.b64encode(PNG_1PX).decode()
    img = f'<img src="data:image/png;base64,{png}" width="1" height="1" alt="a chart">'
    source = f'<source media="(max-width: 600px)" srcset="data:image/png;base64,{png}">'
    with_source = f"<html><body><picture>{source}{img}</picture></body></html>"
    assert html_to_pdf(with_source) == html_to_pdf(with_source.replace(source, ""))


def test_writing_a_pdf_leaves_the_callers_garbage_collector_setting_as_it_was():
    assert gc.isenabled()
    html_to_pdf("<p>on</p>")
    assert gc.isenabled()
    gc.disable()
    try:
        html_to_pdf("<p>off</p>")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_repeated_chart_styles_draw_as_when_each_is_parsed(monkeypatch):
    """The SVG style attributes are parsed once per distinct string; the PDF is the same."""
    import weasyprint.svg as weasyprint_svg

    tick = '<path d="M 0 0 L 0 3.5" style="fill: #222222; stroke: #222222; stroke-width: 0.8"/>'
    page = _svg_page(tick * 3 + LABEL + LABEL.replace("100", "150"))
    ours = html_to_pdf(page)
    assert weasyprint_svg.parse_declarations.cache_info().hits
    monkeypatch.setattr(
        weasyprint_svg,
        "parse_declarations",
        weasyprint_svg.parse_declarations.__wrapped_weasyprint__,
    )
    assert html_to_pdf(page) == ours
