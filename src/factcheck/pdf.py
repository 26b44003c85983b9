"""The readers' PDF exporter: the same HTML as the web page, laid out for A4 by WeasyPrint.

Why WeasyPrint: it installs with pip alone (no TeX, no browser download), gives the same look
as the HTML, embeds fonts, makes bookmarks from headings and live links, and writes the same
bytes for the same input (no creation date). Registered as the nbconvert exporter
`factcheck_pdf`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from traitlets import Unicode, default

from .html import ReaderHTMLExporter
from .paths import PRINT_CSS


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

# The clock a subset font records. Without libharfbuzz-subset, WeasyPrint subsets fonts with
# fontTools, which stamps "now" into each embedded font's `head.modified` unless
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


def html_to_pdf(html: str, claim_id: str = "") -> bytes:
    """A tagged A4 PDF from the reader HTML.

    The running header is the page's short title (print.css takes it from the element with
    class `running-title`), never the claim's slug; `claim_id` is kept for callers.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango or its fonts missing on the system
        raise PDFEngineError(f"WeasyPrint cannot start: {err}") from err
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    del claim_id
    try:
        document = weasyprint.HTML(string=html, base_url=None)
        with _fixed_font_clock():
            return document.write_pdf(
                stylesheets=[weasyprint.CSS(filename=str(PRINT_CSS))], pdf_variant=PDF_VARIANT
            )
    except Exception as err:  # noqa: BLE001 - any layout failure is reported, the HTML stays
        raise PDFEngineError(f"WeasyPrint failed to write the PDF: {err}") from err
