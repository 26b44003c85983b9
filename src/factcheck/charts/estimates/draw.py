"""Drawing the estimates chart from its DataFrame: one line per originator over time, labelled
where it ends (print) or in a key under the plot (phone)."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from ... import wording
from ...schema import Claim
from .. import layout, style
from ..common import as_of_mark, begin, date_axis, date_range, plural
from ..palette import GREY, OriginatorStyle
from ..yaxis import count_axis, count_margin
from .data import (
    COLUMNS,
    LABEL_WIDTH,
    MAX_PER_SERIES,
    MAX_PLOT_HEIGHT,
    MAX_POINTS,
    MAX_SERIES,
    PHONE_PLOT_HEIGHT,
    PLOT_HEIGHT,
)
from .words import _claimed, estimates_alt

# the claimed value's mark in a key: the dashed line it is drawn as, seen end on
CLAIM_MARK = {"marker": "_", "ms": 10, "mew": 1.2, "color": style.INK, "mfc": style.INK}


def _series(data: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame, OriginatorStyle]]:
    """(label, originator, rows, style) per drawn series; past MAX_SERIES, one grey 'others'.

    Series that decide come first, then the busiest; one groupby, so the cost is linear.
    """
    if data.empty:
        return []
    key = data["originator_id"] + "\x1f" + data["metric"]
    stats = (
        data.assign(_key=key)
        .groupby("_key", sort=False)
        .agg(
            decides=("decides", "any"),
            n=("point", "size"),
            originator=("originator", "first"),
            metric=("metric", "first"),
        )
        .reset_index()
        .assign(quiet=lambda t: ~t["decides"].astype(bool), fewer=lambda t: -t["n"])
        .sort_values(["quiet", "fewer", "originator", "metric", "_key"], kind="stable")
    )
    top = list(stats["_key"].head(MAX_SERIES))
    out = []
    for k in top:
        rows = data[key == k]
        first = rows.iloc[0]
        name = first["originator"]
        look = OriginatorStyle(first["color"], first["marker"], bool(rows["decides"].any()))
        out.append((name, first["originator"], rows, look))
    rest = data[~key.isin(top)]
    if len(rest):
        who = rest["originator"].nunique()
        out.append((plural(who, "other originator"), "", rest, OriginatorStyle(GREY, ".", False)))
    return out


def estimates_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    claim: Claim | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """Each originator's estimates as a line over time, labelled where it ends.

    Ranges are vertical bars, "more than" figures carry a caret, the claimed value is a dashed
    line. Figures published after the as-of date are faded and not joined to their line.
    `width` ("print", "phone" or centimetres): a narrow chart lists its lines in a key under
    the plot instead of labelling them in a right-hand column it has no room for.
    """
    redraw, width_in, narrow = begin(
        estimates_chart,
        data,
        COLUMNS,
        "estimates_data",
        width,
        title=title,
        subtitle=subtitle,
        claim=claim,
        as_of=as_of,
        source=source,
    )
    as_of = as_of or data.attrs.get("as_of")
    measure = " or ".join(data.attrs.get("measures") or ["estimates"])
    unit = data.attrs.get("units") or ""
    in_unit = f" ({unit})" if unit else ""
    if subtitle is None:
        subtitle = (
            f"{data.attrs.get('subject', 'Estimates')}: {measure}{in_unit}, "
            "each originator's published estimates by the date they refer to"
        )
    if source is None:
        source = (
            "Source: the documents listed in this report's sources. Bars: stated ranges; "
            "arrows: 'more than' or 'at least'."
        )
    series = _series(data)
    summarise = len(data) > MAX_POINTS or any(
        len(rows) > MAX_PER_SERIES for _, _, rows, _ in series
    )
    several = data["metric"].nunique() > 1
    parts = [_end_label(name, rows, summarise, several, not who) for name, who, rows, _ in series]
    if narrow:
        # one key entry per line: "name: latest", wrapped to the width beside its marker
        labels = [
            style.wrap(f"{name}: {value}", width_in - 0.55, style.SMALL, bold=look.decides)
            for (name, value), (*_, look) in zip(parts, series, strict=True)
        ]
        if _claimed(claim) and not data.empty:
            labels.append(style.wrap(f"claim: {_claimed(claim)}", width_in - 0.5, style.SMALL))
        below = style.key_height(labels) + 0.05
        right = 0.3
    else:
        labels = [
            f"{style.wrap(name, LABEL_WIDTH, style.SMALL, bold=look.decides, max_lines=2)}\n"
            f"{style.wrap(value, LABEL_WIDTH, style.SMALL)}"
            for (name, value), (*_, look) in zip(parts, series, strict=True)
        ]
        below = 0.0
        # bold labels run about a tenth wider than the estimate; the marker sits 9 pt out
        right = min(2.4, max([style.text_width(t) * 1.1 for t in labels], default=0) + 0.35)
    claim_value = claim.value if _claimed(claim) else None
    top = (
        max(float(data[["point", "high"]].max().max()), claim_value or 0) * 1.15 or 1.0
        if len(data)
        else 1.0
    )
    # one measure: its words and unit; several: the unit they share (the subtitle names them)
    axis_label = unit if data["metric"].nunique() > 1 else f"{measure}{in_unit}"
    frame = style.Frame(
        PHONE_PLOT_HEIGHT if narrow else _plot_height(labels, _claimed(claim) is not None),
        title=title,
        subtitle=subtitle,
        source=source,
        right=max(right, 0.3),
        left=count_margin(top, narrow, axis_label),
        width=width_in,
        below=below,
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No estimates to draw")
        return style.finish(frame, estimates_alt(data, claim), redraw)

    count_axis(ax, top, narrow, axis_label, frame.plot_height_in, unit)
    dates = list(data["date"])
    also = (
        [claim.effective_period.start, claim.effective_period.end] if claim and claim.period else []
    )
    lo, hi, inside = date_range(dates, as_of, also)
    date_axis(ax, lo, hi, narrow)
    if as_of:
        as_of_mark(ax, as_of, inside)

    # With several measures, every one after the first is drawn dashed with open markers.
    first_metric = data["metric"].iloc[0]
    hollow = [several and rows["metric"].iloc[0] != first_metric for _, _, rows, _ in series]
    ends = [
        _draw_series(ax, rows, look, summarise, open_)
        for (_, _, rows, look), open_ in zip(series, hollow, strict=True)
    ]
    marks = [
        (look.key_marker(hollow=open_), look.decides)
        for (*_, look), open_ in zip(series, hollow, strict=True)
    ]
    if claim_value is not None:
        ax.axhline(claim_value, color=style.INK, ls="--", lw=1, zorder=2)
        # the claim is labelled in the same column as the lines, so it never covers data
        if not narrow:
            labels.append(style.wrap(f"claim: {_claimed(claim)}", 1.6, style.SMALL))
        ends.append(claim_value)
        marks.append((CLAIM_MARK, False))
    if claim is not None and claim.period is not None:
        start, end = claim.effective_period.start, claim.effective_period.end
        ax.axvspan(
            mdates.date2num(start), mdates.date2num(end) + 1, color="#efefef", lw=0, zorder=0
        )

    if narrow:
        entries = [(mark, label, bold) for (mark, bold), label in zip(marks, labels, strict=True)]
        style.key(frame, entries, frame.key_top_in)
        return style.finish(frame, estimates_alt(data, claim), redraw)

    # Labels at the line ends, in the right margin, spread so that none overlaps another.
    to_in = frame.plot_height_in / top
    heights = [_label_height(t) for t in labels]
    wanted = [y * to_in for y in ends]
    placed = layout.spread(wanted, heights, 0, frame.plot_height_in)
    for (mark, bold), label, y in zip(marks, labels, placed, strict=True):
        frac = y / frame.plot_height_in
        ax.plot(
            [1.0], [frac], transform=ax.transAxes, ls="none", clip_on=False, **{**mark, "ms": 6}
        )
        ax.annotate(
            label,
            (1, frac),
            xycoords="axes fraction",
            xytext=(9, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=style.SMALL,
            parse_math=False,
            linespacing=1.1,
            fontweight="bold" if bold else "normal",
            annotation_clip=False,
        )
    return style.finish(frame, estimates_alt(data, claim), redraw)


def _label_height(text: str) -> float:
    return style.text_height(style.lines_of(text)) + 0.04


def _plot_height(labels: list[str], with_claim: bool) -> float:
    """Tall enough for every line-end label (and the claim's) to sit apart, within a page."""
    needed = sum(_label_height(t) for t in labels) + (0.35 if with_claim else 0) + 0.1
    return min(MAX_PLOT_HEIGHT, max(PLOT_HEIGHT, needed))


def _end_label(
    name: str, rows: pd.DataFrame, summarise: bool, several: bool, others: bool = False
) -> tuple[str, str]:
    """The name, and the latest figure as stated, with its measure when the chart shows
    several, and its range when summarised. The grey series of other originators gets only
    its range: its "latest" would mean nothing."""
    known = rows[rows["knowable"].astype(bool)]
    if others and len(known):
        return name, f"range {wording.short_span(known['low'].min(), known['high'].max())}"
    if known.empty:
        return name, "(published later)"
    last = known.iloc[-1]
    value = f"{last['measure']}: {last['stated']}" if several else last["stated"]
    if summarise and len(known) > 1:
        value += f" (range {wording.short_span(known['low'].min(), known['high'].max())})"
    return name, value


def _draw_series(
    ax, rows: pd.DataFrame, look: OriginatorStyle, summarise: bool, hollow: bool = False
) -> float:
    """Draw one series with a fixed number of artists; return the y its label should sit at."""
    known = rows[rows["knowable"].astype(bool)]
    later = rows[~rows["knowable"].astype(bool)]
    x = mdates.date2num(list(known["date"])) if len(known) else []
    ms = look.marker_size()
    common = {"color": look.line_color, "zorder": look.zorder}
    if summarise and len(known):
        last = known.iloc[-1]
        lx = mdates.date2num(last["date"])
        ax.vlines([lx], [known["low"].min()], [known["high"].max()], lw=3, alpha=0.45, **common)
        ax.plot(
            [lx],
            [last["point"]],
            marker=look.marker,
            ms=ms * 1.2,
            mec=look.edge,
            ls="none",
            **common,
        )
        return float(last["point"])
    if len(known):
        ax.plot(
            x,
            known["point"],
            lw=look.linewidth,
            ls="--" if hollow else "-",
            marker=look.marker,
            ms=ms,
            mec=look.line_color if hollow else look.edge,
            mfc="white" if hollow else look.line_color,
            alpha=look.alpha,
            **common,
        )
        ranged = known[known["high"] > known["low"]]
        if len(ranged):
            ax.vlines(
                mdates.date2num(list(ranged["date"])),
                ranged["low"],
                ranged["high"],
                lw=2.4,
                alpha=0.5,
                **common,
            )
        rising = known[known["open_ended"].astype(bool)]
        if len(rising):
            # one arrow artist for all of the series' "more than" figures: an open upper end
            ax.quiver(
                mdates.date2num(list(rising["date"])),
                list(rising["point"]),
                [0] * len(rising),
                [ax.get_ylim()[1] * 0.07] * len(rising),
                angles="xy",
                scale_units="xy",
                scale=1,
                width=0.004,
                headwidth=3.5,
                headlength=3.5,
                headaxislength=3,
                color=look.line_color,
                zorder=look.zorder - 0.5,
            )
    if len(later):
        ax.plot(
            mdates.date2num(list(later["date"])),
            later["point"],
            marker=look.marker,
            ms=ms,
            ls="none",
            mec=look.edge,
            color=look.line_color,
            alpha=style.FADED,
            zorder=2,
        )
    return float((known if len(known) else later)["point"].iloc[-1])
