"""What every part of the page shares: the HTML display object, the fragment templates, the
claim's loading, and `PageBase` (the claim, the evidence and the one verdict of this render).

A page never decides anything itself (the engine did); it lays out what the verdict says, in
the words of `factcheck.wording`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import scales
from ..evidence import Evidence, for_claim, load_evidence, read_handoff
from ..paths import TEMPLATES_DIR, resolve_data_dir
from ..publisher import publisher_name
from ..schema import Claim, Source
from ..verdict import Verdict
from ..wording import TITLE_NOT_RECORDED, first_date_then_published
from .counts import Counts, count
from .words import (
    FORBIDDEN,
    breakable,
    claim_short_title,
    is_http,
    longdate,
    quoted,
    shortdate,
)

PUBLISHER = ""  # no made-up name: the publisher is FACTCHECK_PUBLISHER (factcheck.publisher)
ECHOES = 25  # echoes named in a source entry; the rest are counted
WHO_ROWS = 10  # independent sources shown in the main body's table; the appendix lists them all
ENTRIES = 5  # documents listed per source, echoes aside; the rest are counted

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES_DIR)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.tests["is_http"] = is_http
_env.filters["is_http"] = is_http
_env.filters["longdate"] = longdate
_env.filters["shortdate"] = shortdate
_env.filters["quoted"] = quoted
_env.filters["breakable"] = breakable


def when_published(when, published=None) -> str:
    """A table's date: the date the figure refers to, the publication date beside it where it
    differs. A missing value (NaT or None from a DataFrame) counts as none."""
    import pandas as pd

    def as_date(value):
        return None if value is None or pd.isna(value) else pd.Timestamp(value).date()

    return first_date_then_published(as_date(when), as_date(published))


_env.filters["when_published"] = when_published


def _macros():
    return _env.get_template("fragments.html.j2").module


class HTML:
    """A display object Jupyter renders as text/html (and that tests can read)."""

    def __init__(self, html: str):
        self.data = str(html).strip()

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:  # plain-text fallback: never shown to readers
        return "<factcheck HTML fragment>"


def load_claim(
    claim_id: str, data_dir: str | Path = "data", evidence_file: str | Path = ""
) -> tuple[Claim, Evidence]:
    """The claim and the evidence base cut down to what it needs.

    A render passes `evidence_file`, the evidence it already loaded and validated, so the data
    is read and checked once per render; an analyst in JupyterLab leaves it empty and the data
    folder is read here."""
    if evidence_file:
        evidence = read_handoff(evidence_file)
    else:
        evidence = for_claim(load_evidence(resolve_data_dir(data_dir)), claim_id)
    return evidence.claims[claim_id], evidence


def _clean(text: str, fallback: str) -> str:
    """Free text from the data, unless it carries workshop words a reader must not see."""
    lowered = text.lower()
    return fallback if any(word in lowered for word in FORBIDDEN) else text


def _found(source: Source) -> bool:
    return bool(source.url) and source.status == "verified"


@dataclass
class PageBase:
    claim: Claim
    evidence: Evidence
    verdict: Verdict
    publisher: str = field(default_factory=publisher_name)

    # ------------------------------------------------------------------ shared pieces

    @cached_property
    def counts(self) -> Counts:
        return count(self.evidence, self.verdict)

    @property
    def short_title(self) -> str:
        return claim_short_title(self.claim)

    def _source_view(self, source: Source) -> dict:
        """A document as readers see it; free text with workshop words falls back to plain words."""
        reason = _clean(source.reliability_reason, scales.RELIABILITY[source.reliability])
        title = _clean(source.title, "")
        outlet = _clean(source.outlet, "")
        # a title the data does not record is said so in words, never left as a gap
        title_note = "" if source.title or not outlet else TITLE_NOT_RECORDED
        if not outlet:
            outlet = f"A headline, {quoted(title)}" if title else "An unnamed page"
            title = ""
        status = (
            ""
            if _found(source)
            else ("no archived copy" if source.status == "not-archived" else "page not found")
        )
        return {
            "outlet": outlet,
            "title": title,
            "title_note": title_note,
            "url": source.url,
            "published": source.published,
            "archive_url": source.archive_url,
            "reliability": source.reliability,
            "reliability_reason": reason.rstrip(".") + ".",
            "found": _found(source),
            "status": status,
        }
