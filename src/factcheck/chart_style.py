"""One look for every chart: readable in greyscale and by colour-blind readers, and byte-stable.

Colours are the Okabe-Ito palette; every series also differs by marker or line style, so
nothing depends on colour alone. Saving strips dates and fixes SVG ids.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
# The order series take colours in: yellow, faint on white and in greyscale, comes last.
SERIES_COLORS = tuple(OKABE_ITO[i] for i in (0, 1, 2, 3, 4, 5, 7, 6))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
METRIC_MARKERS = {
    "casualties": "o",
    "killed": "X",
    "wounded": "^",
    "casualties_in_period": "d",
    "deployed": "o",
    "deployed_total": "s",
    "reinforcements": "^",
    "announced_deployment": "D",
}
INK, MUTED, HIGHLIGHT = "#222222", "#6f6f6f", "#D55E00"
FADED = 0.3  # alpha of figures published after the as-of date
# Sizes are for the printed page: the A4 report shows each chart 16 cm wide, so the figure is
# drawn 16 cm wide and a point here is a point on paper.
WIDTH = 16 / 2.54  # inches
DPI = 150  # 945 px across 16 cm: sharp on screen and in print; each extra pixel costs render time
SMALL = 7  # pt: annotations, legends, source lines; nothing is set smaller than 6.5 pt

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 8,
    "axes.labelsize": 8,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.fontsize": SMALL,
    "legend.frameon": False,
    "legend.handlelength": 1.6,
    "legend.columnspacing": 1.4,
    "text.color": INK,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "factcheck",  # stable SVG ids
    "svg.fonttype": "none",
    "path.simplify": True,
}


def apply() -> None:
    matplotlib.rcParams.update(RC)


def color(index: int) -> str:
    return SERIES_COLORS[index % len(SERIES_COLORS)]


def edge(colour: str) -> str:
    """Marker edge: white, except round yellow, which needs a dark rim to be seen at all."""
    return INK if colour == OKABE_ITO[6] else "white"


# Shapes look different sizes at one marker size; these even them out.
MARKER_SCALE = {"*": 1.45, "P": 1.1, "X": 1.1, "^": 1.1, "v": 1.1, "D": 0.85, "d": 1.1}


def marker_size(shape: str, size: float) -> float:
    return size * MARKER_SCALE.get(shape, 1.0)


def marker(index: int) -> str:
    """Shapes cycle out of step with colours past eight series, so no two series look alike."""
    return MARKERS[(index + index // len(SERIES_COLORS)) % len(MARKERS)]


def new_figure(height: float = 3.6) -> tuple[Figure, Axes]:
    """A pyplot-free figure: no global figure state, nothing for Jupyter to auto-display."""
    apply()
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def set_title(ax: Axes, text: str) -> None:
    """The chart's title, flush left, kept as the axes' main title so `ax.get_title()` returns it.

    `axes.titlelocation: left` would put it in the left-title slot, which `get_title()` (the
    centre slot) does not read; the centre slot moved to the left edge reads and looks the same.
    """
    ax.set_title(text, loc="center", x=0.0, ha="left")


def source_note(fig: Figure, text: str) -> None:
    """The source line under a chart, as newspapers print it."""
    fig.get_layout_engine().set(h_pad=0.06)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=SMALL, color=MUTED, wrap=True)


def freeze_layout(fig: Figure) -> None:
    """Run constrained layout one last time, then keep its positions.

    Every save would otherwise lay the figure out again: a third of a chart's cost.
    """
    if fig.get_layout_engine() is not None:
        fig.draw_without_rendering()
        fig.set_layout_engine("none")


def png_bytes(fig: Figure) -> bytes:
    freeze_layout(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def save(fig: Figure, folder: Path, name: str, png: bytes | None = None) -> list[Path]:
    """Write PNG and SVG with no dates and fixed ids, so rebuilds give the same bytes.

    Pass the PNG already drawn for the page to save drawing it twice.
    """
    freeze_layout(fig)
    folder.mkdir(parents=True, exist_ok=True)
    png_path, svg_path = folder / f"{name}.png", folder / f"{name}.svg"
    png_path.write_bytes(png if png is not None else png_bytes(fig))
    fig.savefig(svg_path, format="svg", metadata={"Date": None, "Creator": None})
    return [png_path, svg_path]
