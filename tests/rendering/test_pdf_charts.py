"""The PDF draws each saved chart from its SVG (vector, selectable text); the web page keeps PNGs."""

from __future__ import annotations

import base64
import gc

import pytest

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


def test_a_charts_labels_take_the_pdfs_own_copy_of_their_font():
    """matplotlib names DejaVu Sans; the PDF draws it from the pinned copy's family (print.css's),
    never from a system font of that name. Any other family is left as the chart names it."""
    print_png = b"\x89PNG print"
    svg = b"<svg><text style=\"font-family: 'DejaVu Sans'\"/><text style=\"font-family: 'Serif'\"/></svg>"
    out = vector_charts(_img(print_png), {"c.png": print_png, "c.svg": svg})
    drawn = base64.b64decode(out.split("base64,")[1].split('"')[0])
    assert drawn == (
        b"<svg><text style=\"font-family: 'factcheck DejaVu Sans','factcheck IPAex Gothic'\"/>"
        b"<text style=\"font-family: 'Serif'\"/></svg>"
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


def _with_weasyprints_own_svg_text(monkeypatch) -> None:
    """WeasyPrint's letter-at-a-time SVG text, for the rest of the test."""
    import weasyprint.svg as weasyprint_svg

    from factcheck import pdf

    pdf._use_svg_text_in_one_run()  # ours in place, so that its original is at hand
    own = weasyprint_svg.text.__wrapped_weasyprint__
    monkeypatch.setattr(pdf, "_use_svg_text_in_one_run", lambda: None)
    monkeypatch.setattr(weasyprint_svg, "text", own)
    for tag in ("a", "text", "textPath", "tspan"):
        monkeypatch.setitem(weasyprint_svg.TAGS, tag, own)


def _letters(pdf_bytes: bytes) -> list[tuple[str, float, float]]:
    """Each letter of page 1 with the left and right edges of its box (PDFium)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        page = document[0].get_textpage()
        letters = []
        for i in range(page.count_chars()):
            left, _, right, _ = page.get_charbox(i)
            letters.append((page.get_text_range(i, 1), left, right))
        return letters
    finally:
        document.close()


def test_a_label_with_one_position_is_laid_out_in_one_run_and_reads_the_same(monkeypatch):
    """matplotlib's labels have one x and y: their letters are laid out together (with the
    font's kerning), in the place and width WeasyPrint's letter-at-a-time layout gives them."""
    words = "AVATAR Tower, 6,000"
    label = (
        "<text style=\"font-size: 12px; font-family: 'DejaVu Sans'; fill: #222222\""
        f' x="10" y="30">{words}</text>'
    )
    page = _svg_page(label)
    ours = _letters(html_to_pdf(page))[: len(words)]  # then the page's running footer
    _with_weasyprints_own_svg_text(monkeypatch)
    theirs = _letters(html_to_pdf(page))[: len(words)]

    assert "".join(c for c, _, _ in ours) == "".join(c for c, _, _ in theirs) == words
    assert ours[0][1] == pytest.approx(theirs[0][1], abs=0.5)  # starts where it did
    assert ours[-1][2] == pytest.approx(theirs[-1][2], rel=0.05)  # ends within a kern or two
    assert ours != theirs  # kerned: the run really was laid out as one


def test_letters_with_positions_of_their_own_are_drawn_as_weasyprint_draws_them(monkeypatch):
    positioned = (
        '<text x="10 60 110" y="30" style="font-size: 12px">abc</text>'
        '<text x="10" y="50" dx="0 5 5" style="font-size: 12px">def</text>'
        '<text x="10" y="20" letter-spacing="3" style="font-size: 12px">spaced</text>'
    )
    page = _svg_page(positioned)
    ours = html_to_pdf(page)
    _with_weasyprints_own_svg_text(monkeypatch)
    assert html_to_pdf(page) == ours
