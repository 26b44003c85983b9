"""What every chart shares: names for readers, figures in the sources' words, the date axis.

The date axis never depends on the span of dates alone: a bounded number of ticks
(AutoDateLocator with maxticks), and a range clamped to the data, so an as-of date in the year
9999 neither slows a chart nor overflows matplotlib's calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings

import matplotlib.dates as mdates
from matplotlib.axes import Axes

from ..evidence import Evidence
from ..schema import Figure as Datum
from ..wording import longdate, number, plural, short_number, shortdate, shorten, stated
from . import style

# Worded in factcheck.wording: the charts' labels, titles and alt text use the page's words.
num, day = number, shortdate
__all__ = ["day", "longdate", "num", "plural", "short_number", "stated"]

MAX_TICKS = 7
PHONE_TICKS = 4  # a narrow chart's date axis: fewer, so concise labels never touch
# How far past the last data point the axis may reach to show the as-of date, in days, at least.
AS_OF_REACH = 120


@functools.lru_cache(maxsize=4096)  # a chart of thousands of figures names a few dozen sources
def short_name(name: str, limit: int = 40) -> str:
    """An originator's name for a chart: parenthesised parts dropped, an acronym kept.

    "South Korea National Intelligence Service (NIS)" becomes "South Korea NIS";
    "UK Defence Intelligence (UK Ministry of Defence)" becomes "UK Defence Intelligence".
    """
    acronyms = re.findall(r"\(([A-Z]{2,6})\)", name)
    base = re.sub(r"\s*\([^)]*\)", "", name).strip() or name
    base = base.split(" / ")[0]
    for acronym in acronyms:
        base = _abbreviate(base, acronym) or base
    return shorten(base, limit)


def _abbreviate(text: str, acronym: str) -> str | None:
    """Replace the capitalised words `acronym` stands for (skipping "of", "the"), if found."""
    words = text.split()
    for start, first in enumerate(words):
        if not first[:1].isupper():
            continue
        initials, end = "", start
        while end < len(words) and len(initials) < len(acronym):
            word = words[end]
            if word[:1].isupper():
                initials += word[0]
            elif word not in ("of", "the", "and", "for"):
                break
            end += 1
        if initials == acronym:
            return " ".join([*words[:start], acronym, *words[end:]])
    return None


def originator_name(evidence: Evidence, originator_id: str, limit: int = 40) -> str:
    found = evidence.originators.get(originator_id)
    return short_name(found.name, limit) if found else "unnamed originator"


def subject_name(evidence: Evidence, subject: str | None) -> str:
    found = evidence.subjects.get(subject) if subject else None
    return found.name if found else "the subject"


def point(figure: Datum) -> float:
    """The number a source states: the bound for open figures, the middle of a range."""
    if figure.qualifier == "up to":
        return float(figure.high)
    if figure.qualifier in ("more than", "at least"):
        return float(figure.low)
    return (figure.low + figure.high) / 2


def source_line(evidence: Evidence, extra: str = "") -> str:
    """Where the numbers come from, in words: no ids, no file names."""
    text = (
        "Source: the documents listed in this report's sources, as recorded in the evidence "
        f"base (data version {evidence.version[:12]})."
    )
    return f"{text} {extra}".strip()


def date_range(
    dates: list[dt.date], as_of: dt.date | None, also: list[dt.date] | None = None
) -> tuple[float, float, bool]:
    """The x range (matplotlib date numbers) for `dates`, and whether as-of lies inside it.

    The range covers the data (and `also`, e.g. a claimed period, when near it) plus a margin;
    the as-of date widens it only when it lies within a quarter of the span (at least
    AS_OF_REACH days) of the last point. A far as-of date is marked at the edge instead.
    """
    first, last = min(dates), max(dates)
    span = max((last - first).days, 30)
    reach = max(AS_OF_REACH, span // 4)
    for extra in also or ():
        if -reach <= (extra - first).days and (extra - last).days <= reach:
            first, last = min(first, extra), max(last, extra)
    inside = as_of is not None and first <= as_of and (as_of - last).days <= reach
    if inside:
        last = max(last, as_of)
    span = max((last - first).days, 30)
    pad = max(10, span // 25)
    lo = mdates.date2num(first) - pad
    hi = mdates.date2num(last) + pad
    # matplotlib's calendar ends at 9999-12-31: keep a margin inside it
    hi = min(hi, mdates.date2num(dt.date(9999, 12, 1)))
    lo = min(lo, hi - 30)
    return lo, hi, inside


class DateTicks(mdates.AutoDateLocator):
    """matplotlib's automatic date ticks, without the warning it gives where no step fits the
    budget by its own count (which assumes a tick at both ends): a narrow axis over 19 to 23
    months. It then takes its largest monthly step, six months, which gives at most four ticks
    there: the chart keeps those ticks, and an analyst's notebook shows no warning about them."""

    def get_locator(self, dmin, dmax):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "AutoDateLocator was unable to pick", UserWarning)
            return super().get_locator(dmin, dmax)


def date_axis(ax: Axes, lo: float, hi: float, narrow: bool = False) -> None:
    """A bounded number of date ticks, labelled concisely (year shown once, where it changes);
    fewer on a narrow chart."""
    most = PHONE_TICKS if narrow else MAX_TICKS
    locator = DateTicks(minticks=2 if narrow else 3, maxticks=most)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.xaxis.set_minor_locator(DateTicks(minticks=3, maxticks=most * 4))
    ax.set_xlim(lo, hi)


def as_of_mark(ax: Axes, as_of: dt.date, inside: bool) -> None:
    """A dotted line at the as-of date, or an arrow at the right edge when it lies beyond."""
    words = f"as of {day(as_of)}"
    if inside:
        x = mdates.date2num(as_of)
        ax.axvline(x, color=style.MUTED, ls=":", lw=1.2, zorder=1)
        ax.annotate(
            words,
            (x, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            ha="right" if x > sum(ax.get_xlim()) / 2 else "left",
            va="bottom",
            fontsize=style.SMALL,
            color=style.MUTED,
            parse_math=False,
            annotation_clip=False,
        )
    else:
        ax.annotate(
            f"{words} →",
            (1, 1),
            xycoords="axes fraction",
            xytext=(0, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=style.SMALL,
            color=style.MUTED,
            parse_math=False,
            annotation_clip=False,
        )


def item_of(evidence: Evidence, item_id: str):
    """The figure or event with `item_id`, or None."""
    return evidence.figures.get(item_id) or evidence.events.get(item_id)


def deciding(evidence: Evidence, verdict) -> tuple[set[str], set[str]]:
    """Items and originators that decide the verdict: credible lines that support or contradict."""
    items: set[str] = set()
    for line in verdict.lines:
        if line.decides:
            items.update(getattr(line, "item_ids", None) or (line.item_id,))
    originators = {evidence.originator_id(found) for i in items if (found := item_of(evidence, i))}
    return items, originators


def begin(chart, data, columns, maker: str, width, /, **options):
    """What every chart function does first: refuse data that lacks its columns, record how to
    redraw it (for the phone edition) and resolve its width. `maker` names the function whose
    DataFrame the chart expects.

    Returns (redraw, width in inches, whether the chart is narrow).
    """
    import functools

    require(data, columns, chart.__name__, maker)
    width_in = style.width_of(width)
    return functools.partial(chart, data, **options), width_in, style.is_narrow(width_in)


def require(data, columns, chart: str, source: str) -> None:
    """Refuse a DataFrame that lacks the columns `chart` draws from, in one sentence."""
    missing = [c for c in columns if c not in getattr(data, "columns", ())]
    if missing:
        from .display import ChartError

        raise ChartError(
            f"{chart}: the data lacks column(s) {', '.join(map(repr, missing))}; "
            f"expected the DataFrame {source} returns (filtered or relabelled, not reshaped)."
        )


def deciding_stances(evidence: Evidence, verdict) -> dict[str, str]:
    """Originator id -> 'supports' or 'contradicts', for the credible lines that decide."""
    stances = {}
    for line in verdict.lines:
        if line.decides:
            for i in getattr(line, "item_ids", None) or (line.item_id,):
                if found := item_of(evidence, i):
                    stances[evidence.originator_id(found)] = line.stance
    return stances
