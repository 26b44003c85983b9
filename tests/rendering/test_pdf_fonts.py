"""PDF bytes never depend on the clock, on which font subsetter the machine offers WeasyPrint,
or on which fonts the system has (the PDF draws only pinned ones).

WeasyPrint subsets embedded fonts with libharfbuzz-subset when the system has it (an optional
Debian package) and with fontTools otherwise; the two make different bytes, so factcheck.pdf
always takes the fontTools path. fontTools stamps the current time into each font's `head`
table unless told a fixed clock. CI installs the library, so it checks that the library's
presence changes nothing.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
import types

import pytest
import weasyprint.pdf.fonts as weasyprint_fonts
from fontTools.misc import timeTools
from pypdf import PdfReader
from rendering import render_all_into

from factcheck.paths import PROJECT_ROOT
from factcheck.pdf import html_to_pdf, vector_charts

PAGE = "<html><head><title>t</title></head><body><h1>Café 6,000</h1><p>ÿ ß — ✓</p></body></html>"


@pytest.fixture
def fonttools_subsetter(monkeypatch):
    """WeasyPrint as on a machine without libharfbuzz-subset; counts the fontTools subsets."""
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    calls = []
    original = weasyprint_fonts.Font._fonttools_subset

    def counting(self, *args, **kwargs):
        calls.append(self.family)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint_fonts.Font, "_fonttools_subset", counting)
    return calls


def clock_at(monkeypatch, seconds: float) -> None:
    """fontTools reads the time through its own `time` module reference: move that clock."""
    monkeypatch.setattr(timeTools, "time", types.SimpleNamespace(time=lambda: seconds))


@pytest.mark.skipif(
    weasyprint_fonts.harfbuzz_subset is None,
    reason="needs libharfbuzz-subset (make system-deps; CI has it) to compare with",
)
def test_a_pdf_is_the_same_whether_or_not_the_machine_has_libharfbuzz_subset(monkeypatch):
    with_library = html_to_pdf(PAGE)
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    assert html_to_pdf(PAGE) == with_library


def test_fonttools_subset_pdf_is_the_same_a_day_later(monkeypatch, fonttools_subsetter):
    clock_at(monkeypatch, 1_700_000_000.0)
    first = html_to_pdf(PAGE)
    clock_at(monkeypatch, 1_700_086_400.0)
    second = html_to_pdf(PAGE)
    assert fonttools_subsetter, "the fontTools subsetter was not used"
    assert first == second


def test_the_callers_source_date_epoch_neither_changes_the_pdf_nor_is_lost(
    monkeypatch, fonttools_subsetter
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    without = html_to_pdf(PAGE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    with_setting = html_to_pdf(PAGE)
    assert without == with_setting
    assert os.environ["SOURCE_DATE_EPOCH"] == "1234567890"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return render_all_into(tmp_path_factory)  # the session's shared render of the seed claims


@pytest.mark.slow
def test_a_later_process_makes_a_published_pdf_again_byte_for_byte_from_the_reports_files(
    reports, tmp_path
):
    """Anyone can print a report again: a fresh process, later (the clock has moved), lays out
    the published page from its HTML and chart files with the calls the render makes, and gets
    the published PDF's bytes. The shortest seed report; running its notebook again would only
    give the same page. (This test rendered the small fixture itself with libharfbuzz-subset
    hidden; fonts are now subset by fontTools everywhere, see the first test.)"""
    claim = "dprk-missiles-first-used"
    again = (
        "import sys; from pathlib import Path; from factcheck.pdf import html_to_pdf, "
        "vector_charts; report, claim, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]); "
        "charts = {p.name: p.read_bytes() for p in (report / 'charts').iterdir()}; "
        "html = (report / f'{claim}.html').read_text(encoding='utf-8'); "
        "out.write_bytes(html_to_pdf(vector_charts(html, charts), claim))"
    )
    out = tmp_path / "again.pdf"
    done = subprocess.run(
        [sys.executable, "-c", again, str(reports / claim), claim, str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == (reports / claim / f"{claim}.pdf").read_bytes()


def test_the_faster_fonttools_subset_gives_weasyprints_own_bytes(monkeypatch):
    """factcheck.pdf skips parsing the layout tables WeasyPrint drops; the PDF is the same."""
    from factcheck import pdf

    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    own = (pdf._replaced or [weasyprint_fonts.Font.__dict__["_fonttools_subset"]])[0]
    monkeypatch.setattr(weasyprint_fonts.Font, "_fonttools_subset", own)
    monkeypatch.setattr(pdf, "_use_faster_fonttools_subset", lambda: None)
    theirs = html_to_pdf(PAGE)
    monkeypatch.setattr(weasyprint_fonts.Font, "_fonttools_subset", pdf._fonttools_subset)
    assert html_to_pdf(PAGE) == theirs


JAPANESE_PAGE = (
    "<html><head><title>t</title></head><body><p>Japan Times Alpha: "
    "「合計で800万発超の砲弾とロケット弾がロシアに送られている。」</p></body></html>"
)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The fonts a PDF embeds, by name, without the subset prefix (ABCDEF+)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_japanese_text_is_drawn_with_the_pinned_ipaex_gothic_never_a_system_font():
    """Before, WeasyPrint took whatever CJK font the system had (empty boxes where it had none,
    as on CI): the same quote printed differently on every machine."""
    fonts = embedded_fonts(html_to_pdf(JAPANESE_PAGE))
    assert "factcheck-IPAex-Gothic" in fonts
    assert fonts <= {"factcheck-IPAex-Gothic", *PINNED_DEJAVU}, fonts


def test_a_page_without_japanese_does_not_load_the_japanese_font():
    assert "factcheck-IPAex-Gothic" not in embedded_fonts(html_to_pdf(PAGE))


PINNED_DEJAVU = {"factcheck-DejaVu-Sans", "factcheck-DejaVu-Sans-Bold"}  # matplotlib's copy


def test_text_is_drawn_with_matplotlibs_dejavu_sans_never_the_systems():
    """Before, DejaVu Sans came from the system (Debian's fonts-dejavu-core, whose files
    differ from matplotlib's), or from whatever sans-serif font a machine had without it."""
    assert embedded_fonts(html_to_pdf(PAGE)) == PINNED_DEJAVU


CHART_PNG = b"\x89PNG a chart's print edition"
CHART_SVG = (  # a label as matplotlib writes it with svg.fonttype "none"
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200pt" height="60pt" viewBox="0 0 200 60">'
    b'<text style="font-size: 8px; font-family: \'DejaVu Sans\'; fill: #222222" x="10" '
    b'y="30">casualties (people)</text></svg>'
)
NO_SYSTEM_FONTS = (
    '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
    "<fontconfig><cachedir>{cache}</cachedir></fontconfig>\n"
)


def test_a_pdf_is_the_same_on_a_machine_without_any_system_font(tmp_path):
    """Body text, a bold heading, the running header, Japanese and a chart's SVG label, laid
    out in a process whose fontconfig finds no font at all: the same bytes. Before, WeasyPrint
    crashed there (Pango found no font to draw with)."""
    chart = f'<img src="data:image/png;base64,{base64.b64encode(CHART_PNG).decode()}" alt="c">'
    page = vector_charts(
        JAPANESE_PAGE.replace("</body>", f"<h2>Bold 6,000</h2>{chart}</body>"),
        {"c.png": CHART_PNG, "c.svg": CHART_SVG},
    )
    config = tmp_path / "fonts.conf"
    config.write_text(NO_SYSTEM_FONTS.format(cache=tmp_path / "cache"), encoding="utf-8")
    lay_out = (
        "import sys; from factcheck.pdf import html_to_pdf; "
        "sys.stdout.buffer.write(html_to_pdf(sys.stdin.buffer.read().decode('utf-8')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", lay_out],
        input=page.encode("utf-8"),
        capture_output=True,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
        cwd=PROJECT_ROOT,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stdout == html_to_pdf(page)
    assert b"Expect ugly output" not in done.stderr  # WeasyPrint's warning is wrong for us


def test_a_chart_label_in_japanese_is_drawn_with_ipaex_gothic_on_a_page_without_japanese():
    label = "防衛省 says".encode()
    svg = CHART_SVG.replace(b"casualties (people)", label)
    chart = f'<img src="data:image/png;base64,{base64.b64encode(CHART_PNG).decode()}" alt="c">'
    page = vector_charts(
        PAGE.replace("</body>", f"{chart}</body>"), {"c.png": CHART_PNG, "c.svg": svg}
    )
    fonts = embedded_fonts(html_to_pdf(page))
    assert "factcheck-IPAex-Gothic" in fonts, fonts
