"""Showing a chart in a notebook and saving it beside the report, byte-identically.

`show` returns an object whose only rich form is HTML: an <img> with the PNG inline, its
exact pixel size and escaped alt text. It has no `_repr_png_`, so the executed notebook holds
one small HTML output, the same bytes every run. PNG and SVG carry no dates, and SVG ids come
from a fixed salt.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from . import style

CHARTS_ENV = "FACTCHECK_CHARTS_DIR"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ChartError(ValueError):
    """A chart cannot be shown or saved as asked; the message says why in one sentence."""


@dataclass(frozen=True, repr=False)
class Shown:
    """A drawn chart: its PNG, alt text and pixel size; displays as an inline <img>."""

    name: str
    png: bytes
    alt: str
    width: int
    height: int

    def __repr__(self) -> str:
        """Short: IPython stores it as the output's text/plain beside the HTML."""
        return f"<chart {self.name}: {self.width}x{self.height} px>"

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            f'<img src="data:image/png;base64,{data}" width="{self.width}" '
            f'height="{self.height}" alt="{html.escape(self.alt, quote=True)}">'
        )


def png_bytes(fig: Figure) -> bytes:
    """The PNG at the fixed dpi, with no software or date metadata."""
    style.apply()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=style.DPI, metadata={"Software": None})
    return buffer.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    """The SVG with no date or creator, its ids from the fixed hash salt."""
    style.apply()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def save(fig: Figure, folder: Path, name: str, png: bytes | None = None) -> list[Path]:
    """Write `<name>.png` and `<name>.svg` into `folder`; never through a symbolic link."""
    _check_name(name)
    folder = Path(folder)
    if folder.is_symlink():
        raise ChartError(f"{folder}: the charts folder is a symbolic link; expected a real folder.")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, data in (
        (folder / f"{name}.png", png if png is not None else png_bytes(fig)),
        (folder / f"{name}.svg", svg_bytes(fig)),
    ):
        if path.is_symlink():
            raise ChartError(f"{path}: is a symbolic link; expected a regular file or nothing.")
        path.write_bytes(data)
        written.append(path)
    return written


def _check_name(name: str) -> None:
    if not NAME.match(name):
        raise ChartError(
            f"chart name {name!r}: expected lowercase letters, digits and hyphens "
            "(at most 64), as it becomes a file name."
        )


def show(fig: Figure, name: str, alt: str | None = None) -> Shown:
    """Draw `fig` once as PNG, save PNG and SVG to $FACTCHECK_CHARTS_DIR if set, and display it.

    `alt` defaults to the alt text the chart function recorded (which states the finding).
    """
    _check_name(name)
    alt = alt if alt is not None else getattr(fig, "_factcheck_alt", "")
    png = png_bytes(fig)
    folder = os.environ.get(CHARTS_ENV)
    if folder:
        save(fig, Path(folder), name, png)
    width, height = struct.unpack(">II", png[16:24])  # from the PNG header: exact pixels
    return Shown(name, png, alt, width, height)
