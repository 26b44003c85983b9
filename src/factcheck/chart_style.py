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
INK, MUTED, HIGHLIGHT = "#222222", "#8a8a8a", "#D55E00"
DPI = 150
WIDTH = 7.6  # inches: the reading column of the report

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "svg.hashsalt": "factcheck",  # stable SVG ids
    "svg.fonttype": "none",
    "path.simplify": True,
}


def apply() -> None:
    matplotlib.rcParams.update(RC)


def color(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]


def marker(index: int) -> str:
    return MARKERS[index % len(MARKERS)]


def new_figure(height: float = 3.6) -> tuple[Figure, Axes]:
    """A pyplot-free figure: no global figure state, nothing for Jupyter to auto-display."""
    apply()
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def source_note(fig: Figure, text: str) -> None:
    """The source line under a chart, as newspapers print it."""
    fig.get_layout_engine().set(h_pad=0.08)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=7, color=MUTED, wrap=True)


def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def save(fig: Figure, folder: Path, name: str) -> list[Path]:
    """Write PNG and SVG with no dates and fixed ids, so rebuilds give the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
        path = folder / f"{name}.{fmt}"
        fig.savefig(path, format=fmt, metadata=metadata)
        written.append(path)
    return written
