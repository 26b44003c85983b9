"""The claimed number as a share of each total its metric declares, as a source stated it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..evidence import Evidence
from ..schema import Claim
from ..vocabulary import METRICS, RATIO_METRICS, units
from ..wording import percent, possessive, sentence
from . import bars, style
from .common import begin, longdate, num, originator_name, point, stated
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
    "contradicted",
    "finding",
    "finding_by",
    "finding_share",
    "finding_color",
)


def _finding(evidence: Evidence, claim: Claim, verdict: Verdict):
    """The figure the rating rests on, when the claim itself is contradicted: the latest figure
    of the deciding lines that count what the claim counts (`relation` "direct"), preferring
    those that contradict. None when no deciding line contradicts (the claimed number stands).

    Read from the verdict's structure (`Line.decides`, `stance`, `relation`, `item_ids`), never
    from its words, so it holds for any topic.
    """
    deciding = [ln for ln in verdict.lines if ln.decides]
    if not any(ln.stance == "contradicts" for ln in deciding):
        return None
    direct = [ln for ln in deciding if ln.relation in ("direct", "")]
    direct.sort(key=lambda ln: ln.stance != "contradicts")
    for line in direct:
        found = [
            f
            for i in (line.item_ids or (line.item_id,))
            if (f := evidence.figures.get(i)) is not None and f.metric == claim.metric
        ]
        if found:
            return max(found, key=lambda f: (f.refers_to, f.id))
    return False  # contradicted, but no deciding figure counts what the claim counts


def share_data(evidence: Evidence, claim: Claim, verdict: Verdict) -> pd.DataFrame:
    """One row per total the verdict compared the claim with (as declared: `ratio_to`).

    `share` is the claimed number's share, as the engine computed it. When a deciding line
    contradicts the claim, `contradicted` is set and the claimed share is drawn as an outline
    only, never as a finding; `finding` (with `finding_share`) is then the deciding source's
    own figure of the same measure, as a share of the same total.
    """
    table = palette(evidence, verdict)
    found_figure = _finding(evidence, claim, verdict) if claim.value is not None else None
    contradicted = found_figure is not None
    rows = []
    totals = RATIO_METRICS.get(claim.metric or "", ())
    for metric, total in ((m, METRICS[m].total_words or METRICS[m].label) for m in totals):
        found = (verdict.denominators or {}).get(metric)
        if not found or found.get("share") is None or claim.value is None:
            continue
        figure = evidence.figures.get(found["figure"])
        oid = found["originator"]
        colour, marker = table.get(oid, (GREY, "o"))
        row = {
            "total": total,
            "whole": float(found["whole"]),
            "stated": stated(figure) if figure else num(found["whole"]),
            "date": figure.refers_to if figure else None,
            "originator_id": oid,
            "originator": originator_name(evidence, oid),
            "share": float(found["share"]),  # as the engine computed it
            "color": colour,
            "marker": marker,
            "contradicted": contradicted,
            "finding": "",
            "finding_by": "",
            "finding_share": None,
            "finding_color": GREY,
        }
        if found_figure:
            by = evidence.originator_id(found_figure)
            row.update(
                finding=f"{stated(found_figure)} {METRICS[claim.metric].label}",
                finding_by=originator_name(evidence, by),
                finding_share=point(found_figure) / float(found["whole"]),
                finding_color=table.get(by, (GREY, "o"))[0],
            )
        rows.append(row)
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


def _contradicted(data: pd.DataFrame) -> bool:
    return bool(len(data)) and "contradicted" in data and bool(data["contradicted"].any())


def _found(data: pd.DataFrame) -> bool:
    return _contradicted(data) and bool((data["finding"] != "").any())


def share_title(data: pd.DataFrame) -> str:
    """The finding: the share depends on which total it is taken of; for a contradicted claim,
    the share the deciding source's figure makes, and the claimed one only as ruled out."""
    if data.empty:
        return "No total to compare the claimed number with"
    parts = [f"{percent(r.share)} of {r.total}" for r in data.itertuples()]
    if _found(data):
        first = data.iloc[0]
        found = " and ".join(f"{percent(r.finding_share)} of {r.total}" for r in data.itertuples())
        claimed = " and ".join(percent(r.share) for r in data.itertuples())
        return sentence(
            f"{possessive(first['finding_by'], first['finding'])} is {found}; "
            f"the claimed {_claimed(data)}, which the evidence rules out, would be {claimed}"
        )
    if _contradicted(data):
        return (
            f"The claimed {_claimed(data)}, which the evidence rules out, would be "
            + " and ".join(parts)
        )
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

    A claim the evidence contradicts is never drawn as a finding: its share is an empty
    dashed outline, and the deciding source's own figure fills the bar, named in a key.
    `width` ("print", "phone" or centimetres): a narrow chart sets each label above its bar.
    """
    redraw, width_in, narrow = begin(
        share_chart,
        data,
        COLUMNS,
        "share_data",
        width,
        title=title,
        subtitle=subtitle,
        source=source,
    )
    rows = [
        (f"{r.total}: {_in_units(data, r.stated)}", f"({r.originator})") for r in data.itertuples()
    ]
    if narrow:
        rows = [(f"{name} {detail}", "") for name, detail in rows]
    labels, left = bars.row_labels(rows, width_in, narrow, [False] * len(rows))
    contradicted, found = _contradicted(data), _found(data)
    entries = []
    if contradicted:
        first = data.iloc[0]
        if found:
            entries.append(
                (
                    {"marker": "s", "ms": 8, "color": first["finding_color"], "mec": "none"},
                    style.wrap(
                        f"{first['finding_by']}: {first['finding']}", width_in - 0.6, style.SMALL
                    ),
                    True,
                )
            )
        entries.append(
            (
                {"marker": "s", "ms": 8, "mfc": "white", "mec": style.INK, "color": style.INK},
                style.wrap(
                    f"the claim: {_claimed(data)}, ruled out by the evidence",
                    width_in - 0.6,
                    style.SMALL,
                ),
                False,
            )
        )
    if subtitle is None:
        subtitle = f"{_claimed(data)} as a share of each total (%)"
        if contradicted:
            subtitle = f"{data.attrs.get('measure', '')} as a share of each total (%)"
    if source is None:
        source = "Source: the totals the sources stated, as listed in this report's sources."
    if narrow:
        # each row: its label's lines above a thin bar
        heights = [style.text_height(style.lines_of(t)) + 0.4 for t in labels]
        plot_height = max(0.9, sum(heights))
    else:
        plot_height = max(0.9, bars.row_height(labels, 0.45, 0.1) * len(labels))
    frame = style.Frame(
        plot_height,
        title=title,
        subtitle=subtitle,
        source=source,
        left=left,
        right=0.5,
        bottom=0.35,
        width=width_in,
        below=style.key_height([t for _, t, _ in entries]),
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No totals knowable on the as-of date")
        return style.finish(frame, share_alt(data), redraw)
    shares = [r.share * 100 for r in data.itertuples()]
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
    drawn = shares
    if contradicted:
        # the claimed share as an outline only: what the claim would mean, not a finding
        ax.barh(ys, shares, height=bar, fill=False, ls="--", lw=1, edgecolor=style.INK)
        drawn = [(r.finding_share or 0) * 100 for r in data.itertuples()] if found else []
        if found:
            ax.barh(ys, drawn, height=bar * 0.6, color=list(data["finding_color"]), lw=0)
    else:
        looks = [OriginatorStyle(r.color, r.marker, True) for r in data.itertuples()]
        ax.barh(ys, shares, height=bar, color=[lk.color for lk in looks], lw=0)
    ax.set_xlim(0, max(100, max(shares) * 1.15))
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: percent(v / 100)))
    bars.label_rows(ax, ys, labels, bar, narrow, [False] * len(labels))
    if contradicted:
        bars.value_labels(
            ax, shares, ys, [f"claimed: {percent(s / 100)}" for s in shares], color=style.MUTED
        )
        if found:
            bars.value_labels(ax, drawn, ys, [percent(v / 100) for v in drawn], style.BODY, True)
    else:
        worded = [percent(r.share) for r in data.itertuples()]
        bars.value_labels(ax, shares, ys, worded, style.BODY, True)
    if entries:
        style.key(frame, entries, frame.key_top_in)
    return style.finish(frame, share_alt(data), redraw)
