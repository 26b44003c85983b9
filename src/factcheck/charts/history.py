"""The verdict over time: the label on each date new evidence appeared."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .. import scales
from . import style
from .common import as_of_mark, begin, date_axis, date_range, day, longdate

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

COLUMNS = ("date", "label", "name", "level")
LABEL_ORDER = ("unproven", "false", "mostly-false", "mixed", "mostly-true", "true")


def _name(label: str) -> str:
    return scales.LABELS[label].name if label in scales.LABELS else label


def history_data(verdict: Verdict, points=None) -> pd.DataFrame:
    """One row per change of label up to the as-of date: date, label, its name and level.

    `points` defaults to `verdict.history` ((date, label) pairs, oldest first).
    """
    if points is None:
        points = getattr(verdict, "history", ()) or ()
    rows, last = [], None
    for point in points:
        date, label = (point.date, point.label) if hasattr(point, "label") else point
        if date > verdict.as_of or label == last:
            continue
        last = label
        level = LABEL_ORDER.index(label) if label in LABEL_ORDER else 0
        rows.append({"date": date, "label": label, "name": _name(label), "level": level})
    data = pd.DataFrame(rows, columns=COLUMNS)
    data.attrs.update(as_of=verdict.as_of)
    return data


def history_title(data: pd.DataFrame) -> str:
    """The finding: the label now, and since when."""
    if data.empty:
        return "No evidence was published by the as-of date, so there is no verdict to trace"
    last = data.iloc[-1]
    if len(data) == 1:
        return f"Rated {last['name']} since the first evidence appeared, on {day(last['date'])}"
    before = data.iloc[-2]
    return f"Rated {last['name']} since {day(last['date'])}; {before['name']} before"


def history_alt(data: pd.DataFrame) -> str:
    text = history_title(data) + "."
    if len(data) > 1:
        text += (
            " " + "; ".join(f"{r.name} from {longdate(r.date)}" for r in data.itertuples()) + "."
        )
    return text


def history_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """A step line across the rating scale, one step each time the label changed.

    `width` ("print", "phone" or centimetres): a narrow chart has fewer date ticks.
    """
    redraw, width_in, narrow = begin(
        history_chart,
        data,
        COLUMNS,
        "history_data",
        width,
        title=title,
        subtitle=subtitle,
        as_of=as_of,
        source=source,
    )
    as_of = as_of or data.attrs.get("as_of")
    names = [_name(label) for label in LABEL_ORDER]
    if subtitle is None:
        subtitle = "The label the same rules give with only the evidence public on each date"
    if source is None:
        source = "Source: the verdict engine re-run on every date new evidence was published."
    left = max(style.text_width(n) for n in names) + 0.3
    frame = style.Frame(
        1.7,
        title=title,
        subtitle=subtitle,
        source=source,
        left=left,
        right=0.3,
        width=width_in,
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No evidence published by the as-of date")
        return style.finish(frame, history_alt(data), redraw)
    dates = list(data["date"])
    lo, hi, inside = date_range(dates, as_of)
    end = min(mdates.date2num(as_of), hi) if as_of else hi
    xs = [*mdates.date2num(dates), end]
    ys = [*data["level"], data["level"].iloc[-1]]
    ax.step(xs, ys, where="post", color=style.INK, lw=1.8, zorder=3)
    ax.plot(xs[:-1], ys[:-1], "o", color=style.INK, mec="white", ms=6, zorder=4)
    ax.set_ylim(-0.6, len(LABEL_ORDER) - 0.4)
    ax.set_yticks(range(len(LABEL_ORDER)))
    ax.set_yticklabels([])
    ax.grid(axis="x", visible=False)
    for level, name in enumerate(names):
        ax.annotate(
            name,
            (0, level),
            xycoords=("axes fraction", "data"),
            xytext=(-6, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=style.SMALL,
            parse_math=False,
            annotation_clip=False,
        )
    date_axis(ax, lo, hi, narrow)
    if as_of:
        as_of_mark(ax, as_of, inside)
    return style.finish(frame, history_alt(data), redraw)
