"""Showing a chart in a notebook and saving it beside the report, byte-identically.

`show` returns an object whose only rich form is HTML: an <img> with the PNG inline, its
exact pixel size and escaped alt text. It has no `_repr_png_`, so the executed notebook holds
one small HTML output, the same bytes every run. PNG and SVG carry no dates, and SVG ids come
from a fixed salt.

A chart drawn by this package records how to redraw itself (`fig._factcheck_redraw`), so
`show` also draws its phone edition and wraps both in a <picture>: a browser narrower than
PHONE_MEDIA picks the phone PNG, anything else (and WeasyPrint, which ignores <source>) the
print PNG in the <img>.

Agg draws with the interpreter lock held, so a thread cannot draw two editions at once; on
Linux with a spare core, `show` builds and draws the phone edition in a forked child while
this process draws the print edition and its SVG (`FACTCHECK_CHART_PROCESSES=1` turns that
off). The bytes are the same either way; the child is silent and leaves through os._exit.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import struct
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from . import style
from .style import ChartError

CHARTS_ENV = "FACTCHECK_CHARTS_DIR"
PROCESSES_ENV = "FACTCHECK_CHART_PROCESSES"  # "1": draw every edition in this process
PHONE_MEDIA = "(max-width: 600px)"
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True, repr=False)
class Shown:
    """A drawn chart: its PNG, alt text and pixel size, and its phone edition's if it has one;
    displays as an inline <img>, inside a <picture> with the phone edition's <source>."""

    name: str
    png: bytes
    alt: str
    width: int
    height: int
    phone_png: bytes | None = None
    phone_width: int = 0
    phone_height: int = 0

    def __repr__(self) -> str:
        """Short: IPython stores it as the output's text/plain beside the HTML."""
        return f"<chart {self.name}: {self.width}x{self.height} px>"

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        img = (
            f'<img src="data:image/png;base64,{data}" width="{self.width}" '
            f'height="{self.height}" alt="{html.escape(self.alt, quote=True)}">'
        )
        if self.phone_png is None:
            return img
        phone = base64.b64encode(self.phone_png).decode("ascii")
        return (
            f'<picture><source media="{PHONE_MEDIA}" srcset="data:image/png;base64,{phone}" '
            f'width="{self.phone_width}" height="{self.phone_height}">{img}</picture>'
        )


def png_bytes(fig: Figure) -> bytes:
    """The PNG at the fixed dpi, with no software or date metadata, in 256 colours.

    A chart is flat colour and anti-aliased text, so a 256-colour palette (fast octree, no
    dithering: deterministic; on the seed's estimates chart half a percent of pixels, all on
    anti-aliased edges, differ from full colour by more than 8 of 255 levels) looks the same
    at about a third of the bytes; each chart is inlined twice (print and phone), so this keeps
    a report light on a phone. Octree, not max coverage: a third of the time (13 ms against
    41 ms a chart) and smaller files. The pixels come straight from Agg, not through a
    full-colour PNG and back. A figure with transparency is kept in full colour.
    """
    from PIL import Image

    style.apply()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=style.DPI)
    raw = buffer.getvalue()
    width = int(fig.get_figwidth() * style.DPI)  # as Agg sizes its canvas
    height = len(raw) // (4 * width) if width else 0
    image = Image.frombuffer("RGBA", (width, height), raw, "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    if image.getextrema()[3][0] < 255:
        image.save(out, "PNG")
    else:
        rgb = image.convert("RGB")
        rgb.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            out, "PNG"
        )
    return out.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    """The SVG with no date or creator, its ids from the fixed hash salt."""
    style.apply()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def save(
    fig: Figure,
    folder: Path,
    name: str,
    png: bytes | None = None,
    phone_png: bytes | None = None,
    svg: bytes | None = None,
) -> list[Path]:
    """Write `<name>.png` and `<name>.svg` (and `<name>-phone.png` when given) into `folder`;
    never through a symbolic link."""
    _check_name(name)
    folder = Path(folder)
    if folder.is_symlink():
        raise ChartError(f"{folder}: the charts folder is a symbolic link; expected a real folder.")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path, data in (
        (folder / f"{name}.png", png if png is not None else png_bytes(fig)),
        (folder / f"{name}.svg", svg if svg is not None else svg_bytes(fig)),
        *([(folder / f"{name}-phone.png", phone_png)] if phone_png is not None else []),
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


def phone_edition(fig: Figure) -> Figure | None:
    """The chart redrawn for a phone, from the recipe its chart function recorded; None for a
    figure drawn some other way (an analyst's own matplotlib figure)."""
    redraw = getattr(fig, "_factcheck_redraw", None)
    return redraw(width="phone") if redraw is not None else None


def _quiet_png(fig: Figure) -> bytes:
    """The phone edition's PNG with warnings silenced, wherever it is drawn: a warning from a
    child process would reach the notebook or not by chance, so it never does from either."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return png_bytes(fig)


def _spare_core() -> bool:
    return (
        sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and os.environ.get(PROCESSES_ENV, "") != "1"
    )


def _beside(draw: Callable[[], bytes]) -> Callable[[], bytes]:
    """Start `draw` in a forked child when a core is spare; return a function that waits for
    its bytes. A child that fails, or no fork, means drawing here: the same bytes, later."""
    if not _spare_core():
        data = draw()
        return lambda: data
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        data = draw()
        return lambda: data
    if pid == 0:  # the child: draw, hand the bytes over, leave without the parent's clean-up
        status = 1
        try:
            os.close(read_end)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            data = draw()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def join() -> bytes:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        return data if status == 0 and data else draw()

    return join


def _size(png: bytes) -> tuple[int, int]:
    """Exact pixels, from the PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def show(
    fig: Figure,
    name: str,
    alt: str | None = None,
    decorate: Callable[[Figure], object] | None = None,
) -> Shown:
    """Draw `fig` (and its phone edition) once as PNG, save them and the SVG to
    $FACTCHECK_CHARTS_DIR if set, and display them.

    `alt` defaults to the alt text the chart function recorded (which states the finding).
    `decorate(fig)` is an analyst's addition (an annotation, a reference line): it is applied
    to the print chart and to its phone edition, which is redrawn from the chart's recipe and
    would otherwise lose it. Say what it adds in `alt` if it changes the finding.
    """
    _check_name(name)
    alt = alt if alt is not None else getattr(fig, "_factcheck_alt", "")
    if decorate is not None:
        decorate(fig)
    folder = os.environ.get(CHARTS_ENV)
    has_phone = getattr(fig, "_factcheck_redraw", None) is not None

    def draw_phone() -> bytes:
        """Built as well as drawn beside the print edition: the redraw is a whole chart."""
        phone = phone_edition(fig)
        if decorate is not None:
            decorate(phone)
        return _quiet_png(phone)

    phone_drawn = _beside(draw_phone) if has_phone else lambda: None
    try:  # meanwhile, the print edition and (when saved) its SVG
        png = png_bytes(fig)
        svg = svg_bytes(fig) if folder else None
    finally:
        phone_png = phone_drawn()
    if folder:
        save(fig, Path(folder), name, png, phone_png, svg)
    width, height = _size(png)
    if phone_png is None:
        return Shown(name, png, alt, width, height)
    return Shown(name, png, alt, width, height, phone_png, *_size(phone_png))
