"""One colour and one marker per originator, declared once for every chart of a report.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); every originator also
has its own marker, so nothing depends on colour alone. The assignment depends only on the
evidence base: originators that carry figures or events come first, in the order the base
lists them, so an originator looks the same in every chart of a report and across reports.
Originators that decide the verdict are drawn strongest; context is thinner and greyer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..evidence import Evidence

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow: faint on white, so last
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
GREY = "#9a9a9a"
# Shapes look different sizes at one marker size; these even them out.
MARKER_SCALE = {"*": 1.45, "P": 1.1, "X": 1.1, "^": 1.1, "v": 1.1, "D": 0.85}


@dataclass(frozen=True)
class OriginatorStyle:
    """How one originator is drawn: `decides` makes it strongest, else it is context."""

    color: str
    marker: str
    decides: bool = False

    @property
    def line_color(self) -> str:
        return self.color if self.decides else _mix(self.color, GREY, 0.45)

    @property
    def linewidth(self) -> float:
        return 2.0 if self.decides else 1.0

    @property
    def alpha(self) -> float:
        return 1.0 if self.decides else 0.8

    @property
    def zorder(self) -> float:
        return 4 if self.decides else 3

    @property
    def edge(self) -> str:
        """Marker edge: white, except yellow, which needs a dark rim to be seen at all."""
        return "#222222" if self.color == OKABE_ITO[7] else "white"

    def marker_size(self, size: float = 6.0) -> float:
        return size * MARKER_SCALE.get(self.marker, 1.0) * (1.0 if self.decides else 0.85)


def _mix(a: str, b: str, share: float) -> str:
    """`a` moved `share` of the way towards `b` (hex colours)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def originator_order(evidence: Evidence) -> list[str]:
    """Originators in palette order: those carrying figures or events first, in file order."""
    carrying = {evidence.originator_id(item) for item in evidence.figures.values()}
    carrying |= {evidence.originator_id(item) for item in evidence.events.values()}
    ids = list(evidence.originators)
    return [o for o in ids if o in carrying] + [o for o in ids if o not in carrying]


def palette(evidence: Evidence) -> dict[str, tuple[str, str]]:
    """(colour, marker) per originator id; past eight, markers shift so pairs stay distinct."""
    n = len(OKABE_ITO)
    return {
        oid: (OKABE_ITO[i % n], MARKERS[(i + i // n) % len(MARKERS)])
        for i, oid in enumerate(originator_order(evidence))
    }


def originator_style(
    evidence: Evidence,
    originator_id: str,
    decides: bool = False,
    table: dict[str, tuple[str, str]] | None = None,
) -> OriginatorStyle:
    """The one style of an originator; pass `table=palette(evidence)` when styling many."""
    colour, marker = (table or palette(evidence)).get(originator_id, (GREY, "o"))
    return OriginatorStyle(colour, marker, decides)
