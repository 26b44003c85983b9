"""Reader words: dates, figures as their sources stated them, and ids turned into names.

Readers never see a data id, a file or column name or a research-note reference. Every string
the page prints from the engine passes through `readable`, and `FORBIDDEN` is the list the
tests search every rendered page for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..evidence import Evidence
from ..schema import Figure
from ..vocabulary import COMPARATOR_WORDS, METRICS

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

_QUALIFIER_WORDS = {
    "approximately": "about",
    "at least": "at least",
    "more than": "more than",
    "up to": "up to",
    "exact": "",
}


# The engine's flag codes, as a reader would name each warning.
FLAG_NAMES = {
    "single-originator": "resting on one source",
    "echo-amplification": "repeats counted once",
    "hedge-dropped": "a dropped qualifier",
    "party-to-conflict": "sources with a stake",
    "terminology": "killed versus casualties",
    "denominator": "a share of which total",
    "stale-evidence": "old evidence",
    "stale": "old evidence",
}


def is_http(url: object) -> bool:
    if not isinstance(url, str) or not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def longdate(value: dt.date | str | None) -> str:
    """'15 June 2025': unambiguous in every English-speaking country."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def shortdate(value: dt.date | None) -> str:
    return f"{value.day} {value:%b %Y}" if value else "undated"


def quoted(text: str) -> str:
    """Quotation marks around a quote, unless the quote already opens with its own."""
    if text[:1] in "\"“‘«„'":
        return text
    return f"“{text}”"


def number(value: float) -> str:
    return f"{value:,.0f}"


def stated(figure: Figure) -> str:
    """A figure as its source stated it ("about 4,000", "more than 6,000", "1,000 to 3,000").

    The data's own wording wins where it records one; the engine's intervals never reach readers.
    """
    own = getattr(figure, "stated", None)
    if own:
        return str(own)
    words = _QUALIFIER_WORDS.get(figure.qualifier, "")
    value = (
        number(figure.low)
        if figure.low == figure.high
        else f"{number(figure.low)} to {number(figure.high)}"
    )
    return f"{words} {value}".strip()


def metric_words(metric: str) -> str:
    info = METRICS.get(metric)
    return info.label if info else metric.replace("_", " ")


def claim_short_title(claim, limit: int = 60) -> str:
    """A running header for print: what the claim is about, not its slug."""
    if claim.kind != "quantity":  # an event or a statement
        text = claim.claim.rstrip(" .")
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
        return f"Fact check: {text}"
    words = COMPARATOR_WORDS.get(claim.comparator or "", "")
    return " ".join(
        f"Fact check: {metric_words(claim.metric)}, {words} {number(claim.value)}".split()
    )


def humanise(identifier: str) -> str:
    """An id with no name in the data, as words ('russia-acknowledges-dprk-troops')."""
    return identifier.replace("-", " ").replace("_", " ")


def names(evidence: Evidence) -> dict[str, str]:
    """Every data id a sentence may contain, mapped to what a reader calls it."""
    found: dict[str, str] = dict(FLAG_NAMES)
    for event in evidence.events.values():
        found.setdefault(event.type, humanise(event.type))
    for sid, source in evidence.sources.items():
        when = longdate(source.published)
        found[sid] = f"{source.outlet} ({when})" if when else source.outlet
    for fid, figure in evidence.figures.items():
        found[fid] = f"{stated(figure)} {metric_words(figure.metric)}"
    for eid, event in evidence.events.items():
        found[eid] = event.summary
    for subject in evidence.subjects.values():
        found[subject.id] = subject.name
    for originator in evidence.originators.values():
        found[originator.id] = originator.name
    return found


def readable(text: str, mapping: Mapping[str, str]) -> str:
    """Replace every data id in an engine sentence with its name; ISO dates become long dates."""
    if not text:
        return text
    ids = sorted((i for i in mapping if i in text), key=len, reverse=True)
    if ids:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
        text = pattern.sub(lambda m: mapping[m.group(1)], text)
    text = re.sub(
        r"\b(\d{4}-\d{2}-\d{2})\b", lambda m: longdate(m.group(1)), text
    )  # 2025-06-15 -> 15 June 2025
    text = re.sub(r"\b1 line\(s\)", "1 line", text)
    text = re.sub(r"\b(\d+) line\(s\)", r"\1 lines", text)
    return text


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else (plural_form or noun + 's')}"


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (on '. ' followed by a capital)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip())
    return [p for p in parts if p]
