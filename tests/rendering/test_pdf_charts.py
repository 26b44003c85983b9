"""The PDF draws each saved chart from its SVG (vector, selectable text); the web page keeps PNGs."""

from __future__ import annotations

import base64

from factcheck.pdf import vector_charts


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
