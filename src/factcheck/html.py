"""The readers' HTML exporter: an nbconvert exporter class, so `jupyter nbconvert --to factcheck_html`
works as well as `factcheck render`.

Cell tags decide where an output goes: untagged cells make the main body, cells tagged
`appendix` follow one heading "Appendix" (after a page break in print), cells tagged `hide`
(and the parameters) are never shown. Readers never see code.
"""

from __future__ import annotations

import contextlib
import copy

from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_markdown_cell
from traitlets import default

from .paths import PACKAGE_DIR, TEMPLATES_DIR

APPENDIX, HIDE = "appendix", "hide"
NEVER_SHOWN = {HIDE, "parameters", "injected-parameters"}
APPENDIX_HEADING = '<h2 id="appendix" class="appendix-heading">Appendix</h2>'


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def reader_order(nb):
    """A copy of the notebook in reading order: main body, the appendix heading, the appendix."""
    nb = copy.deepcopy(nb)
    main = [c for c in nb.cells if not tags(c) & (NEVER_SHOWN | {APPENDIX})]
    appendix = [c for c in nb.cells if APPENDIX in tags(c) and not tags(c) & NEVER_SHOWN]
    if appendix:
        heading = new_markdown_cell(APPENDIX_HEADING)
        heading.metadata["tags"] = ["appendix-heading"]
        heading["id"] = "appendix-heading"
        appendix = [heading, *appendix]
    nb.cells = main + appendix
    return nb


class ReaderHTMLExporter(HTMLExporter):
    """No code cells, no prompts, the claim as the title, everything embedded in one file."""

    export_from_notebook = "factcheck reader HTML"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "reader"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES_DIR)]

    @default("exclude_input")
    def _exclude_input_default(self) -> bool:
        return True

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = self._init_resources(resources)
        meta = dict(nb.metadata.get("factcheck", {}))
        meta.setdefault("title", nb.metadata.get("title", "Fact check"))
        meta["css"] = (PACKAGE_DIR / "reader.css").read_text(encoding="utf-8")
        resources["factcheck"] = meta
        return super().from_notebook_node(reader_order(nb), resources, **kw)


def warmed_exporter() -> ReaderHTMLExporter:
    """An exporter that has already exported a small notebook, so its Jinja templates are
    compiled (the templates are cached per exporter): a render builds it in its warm-up
    thread while the kernel runs, and the page's own export then skips that work."""
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    exporter = ReaderHTMLExporter()
    shown = new_output("display_data", data={"text/html": "<p>warm-up</p>", "text/plain": ""})
    appendix = new_code_cell("", outputs=[shown], metadata={"tags": [APPENDIX]})
    nb = new_notebook(
        cells=[new_markdown_cell("# Warm-up"), new_code_cell("", outputs=[shown]), appendix]
    )
    with contextlib.suppress(Exception):  # a warm-up only: the page's export reports failures
        exporter.from_notebook_node(nb)
    return exporter
