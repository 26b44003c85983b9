"""One look for every chart: print sizes, fonts, a fixed layout and byte-stable output.

Charts are drawn 16 cm wide, the width the A4 report prints them at, so a point here is a
point on paper and nothing is set below 8 pt. The phone edition is drawn 9 cm wide at the same
dpi (531 px): shown 360 px wide on a phone, 8 pt text is still about 11 px. The layout is fixed margins in inches, computed
from the text the chart holds, rather than matplotlib's constrained layout: it costs nothing to
compute, needs no text measurement and gives the same positions every time.
"""

from __future__ import annotations

import textwrap

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..wording import shorten

INK, MUTED, GRID, HIGHLIGHT = "#222222", "#666666", "#dddddd", "#D55E00"
FADED = 0.3  # alpha of items published after the as-of date
WIDTH = 16 / 2.54  # inches: the printed width
PHONE = 9 / 2.54  # inches: the phone edition's width
WIDTHS = {"print": WIDTH, "phone": PHONE}
NARROW = 12 / 2.54  # inches: at or below this width a chart lays itself out for a phone
MAX_HEIGHT = 8.5  # inches: a chart never grows past most of an A4 page
DPI = 150  # fixed: the PNG's pixel size never depends on the machine
TITLE, BODY, SMALL = 10.0, 8.5, 8.0  # pt; SMALL is the floor for any text
CHAR = 0.58  # average DejaVu Sans glyph width, in ems: a cheap, slightly generous estimate
LINE = 1.25  # line height, in ems

RC = {
    "font.family": "DejaVu Sans",
    "font.size": BODY,
    "text.usetex": False,  # text from data is drawn literally, never typeset
    "text.color": INK,
    "axes.titlesize": TITLE,
    "axes.labelsize": SMALL,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "xtick.labelsize": SMALL,
    "ytick.labelsize": SMALL,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "legend.fontsize": SMALL,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "factcheck",  # stable SVG ids
    "svg.fonttype": "none",
    "path.simplify": True,
    "date.converter": "concise",
}


def apply() -> None:
    matplotlib.rcParams.update(RC)


class ChartError(ValueError):
    """A chart cannot be drawn, shown or saved as asked; the message says why in one sentence."""


def width_of(width: str | float) -> float:
    """The figure width in inches for `width`: "print", "phone" or a number of centimetres."""
    if isinstance(width, str) and width in WIDTHS:
        return WIDTHS[width]
    if isinstance(width, int | float) and not isinstance(width, bool) and 6 <= width <= 40:
        return float(width) / 2.54
    raise ChartError(
        f"chart width {width!r}: expected 'print', 'phone' or a number of centimetres from 6 to 40."
    )


def is_narrow(width_in: float) -> bool:
    """Whether a chart this wide should stack its labels rather than set them in a column."""
    return width_in <= NARROW + 1e-9


def text_width(text: str, size: float = SMALL) -> float:
    """Estimated width in inches of the longest line of `text`: no renderer needed."""
    longest = max((len(line) for line in str(text).split("\n")), default=0)
    return longest * CHAR * size / 72


def text_height(lines: int, size: float = SMALL) -> float:
    """Height in inches of `lines` lines of text."""
    return lines * LINE * size / 72


def wrap(text: str, width_in: float, size: float, bold: bool = False, max_lines: int = 4) -> str:
    """Wrap `text` to fit `width_in` inches at `size` pt (estimated; bold runs a tenth wider).

    At most `max_lines` lines, the last shortened at a word boundary with "…"
    (`wording.shorten`): text from data can be any length, and a chart's size must not depend
    on it.
    """
    chars = chars_in(width_in, size, bold)
    lines = textwrap.wrap(text, chars, break_on_hyphens=False)
    if len(lines) > max_lines:  # the rest shortened at a word boundary, never cut mid-word
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], shorten(rest, chars)]
    return "\n".join(lines) or shorten(text, chars)


def chars_in(width_in: float, size: float = SMALL, bold: bool = False) -> int:
    """How many characters of text at `size` pt fit in `width_in` inches (estimated)."""
    return max(12, int(width_in * 72 / (CHAR * size * (1.1 if bold else 1.0))))


def fit(text: str, width_in: float, size: float = SMALL, bold: bool = False) -> str:
    """Each line of `text` shortened to `width_in` inches, at a word boundary with "…"."""
    chars = chars_in(width_in, size, bold)
    return "\n".join(shorten(line, chars) for line in str(text).split("\n"))


def lines_of(text: str) -> int:
    return text.count("\n") + 1 if text else 0


class Frame:
    """A figure with one axes placed by fixed margins, plus the texts around it.

    The header (title, subtitle) and footer (source line) are wrapped to the figure width and
    their height added to the margins, so nothing overlaps whatever the text's length.
    """

    def __init__(
        self,
        plot_height: float,
        *,
        title: str,
        subtitle: str | None = None,
        source: str | None = None,
        left: float = 0.75,
        right: float = 0.25,
        bottom: float = 0.45,
        top: float = 0.15,
        width: float = WIDTH,
        below: float = 0.0,
    ):
        """`width` in inches; `below`: inches kept free under the x axis (e.g. for a key)."""
        apply()
        WIDTH = width  # noqa: N806 - the figure's width, as the module constant is for print
        self.width_in = width
        self.narrow = is_narrow(width)
        inner = WIDTH - 0.2
        more = 2 if self.narrow else 0  # a narrow chart wraps to more lines, not smaller text
        self.title = wrap(title, inner, TITLE, bold=True, max_lines=4 + more)
        self.subtitle = wrap(subtitle, inner, SMALL, max_lines=3 + more) if subtitle else ""
        self.source = wrap(source, inner, SMALL, max_lines=3 + more) if source else ""
        head = 0.1 + text_height(lines_of(self.title), TITLE) + 0.05
        head += text_height(lines_of(self.subtitle), SMALL) + 0.12 + top
        foot = bottom + (text_height(lines_of(self.source), SMALL) + 0.12 if self.source else 0)
        foot += below
        self.key_top_in = foot - bottom  # the top of the free strip under the tick labels
        height = min(MAX_HEIGHT, head + plot_height + foot)
        plot_height = max(0.6, height - head - foot)
        self.height_in = height
        self.fig = Figure(figsize=(WIDTH, height), dpi=DPI)
        self.ax = self.fig.add_axes(
            (left / WIDTH, foot / height, (WIDTH - left - right) / WIDTH, plot_height / height)
        )
        self.plot_width_in = WIDTH - left - right
        self.plot_height_in = plot_height
        y = height - 0.1
        self.fig.text(0.1 / WIDTH, y / height, self.title, **_header(TITLE, "bold"))
        y -= text_height(lines_of(self.title), TITLE) + 0.05
        if self.subtitle:
            self.fig.text(0.1 / WIDTH, y / height, self.subtitle, color=MUTED, **_header(SMALL))
        if self.source:
            self.fig.text(
                0.1 / WIDTH,
                0.08 / height,
                self.source,
                color=MUTED,
                va="bottom",
                ha="left",
                fontsize=SMALL,
                parse_math=False,
                linespacing=1.15,
            )
        self._title = title


def _header(size: float, weight: str = "normal") -> dict:
    return {
        "va": "top",
        "ha": "left",
        "fontsize": size,
        "fontweight": weight,
        "parse_math": False,
        "linespacing": 1.15,
    }


def title_of(fig: Figure) -> str:
    """The chart's title as written (unwrapped), for captions."""
    return fig.axes[0].get_title() if fig.axes else ""


def key(
    frame: Frame,
    entries: list[tuple[dict, str, bool]],
    top: float,
    columns: int = 1,
    split: int | None = None,
) -> None:
    """A key in the strip under the axis, `top` inches from the figure's foot: per entry a
    marker (Line2D keywords) and its text, one entry under the other, in `columns` columns
    across the figure's width (filled down, then across, or two columns split at entry `split`;
    wrap the texts to `key_room`).

    Where a print chart labels its lines in a right-hand column, a phone chart lists them here.
    """
    from matplotlib.lines import Line2D

    fig = frame.fig
    step = frame.width_in / columns
    for column, chunk in enumerate(key_columns(entries, columns, split)):
        y, x = top, column * step
        for marker, text, bold in chunk:
            height = text_height(lines_of(text)) + KEY_GAP
            centre = y - text_height(1) / 2 - KEY_GAP / 2
            fig.add_artist(
                Line2D([x + 0.2], [centre], transform=fig.dpi_scale_trans, ls="none", **marker)
            )
            fig.text(
                (x + 0.38) / frame.width_in,
                (y - KEY_GAP / 2) / frame.height_in,
                text,
                va="top",
                ha="left",
                fontsize=SMALL,
                fontweight="bold" if bold else "normal",
                parse_math=False,
                linespacing=LINE / 1.2,
            )
            y -= height


KEY_GAP = 0.06  # inches between key entries


def key_columns(entries: list, columns: int = 1, split: int | None = None) -> list[list]:
    """`entries` split in order into `columns` runs, the first ones the longest (or in two at
    `split`, when it leaves neither empty)."""
    if columns == 2 and split and 0 < split < len(entries):
        return [entries[:split], entries[split:]]
    size = -(-len(entries) // columns) if entries else 0
    return [entries[i : i + size] for i in range(0, len(entries), size)] if size else []


def key_room(width_in: float, columns: int = 1) -> float:
    """The inches a key entry's text may take, beside its marker, in one of `columns`."""
    return width_in / columns - 0.55


def key_height(texts: list[str], columns: int = 1, split: int | None = None) -> float:
    """The inches a key of `texts` needs (see `key`): its tallest column."""
    if not texts:
        return 0.0
    return (
        max(
            sum(text_height(lines_of(t)) + KEY_GAP for t in run)
            for run in key_columns(texts, columns, split)
        )
        + 0.1
    )


def finish(frame: Frame, alt: str, redraw=None) -> Figure:
    """Record the title, alt text and how to redraw the chart on the figure, for `show` and for
    captions. `redraw(width=...)` draws the same chart at another width (the phone edition).

    The title is drawn by the frame (wrapped, flush left over the whole width); the axes keep
    an undrawn copy so `fig.axes[0].get_title()` returns it, as callers of the old charts expect.
    """
    fig = frame.fig
    frame.ax.set_title(frame._title, parse_math=False)
    frame.ax.title.set_visible(False)
    fig._factcheck_alt = alt
    if redraw is not None:
        fig._factcheck_redraw = redraw
    return fig


def empty(frame: Frame, message: str) -> None:
    ax: Axes = frame.ax
    ax.axis("off")
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=MUTED,
        fontsize=BODY,
        parse_math=False,
    )
