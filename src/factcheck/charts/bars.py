"""Horizontal bar charts' row labels, shared by the echoes and share charts.

A row is named by a source's name and one line of detail. On print the labels stand in a
left-hand column, on a phone above each bar. A name is wrapped to two lines before it is
shortened (at a word boundary, with "…"), and the column is sized to the labels it holds, up to
LEFT_MAX, so no label ever runs off the figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes

from . import style

LEFT_MAX = 2.8  # inches: the widest a print chart's label column may be
NAME_LINES = 2


def row_labels(
    rows: Sequence[tuple[str, str]], width_in: float, narrow: bool, bold: Sequence[bool]
) -> tuple[list[str], float]:
    """Each row's label (name, then its detail line) and the left margin that holds them."""
    room = width_in - 0.6 if narrow else LEFT_MAX - 0.3
    labels = []
    for (name, detail), strong in zip(rows, bold, strict=True):
        head = style.wrap(name, room, style.SMALL, bold=strong, max_lines=NAME_LINES)
        labels.append(f"{head}\n{style.fit(detail, room, bold=strong)}" if detail else head)
    if narrow:
        return labels, 0.15
    widest = max([style.text_width(t) * 1.1 for t in labels], default=1.0)
    return labels, min(LEFT_MAX, widest + 0.3)


def row_height(labels: Sequence[str], at_least: float, extra: float = 0.06) -> float:
    """Inches per row: `at_least`, or the tallest label and `extra` room."""
    tallest = max((style.text_height(style.lines_of(t)) for t in labels), default=0.0)
    return max(at_least, tallest + extra)


def label_rows(
    ax: Axes, ys: Sequence[float], labels: Sequence[str], bar: float, narrow: bool, bold
) -> None:
    """Write each row's label: right-aligned left of the axis, or above its bar on a phone."""
    for y, label, strong in zip(ys, labels, bold, strict=True):
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
            fontweight="bold" if strong else "normal",
            annotation_clip=False,
        )


def value_labels(
    ax: Axes, xs, ys, words, size: float = style.SMALL, bold: bool = False, color=style.INK
) -> None:
    """The number at the end of each bar."""
    for x, y, said in zip(xs, ys, words, strict=True):
        ax.annotate(
            said,
            (x, y),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=size,
            fontweight="bold" if bold else "normal",
            color=color,
            parse_math=False,
        )
