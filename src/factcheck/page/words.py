"""What readers must never see, and the page's small text helpers.

Every word made from data is worded in `factcheck.wording` (re-exported here for the page's
modules). Readers never see a data id, a file or column name or a research-note reference:
the engine writes names, not ids, and `FORBIDDEN` is the list the tests search every rendered
page for.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..evidence import Evidence
from ..wording import (
    claim_short_title,
    figure_words,
    humanise,
    longdate,
    metric_words,
    number,
    plural,
    quoted,
    shortdate,
    stated,
)

__all__ = [  # worded in factcheck.wording; re-exported for the page's modules
    "claim_short_title",
    "longdate",
    "metric_words",
    "number",
    "plural",
    "quoted",
    "shortdate",
    "stated",
]

# Words that belong to the workshop, not the page. Data ids are checked as well (see tests).
FORBIDDEN = (
    "derived_from",
    "appeared_in",
    "refers_to",
    "fact base",
    "[slug",
    "seed headline",
    "seed fact-check",
    "figures.csv",
    "sources.csv",
    "events.csv",
    "originators.csv",
    "data/",
    "line(s)",
    "echo-amplification",
    "hedge-dropped",
    "party-to-conflict",
    "single-originator",
    "stale-evidence",
)


def is_http(url: object) -> bool:
    if not isinstance(url, str) or not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# A quotation mark, spaces, then an opening bracket: "Unnamed 'officials' (The Times)". Pango
# follows the line-breaking rule (UAX #14, LB15 before Unicode 15.1) that allows no break there,
# so in a narrow column WeasyPrint broke the bracketed word instead: "(Th" / "e Times".
_UNBREAKABLE_AFTER_QUOTE = re.compile(
    r"(?<=['\"’”»«›‹“„‟])([ \t\r\n]+)(?=[(\[{（［｛])"
)  # not \xa0


def breakable(text: object) -> Markup:
    """`text`, escaped, with a line-break opportunity (<wbr>) wherever the old rule forbids the
    break a reader expects: after a closing quotation mark and its space, before a bracket."""
    pieces = _UNBREAKABLE_AFTER_QUOTE.split(str(text))
    return Markup("").join(
        escape(piece) + (Markup("<wbr>") if index % 2 else Markup(""))
        for index, piece in enumerate(pieces)
    )


def names(evidence: Evidence) -> dict[str, str]:
    """Every data id a page could show, mapped to what a reader calls it (for tests and
    analysts: the page itself prints names the engine already worded, never ids)."""
    found: dict[str, str] = {}
    for event in evidence.events.values():
        found.setdefault(event.type, humanise(event.type))
    for sid, source in evidence.sources.items():
        when = longdate(source.published)
        found[sid] = f"{source.outlet} ({when})" if when else source.outlet
    for fid, figure in evidence.figures.items():
        found[fid] = figure_words(figure)
    for eid, event in evidence.events.items():
        found[eid] = event.summary
    for subject in evidence.subjects.values():
        found[subject.id] = subject.name
    for originator in evidence.originators.values():
        found[originator.id] = originator.name
    return found


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (on '. ' followed by a capital)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip())
    return [p for p in parts if p]
