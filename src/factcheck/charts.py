"""The report's charts. Each function takes the evidence (and verdict) and returns a figure.

Charts show only what the data holds; every one has a title, units and a source line. They are
drawn for the printed page (16 cm wide): legends sit below the plot, and annotations are placed
where they cover neither the data nor each other.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable, Sequence
from itertools import pairwise

import matplotlib.dates as mdates
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox, ScaledTranslation

from . import chart_style as style
from . import scales
from .evidence import Evidence
from .independence import echo_family, root_map
from .schema import Claim
from .schema import Figure as Datum
from .verdict import Verdict, figure_point
from .vocabulary import COMPARATOR_WORDS, INITIAL_TROOPS, LOSS_METRICS, METRICS, TOTAL_TROOPS

THOUSANDS = FuncFormatter(lambda v, _: f"{v:,.0f}")
LABEL_ORDER = ("unproven", "false", "mostly-false", "mixed", "mostly-true", "true")
LATER = "faded: published after the\nas-of date, not used"
RISING = ("more than", "at least")


# --------------------------------------------------------------------------- words


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def short_name(name: str, limit: int = 44) -> str:
    """An originator's name for a legend: parenthesised parts dropped, an acronym kept.

    "South Korea National Intelligence Service (NIS)" becomes "South Korea NIS";
    "UK Defence Intelligence (UK Ministry of Defence)" becomes "UK Defence Intelligence".
    """
    acronyms = re.findall(r"\(([A-Z]{2,6})\)", name)
    base = re.sub(r"\s*\([^)]*\)", "", name).strip() or name
    base = base.split(" / ")[0]
    for acronym in acronyms:
        replaced = _abbreviate(base, acronym)
        if replaced:
            base = replaced
        elif len(f"{base} ({acronym})") <= limit:
            base = f"{base} ({acronym})"
    if len(base) > limit:
        base = textwrap.shorten(base, limit, placeholder="…")
    return base


def _abbreviate(text: str, acronym: str) -> str | None:
    """Replace the capitalised words `acronym` stands for (skipping "of", "the"), if found."""
    words = text.split()
    for start, first in enumerate(words):
        if not first[:1].isupper():
            continue
        initials, end = "", start
        while end < len(words) and len(initials) < len(acronym):
            word = words[end]
            if word[:1].isupper():
                initials += word[0]
            elif word not in ("of", "the", "and", "for"):
                break
            end += 1
        if initials == acronym:
            return " ".join([*words[:start], acronym, *words[end:]])
    return None


def _subject_name(evidence: Evidence, subject: str | None) -> str:
    found = evidence.subjects.get(subject) if subject else None
    return found.name if found else (subject or "the subject")


def _note(evidence: Evidence, ids: Iterable[str], extra: str = "") -> str:
    ids = sorted(set(ids))
    shown = (
        f" ({', '.join(ids)})" if 0 < len(ids) <= 6 else (f" ({len(ids)} figures)" if ids else "")
    )
    text = (
        f"Source: factcheck evidence base, data version {evidence.version}{shown}; "
        "each figure links to its document in the Sources section."
    )
    return textwrap.fill(f"{text} {extra}".strip(), 118)


# --------------------------------------------------------------------------- shared drawing


def _knowable(evidence: Evidence, item: Datum, as_of: dt.date) -> bool:
    published = evidence.sources[item.source].published
    return published is not None and published <= as_of


def _originator_styles(evidence: Evidence, figures: Sequence[Datum]) -> dict[str, int]:
    """A colour and marker index per originator, in order of their first figure in the chart."""
    first: dict[str, tuple[dt.date, str]] = {}
    for f in figures:
        oid = evidence.originator_id(f)
        first[oid] = min(first.get(oid, (f.refers_to, f.id)), (f.refers_to, f.id))
    return {oid: i for i, oid in enumerate(sorted(first, key=lambda o: (first[o], o)))}


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _date_axis(ax: Axes, first: dt.date, last: dt.date) -> None:
    """Month ticks (quarters on long spans); the year under January and under the first tick."""
    start = _month_start(first - dt.timedelta(days=5))
    end = last + dt.timedelta(days=max(6, (last - start).days // 40))
    ax.set_xlim(start, end)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = 1 if months <= 15 else 3 if months <= 45 else 6
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=tuple(range(1, 13, step))))
    if step > 1:
        ax.xaxis.set_minor_locator(mdates.MonthLocator())

    def label(value: float, _) -> str:
        day = mdates.num2date(value)
        month, year = day.month - step, day.year
        if month < 1:
            month, year = month + 12, year - 1
        first_shown = mdates.date2num(dt.datetime(year, month, 1)) < ax.get_xlim()[0]
        return f"{day:%b}\n{day:%Y}" if day.month == 1 or first_shown else f"{day:%b}"

    ax.xaxis.set_major_formatter(FuncFormatter(label))
    ax.yaxis.set_major_formatter(THOUSANDS)


def _as_of_line(ax: Axes, as_of: dt.date) -> None:
    """A dotted line at the as-of date, named above the plot where it can cover nothing."""
    ax.axvline(as_of, color=style.MUTED, ls=":", lw=1.2, zorder=1)
    top = ax.secondary_xaxis("top")
    top.set_xticks([mdates.date2num(as_of)], labels=[f"as of {_day(as_of)}"])
    top.tick_params(length=3, color=style.MUTED, labelcolor=style.MUTED, labelsize=style.SMALL)
    top.spines["top"].set_visible(False)


def _points(fig: Figure, pixels: float) -> float:
    return pixels * 72 / fig.dpi


def _legend(ax: Axes, handles: list, labels: list[str], most: int = 3) -> Legend:
    """Below the plot and its date labels, in as many columns as fit under the axes.

    An axes legend, not a figure one: constrained layout stacks it above the source line,
    whereas an "outside" figure legend and the source line both claim the same bottom margin.
    """
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    below = _points(fig, ax.get_window_extent(renderer).y0 - ax.get_tightbbox(renderer).y0) + 6
    anchor = ax.transAxes + ScaledTranslation(0, -below / 72, fig.dpi_scale_trans)
    room = ax.get_window_extent(renderer).width
    legend = None
    for ncols in range(min(most, len(handles)), 0, -1):
        if legend is not None:
            legend.remove()
        legend = ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, 0),
            bbox_transform=anchor,
            ncols=ncols,
            borderaxespad=0,
        )
        if legend.get_window_extent(renderer).width <= room:  # its width does not need a draw
            break
    return legend


def _legend_name(evidence: Evidence, oid: str) -> str:
    return textwrap.fill(short_name(evidence.originators[oid].name), 26)


def _empty(fig: Figure, ax: Axes, title: str, message: str, evidence: Evidence) -> None:
    style.set_title(ax, title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=style.MUTED)
    ax.axis("off")
    style.source_note(fig, _note(evidence, []))


def _text_width(fig: Figure, text: str, **kwargs) -> float:
    """Width in points of `text` as drawn in `fig`."""
    probe = fig.text(0, 0, text, **kwargs)
    width = probe.get_window_extent(fig._get_renderer()).width
    probe.remove()
    return _points(fig, width)


class _Labeller:
    """Places annotations in free space inside the axes.

    Call it once everything that moves the layout (title, legend, source line, limits) is set:
    it runs the layout, records where the data is drawn, and tries each label's offsets in turn,
    keeping the first that stays inside the plot and covers no data, line or earlier label.
    Labels are kept out of the layout, so placing them does not move the axes.
    """

    def __init__(self, ax: Axes):
        self.ax = ax
        self.fig = ax.figure
        self.fig.draw_without_rendering()
        self.renderer = self.fig._get_renderer()
        self.frame = ax.get_window_extent(self.renderer)
        self.pt = self.fig.dpi / 72
        self.taken: list[Bbox] = []

    def _xy(self, x, y) -> tuple[float, float]:
        x = mdates.date2num(x) if isinstance(x, dt.date) else x
        return tuple(self.ax.transData.transform((x, y)))

    def points(self, xs: Iterable, ys: Iterable, size: float = 7) -> None:
        r = size / 2 * self.pt + 1
        for x, y in zip(xs, ys, strict=True):
            px, py = self._xy(x, y)
            self.taken.append(Bbox.from_extents(px - r, py - r, px + r, py + r))

    def segment(self, x0, y0, x1, y1, width: float = 2) -> None:
        (ax0, ay0), (ax1, ay1) = self._xy(x0, y0), self._xy(x1, y1)
        w = width / 2 * self.pt
        self.taken.append(
            Bbox.from_extents(
                min(ax0, ax1) - w, min(ay0, ay1) - w, max(ax0, ax1) + w, max(ay0, ay1) + w
            )
        )

    def hline(self, y: float) -> None:
        _, py = self._xy(0, y)
        self.taken.append(Bbox.from_extents(self.frame.x0, py - 2, self.frame.x1, py + 2))

    def vline(self, x) -> None:
        px, _ = self._xy(x, 0)
        self.taken.append(Bbox.from_extents(px - 2, self.frame.y0, px + 2, self.frame.y1))

    def place(
        self,
        text: str | Sequence[str],
        xy,
        offsets: Sequence[tuple],
        xycoords="data",
        arrow: dict | None = None,
        **kwargs,
    ) -> Annotation:
        """offsets: (dx, dy in points, ha, va[, xy]) to try in order; the least-bad one is kept.

        A fifth item anchors that try at another point than `xy`. `text` may list wordings to
        fall back on (a shorter or two-line one) when the first fits nowhere.
        """
        texts = [text] if isinstance(text, str) else list(text)
        best, best_cost, best_box = None, None, None
        for wording, (dx, dy, ha, va, *anchor) in (
            (t, offset) for t in texts for offset in offsets
        ):
            annotation = self.ax.annotate(
                wording,
                anchor[0] if anchor else xy,
                xycoords=xycoords,
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                annotation_clip=False,
                arrowprops=arrow,
                **kwargs,
            )
            annotation.set_in_layout(False)
            annotation.update_positions(self.renderer)
            box = Text.get_window_extent(annotation, self.renderer).padded(1.5 * self.pt)
            cost = sum(_overlap(box, other) for other in self.taken) + _outside(box, self.frame)
            if best_cost is None or cost < best_cost:
                if best is not None:
                    best.remove()
                best, best_cost, best_box = annotation, cost, box
            else:
                annotation.remove()
            if cost == 0:
                break
        self.taken.append(best_box)
        return best


def _overlap(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _outside(box: Bbox, frame: Bbox) -> float:
    inside = _overlap(box, frame)
    return 4 * (box.width * box.height - inside)  # leaving the plot is worse than touching a dot


def _around(near: float = 8, far: float = 16) -> list[tuple[float, float, str, str]]:
    """Offsets all round a point: above, then beside, then below, then further out."""
    return [
        (0, near, "center", "bottom"),
        (near, near * 0.6, "left", "bottom"),
        (-near, near * 0.6, "right", "bottom"),
        (near, 0, "left", "center"),
        (-near, 0, "right", "center"),
        (0, -near, "center", "top"),
        (near, -near * 0.6, "left", "top"),
        (-near, -near * 0.6, "right", "top"),
        (0, far, "center", "bottom"),
        (0, -far, "center", "top"),
        (far, far, "left", "bottom"),
        (-far, far, "right", "bottom"),
        (far, -far, "left", "top"),
        (-far, -far, "right", "top"),
        (0, 2 * far, "center", "bottom"),
        (0, -2 * far, "center", "top"),
    ]


# --------------------------------------------------------------------------- charts


def deployment_timeline(evidence: Evidence, subject: str, as_of: dt.date) -> tuple[Figure, str]:
    """Cumulative troops sent: the highest published estimate by each date, with its range."""
    name = _subject_name(evidence, subject)
    title = f"{name}: estimated size over time"
    troops = sorted(
        (
            f
            for f in evidence.figures.values()
            if f.subject == subject and f.metric in (INITIAL_TROOPS, TOTAL_TROOPS)
        ),
        key=lambda f: (f.refers_to, f.id),
    )
    reinforcements = sorted(
        (
            f
            for f in evidence.figures.values()
            if f.subject == subject and f.metric == "reinforcements"
        ),
        key=lambda f: (f.refers_to, f.id),
    )
    known = [f for f in troops if _knowable(evidence, f, as_of)]
    fig, ax = style.new_figure(5.0)
    if not known:
        _empty(fig, ax, title, "No troop figures published by the as-of date", evidence)
        return fig, f"No figures on troops sent were published by {_day(as_of)}."

    # The running maximum of knowable estimates, as a step line, with the range of that estimate.
    steps_x, steps_y, band_lo, band_hi, best = [], [], [], [], None
    for f in known:
        if best is None or figure_point(f) > figure_point(best):
            best = f
        steps_x.append(f.refers_to)
        steps_y.append(figure_point(best))
        band_lo.append(best.low)
        band_hi.append(best.low if best.qualifier in RISING else best.high)
    steps_x.append(max(as_of, steps_x[-1]))
    steps_y.append(steps_y[-1])
    band_lo.append(band_lo[-1])
    band_hi.append(band_hi[-1])
    ax.fill_between(
        steps_x, band_lo, band_hi, step="post", color=style.color(5), alpha=0.3, lw=0, zorder=1
    )
    ax.step(steps_x, steps_y, where="post", color=style.INK, lw=1.6, zorder=2)

    index = _originator_styles(evidence, troops + reinforcements)

    def dot(f: Datum, y: float, **kwargs) -> None:
        i = index[evidence.originator_id(f)]
        shape, colour = style.marker(i), style.color(i)
        kwargs.setdefault("mfc", colour)
        ax.plot(
            f.refers_to,
            y,
            marker=shape,
            ls="none",
            ms=style.marker_size(shape, 6.5),
            color=colour,
            mec=style.INK if colour == style.OKABE_ITO[6] else colour,
            mew=1.2,
            alpha=1.0 if _knowable(evidence, f, as_of) else style.FADED,
            zorder=4,
            **kwargs,
        )

    points_x, points_y = [], []
    for f in troops:
        dot(f, figure_point(f), **({} if f.metric == INITIAL_TROOPS else {"mfc": "white"}))
        points_x.append(f.refers_to)
        points_y.append(figure_point(f))

    # Reinforcements are the size of a later wave: drawn on top of the highest initial estimate
    # published by then, so the reader sees what they add.
    stacked = []
    for f in reinforcements:
        published = evidence.sources[f.source].published
        base = max(
            (
                figure_point(g)
                for g in troops
                if g.metric == INITIAL_TROOPS
                and g.refers_to <= f.refers_to
                and published is not None
                and _knowable(evidence, g, published)
            ),
            default=0.0,
        )
        i = index[evidence.originator_id(f)]
        alpha = 1.0 if _knowable(evidence, f, as_of) else style.FADED
        top = base + figure_point(f)
        ax.plot([f.refers_to] * 2, [base, top], color=style.color(i), lw=1.2, alpha=alpha, zorder=3)
        dot(f, top, fillstyle="bottom", mfcalt="white")
        stacked.append((f, base, top, alpha))
        points_x.append(f.refers_to)
        points_y.append(top)

    _date_axis(ax, min(points_x), max([as_of, *points_x]))
    ax.set_ylim(0, max(points_y + band_hi) * 1.2)
    ax.set_ylabel("troops (people)")
    style.set_title(ax, title)
    _as_of_line(ax, as_of)

    key = {"color": style.INK, "ls": "none", "ms": 6, "mew": 1.2, "marker": "o"}
    handles = [
        Line2D([], [], color=style.INK, lw=1.6),
        Patch(color=style.color(5), alpha=0.3, lw=0),
    ]
    labels = ["highest estimate\npublished so far", "range of that estimate"]
    for oid, i in index.items():
        shape, colour = style.marker(i), style.color(i)
        handles.append(
            Line2D(
                [],
                [],
                marker=shape,
                ls="none",
                ms=style.marker_size(shape, 6),
                color=colour,
                mec=style.edge(colour),
            )
        )
        labels.append(_legend_name(evidence, oid))
    handles += [Line2D([], [], **key), Line2D([], [], mfc="white", **key)]
    labels += ["filled: initial deployment", "open: all deployments"]
    if stacked:
        handles.append(Line2D([], [], fillstyle="bottom", mfcalt="white", **key))
        labels.append("half-filled: reinforcements,\nadded to the initial estimate")
    if any(not _knowable(evidence, f, as_of) for f in troops + reinforcements):
        handles.append(Line2D([], [], alpha=style.FADED, **key))
        labels.append(LATER)
    _legend(ax, handles, labels)
    style.source_note(fig, _note(evidence, [f.id for f in troops + reinforcements]))

    labeller = _Labeller(ax)
    labeller.points(points_x, points_y, 7)
    for (x0, y0), (x1, y1) in pairwise(zip(steps_x, steps_y, strict=True)):
        labeller.segment(x0, y0, x1, y0)
        labeller.segment(x1, y0, x1, y1)
    labeller.vline(as_of)
    for f, base, top, _ in stacked:
        labeller.segment(f.refers_to, base, f.refers_to, top)
    for f, _, top, alpha in stacked:
        labeller.place(
            [f"+{figure_point(f):,.0f} reinforcements", f"+{figure_point(f):,.0f}\nreinforcements"],
            (f.refers_to, top),
            _around(),
            fontsize=style.SMALL,
            color=style.INK,
            alpha=max(alpha, 0.6),
        )

    later = [f for f in troops if not _knowable(evidence, f, as_of)]
    who = short_name(evidence.originators[evidence.originator_id(best)].name)
    alt = (
        f"Step chart of estimates of troops sent ({name}) from {known[0].refers_to:%B %Y} "
        f"to {as_of:%B %Y}: {len(known)} estimates by {as_of.day} {as_of:%B %Y}; the highest "
        f"reaches about {steps_y[-1]:,.0f} ({who}, {METRICS[best.metric].label})."
    )
    if later:
        alt += f" {_plural(len(later), 'later estimate')}, published after that date, shown faded."
    return fig, alt


def casualty_timeline(evidence: Evidence, claim: Claim, verdict: Verdict) -> tuple[Figure, str]:
    """Each originator's loss estimates over time, with the claim's threshold and the as-of date."""
    name = _subject_name(evidence, claim.subject)
    title = f"{name}: loss estimates by originator"
    as_of = verdict.as_of
    figures = sorted(
        (
            f
            for f in evidence.figures.values()
            if f.subject == claim.subject and f.metric in LOSS_METRICS
        ),
        key=lambda f: (f.refers_to, f.id),
    )
    fig, ax = style.new_figure(5.2)
    if not figures:
        _empty(fig, ax, title, "No loss estimates in the evidence", evidence)
        return fig, f"No loss estimates for {name} in the evidence."
    loss_claim = (
        claim.kind == "quantity" and claim.metric in LOSS_METRICS and claim.value is not None
    )
    index = _originator_styles(evidence, figures)
    counted = {line.item_id for line in verdict.lines if line.stance == "supports"}
    known = {f.id: _knowable(evidence, f, as_of) for f in figures}

    def colour_of(f: Datum) -> str:
        return style.color(index[evidence.originator_id(f)])

    # One thin line per originator and measure: how each estimate grew.
    series: dict[tuple[str, str], list[Datum]] = {}
    for f in figures:
        series.setdefault((evidence.originator_id(f), f.metric), []).append(f)
    for _, items in sorted(series.items()):
        for a, b in pairwise(items):
            ax.plot(
                [a.refers_to, b.refers_to],
                [figure_point(a), figure_point(b)],
                color=colour_of(a),
                lw=0.9,
                alpha=0.7 if known[a.id] and known[b.id] else style.FADED * 0.7,
                zorder=2,
            )

    tops = []
    for f in figures:
        colour = colour_of(f)
        alpha = 1.0 if known[f.id] else style.FADED
        y = figure_point(f)
        if f.high > f.low:
            ax.vlines(f.refers_to, f.low, f.high, lw=2.4, color=colour, alpha=alpha, zorder=3)
        top = max(y, f.high)
        if f.qualifier in RISING:
            top = y * 1.12
            ax.annotate(
                "",
                (f.refers_to, top),
                (f.refers_to, y),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.2, "alpha": alpha},
                zorder=3,
            )
        tops.append(top)
        shape = style.METRIC_MARKERS[f.metric]
        ax.plot(
            f.refers_to,
            y,
            marker=shape,
            ls="none",
            ms=style.marker_size(shape, 7),
            mec=style.edge(colour),
            mew=0.6,
            color=colour,
            alpha=alpha,
            zorder=4,
        )
    highlighted = [f for f in figures if f.id in counted]
    for f in highlighted:
        ax.plot(
            f.refers_to,
            figure_point(f),
            marker="o",
            ms=15,
            mfc="none",
            mec=style.HIGHLIGHT,
            mew=1.5,
        )

    if loss_claim:
        ax.axhline(claim.value, color=style.INK, ls="--", lw=1, zorder=1)
    _date_axis(ax, figures[0].refers_to, max(as_of, figures[-1].refers_to))
    ax.set_ylim(0, max(tops + [claim.value if loss_claim else 0]) * 1.15)
    ax.set_ylabel("people (killed, wounded or both)")
    style.set_title(ax, title)
    _as_of_line(ax, as_of)

    handles, labels = [], []
    for oid, i in index.items():
        handles.append(Line2D([], [], color=style.color(i), lw=2.6))
        labels.append(_legend_name(evidence, oid))
    for metric in LOSS_METRICS:
        shape = style.METRIC_MARKERS[metric]
        handles.append(
            Line2D(
                [], [], marker=shape, ls="none", ms=style.marker_size(shape, 6.5), color=style.INK
            )
        )
        labels.append(
            "casualties (killed\nand wounded)" if metric == "casualties" else METRICS[metric].label
        )
    if not all(known.values()):
        handles.append(
            Line2D([], [], marker="o", ls="none", ms=6.5, color=style.INK, alpha=style.FADED)
        )
        labels.append(LATER)
    if highlighted:
        handles.append(
            Line2D([], [], marker="o", ls="none", ms=9, mfc="none", mec=style.HIGHLIGHT, mew=1.5)
        )
        labels.append("figure that supports\nthe claim")
    _legend(ax, handles, labels)
    style.source_note(
        fig,
        _note(
            evidence,
            [f.id for f in figures],
            "Bars: stated ranges; arrows: 'more than' or 'at least'; thin lines join one "
            "originator's estimates of one measure.",
        ),
    )

    labeller = _Labeller(ax)
    labeller.points([f.refers_to for f in figures], [figure_point(f) for f in figures], 7)
    for f, top in zip(figures, tops, strict=True):
        labeller.segment(f.refers_to, min(f.low, figure_point(f)), f.refers_to, top, 3)
    for f in highlighted:
        labeller.points([f.refers_to], [figure_point(f)], 15)
    labeller.vline(as_of)
    if loss_claim:
        labeller.hline(claim.value)
    for f in highlighted:
        labeller.place(
            f"{f.qualifier} {f.low:,} {METRICS[f.metric].label}\n"
            f"{short_name(evidence.originators[evidence.originator_id(f)].name)}, "
            f"{_day(f.refers_to)}",
            (f.refers_to, figure_point(f)),
            [(dx * k, dy * k, ha, va) for k in (1, 1.8) for dx, dy, ha, va in _HIGHLIGHT_OFFSETS],
            arrow={"arrowstyle": "-", "color": style.HIGHLIGHT, "lw": 0.8, "shrinkB": 7},
            fontsize=style.SMALL,
            color=style.HIGHLIGHT,
            fontweight="bold",
        )
    if loss_claim:
        words = COMPARATOR_WORDS.get(claim.comparator, claim.comparator)
        right = (1, claim.value)
        labeller.place(
            f"claim: {words} {claim.value:,.0f} {METRICS[claim.metric].label}",
            (0, claim.value),
            [
                (4, 3, "left", "bottom"),
                (-4, 3, "right", "bottom", right),
                (4, -3, "left", "top"),
                (-4, -3, "right", "top", right),
            ],
            xycoords=ax.get_yaxis_transform(),
            fontsize=style.SMALL,
            color=style.INK,
        )

    later = sum(1 for ok in known.values() if not ok)
    alt = (
        f"Timeline of {len(figures)} loss estimates for {name} from "
        f"{_plural(len(index), 'originator')}, with the as-of date {_day(as_of)}"
    )
    if loss_claim:
        alt += f" and the claim's threshold of {claim.value:,.0f} {METRICS[claim.metric].label}"
    alt += "."
    if highlighted:
        alt += (
            " Highlighted: "
            + "; ".join(
                f"{short_name(evidence.originators[evidence.originator_id(f)].name)}, "
                f"{f.qualifier} {f.low:,} {METRICS[f.metric].label} ({_day(f.refers_to)})"
                for f in highlighted
            )
            + "."
        )
    if later:
        alt += f" {_plural(later, 'estimate')} published after the as-of date shown faded."
    return fig, alt


_HIGHLIGHT_OFFSETS = (
    (-14, 14, "right", "bottom"),
    (-14, -14, "right", "top"),
    (14, 14, "left", "bottom"),
    (-18, 0, "right", "center"),
    (14, -14, "left", "top"),
    (0, 18, "center", "bottom"),
)


def loss_share(evidence: Evidence, claim: Claim, verdict: Verdict) -> tuple[Figure, str]:
    """The claimed losses as a share of troops sent: the initial deployment versus all of them."""
    fig, ax = style.new_figure(2.5)
    title = "Claimed losses as a share of troops sent"
    rows = []
    for metric, name in ((INITIAL_TROOPS, "initial deployment"), (TOTAL_TROOPS, "all deployments")):
        d = verdict.denominators.get(metric)
        if d and d.get("share") is not None:
            who = short_name(evidence.originators[d["originator"]].name, 30)
            rows.append((name, f"~{d['troops']:,.0f} troops ({who})", d["share"], d["figure"]))
    if not rows or claim.value is None:
        _empty(fig, ax, title, "No troop totals knowable on the as-of date", evidence)
        return fig, "No troop totals to compare with."
    rows = rows[::-1]  # barh draws bottom-up: the initial deployment on top
    names = [f"{r[0]}\n{r[1]}" for r in rows]
    shares = [r[2] * 100 for r in rows]
    colours = [style.color(0), style.color(5)][-len(rows) :]
    hatches = ["", "//"][-len(rows) :]
    bars = ax.barh(
        names, shares, color=colours, hatch=hatches, edgecolor=style.INK, lw=0.6, height=0.6
    )
    ax.axvline(50, color=style.INK, ls="--", lw=1)
    ax.text(51, len(rows) - 0.45, "half", va="center", fontsize=style.SMALL)
    ax.set_ylim(-0.5, len(rows) - 0.2)
    ax.set_xlim(0, max(100, max(shares) * 1.15))
    for bar, share in zip(bars, shares, strict=True):
        _bar_label(ax, bar.get_width(), bar.get_y() + bar.get_height() / 2, f"{share:.0f}%", 50)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}%"))
    ax.set_xlabel(f"{claim.value:,.0f} {METRICS[claim.metric].label} as a share of troops sent (%)")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    style.set_title(ax, title)
    style.source_note(fig, _note(evidence, [r[3] for r in rows]))
    parts = [
        f"{r[2]:.0%} of the {r[0]} (about {r[1].removeprefix('~').split(' troops')[0]} troops)"
        for r in rows[::-1]
    ]
    return fig, f"Bar chart: {claim.value:,.0f} {METRICS[claim.metric].label} is " + " and ".join(
        parts
    ) + "."


def _bar_label(ax: Axes, end: float, y: float, text: str, avoid: float) -> None:
    """The value after the end of its bar; inside the bar, on white, if it would cross `avoid`."""
    label = ax.text(end, y, text, va="center", fontsize=8.5, fontweight="bold")
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    to_data = ax.transData.inverted()
    width = label.get_window_extent(renderer).width
    start = end + (to_data.transform((4 * fig.dpi / 72, 0))[0] - to_data.transform((0, 0))[0])
    stop = start + (to_data.transform((width, 0))[0] - to_data.transform((0, 0))[0])
    if start <= avoid <= stop + 1:
        label.set_position((end - (start - end), y))
        label.set_ha("right")
        label.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    else:
        label.set_x(start)


def independence_graph(evidence: Evidence, verdict: Verdict) -> tuple[Figure, str]:
    """Documents on the left, pointing at the originators whose information they carry.

    The documents are those carrying the evidence the verdict weighed, and every document that
    repeats them (knowable on the as-of date): many documents, few originators.
    """
    roots = root_map(evidence)
    graph = nx.DiGraph()
    for a in verdict.evidence:
        graph.add_edge(a.source_id, a.originator_id)
        carrier = evidence.sources[a.source_id].originator
        for echo in echo_family(evidence, a.source_id, verdict.as_of, roots):
            if evidence.sources[echo].originator == carrier:
                graph.add_edge(echo, a.originator_id)
    documents = {s for s in graph if s in evidence.sources and graph.out_degree(s)}
    docs_of = {o: sorted(graph.predecessors(o)) for o in graph if graph.in_degree(o)}
    order = sorted(docs_of, key=lambda o: (-len(docs_of[o]), o))
    stances: dict[str, set[str]] = {}
    for a in verdict.evidence:
        if a.counted:
            stances.setdefault(a.originator_id, set()).add(a.stance)

    def when(sid: str) -> tuple:
        published = evidence.sources[sid].published
        return (published is None, published or dt.date.min, evidence.sources[sid].outlet, sid)

    # One row per document, under the first originator it carries (oldest first); documents
    # that read the same (undated copies from one unknown outlet) share a row.
    rows: list[dict | None] = []  # None: the gap between two originators' documents
    placed: set[str] = set()
    for oid in order:
        group: dict[tuple, dict] = {}
        for sid in sorted((s for s in docs_of[oid] if s not in placed), key=when):
            placed.add(sid)
            source = evidence.sources[sid]
            outlet = textwrap.shorten(source.outlet, 40, placeholder="…")
            date = _day(source.published) if source.published else "undated"
            row = group.setdefault(
                (outlet, date, tuple(sorted(graph.successors(sid)))),
                {"outlet": outlet, "date": date, "ids": []},
            )
            row["ids"].append(sid)
        if group:
            rows += [None, *group.values()]
    rows = rows[1:]

    names = {oid: textwrap.fill(short_name(evidence.originators[oid].name), 28) for oid in order}
    words = {"supports": "supports the claim", "contradicts": "contradicts the claim"}
    details = {
        oid: _plural(len(docs_of[oid]), "document")
        + "".join(f"; {words.get(s, s)}" for s in sorted(stances.get(oid, ())))
        for oid in order
    }

    # Vertical layout in rows; originators level with their documents, never closer than
    # their labels are tall.
    y, doc_y = 0.0, {}
    for row in rows:
        if row is None:
            y += 0.5
            continue
        row["y"] = -y
        for sid in row["ids"]:
            doc_y[sid] = -y
        y += 1
    line = 0.9  # a line of label text, in rows
    node_y, floor = {}, 0.6
    for oid in order:
        above = (names[oid].count("\n") + 1) * line  # the name sits above the node
        ys = [doc_y[s] for s in docs_of[oid]]
        node_y[oid] = min(sum(ys) / len(ys), floor - above - 0.45)
        floor = node_y[oid] - line  # the detail line sits below it
    bottom = min(floor - 0.2, -(y - 1) - 0.6)

    pitch = 9.4  # points per row: 7 pt text, never touching
    height = max(1.6, (0.6 - bottom) * pitch / 72 + 1.15)
    fig, ax = style.new_figure(height)
    title = "Who said it first: documents and the originators they repeat"
    style.set_title(ax, title)
    if not rows:
        _empty(fig, ax, title, "No documents behind the evidence", evidence)
        return fig, "No documents behind the evidence."
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom, 0.6)
    ax.axis("off")
    style.source_note(
        fig,
        _note(
            evidence,
            [],
            "Each line runs from a document (with its date of publication) to the originator "
            "whose information it carries; many documents can carry one originator's word.",
        ),
    )

    # Horizontal layout in points, from the widths of the labels.
    small = {"fontsize": style.SMALL}
    bold = {"fontsize": 7.5, "fontweight": "bold"}
    date_w = max(_text_width(fig, r["date"], **small) for r in rows if r)
    outlet_w = max(_text_width(fig, _row_label(r), **small) for r in rows if r)
    node_w = max(
        max(_text_width(fig, line, **bold) for line in names[o].split("\n")) for o in order
    )
    node_w = max(node_w, *(_text_width(fig, details[o], **small) for o in order))
    fig.draw_without_rendering()
    width = _points(fig, ax.get_window_extent(fig._get_renderer()).width)
    x_doc = (outlet_w + date_w + 12) / width
    x_node = 1 - (node_w + 12) / width
    x_join = x_node - 16 / width

    # Every originator is named at its node, so colour only helps follow the lines: the seven
    # strong colours suffice, and yellow (faint as a thin line) is left out.
    colour_of = {oid: i for i, oid in enumerate(order)}
    hue = {oid: style.color(i % (len(style.SERIES_COLORS) - 1)) for oid, i in colour_of.items()}
    for sid, oid in sorted(graph.edges):
        ax.plot(
            [x_doc + 3 / width, x_join],
            [doc_y[sid], node_y[oid]],
            color=hue[oid],
            lw=0.7,
            alpha=0.75,
            solid_capstyle="butt",
        )
    for oid in order:
        i, colour = colour_of[oid], hue[oid]
        ax.annotate(
            "",
            (x_node, node_y[oid]),
            (x_join, node_y[oid]),
            arrowprops={
                "arrowstyle": "-|>,head_length=0.45,head_width=0.25",
                "color": colour,
                "lw": 0.9,
                "shrinkA": 0,
                "shrinkB": 5,
            },
        )
        shape = style.marker(i)
        ax.plot(
            x_node,
            node_y[oid],
            marker=shape,
            ms=style.marker_size(shape, 7),
            color=colour,
            mec=style.edge(colour),
        )
        ax.annotate(
            names[oid],
            (x_node, node_y[oid]),
            xytext=(8, 1),
            textcoords="offset points",
            va="bottom",
            linespacing=1.1,
            **bold,
        )
        ax.annotate(
            details[oid],
            (x_node, node_y[oid]),
            xytext=(8, -1),
            textcoords="offset points",
            va="top",
            **small,
        )
    for row in rows:
        if row is None:
            continue
        ax.annotate(
            row["date"],
            (x_doc, row["y"]),
            xytext=(0, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            color=style.MUTED,
            **small,
        )
        ax.annotate(
            _row_label(row),
            (x_doc, row["y"]),
            xytext=(-(date_w + 8), 0),
            textcoords="offset points",
            ha="right",
            va="center",
            **small,
        )

    alt = (
        f"{_plural(len(documents), 'document')} resolve to {_plural(len(order), 'originator')}: "
        + "; ".join(f"{evidence.originators[o].name}: {len(docs_of[o])}" for o in order)
        + "."
    )
    return fig, alt


def _row_label(row: dict) -> str:
    return row["outlet"] + (f" ×{len(row['ids'])}" if len(row["ids"]) > 1 else "")


def verdict_over_time(
    evidence: Evidence, points: list[tuple[dt.date, str]], as_of: dt.date
) -> tuple[Figure, str]:
    """The label the engine gives on each as-of date: when the claim became supportable."""
    fig, ax = style.new_figure(2.7)
    title = "The verdict over time: the label on each date"
    levels = {label: i for i, label in enumerate(LABEL_ORDER)}
    names = [
        scales.LABELS[label].name if label in scales.LABELS else label for label in LABEL_ORDER
    ]
    changes: list[tuple[dt.date, str]] = []
    for day, label in points:
        if day <= as_of and (not changes or changes[-1][1] != label):
            changes.append((day, label))
    if not changes:
        _empty(fig, ax, title, "No evidence published by the as-of date", evidence)
        return fig, "No evidence was published by the as-of date, so there is no verdict to trace."
    xs = [d for d, _ in changes] + [as_of]
    ys = [levels.get(label, 0) for _, label in changes]
    ax.step(xs, ys + ys[-1:], where="post", color=style.INK, lw=1.8, zorder=3)
    ax.plot(xs[:-1], ys, "o", color=style.color(0), mec="white", ms=6, zorder=4)
    ax.set_yticks(range(len(LABEL_ORDER)), names)
    ax.set_ylim(-0.6, len(LABEL_ORDER) - 0.4)
    ax.grid(axis="x", visible=False)
    _date_axis(ax, xs[0], as_of)
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _: names[int(v)] if 0 <= v < len(names) else "")
    )
    ax.set_ylabel("verdict label")
    style.set_title(ax, title)
    _as_of_line(ax, as_of)
    style.source_note(
        fig,
        _note(evidence, [], "The engine re-run on every date new evidence was published."),
    )
    labeller = _Labeller(ax)
    labeller.points(xs[:-1], ys, 6)
    for (x0, y0), (x1, y1) in pairwise(zip(xs, ys + ys[-1:], strict=True)):
        labeller.segment(x0, y0, x1, y0)
        labeller.segment(x1, y0, x1, y1)
    labeller.vline(as_of)
    for day, label in changes:
        labeller.place(
            _day(day),
            (day, levels.get(label, 0)),
            [
                (5, 5, "left", "bottom"),
                (-5, 5, "right", "bottom"),
                (5, -5, "left", "top"),
                (-5, -5, "right", "top"),
                *_around(10, 18),
            ],
            fontsize=style.SMALL,
        )
    steps = ", ".join(
        f"{scales.LABELS[label].name if label in scales.LABELS else label} from {_day(day)}"
        for day, label in changes
    )
    return fig, f"Step chart of the verdict label up to {_day(as_of)}: {steps}."
