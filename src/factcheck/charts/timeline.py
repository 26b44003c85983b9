"""The deployment timeline: a count that accumulates, sent over time by each source, with the
claim's losses drawn against the amount present.

Which count, from `metrics.csv` alone (no topic in code): the *whole* is a cumulative count
with cumulative parts declared (`part_of`); a claim's metric leads to it when it is that whole,
one of its parts, or is bounded by it (`bounded_by`, of the metric or of the whole it is part
of). The claim *concerns losses* when its metric is shown as a share of such a whole
(`ratio_to`): its figures are drawn as points against the whole, and the claimed number at the
claim's date against the largest count of the whole reported by then.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .. import wording
from ..evidence import Evidence
from ..reasoning.knowledge import is_knowable
from ..schema import Claim
from ..vocabulary import METRICS, parts_of
from . import style
from .common import (
    as_of_mark,
    begin,
    date_axis,
    date_range,
    originator_name,
    point,
    stated,
    subject_name,
)
from .palette import GREY, OriginatorStyle, palette
from .yaxis import count_axis, count_margin

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

COLUMNS = (
    "originator_id",
    "originator",
    "metric",
    "measure",
    "role",
    "date",
    "point",
    "low",
    "high",
    "stated",
    "decides",
    "color",
    "marker",
)
MAX_SERIES = 6  # series of each kind (counts sent, losses) drawn apart; the rest in one grey
# A series draws one figure per cell of a grid of DATE_CELLS by COUNT_CELLS over the plot (a
# cell is about a marker wide at print width): past a few hundred figures, markers only cover
# each other, and drawing them all costs seconds and megabytes.
DATE_CELLS = 90
COUNT_CELLS = 36
# Past this many drawn markers, a series goes into the SVG as one image at the chart's dpi (the
# text and axes stay vector): a PDF reader, and WeasyPrint laying the PDF out, would otherwise
# handle thousands of separate marker paths.
RASTER_POINTS = 150
MAX_ALT_FIGURES = 40  # past this many, the alt text describes each series instead of each figure
PLOT_HEIGHT = 2.2
PHONE_PLOT_HEIGHT = 2.2


def _accumulates(metric: str) -> bool:
    info = METRICS.get(metric)
    if info is None or info.kind != "count" or not info.cumulative:
        return False
    parts = set(parts_of(metric)) | set(info.parts)
    return any(METRICS[p].cumulative for p in parts if p in METRICS)


def _top(metric: str) -> str:
    seen = {metric}
    while (up := METRICS[metric].part_of) and up in METRICS and up not in seen:
        seen.add(up)
        metric = up
    return metric


def timeline_whole(metric: str | None) -> tuple[str | None, bool]:
    """(the whole a claim on `metric` is drawn against, whether the claim concerns losses)."""
    if not metric or metric not in METRICS or METRICS[metric].kind != "count":
        return None, False
    top = _top(metric)
    for m in (metric, top):
        bound = METRICS[m].bounded_by
        if bound and _accumulates(bound):
            return bound, bool(METRICS[metric].ratio_to)
    return (top, False) if _accumulates(top) else (None, False)


def timeline_data(evidence: Evidence, claim: Claim, verdict: Verdict) -> pd.DataFrame:
    """One row per figure of the whole (and its cumulative parts) and, for a claim about
    losses, of the claim's own measure, public by the as-of date; oldest first. Empty when
    the claim's measure accumulates with no whole (the timeline does not apply)."""
    whole, losses = timeline_whole(claim.metric) if claim.kind == "quantity" else (None, False)
    metrics = {}
    if whole:
        metrics[whole] = "whole"
        for p in parts_of(whole):
            if METRICS[p].cumulative:
                metrics[p] = "part"
        if losses:
            metrics[claim.metric] = "losses"
    table = palette(evidence, verdict)
    decisive = {i for ln in verdict.lines if ln.decides for i in (ln.item_ids or (ln.item_id,))}
    rows = []
    for f in evidence.figures.values():
        if f.subject != claim.subject or f.metric not in metrics:
            continue
        if not is_knowable(evidence, f.source, verdict.as_of):
            continue
        oid = evidence.originator_id(f)
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "originator_id": oid,
                "originator": originator_name(evidence, oid),
                "metric": f.metric,
                "measure": METRICS[f.metric].label,
                "role": metrics[f.metric],
                "date": f.refers_to,
                "point": point(f),
                "low": f.low,
                "high": f.high,
                "stated": stated(f),
                "decides": f.id in decisive,
                "color": colour,
                "marker": marker,
                "_id": f.id,
            }
        )
    rows.sort(key=lambda r: (r["date"], r["originator"], r["metric"], r["point"], r["_id"]))
    data = pd.DataFrame(rows, columns=[*COLUMNS, "_id"]).drop(columns="_id")
    contradicted = any(ln.decides and ln.stance == "contradicts" for ln in verdict.lines)
    data.attrs.update(
        whole=METRICS[whole].label if whole else "",
        unit=METRICS[whole].units if whole else "",
        losses=METRICS[claim.metric].label if losses else "",
        subject=subject_name(evidence, claim.subject),
        as_of=verdict.as_of,
        claim_value=claim.value if losses else None,
        claim_date=claim.claim_date if losses else None,
        claimed=wording.claim_words(claim) if losses and claim.value is not None else "",
        contradicted=contradicted,
    )
    if whole is None:
        return data.iloc[0:0]
    return data


def _present(data: pd.DataFrame, when: dt.date) -> tuple[float, str] | None:
    """The largest count of the whole (or a part) reported for a date up to `when`."""
    sent = data[(data["role"] != "losses") & (data["date"] <= when)]
    if sent.empty:
        return None
    top = sent.sort_values(["point", "date"], kind="stable").iloc[-1]
    return float(top["point"]), str(top["stated"])


def timeline_title(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """The finding: how the whole grew and, for losses, what the claimed number is against it."""
    whole = data.attrs.get("whole") or "the total"
    sent = data[data["role"] != "losses"] if len(data) else data
    if sent.empty:
        return wording.timeline_title(whole, None, None)
    ordered = sent.sort_values(["date", "point"], kind="stable")
    first = ordered.iloc[0]
    last = ordered.iloc[-1]
    share = present = None
    value, when = data.attrs.get("claim_value"), data.attrs.get("claim_date")
    if value is not None and when is not None:
        found = _present(data, when)
        if found and found[0] > 0:
            share, present = value / found[0], found[1]
    return wording.timeline_title(
        whole,
        (first["stated"], first["date"]),
        (last["stated"], last["date"]),
        data.attrs.get("claimed") or None,
        share,
        present,
        bool(data.attrs.get("contradicted")),
    )


def timeline_alt(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """The finding, then every figure; on a large base each drawn series' span and extremes
    instead (a screen reader should not read thousands of sentences)."""
    text = timeline_title(data, claim) + "."
    if len(data) <= MAX_ALT_FIGURES:
        for r in data.itertuples():
            text += f" {r.originator}: {r.stated} {r.measure} ({wording.longdate(r.date)})."
        return text
    for label, rows, _, _ in _series(data):
        ordered = rows.sort_values(["date", "point"], kind="stable")
        low = ordered.loc[ordered["point"].idxmin()]
        high = ordered.loc[ordered["point"].idxmax()]
        text += (
            f" {label} ({wording.plural(len(rows), 'figure')}, "
            f"{wording.longdate(ordered['date'].iloc[0])} to "
            f"{wording.longdate(ordered['date'].iloc[-1])}): the lowest {low['stated']} "
            f"{low['measure']} ({wording.longdate(low['date'])}), the highest {high['stated']} "
            f"{high['measure']} ({wording.longdate(high['date'])})."
        )
    return text


def _drawn(rows: pd.DataFrame, lo: float, hi: float, top: float) -> pd.DataFrame:
    """The figures a series draws: of those whose marker falls in the same cell of the plot,
    the first; and always the lowest, the highest and every figure that decides the verdict.
    In date order. `lo` and `hi` are the x axis' limits (date numbers), `top` the y axis'."""
    if len(rows) <= DATE_CELLS:
        return rows
    x = mdates.date2num(list(rows["date"]))
    cells = pd.DataFrame(
        {
            "date": ((x - lo) / ((hi - lo) or 1.0) * DATE_CELLS).astype(int),
            "count": (rows["point"].astype(float) / (top or 1.0) * COUNT_CELLS).astype(int),
        },
        index=rows.index,
    )
    keep = ~cells.duplicated() | rows["decides"].astype(bool)
    extremes = [rows["low"].idxmin(), rows["high"].idxmax()]
    keep[extremes + [rows["point"].idxmin(), rows["point"].idxmax()]] = True
    return rows[keep]


def _series(data: pd.DataFrame):
    """(label, rows, style, role) per (originator, measure): the counts sent first, then the
    losses; in each, deciders and the busiest first, past MAX_SERIES one grey series."""
    out = []
    rank = {"whole": 0, "part": 0, "losses": 1}
    groups = list(data.groupby(["originator_id", "metric"], sort=True))
    groups.sort(
        key=lambda g: (rank[g[1]["role"].iloc[0]], not g[1]["decides"].any(), -len(g[1]), g[0])
    )
    for kind in (0, 1):
        mine = [g for g in groups if rank[g[1]["role"].iloc[0]] == kind]
        for _, rows in mine[:MAX_SERIES]:
            first = rows.iloc[0]
            look = OriginatorStyle(first["color"], first["marker"], bool(rows["decides"].any()))
            out.append((f"{first['originator']}: {first['measure']}", rows, look, first["role"]))
        rest = mine[MAX_SERIES:]
        if rest:
            rows = pd.concat([g[1] for g in rest])
            label = wording.plural(rows["originator"].nunique(), "other source")
            out.append((label, rows, OriginatorStyle(GREY, ".", False), "rest"))
    return out


def timeline_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    claim: Claim | None = None,
    as_of: dt.date | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """Each source's counts of the whole as a line over time (parts dashed, hollow); the
    largest count reported so far shaded as the amount present; losses as points against it,
    and the claimed losses at the claim's date (an open marker if the evidence rules it out).
    Every series is named in a key under the plot, at both widths."""
    redraw, width_in, narrow = begin(
        timeline_chart,
        data,
        COLUMNS,
        "timeline_data",
        width,
        title=title,
        subtitle=subtitle,
        claim=claim,
        as_of=as_of,
        source=source,
    )
    as_of = as_of or data.attrs.get("as_of")
    unit = data.attrs.get("unit") or ""
    if subtitle is None:
        subtitle = wording.timeline_subtitle(
            data.attrs.get("whole") or "the total", unit, data.attrs.get("losses") or None
        )
    if source is None:
        source = (
            "Source: the documents listed in this report's sources. Shaded: the largest count "
            "reported by each date."
        )
    series = _series(data)
    columns = 1 if narrow else 2  # a print key in two columns keeps the chart within a page
    room = style.key_room(width_in, columns)
    entries = [
        (
            look.key_marker(hollow=role in ("part", "rest")),
            style.wrap(label, room, style.SMALL, max_lines=3),
            look.decides,
        )
        for label, _, look, role in series
    ]
    value = data.attrs.get("claim_value")
    when = data.attrs.get("claim_date")
    ruled_out = bool(data.attrs.get("contradicted"))
    if value is not None and when is not None and len(data):
        words = f"the claim: {data.attrs.get('claimed')}"
        if ruled_out:
            words += ", ruled out by the evidence"
        entries.append(
            (
                {
                    "marker": "*",
                    "ms": 10,
                    "color": style.HIGHLIGHT,
                    "mfc": "white" if ruled_out else style.HIGHLIGHT,
                    "mec": style.HIGHLIGHT,
                },
                style.wrap(words, room, style.SMALL, max_lines=3),
                False,
            )
        )
    # print: the counts sent in the left column, the losses (and the claim) in the right
    split = sum(1 for _, rows, _, _ in series if (rows["role"] != "losses").all())
    top = max([float(data["high"].max()) if len(data) else 0.0, value or 0.0]) * 1.12 or 1.0
    left = count_margin(top, narrow, f"{unit}")
    frame = style.Frame(
        PHONE_PLOT_HEIGHT if narrow else PLOT_HEIGHT,
        title=title,
        subtitle=subtitle,
        source=source,
        left=left,
        right=0.3,
        width=width_in,
        below=style.key_height([t for _, t, _ in entries], columns, split),
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No counts to draw")
        return style.finish(frame, timeline_alt(data, claim), redraw)
    count_axis(ax, top, narrow, unit, frame.plot_height_in)
    dates = list(data["date"]) + ([when] if when else [])
    lo, hi, inside = date_range(dates, as_of)
    date_axis(ax, lo, hi, narrow)
    if as_of:
        as_of_mark(ax, as_of, inside)
    # the amount present: the largest count of the whole (or a part) reported by each date
    sent = data[data["role"] != "losses"].sort_values("date", kind="stable")
    if len(sent):
        present = sent["point"].cummax()
        rises = present.ne(present.shift())  # the step changes only where the largest rises
        xs = list(mdates.date2num(list(sent["date"][rises]))) + [hi]
        ys = list(present[rises]) + [float(sent["point"].max())]
        ax.fill_between(xs, ys, step="post", color="#eeeeee", lw=0, zorder=0)
        ax.step(xs, ys, where="post", color="#bbbbbb", lw=1, zorder=1)
    for _, every, look, role in series:
        rows = _drawn(every, lo, hi, top)
        dense = len(rows) > RASTER_POINTS
        x = mdates.date2num(list(rows["date"]))
        hollow = role in ("part", "rest")
        ax.plot(
            x,
            rows["point"],
            ls="none" if hollow else "-",
            lw=look.linewidth,
            marker=look.marker,
            ms=look.marker_size(),
            color=look.line_color,
            mfc="white" if hollow else look.line_color,
            mec=look.line_color if hollow else look.edge,
            zorder=look.zorder,
            rasterized=dense,
        )
        ranged = rows[rows["high"] > rows["low"]]
        if len(ranged):
            ax.vlines(
                mdates.date2num(list(ranged["date"])),
                ranged["low"],
                ranged["high"],
                lw=2.4,
                alpha=0.5,
                color=look.line_color,
                zorder=look.zorder,
                rasterized=dense,
            )
    if value is not None and when is not None:
        ax.plot(
            [mdates.date2num(when)],
            [value],
            marker="*",
            ms=12,
            ls="none",
            color=style.HIGHLIGHT,
            mfc="white" if ruled_out else style.HIGHLIGHT,
            mec=style.HIGHLIGHT,
            mew=1.4,
            zorder=6,
        )
    style.key(frame, entries, frame.key_top_in, columns, split)
    return style.finish(frame, timeline_alt(data, claim), redraw)
