"""One colour and one marker per originator, declared once for every chart of a report.

Colours are Okabe-Ito (safe for the common colour-vision deficiencies); every originator also
has a marker, so nothing depends on colour alone.

Who gets a colour: only the originators that decide the verdict (its credible lines that support
or contradict, `Line.decides`, read from the verdict itself), the series the story is about.
Every other originator is context: grey, told apart by its marker. (The page's text names
sources only in its sentences, not as structure the verdict carries, so deciding is the rule.)

Which colour, the rule (deterministic, from data files only; no hashing of ids):

1. Each originator has a home colour: its position in `originators.csv` (the order of
   `evidence.originators`) modulo the seven strong colours. Yellow is never a home colour: it is
   faint on white, so it is the last one used.
2. The deciding originators of one report take their colours in that same file order: each its
   home colour, or, if an earlier one already took it, the next free one (cycling through the
   seven, yellow after them). So two sources never share a colour in a report, and a source
   keeps its home colour in every report where no earlier-listed decider holds it.
3. Past eight deciders the colours must repeat: a second round starts with all eight free, and
   each round shifts the marker that goes with a colour by one, so no two deciders share both
   colour and marker (up to 64). Within a round the marker goes with the colour, so a colour
   always comes with the same marker.
4. Context originators are grey. Their markers are those no decider holds, then the rest,
   handed out by position: the report's other lines first (the verdict's order), then the rest
   of the file. So the sources a chart draws have distinct markers while there are at most
   eight; past that, markers repeat among grey context (which the estimates chart folds into one
   "other originators" series past eight anyway), never between a decider and anything else
   of its colour.

The palette is computed once per report from the evidence and the verdict, so every chart of
the report (print and phone) draws an originator alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..evidence import Evidence

if TYPE_CHECKING:  # the verdict contract; charts only read its attributes
    from ..verdict import Verdict

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
HOMES = len(OKABE_ITO) - 1  # home colours: every one but yellow
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

    def key_marker(self, hollow: bool = False) -> dict:
        """Line2D keywords for this style's marker in a key (`style.key`): every chart's key
        draws a source the way its plot does, filled or (for a part or a second measure) open."""
        return {
            "marker": self.marker,
            "ms": 6,
            "mew": 0.8,
            "color": self.line_color,
            "mfc": "white" if hollow else self.line_color,
            "mec": self.line_color if hollow else self.edge,
        }

    def marker_size(self, size: float = 6.0) -> float:
        return size * MARKER_SCALE.get(self.marker, 1.0) * (1.0 if self.decides else 0.85)


def _mix(a: str, b: str, share: float) -> str:
    """`a` moved `share` of the way towards `b` (hex colours)."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb, strict=True))


def home_colour(evidence: Evidence, originator_id: str) -> str:
    """The colour an originator takes when nothing earlier in the file holds it (rule 1)."""
    ids = list(evidence.originators)
    return OKABE_ITO[ids.index(originator_id) % HOMES] if originator_id in ids else GREY


def deciders(evidence: Evidence, verdict: Verdict | None) -> list[str]:
    """The originators of the verdict's deciding lines (`Line.decides`), in file order."""
    if verdict is None:
        return []
    found: set[str] = set()
    for line in verdict.lines:
        if not line.decides:
            continue
        for item_id in getattr(line, "item_ids", None) or (line.item_id,):
            item = evidence.figures.get(item_id) or evidence.events.get(item_id)
            if item is not None:
                found.add(evidence.originator_id(item))
        if line.id in evidence.originators:
            found.add(line.id)
    ids = list(evidence.originators)
    return sorted(found, key=lambda o: (ids.index(o) if o in ids else len(ids), o))


def _coloured(evidence: Evidence, emphasised: list[str]) -> dict[str, tuple[str, str]]:
    """Rules 1 to 3: a colour and a marker for each emphasised originator, in the order given."""
    ids = list(evidence.originators)
    out: dict[str, tuple[str, str]] = {}
    taken: set[int] = set()
    round_ = 0
    for oid in emphasised:
        if len(taken) == len(OKABE_ITO):  # every colour used: the next round
            taken, round_ = set(), round_ + 1
        home = ids.index(oid) % HOMES if oid in ids else 0
        order = [(home + j) % HOMES for j in range(HOMES)] + [HOMES]
        colour = next(c for c in order if c not in taken)
        taken.add(colour)
        out[oid] = (OKABE_ITO[colour], MARKERS[(colour + round_) % len(MARKERS)])
    return out


def palette(evidence: Evidence, verdict: Verdict | None = None) -> dict[str, tuple[str, str]]:
    """(colour, marker) per originator id for one report: deciders coloured, the rest grey.

    Without a verdict nobody decides, so every originator is grey context (distinct markers).
    """
    table = _coloured(evidence, deciders(evidence, verdict))
    lines = [ln.id for ln in (verdict.lines if verdict is not None else ())]
    ids = list(evidence.originators)
    context = [o for o in dict.fromkeys([*lines, *ids]) if o in evidence.originators]
    context = [o for o in context if o not in table]
    used = {marker for _, marker in table.values()}
    shapes = [m for m in MARKERS if m not in used] + [m for m in MARKERS if m in used]
    for j, oid in enumerate(context):
        table[oid] = (GREY, shapes[j % len(shapes)])
    return table


def originator_style(
    evidence: Evidence,
    originator_id: str,
    decides: bool = False,
    table: dict[str, tuple[str, str]] | None = None,
    verdict: Verdict | None = None,
) -> OriginatorStyle:
    """The one style of an originator; pass `table=palette(evidence, verdict)` when styling many."""
    colour, marker = (table or palette(evidence, verdict)).get(originator_id, (GREY, "o"))
    return OriginatorStyle(colour, marker, decides)
