"""Estimates over time, by originator: each body's published figures on the claim's measure.

Only figures the sources stated are drawn: nothing is summed, so no total appears that nobody
reported. With many figures the chart summarises: per originator its latest figure and the
range of all its figures, and originators past the eighth share one grey series.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .. import wording
from ..evidence import Evidence
from ..reasoning.kinds import convert
from ..reasoning.knowledge import first_public, is_knowable, reliability_of
from ..schema import Claim
from ..verdict import relation
from ..vocabulary import METRICS
from . import layout, style
from .common import (
    as_of_mark,
    date_axis,
    date_range,
    day,
    deciding,
    deciding_stances,
    originator_name,
    plural,
    point,
    require,
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
    "date",
    "published",
    "low",
    "high",
    "point",
    "stated",
    "qualifier",
    "open_ended",
    "reliability",
    "knowable",
    "decides",
    "stance",
    "color",
    "marker",
)
MAX_SERIES = 8  # originators drawn apart; the rest share one grey series
MAX_POINTS = 60  # past this many figures (or MAX_PER_SERIES in one series) the chart summarises
MAX_PER_SERIES = 12
PLOT_HEIGHT = 2.9  # inches; grows to fit the line-end labels, up to MAX_PLOT_HEIGHT
MAX_PLOT_HEIGHT = 4.2
PHONE_PLOT_HEIGHT = 2.4  # inches: the phone edition's plot; its labels are in a key below
LABEL_WIDTH = 2.15  # inches: a line-end label's lines (the name on at most two)


def estimates_data(
    evidence: Evidence,
    claim: Claim,
    verdict: Verdict,
    metrics: tuple[str, ...] | list[str] | None = None,
    originators: tuple[str, ...] | list[str] | None = None,
) -> pd.DataFrame:
    """One row per figure on the claim's subject and measure (or `metrics`), oldest first.

    The claim's own measure by default (a part's claim gets the part's figures). `knowable` says whether the figure was public by the verdict's as-of
    date; `decides` whether it belongs to a credible line that supports or contradicts.
    """
    if metrics is None:
        # the claim's own measure, and any capacity declared to convert to it: the reader sees
        # the "could hold" figures beside the counts, never mistaken for them (own label)
        own = (claim.metric,) if claim.kind == "quantity" and claim.metric else ()
        metrics = own + tuple(
            m
            for m in METRICS
            if own and m != own[0] and relation(own[0], m) in ("capacity", "rate", "flow")
        )
    wanted = set(metrics)
    keep = set(originators) if originators is not None else None
    decisive, _ = deciding(evidence, verdict)
    stances = deciding_stances(evidence, verdict)  # of the originator's line, where it decides
    # The engine's own wording of a figure, where it gives one, else ours from the qualifier.
    worded = {a.item_id: a.stated for a in verdict.evidence if getattr(a, "stated", None)}
    table = palette(evidence, verdict)
    rows = []
    for f in evidence.figures.values():
        if f.subject != claim.subject or f.metric not in wanted:
            continue
        # a rate per another period, or a total over a stated window, in the claim's own terms
        rel = relation(claim.metric, f.metric) if claim.metric else None
        converted = convert(claim, f, rel, None) if rel in ("rate", "flow") else None
        if converted is not None and len(converted) == 2:
            continue  # a total with no stated window: not drawn as a rate
        if converted is not None:
            f = converted[0].model_copy(update={"id": f.id})
            worded.pop(f.id, None)
        oid = evidence.originator_id(f)
        if keep is not None and oid not in keep:
            continue
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "originator_id": oid,
                "originator": originator_name(evidence, oid),
                "metric": f.metric,
                "measure": METRICS[f.metric].label,
                "date": f.refers_to,
                "published": first_public(evidence, f.source),
                "low": f.low,
                "high": f.high,
                "point": point(f),
                "stated": worded.get(f.id) or stated(f),
                "qualifier": f.qualifier,
                "open_ended": f.qualifier in ("more than", "at least"),
                "reliability": reliability_of(evidence, f),
                "knowable": is_knowable(evidence, f.source, verdict.as_of),
                "decides": f.id in decisive,
                "stance": stances.get(oid, ""),
                "color": colour,
                "marker": marker,
                "_id": f.id,
            }
        )
    rows.sort(key=lambda r: (r["date"], r["originator"], r["metric"], r["point"], r["_id"]))
    data = pd.DataFrame(rows, columns=[*COLUMNS, "_id"]).drop(columns="_id")
    data.attrs.update(
        subject=subject_name(evidence, claim.subject),
        as_of=verdict.as_of,
        version=evidence.version,
        measures=[METRICS[m].label for m in metrics if any(r["metric"] == m for r in rows)]
        or [METRICS[m].label for m in metrics[:1]],
        units=METRICS[metrics[0]].units if metrics and metrics[0] in METRICS else "",
    )
    return data


def _latest(data: pd.DataFrame) -> pd.DataFrame:
    """Each (originator, measure)'s latest knowable figure."""
    known = data[data["knowable"].astype(bool)]
    return known.groupby(["originator", "metric"], sort=True).tail(1)


def _claimed(claim: Claim | None) -> str | None:
    if claim is None or claim.kind != "quantity" or claim.value is None:
        return None
    return wording.claim_words(claim)


def estimates_title(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """The finding: which credible estimates support or contradict the claim, as the verdict
    weighed them; without a claim (or deciding lines), the range of the latest estimates."""
    measure = " or ".join(data.attrs.get("measures") or ["the measure"])
    latest = _latest(data)
    said = _claimed(claim)
    if latest.empty:
        as_of = data.attrs.get("as_of")
        when = f" by {day(as_of)}" if as_of else ""
        tail = f"; the claim says {said}" if said else ""
        return f"No estimates of {measure} were published{when}{tail}"
    if said and "stance" in data.columns:
        found = _by_stance(data)
        if found:
            return found
    tail = f"; the claim says {said}" if said else ""
    ordered = latest.sort_values(["point", "originator"], kind="stable")
    lo, hi = ordered.iloc[0], ordered.iloc[-1]
    if len(ordered) == 1:
        return f"The only estimate of {measure}: {lo.stated} ({lo.originator}, {wording.month(lo.date)}){tail}"
    return (
        f"Latest estimates of {measure} run from {lo.stated} ({lo.originator}) "
        f"to {hi.stated} ({hi.originator}){tail}"
    )


def _by_stance(data: pd.DataFrame) -> str | None:
    """ "UK DI's more than 6,000 (Jun 2025) supports the claim; no credible estimate contradicts it"."""
    deciding_rows = data[data["decides"].astype(bool) & data["knowable"].astype(bool)]
    if deciding_rows.empty:
        return None
    last = deciding_rows.groupby("originator", sort=True).tail(1)
    sides = {s: last[last["stance"] == s] for s in ("supports", "contradicts")}

    def who(rows: pd.DataFrame) -> str:
        if len(rows) == 1:
            r = rows.iloc[0]
            return f"{r['originator']}'s {r['stated']} ({wording.month(r['date'])})"
        names = list(rows["originator"])
        if len(names) <= 3:
            return ", ".join(names[:-1]) + f" and {names[-1]}"
        return f"{len(names)} originators"

    def verb(rows: pd.DataFrame, word: str) -> str:
        return word if len(rows) == 1 else word.removesuffix("s")

    sup, con = sides["supports"], sides["contradicts"]
    if len(sup) and len(con):
        return (
            f"{who(sup)} {verb(sup, 'supports')} the claim; "
            f"{who(con)} {verb(con, 'contradicts')} it"
        )
    if len(sup):
        return f"{who(sup)} {verb(sup, 'supports')} the claim; no credible estimate contradicts it"
    if len(con):
        return f"{who(con)} {verb(con, 'contradicts')} the claim; no credible estimate supports it"
    return None


def estimates_alt(data: pd.DataFrame, claim: Claim | None = None) -> str:
    """Alt text: the finding, then what the chart holds."""
    text = estimates_title(data, claim) + "."
    if data.empty:
        return text
    known = data[data["knowable"].astype(bool)]
    text += (
        f" {plural(len(known), 'estimate')} from "
        f"{plural(known['originator'].nunique(), 'originator')} are drawn by the date they refer to."
    )
    later = len(data) - len(known)
    if later:
        text += (
            f" {plural(later, 'estimate')} published after the as-of date "
            f"{wording.be(later)} shown faded."
        )
    latest = _latest(data)
    if len(latest):
        said = "; ".join(
            f"{r.originator}: {r.stated} {r.measure} ({wording.longdate(r.date)})"
            for r in latest.itertuples()
        )
        text += f" The latest word from each source, as stated: {said}."
    if claim is not None:
        text += f" The claim: {claim.claim}"
    return text


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
    require(data, COLUMNS, "estimates_chart", "estimates_data")
    redraw = functools.partial(
        estimates_chart,
        data,
        title=title,
        subtitle=subtitle,
        claim=claim,
        as_of=as_of,
        source=source,
    )
    width_in = style.width_of(width)
    narrow = style.is_narrow(width_in)
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

    count_axis(ax, top, narrow, axis_label, frame.plot_height_in)
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
        (look.marker, look.line_color, look.line_color if open_ else look.edge, look.decides, open_)
        for (*_, look), open_ in zip(series, hollow, strict=True)
    ]
    if claim_value is not None:
        ax.axhline(claim_value, color=style.INK, ls="--", lw=1, zorder=2)
        # the claim is labelled in the same column as the lines, so it never covers data
        if not narrow:
            labels.append(style.wrap(f"claim: {_claimed(claim)}", 1.6, style.SMALL))
        ends.append(claim_value)
        marks.append(("_", style.INK, style.INK, False, False))
    if claim is not None and claim.period is not None:
        start, end = claim.effective_period.start, claim.effective_period.end
        ax.axvspan(
            mdates.date2num(start), mdates.date2num(end) + 1, color="#efefef", lw=0, zorder=0
        )

    if narrow:
        style.key(
            frame,
            [
                (
                    {
                        "marker": marker,
                        "ms": 10 if marker == "_" else 6,
                        "mew": 1.2 if marker == "_" else 0.8,
                        "color": colour,
                        "mfc": "white" if open_ else colour,
                        "mec": edge,
                    },
                    label,
                    bold,
                )
                for (marker, colour, edge, bold, open_), label in zip(marks, labels, strict=True)
            ],
            frame.key_top_in,
        )
        return style.finish(frame, estimates_alt(data, claim), redraw)

    # Labels at the line ends, in the right margin, spread so that none overlaps another.
    to_in = frame.plot_height_in / top
    heights = [_label_height(t) for t in labels]
    wanted = [y * to_in for y in ends]
    placed = layout.spread(wanted, heights, 0, frame.plot_height_in)
    for (marker, colour, edge, bold, open_), label, y in zip(marks, labels, placed, strict=True):
        frac = y / frame.plot_height_in
        ax.plot(
            [1.0],
            [frac],
            transform=ax.transAxes,
            marker=marker,
            ms=6,
            mew=1.2 if marker == "_" else 0.8,
            color=colour,
            mfc="white" if open_ else colour,
            mec=edge,
            ls="none",
            clip_on=False,
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
