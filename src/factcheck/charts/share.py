"""The claimed number as a share of each total its metric declares, as a source stated it."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..evidence import Evidence
from ..schema import Claim
from ..vocabulary import METRICS, RATIO_METRICS, units
from ..wording import percent
from . import style
from .common import longdate, num, originator_name, require, stated
from .palette import GREY, OriginatorStyle, palette

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

COLUMNS = (
    "total",
    "whole",
    "stated",
    "date",
    "originator_id",
    "originator",
    "share",
    "color",
    "marker",
)


def share_data(evidence: Evidence, claim: Claim, verdict: Verdict) -> pd.DataFrame:
    """One row per total the verdict compared the claim with (as declared: `ratio_to`)."""
    table = palette(evidence, verdict)
    rows = []
    totals = RATIO_METRICS.get(claim.metric or "", ())
    for metric, total in ((m, METRICS[m].total_words or METRICS[m].label) for m in totals):
        found = (verdict.denominators or {}).get(metric)
        if not found or found.get("share") is None or claim.value is None:
            continue
        figure = evidence.figures.get(found["figure"])
        oid = found["originator"]
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "total": total,
                "whole": float(found["whole"]),
                "stated": stated(figure) if figure else num(found["whole"]),
                "date": figure.refers_to if figure else None,
                "originator_id": oid,
                "originator": originator_name(evidence, oid),
                "share": float(found["share"]),  # as the engine computed it
                "color": colour,
                "marker": marker,
            }
        )
    data = pd.DataFrame(rows, columns=COLUMNS)
    data.attrs.update(
        value=claim.value,
        measure=METRICS[claim.metric].label if claim.metric else "",
        units=units(totals[0]) if totals else "",
    )
    return data


def _claimed(data: pd.DataFrame) -> str:
    return f"{num(data.attrs.get('value') or 0)} {data.attrs.get('measure', '')}".strip()


def _in_units(data: pd.DataFrame, words: str) -> str:
    return f"{words} {data.attrs.get('units', '')}".strip()


def share_title(data: pd.DataFrame) -> str:
    """The finding: the share depends on which total it is taken of."""
    if data.empty:
        return "No total to compare the claimed number with"
    parts = [f"{percent(r.share)} of {r.total}" for r in data.itertuples()]
    return (
        f"{_claimed(data)} would be " + " but ".join(parts)
        if len(parts) > 1
        else (f"{_claimed(data)} would be {parts[0]}")
    )


def share_alt(data: pd.DataFrame) -> str:
    text = share_title(data) + "."
    for r in data.itertuples():
        when = f", {longdate(r.date)}" if r.date else ""
        text += f" {r.total.capitalize()}: {_in_units(data, r.stated)} ({r.originator}{when})."
    return text


def share_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """A bar per total: the claimed losses as a percentage of it, its source named beside it.

    `width` ("print", "phone" or centimetres): a narrow chart sets each label above its bar.
    """
    require(data, COLUMNS, "share_chart", "share_data")
    redraw = functools.partial(share_chart, data, title=title, subtitle=subtitle, source=source)
    width_in = style.width_of(width)
    narrow = style.is_narrow(width_in)
    labels = [
        f"{r.total}:\n{_in_units(data, r.stated)} ({r.originator})" for r in data.itertuples()
    ]
    if narrow:
        labels = [
            style.wrap(t.replace("\n", " "), width_in - 0.4, style.SMALL, max_lines=2)
            for t in labels
        ]
    if subtitle is None:
        subtitle = f"{_claimed(data)} as a share of each total (%)"
    if source is None:
        source = "Source: the totals the sources stated, as listed in this report's sources."
    if narrow:
        left = 0.15
        # each row: its label's lines above a thin bar
        rows = [style.text_height(style.lines_of(t)) + 0.4 for t in labels]
        plot_height = max(0.9, sum(rows))
    else:
        left = min(2.8, max([style.text_width(t) for t in labels], default=1) + 0.25)
        plot_height = max(0.9, 0.45 * len(labels))
    frame = style.Frame(
        plot_height,
        title=title,
        subtitle=subtitle,
        source=source,
        left=left,
        right=0.5,
        bottom=0.35,
        width=width_in,
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No totals knowable on the as-of date")
        return style.finish(frame, share_alt(data), redraw)
    shares = [r.share * 100 for r in data.itertuples()]
    looks = [OriginatorStyle(r.color, r.marker, True) for r in data.itertuples()]
    if narrow:
        # y in inches from the top: a row is its label, then its bar
        ys, y = [], 0.0
        for text in labels:
            y += style.text_height(style.lines_of(text)) + 0.4
            ys.append(-(y - 0.14))
        bar = 0.2
        ax.set_ylim(-frame.plot_height_in, 0)
        ax.spines["left"].set_visible(False)  # the labels above the bars name the rows
    else:
        ys = list(range(len(shares)))[::-1]
        bar = 0.6
        ax.set_ylim(-0.6, len(shares) - 0.4)
    ax.barh(ys, shares, height=bar, color=[lk.color for lk in looks], lw=0)
    ax.set_xlim(0, max(100, max(shares) * 1.15))
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v / 100)))
    worded = [percent(r.share) for r in data.itertuples()]
    for y, share, label, said in zip(ys, shares, labels, worded, strict=True):
        ax.annotate(
            label,
            (0, y + bar / 2) if narrow else (0, y),
            xytext=(0, 2) if narrow else (-6, 0),
            textcoords="offset points",
            ha="left" if narrow else "right",
            va="bottom" if narrow else "center",
            fontsize=style.SMALL,
            parse_math=False,
            linespacing=1.1,
            annotation_clip=False,
        )
        ax.annotate(
            said,
            (share, y),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=style.BODY,
            fontweight="bold",
            parse_math=False,
        )
    return style.finish(frame, share_alt(data), redraw)
