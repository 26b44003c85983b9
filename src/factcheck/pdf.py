"""The readers' PDF exporter: the same HTML as the web page, laid out for A4 by WeasyPrint.

Why WeasyPrint: it installs with pip alone (no TeX, no browser download), gives the same look
as the HTML, embeds fonts, makes bookmarks from headings and live links, and writes the same
bytes for the same input (no creation date). Registered as the nbconvert exporter
`factcheck_pdf`.
"""

from __future__ import annotations

import base64
import functools
import gc
import logging
import os
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from traitlets import Unicode, default

from .html import ReaderHTMLExporter
from .paths import PRINT_CSS, package_file


class PDFEngineError(RuntimeError):
    """WeasyPrint could not lay out or write the PDF."""


class ReaderPDFExporter(ReaderHTMLExporter):
    export_from_notebook = "factcheck reader PDF"
    output_mimetype = "application/pdf"
    file_extension = Unicode(".pdf").tag(config=True)

    @default("template_file")
    def _template_file_default(self) -> str:
        return "index.html.j2"  # the PDF is the reader HTML, laid out for print

    def from_notebook_node(self, nb, resources=None, **kw):
        html, resources = super().from_notebook_node(nb, resources, **kw)
        meta = resources.get("factcheck", {})
        return html_to_pdf(html, meta.get("claim_id", "")), resources


PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers (WeasyPrint's PDF/UA-1 support)

# The clock a subset font records. WeasyPrint subsets fonts with fontTools here (see
# _subset_with_fonttools), which stamps "now" into each embedded font's `head.modified` unless
# SOURCE_DATE_EPOCH (the reproducible-builds convention) says otherwise. A fixed value, not the
# caller's environment, so no setting on the machine changes the bytes.
FONT_CLOCK = "0"


@contextmanager
def _fixed_font_clock() -> Iterator[None]:
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FONT_CLOCK
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


# Tables WeasyPrint's fontTools path drops from every subset font anyway. fontTools (4.60+)
# parses the layout tables before it prunes them, and GPOS alone is about half of the time a
# DejaVu subset takes; removing them first gives the same bytes in about half the time. `kern`
# goes with GPOS, as fontTools' own pruning does when the font has GPOS.
DROPPED_BEFORE_SUBSET = ("GSUB", "GPOS", "SVG ")


def _fonttools_subset(self, to_unicode, hinting) -> None:
    """WeasyPrint's `Font._fonttools_subset` (same options, same output bytes), minus the
    parsing of tables it drops."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont, TTLibError

    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=hinting,
        desubroutinize=True,
        notdef_outline=bool(self.missing),
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=to_unicode)
    try:
        font = TTFont(io.BytesIO(self.file_content), fontNumber=self.index)
        if "GPOS" in font and "kern" in font and not options.legacy_kern:
            del font["kern"]
        for tag in DROPPED_BEFORE_SUBSET:
            if tag in font:
                del font[tag]
        subsetter.subset(font)
    except TTLibError:
        logging.getLogger("weasyprint").warning("Unable to subset %r with fontTools", self.family)
        return
    out = io.BytesIO()
    font.save(out)
    self.file_content = out.getvalue()


def _subset_with_fonttools(self, to_unicode, hinting) -> None:
    """WeasyPrint's `Font.subset`, always on the fontTools path (pinned in the lock), never on
    the system's optional libharfbuzz-subset: the two make different font bytes, so the same
    report's PDF differed between machines with and without that Debian package. With the
    tables dropped first (_fonttools_subset) it costs about 0.1 s a PDF more than the library
    on the seed report."""
    if to_unicode:
        self._fonttools_subset(to_unicode, hinting)


def _use_one_font_subsetter() -> None:
    from weasyprint.pdf import fonts

    current = getattr(fonts.Font, "subset", None)
    if current is not None and getattr(current, "__module__", "") == fonts.__name__:
        fonts.Font.subset = _subset_with_fonttools


def _use_faster_fonttools_subset() -> None:
    from weasyprint.pdf import fonts

    current = getattr(fonts.Font, "_fonttools_subset", None)  # WeasyPrint 70's name
    # only WeasyPrint's own: a caller's (a test's) wrapper stays in place
    if current is not None and getattr(current, "__module__", "") == fonts.__name__:
        _replaced.append(current)
        fonts.Font._fonttools_subset = _fonttools_subset


_replaced: list = []  # WeasyPrint's own method, once ours replaced it (the tests compare them)


def _svg_style_declarations(parse: Callable) -> Callable:
    """WeasyPrint's parser of an SVG element's `style` attribute, remembering each string's
    declarations: a matplotlib chart repeats a few dozen style strings on hundreds of elements
    (the seed's 5 charts: 59 different of 414), each parsed by tinycss2 again. The cascade only
    reads the declarations, so a repeated string gives the same result."""

    @functools.lru_cache(maxsize=1024)
    def parse_declarations(style: str):
        normal, important = parse(style)
        return tuple(normal), tuple(important)

    parse_declarations.__wrapped_weasyprint__ = parse
    return parse_declarations


def _use_cached_svg_styles() -> None:
    from weasyprint import svg

    if getattr(svg.parse_declarations, "__module__", "") == "weasyprint.svg.css":
        svg.parse_declarations = _svg_style_declarations(svg.parse_declarations)


class _OneRun(str):
    """A text WeasyPrint's SVG `text` iterates as one piece (see _svg_text_in_one_run)."""

    def __iter__(self):
        yield str(self)


def _placed_once(svg, node, font_size) -> bool:
    """Whether a text element gives its letters no positions of their own: no dx, dy, rotate
    or textLength, at most one x and one y, and no letter spacing."""
    from weasyprint.svg.utils import normalize

    attributes = node.attrib
    if any(name in attributes for name in ("dx", "dy", "rotate", "textLength")):
        return False
    if any(len(normalize(attributes.get(name, "")).split()) > 1 for name in ("x", "y")):
        return False
    return not svg.length(node.get("letter-spacing"), font_size)


def _svg_text_in_one_run(draw_text: Callable) -> Callable:
    """WeasyPrint's drawing of an SVG text element, laying out a run of letters at once.

    WeasyPrint lays out and draws SVG text a letter at a time (one Pango layout per letter),
    so that each letter can take its own x, y, dx, dy or rotate; the seed report's 143 chart
    labels cost a tenth of its PDF that way. A matplotlib label has one position: its letters
    are handed to the same code as one run (Pango places them, with the font's kerning), and
    any element with positions of its own is drawn letter by letter as before. The PDF's text
    reads the same."""

    def text(svg, node, font_size):
        element = node._etree_node
        content = element.text
        if node.tag not in ("text", "tspan") or not content or len(content) < 2:
            return draw_text(svg, node, font_size)
        if not _placed_once(svg, node, font_size):
            return draw_text(svg, node, font_size)
        element.text = _OneRun(content)
        try:
            return draw_text(svg, node, font_size)
        finally:
            element.text = content

    text.__wrapped_weasyprint__ = draw_text
    return text


def _use_svg_text_in_one_run() -> None:
    """In place of WeasyPrint's own `text`, everywhere it is looked up: the tag table, and the
    module name its anchoring code compares the table's entries with."""
    from weasyprint import svg

    own = svg.text
    if getattr(own, "__module__", "") != "weasyprint.svg.text":
        return
    ours = _svg_text_in_one_run(own)
    svg.text = ours
    for tag, draw in list(svg.TAGS.items()):
        if draw is own:
            svg.TAGS[tag] = ours


def _use_our_replacements() -> None:
    """This module's faster parts in WeasyPrint (each gives the same page), its logs quiet."""
    _use_one_font_subsetter()
    _use_faster_fonttools_subset()
    _use_cached_svg_styles()
    _use_svg_text_in_one_run()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


INLINE_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
# A <picture>'s <source> (the phone edition of a chart, inline): for browsers only, WeasyPrint
# draws the <img>. Half of a report's HTML by size, and parsing it was a tenth of the PDF's
# HTML parsing time; the PDF's bytes are the same without it.
PICTURE_SOURCE = re.compile(r"<source\b[^>]*>")


def vector_charts(html: str, charts: Mapping[str, bytes]) -> str:
    """The HTML with each chart laid out from its SVG: text selectable, sharp at any zoom.

    `charts` are the files `charts.show` saved (`<name>.png`, `<name>.svg`, ...). An inline PNG
    whose bytes are a saved chart's `<name>.png` (the print edition the page shows) becomes that
    chart's `<name>.svg`; any other image (an analyst's own, a phone edition) stays as it is. The
    web page keeps its PNGs: this is the print edition only. Measured on the seed report (26
    pages, issue 23): no more CPU than the PNGs since a label is laid out in one run (0.3 s
    more before, see _svg_text_in_one_run), for a PDF of 180 KB instead of 427 KB.
    """
    svg_for = {}
    for name, data in charts.items():
        stem, dot, suffix = name.rpartition("/")[2].rpartition(".")
        svg = charts.get(name[: -len(suffix)] + "svg") if dot and suffix == "png" else None
        if svg is not None:
            svg_for[base64.b64encode(data).decode("ascii")] = _pinned_svg_families(svg)
    if not svg_for:
        return html

    def swap(found: re.Match) -> str:
        svg = svg_for.get(found.group(1))
        if svg is None:
            return found.group(0)
        return f'src="data:image/svg+xml;base64,{base64.b64encode(svg).decode("ascii")}"'

    return INLINE_PNG.sub(swap, html)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Python's cyclic garbage collector paused while WeasyPrint lays out and writes the PDF.

    Layout allocates some hundred thousand objects, so the collector ran again and again over
    them all, about 7 % of the PDF's time on the seed report; reference counting still frees
    almost everything at once (the peak memory measured the same), and the few cycles left wait
    for the next collection. The caller's setting is restored, whatever it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Every face the PDF draws with comes from a pinned Python package, declared under a family
# name of our own (print.css uses only these), so that no system font package decides how a
# report prints. A system font is used only for a script none of these has (Hangul, say).
BODY_FAMILY = "factcheck DejaVu Sans"  # matplotlib's own copy of DejaVu Sans
JAPANESE_FAMILY = "factcheck IPAex Gothic"  # matplotlib-fontja's IPAex Gothic
_BODY_FACES = (  # print.css uses two weights; an italic is never asked for
    (BODY_FAMILY, "normal", ("matplotlib", "mpl-data", "fonts", "ttf", "DejaVuSans.ttf")),
    (BODY_FAMILY, "bold", ("matplotlib", "mpl-data", "fonts", "ttf", "DejaVuSans-Bold.ttf")),
)
_JAPANESE_FACES = ((JAPANESE_FAMILY, "normal", ("matplotlib_fontja", "fonts", "ipaexg.ttf")),)
# A chart's SVG names the font matplotlib drew it with; its labels take our copies instead, in
# print.css's order. No space after the comma: WeasyPrint's SVG splits the list on commas and
# strips only quotes.
_SVG_FAMILIES = {"DejaVu Sans": f"'{BODY_FAMILY}','{JAPANESE_FAMILY}'"}
_INLINE_SVG = re.compile(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")
_SVG_FAMILY = re.compile(rb"font-family: ?'([^']+)'")
# Japanese text (kana, CJK ideographs, full-width forms) in a page: DejaVu has none of it.
NEEDS_JAPANESE_FONT = re.compile(
    "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


def font_faces(html: str) -> str:
    """The @font-face rules for a page: DejaVu Sans always, IPAex Gothic for a page with
    Japanese (loading its 4 MB costs about 0.1 s). A face whose package is missing is left out
    (WeasyPrint then falls back to the system's fonts).

    Before, WeasyPrint took DejaVu from the system (Debian's copy differs from matplotlib's),
    and Japanese from whatever CJK font the system had, or drew empty boxes where it had none:
    the same report printed differently from machine to machine."""
    faces = _BODY_FACES + (_JAPANESE_FACES if _has_japanese(html) else ())
    rules = []
    for family, weight, where in faces:
        font = package_file(*where)
        if font is not None:
            rules.append(
                f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                f'src: url("{font.as_uri()}"); }}'
            )
    return "\n".join(rules)


def _has_japanese(html: str) -> bool:
    """Japanese in the page's text or in a chart's labels (an inline SVG, base64-encoded)."""
    if NEEDS_JAPANESE_FONT.search(html):
        return True
    return any(
        NEEDS_JAPANESE_FONT.search(base64.b64decode(found.group(1)).decode("utf-8", "replace"))
        for found in _INLINE_SVG.finditer(html)
    )


def _pinned_svg_families(svg: bytes) -> bytes:
    """A chart's SVG with each font family we pin renamed to our copy's family."""

    def rename(found: re.Match) -> bytes:
        family = _SVG_FAMILIES.get(found.group(1).decode("utf-8", "replace"))
        return found.group(0) if family is None else b"font-family: %s" % family.encode()

    return _SVG_FAMILY.sub(rename, svg)


@contextmanager
def _no_font_warning() -> Iterator[None]:
    """WeasyPrint warns as it is imported where fontconfig finds no font ("Expect ugly
    output"): the PDF draws only the pinned faces of `font_faces`, so there it is wrong."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="(No fonts configured|FontConfig cannot load)", category=UserWarning
        )
        yield


def html_to_pdf(html: str, claim_id: str = "", charts: Mapping[str, bytes] | None = None) -> bytes:
    """A tagged A4 PDF from the reader HTML; with `charts` (the saved chart files), each chart is
    drawn from its SVG (see vector_charts).

    The running header is the page's short title (print.css takes it from the element with
    class `running-title`), never the claim's slug; `claim_id` is kept for callers.
    """
    if charts:
        html = vector_charts(html, charts)
    try:
        with _no_font_warning():
            import weasyprint
            from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as err:  # OSError: Pango or its fonts missing on the system
        raise PDFEngineError(f"WeasyPrint cannot start: {err}") from err
    _use_our_replacements()
    del claim_id
    html = PICTURE_SOURCE.sub("", html)
    try:
        with _no_cyclic_gc():
            document = weasyprint.HTML(string=html, base_url=None)
            fonts = FontConfiguration()
            stylesheets = [weasyprint.CSS(filename=str(PRINT_CSS), font_config=fonts)]
            stylesheets.append(weasyprint.CSS(string=font_faces(html), font_config=fonts))
            with _fixed_font_clock():
                return document.write_pdf(
                    stylesheets=stylesheets, font_config=fonts, pdf_variant=PDF_VARIANT
                )
    except Exception as err:  # noqa: BLE001 - any layout failure is reported, the HTML stays
        raise PDFEngineError(f"WeasyPrint failed to write the PDF: {err}") from err


def warm_up() -> None:
    """Import WeasyPrint (and put this module's replacements in place) while the kernel runs
    the notebook, so the PDF does not wait for it after the page exists.

    Only the import: it is most of what a fresh process's first PDF costs more than the next
    (0.3 s of CPU of the seed's 2.7 s). Writing a small PDF as well, as this did before, cost
    another 0.2 s and made the report's first PDF no faster (measured, issue 23), on the core
    that the kernel and the phone charts' child share. Nothing here reaches a report; any failure is
    left for `html_to_pdf` to report.
    """
    try:
        with _no_font_warning():
            import weasyprint  # noqa: F401 - the import is the warm-up

        _use_our_replacements()
    except Exception:  # noqa: BLE001, S110 - a warm-up only; html_to_pdf reports real failures
        pass
