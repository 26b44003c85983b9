"""Who said it first: how many documents carry each originator's information.

Echoes are counted, not drawn one line each, so the chart stays one short bar per originator
however many outlets repeat a post. The counts are the verdict's own (`Line.documents`), so
the chart and the verdict box can never disagree.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from ..evidence import Evidence
from ..reasoning.knowledge import first_public
from . import style
from .common import day, deciding, item_of, num, plural, require, short_name
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
            return f"One document carries the evidence: {top['originator']}'s own"
        return f"All {plural(total, 'document')} carry one originator's word: {top['originator']}"
    if top["documents"] == 1:
        return f"{len(data)} documents, each carrying a different originator's word: no echoes"
    return (
        f"{plural(total, 'document')} carry the word of {len(data)} originators; "
        f"{num(top['documents'])} of them carry {top['originator']}'s"
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
    require(data, _COLUMNS, "echoes_chart", "echoes_data")
    redraw = functools.partial(echoes_chart, data, title=title, subtitle=subtitle, source=source)
    width_in = style.width_of(width)
    narrow = style.is_narrow(width_in)
    shown = data.head(MAX_ROWS)
    rest = data.iloc[MAX_ROWS:]
    labels = [
        f"{r.originator}\nfirst public {day(r.first_public)}"
        if r.first_public
        else f"{r.originator}\nundated"
        for r in shown.itertuples()
    ]
    if len(rest):
        labels.append(f"{plural(len(rest), 'other originator')}\n")
    if subtitle is None:
        subtitle = "Documents carrying each originator's information, echoes included (count)"
    if source is None:
        source = "Source: the documents listed in this report's sources, traced to the body that first published each."
    if narrow:
        labels = [_fit(t, width_in - 0.6) for t in labels]
        left = 0.15
    else:
        left = min(2.6, max([style.text_width(t) for t in labels], default=1) + 0.25)
    frame = style.Frame(
        max(0.8, (PHONE_BAR if narrow else BAR) * len(labels)),
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
    bar = 0.36 if narrow else 0.62
    ax.barh(ys, counts, height=bar, color=[lk.line_color for lk in looks], lw=0)
    ax.set_ylim(-0.6, len(counts) - (0.1 if narrow else 0.4))
    ax.set_xlim(0, max(counts) * 1.12 + 0.5)
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if narrow:  # the labels above the bars name the rows; an axis line would cross them
        ax.xaxis.get_major_locator().set_params(nbins=4)
        ax.spines["left"].set_visible(False)
    for y, count, label, look in zip(ys, counts, labels, looks, strict=True):
        ax.annotate(
            label.rstrip("\n"),
            (0, y + bar / 2) if narrow else (0, y),
            xytext=(0, 2) if narrow else (-6, 0),
            textcoords="offset points",
            ha="left" if narrow else "right",
            va="bottom" if narrow else "center",
            fontsize=style.SMALL,
            parse_math=False,
            linespacing=1.1,
            fontweight="bold" if look.decides else "normal",
            annotation_clip=False,
        )
        ax.annotate(
            num(count),
            (count, y),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=style.SMALL,
            parse_math=False,
        )
    return style.finish(frame, echoes_alt(data), redraw)


def _fit(label: str, width_in: float) -> str:
    """Each line of a bar label cut to `width_in` inches (bold runs a tenth wider)."""
    chars = max(12, int(width_in * 72 / (style.CHAR * style.SMALL * 1.1)))
    return "\n".join(
        line if len(line) <= chars else line[: chars - 1].rstrip() + "…"
        for line in label.split("\n")
    )
