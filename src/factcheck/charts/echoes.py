"""Who said it first: how many documents carry each originator's information.

Echoes are counted, not drawn one line each, so the chart stays one short bar per originator
however many outlets repeat a post. The counts are the verdict's own (`Line.documents`), so
the chart and the verdict box can never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from ..evidence import Evidence
from ..reasoning.knowledge import first_public
from ..wording import possessive
from . import bars, style
from .common import begin, day, deciding, item_of, num, plural, short_name
from .palette import GREY, OriginatorStyle, palette

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

MAX_ROWS = 12  # bars drawn; the rest are summed into one row
BAR = 0.34  # inches per bar
PHONE_BAR = 0.62  # inches per bar on a phone: its two-line label sits above it


def echoes_data(evidence: Evidence, verdict: Verdict) -> pd.DataFrame:
    """One row per line of evidence: its originator, documents carrying it, first public date."""
    _, decisive = deciding(evidence, verdict)
    table = palette(evidence, verdict)
    by_line: dict[str, list] = {}
    for a in verdict.evidence:
        by_line.setdefault(a.line_id, []).append(a)
    rows = []
    for line in verdict.lines:
        mine = by_line.get(line.id, [])
        item = item_of(evidence, line.item_id)
        oid = evidence.originator_id(item) if item else (mine[0].originator_id if mine else "")
        dates = [d for a in mine if (d := first_public(evidence, a.source_id)) is not None]
        colour, marker = table.get(oid, (GREY, "o"))
        rows.append(
            {
                "originator_id": oid,
                "originator": short_name(line.name),
                "documents": int(line.documents),
                "first_public": min(dates) if dates else None,
                "stance": line.stance,
                "credible": bool(line.credible),
                "decides": oid in decisive and line.decides,
                "color": colour,
                "marker": marker,
            }
        )
    rows.sort(key=lambda r: (-r["documents"], r["originator"]))
    data = pd.DataFrame(rows, columns=[*_COLUMNS])
    data.attrs.update(as_of=verdict.as_of)
    return data


_COLUMNS = dict.fromkeys(
    [
        "originator_id",
        "originator",
        "documents",
        "first_public",
        "stance",
        "credible",
        "decides",
        "color",
        "marker",
    ]
)


def echoes_title(data: pd.DataFrame) -> str:
    """The finding: many documents, few originators."""
    if data.empty:
        return "No documents carry the evidence weighed"
    total = int(data["documents"].sum())
    top = data.iloc[0]
    if len(data) == 1:
        if total == 1:
            return f"One document carries the evidence, from {top['originator']}"
        return f"All {plural(total, 'document')} carry one originator's word: {top['originator']}"
    if top["documents"] == 1:
        return f"{len(data)} documents, each carrying a different originator's word: no echoes"
    return (
        f"{plural(total, 'document')} carry the word of {len(data)} originators; "
        f"{num(top['documents'])} of them carry {possessive(top['originator'], 'word', 'the')}"
    )


def echoes_alt(data: pd.DataFrame) -> str:
    text = echoes_title(data) + "."
    if len(data):
        text += " " + "; ".join(
            f"{r.originator}: {plural(r.documents, 'document')}"
            for r in data.head(MAX_ROWS).itertuples()
        )
        text += "."
    return text


def echoes_chart(
    data: pd.DataFrame,
    *,
    title: str,
    subtitle: str | None = None,
    source: str | None = None,
    width: str | float = "print",
) -> Figure:
    """One bar per originator: the documents carrying its information, and when it first spoke.

    `width` ("print", "phone" or centimetres): a narrow chart sets each label above its bar, as a
    left-hand column would leave the bars no room.
    """
    redraw, width_in, narrow = begin(
        echoes_chart,
        data,
        _COLUMNS,
        "echoes_data",
        width,
        title=title,
        subtitle=subtitle,
        source=source,
    )
    shown = data.head(MAX_ROWS)
    rest = data.iloc[MAX_ROWS:]
    rows = [
        (r.originator, f"first public {day(r.first_public)}" if r.first_public else "undated")
        for r in shown.itertuples()
    ]
    strong = [bool(d) for d in shown["decides"]]
    if len(rest):
        rows.append((plural(len(rest), "other originator"), ""))
        strong.append(False)
    if subtitle is None:
        subtitle = "Documents carrying each originator's information, echoes included (count)"
    if source is None:
        source = "Source: the documents listed in this report's sources, traced to the body that first published each."
    labels, left = bars.row_labels(rows, width_in, narrow, strong)
    bar = 0.36 if narrow else 0.62
    if narrow:  # a row: its label, then its bar (`bar` of the row) under it
        row = max(PHONE_BAR, (bars.row_height(labels, 0, 0.08)) / (1 - bar))
    else:
        row = bars.row_height(labels, BAR)
    frame = style.Frame(
        max(0.8, row * len(labels)),
        title=title,
        subtitle=subtitle,
        source=source,
        left=left,
        right=0.45,
        bottom=0.35,
        width=width_in,
    )
    ax = frame.ax
    if data.empty:
        style.empty(frame, "No documents behind the evidence")
        return style.finish(frame, echoes_alt(data), redraw)
    counts = [int(c) for c in shown["documents"]] + (
        [int(rest["documents"].sum())] if len(rest) else []
    )
    looks = [OriginatorStyle(r.color, r.marker, bool(r.decides)) for r in shown.itertuples()]
    if len(rest):
        looks.append(OriginatorStyle(GREY, "o", False))
    ys = list(range(len(counts)))[::-1]
    ax.barh(ys, counts, height=bar, color=[lk.line_color for lk in looks], lw=0)
    ax.set_ylim(-0.6, len(counts) - (0.1 if narrow else 0.4))
    ax.set_xlim(0, max(counts) * 1.12 + 0.5)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if narrow:  # the labels above the bars name the rows; an axis line would cross them
        ax.xaxis.get_major_locator().set_params(nbins=4)
        ax.spines["left"].set_visible(False)
    bars.label_rows(ax, ys, labels, bar, narrow, strong)
    bars.value_labels(ax, counts, ys, [num(c) for c in counts])
    return style.finish(frame, echoes_alt(data), redraw)
