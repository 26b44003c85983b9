"""The readers' HTML exporter: an nbconvert exporter class, so `jupyter nbconvert --to factcheck_html`
works as well as `factcheck render`.
"""

from __future__ import annotations

from nbconvert.exporters import HTMLExporter
from traitlets import default

from .paths import PACKAGE_DIR, TEMPLATES_DIR


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
        return super().from_notebook_node(nb, resources, **kw)
