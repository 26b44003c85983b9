"""A count axis that fits at any magnitude: ticks worded short ("6M", "12,500"), and a left
margin sized to the widest tick label and the axis label, so neither is ever cut off.

The tick values are computed before the figure exists (the same locator the axis uses), so the
margin is arithmetic, like every other part of the layout.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..wording import short_number, shorten
from . import style


def _locator(narrow: bool) -> MaxNLocator:
    return MaxNLocator(nbins=4 if narrow else 6, integer=True, min_n_ticks=3)


def tick_words(top: float, narrow: bool) -> list[str]:
    """The tick labels an axis from 0 to `top` shows."""
    return [short_number(v, top) for v in _locator(narrow).tick_values(0, top) if 0 <= v <= top]


def count_margin(top: float, narrow: bool, label: str = "") -> float:
    """Inches left of the plot for the tick labels (and the axis label, when there is one)."""
    widest = max((style.text_width(w) for w in tick_words(top, narrow)), default=0.2)
    return widest + 0.12 + (style.text_height(1) + 0.1 if label else 0) + 0.08


def count_axis(
    ax: Axes, top: float, narrow: bool, label: str, plot_height_in: float, unit: str = ""
) -> None:
    """A y axis from 0 to `top` with short ticks and `label` along the plot's height: the unit
    alone when the label would not fit, else the label shortened at a word boundary."""
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(_locator(narrow))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: short_number(v, top)))
    room = style.chars_in(plot_height_in - 0.1)
    if label and len(label) > room and unit:
        label = unit
    if label:
        ax.set_ylabel(shorten(label, room), labelpad=4)
