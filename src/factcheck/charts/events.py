"""A timeline of the reported events for an event claim, with the claimed period shaded."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from ..evidence import Evidence
from ..reasoning.knowledge import first_public, is_knowable
from ..schema import Claim
from . import style
from .common import (
    as_of_mark,
    begin,
    date_axis,
    date_range,
    day,
    deciding,
    longdate,
    originator_name,
    plural,
)
from .palette import GREY, OriginatorStyle, palette

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

MARKER_ROW = 0.2  # inches: on a narrow chart, the row holding a report's marker above its text
MAX_EVENTS = 12  # rows drawn; later ones are counted in the source line
STANCE_WORDS = {"supports": "supports", "contradicts": "contradicts", "inconclusive": "neither"}


def events_data(evidence: Evidence, claim: Claim, verdict: Verdict) -> pd.DataFrame:
    """One row per event of the claimed kind, or weighed by the verdict, oldest first."""
    stance = {a.item_id: a.stance for a in verdict.evidence}
    decisive, _ = deciding(evidence, verdict)
    table = palette(evidence, verdict)
    rows = []
    for e in evidence.events.values():
        if e.type != claim.event and e.id not in stance:
            continue
        oid = evidence.originator_id(e)
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "date": e.date,
                "summary": e.summary,
                "originator_id": oid,
                "originator": originator_name(evidence, oid, limit=70),
                "outlet": evidence.sources[e.source].outlet,
                "published": first_public(evidence, e.source, e),
                "knowable": is_knowable(evidence, e.source, verdict.as_of, e),
                "stance": stance.get(e.id, "inconclusive"),
                "claimed_kind": e.type == claim.event,
                "decides": e.id in decisive,
                "color": colour,
                "marker": marker,
                "_id": e.id,
            }
        )
    rows.sort(key=lambda r: (r["date"], r["originator"], r["_id"]))
    columns = [*(rows[0] if rows else _EMPTY)]
    data = pd.DataFrame(rows, columns=columns).drop(columns="_id")
    period = claim.effective_period if claim.kind != "quantity" else None
    data.attrs.update(
        as_of=verdict.as_of,
        period=(period.start, period.end) if period else None,
        event=claim.event or "",
    )
    return data


_EMPTY = dict.fromkeys(
    [
        "date",
        "summary",
        "originator_id",
        "originator",
        "outlet",
        "published",
        "knowable",
        "stance",
        "claimed_kind",
        "decides",
        "color",
        "marker",
        "_id",
    ]
)


def events_title(data: pd.DataFrame) -> str:
    """The finding: who first reported the event inside the claimed period, if anyone."""
    known = data[data["knowable"].astype(bool)] if len(data) else data
    backing = known[known["stance"] == "supports"] if len(known) else known
    if len(backing):
        first = backing.iloc[0]
        return (
            f"{first['originator']} is the first of {plural(len(backing), 'report')} "
            f"placing the event in the claimed period ({day(first['date'])})"
        )
    if len(known):
        return f"None of {plural(len(known), 'report')} places the event in the claimed period"
    return "No report of the event was published by the as-of date"


def events_alt(data: pd.DataFrame) -> str:
    text = events_title(data) + "."
    if len(data):
        text += " Reports: " + "; ".join(
            f"{longdate(r.date)}, {r.originator}: {str(r.summary).rstrip('.')}"
            for r in data.head(MAX_EVENTS).itertuples()
        )
        text += "."
    return text


def events_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    claim: Claim | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """One row per report: a marker at its date, its summary beside it; the claimed period shaded.

    `width` ("print", "phone" or centimetres): a narrow chart sets each summary under its
    marker across the whole plot, as beside it there is room for a few words a line.
    """
    redraw, width_in, narrow = begin(
        events_chart,
        data,
        [c for c in _EMPTY if c != "_id"],
        "events_data",
        width,
        title=title,
        subtitle=subtitle,
        claim=claim,
        as_of=as_of,
        source=source,
    )
    as_of = as_of or data.attrs.get("as_of")
    shown = data.head(MAX_EVENTS)
    more = len(data) - len(shown)
    if subtitle is None:
        subtitle = "Reported events by date; the shaded band is the period the claim names"
    if source is None:
        source = "Source: the documents listed in this report's sources."
        if more:
            source += f" {plural(more, 'later report')} not drawn."
    # The x range is pure arithmetic on dates, so each summary can be wrapped to the room
    # between its marker and the far edge before the figure exists.
    period = data.attrs.get("period")
    lo, hi, inside = (
        date_range(list(shown["date"]), as_of, list(period) if period else None)
        if len(shown)
        else (0.0, 1.0, False)
    )
    plot_width, middle = width_in - 0.5, (lo + hi) / 2
    wrapped = []
    for r in shown.itertuples():
        x = mdates.date2num(r.date)
        room = (x - lo if x >= middle else hi - x) / (hi - lo) * plot_width - 0.2
        text = f"{day(r.date)}, {r.originator}: {r.summary}"
        if narrow:
            wrapped.append(
                style.wrap(text, plot_width - 0.1, style.SMALL, bold=bool(r.decides), max_lines=6)
            )
            continue
        wrapped.append(
            style.wrap(
                text,
                max(room, plot_width / 2 - 0.2),
                style.SMALL,
                bold=bool(r.decides),
                max_lines=6,
            )
        )
    marker_row = MARKER_ROW if narrow else 0.0
    heights = [style.text_height(style.lines_of(t)) + 0.08 + marker_row for t in wrapped]
    frame = style.Frame(
        max(1.0, sum(heights) + 0.2),
        title=title,
        subtitle=subtitle,
        source=source,
        left=0.25,
        right=0.25,
        width=width_in,
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No reports of the event")
        return style.finish(frame, events_alt(data), redraw)
    ax.spines["left"].set_visible(False)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    date_axis(ax, lo, hi, narrow)
    if period:
        ax.axvspan(
            mdates.date2num(period[0]),
            mdates.date2num(period[1]) + 1,
            color="#e8e8e8",
            lw=0,
            zorder=0,
        )
    if as_of:
        as_of_mark(ax, as_of, inside)
    total = sum(heights)
    ax.set_ylim(-total - 0.1, 0.1)
    y = 0.0
    for row, text, h in zip(shown.itertuples(), wrapped, heights, strict=True):
        centre = -(y + marker_row / 2 + 0.04) if narrow else -(y + h / 2)
        y += h
        look = OriginatorStyle(row.color, row.marker, bool(row.decides))
        x = mdates.date2num(row.date)
        ax.plot(
            [x],
            [centre],
            marker=look.marker,
            ms=look.marker_size(7),
            color=look.color,
            mec=look.edge,
            ls="none",
            alpha=1 if row.knowable else style.FADED,
            zorder=4,
        )
        left = x < middle or narrow
        ax.annotate(
            text,
            (lo, centre - marker_row / 2) if narrow else (x, centre),
            xytext=(3, 0) if narrow else (7 if left else -7, 0),
            textcoords="offset points",
            ha="left" if left else "right",
            va="top" if narrow else "center",
            fontsize=style.SMALL,
            parse_math=False,
            linespacing=1.1,
            alpha=1 if row.knowable else 0.6,
            fontweight="bold" if row.decides else "normal",
        )
    return style.finish(frame, events_alt(data), redraw)
