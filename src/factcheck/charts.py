"""The report's charts. Each function takes the evidence (and verdict) and returns a figure.

Charts show only what the data holds; every one has a title, units and a source line.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import networkx as nx
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from . import chart_style as style
from .evidence import Evidence
from .schema import Claim, Figure as Datum
from .verdict import Verdict, figure_point
from .vocabulary import INITIAL_TROOPS, METRICS, TOTAL_TROOPS

THOUSANDS = FuncFormatter(lambda v, _: f"{v:,.0f}")
LABEL_ORDER = ("false", "mostly-false", "mixed", "mostly-true", "true")


def _note(evidence: Evidence, ids: list[str]) -> str:
    shown = ", ".join(sorted(ids)) if len(ids) <= 12 else f"{len(ids)} figures"
    return textwrap.fill(
        f"Source: factcheck evidence base, data version {evidence.version} ({shown}). "
        "Each figure links to its document in the Sources section.",
        150,
    )


def _originator_colors(evidence: Evidence, originator_ids: list[str]) -> dict[str, int]:
    return {oid: i for i, oid in enumerate(sorted(set(originator_ids)))}


def _date_axis(ax) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.yaxis.set_major_formatter(THOUSANDS)


def _knowable(evidence: Evidence, figure: Datum, as_of: dt.date) -> bool:
    return evidence.sources[figure.source].published <= as_of


def deployment_timeline(evidence: Evidence, subject: str, as_of: dt.date) -> tuple[Figure, str]:
    """Cumulative troops sent: the highest published estimate by each date, with its range."""
    metrics = (INITIAL_TROOPS, TOTAL_TROOPS)
    figures = sorted(
        (
            f
            for f in evidence.figures.values()
            if f.subject == subject and f.metric in metrics and _knowable(evidence, f, as_of)
        ),
        key=lambda f: (f.refers_to, f.id),
    )
    reinforcements = [
        f
        for f in evidence.figures.values()
        if f.subject == subject and f.metric == "reinforcements" and _knowable(evidence, f, as_of)
    ]
    fig, ax = style.new_figure(3.8)
    if not figures:
        ax.text(0.5, 0.5, "No deployment figures in the evidence", ha="center", transform=ax.transAxes)
        return fig, "No deployment figures."
    steps_x, steps_y, band_lo, band_hi, best = [], [], [], [], None
    for f in figures:
        point = figure_point(f)
        if best is None or point > figure_point(best):
            best = f
        steps_x.append(f.refers_to)
        steps_y.append(figure_point(best))
        band_lo.append(best.low)
        band_hi.append(best.high if best.qualifier not in ("more than", "at least") else best.low)
    steps_x.append(as_of)
    steps_y.append(steps_y[-1])
    band_lo.append(band_lo[-1])
    band_hi.append(band_hi[-1])
    ax.fill_between(steps_x, band_lo, band_hi, step="post", color=style.color(5), alpha=0.25, lw=0, label="range of that estimate")
    ax.step(steps_x, steps_y, where="post", color=style.INK, lw=1.6, label="highest estimate published so far")
    colors = _originator_colors(evidence, [evidence.originator_id(f) for f in figures + reinforcements])
    seen = set()
    for f in figures:
        oid = evidence.originator_id(f)
        i = colors[oid]
        label = evidence.originators[oid].name if oid not in seen else None
        seen.add(oid)
        ax.plot(f.refers_to, figure_point(f), marker=style.METRIC_MARKERS[f.metric], ls="none", ms=6,
                color=style.color(i), mec="white", mew=0.6, label=label)
    for f in reinforcements:
        oid = evidence.originator_id(f)
        base = max((figure_point(g) for g in figures if g.metric == INITIAL_TROOPS and g.refers_to <= f.refers_to), default=0)
        y = base + figure_point(f)
        ax.annotate(
            f"+{figure_point(f):,.0f} reinforcements\n({evidence.originators[oid].name})",
            (f.refers_to, y), xytext=(0, 14), textcoords="offset points", fontsize=7, ha="center",
            arrowprops={"arrowstyle": "-", "color": style.MUTED, "lw": 0.6},
        )
        ax.plot(f.refers_to, y, marker=style.METRIC_MARKERS["reinforcements"], ls="none", ms=6,
                color=style.color(colors[oid]), mec="white", mew=0.6)
    ax.set_title("North Korean troops sent to Russia, cumulative")
    ax.set_ylabel("troops (people)")
    _date_axis(ax)
    ax.set_ylim(0, max(band_hi + [figure_point(f) for f in figures]) * 1.25)
    ax.legend(loc="upper left", ncols=2)
    style.source_note(fig, _note(evidence, [f.id for f in figures + reinforcements]) +
                      "  Circle: initial deployment; square: all deployments; triangle: reinforcements.")
    final = steps_y[-1]
    alt = (
        f"Step chart of North Korean troops sent to Russia from {figures[0].refers_to:%B %Y} to {as_of:%B %Y}; "
        f"the highest published estimate reaches about {final:,.0f}."
    )
    return fig, alt


def casualty_timeline(evidence: Evidence, claim: Claim, verdict: Verdict) -> tuple[Figure, str]:
    """Each originator's loss estimates over time, with the claim's threshold and the as-of date."""
    metrics = ("casualties", "killed", "wounded")
    figures = sorted(
        (f for f in evidence.figures.values() if f.subject == claim.subject and f.metric in metrics),
        key=lambda f: (f.refers_to, f.id),
    )
    fig, ax = style.new_figure(4.2)
    originators = [evidence.originator_id(f) for f in figures]
    colors = _originator_colors(evidence, originators)
    counted = {line.item_id for line in verdict.lines if line.stance == "supports"}
    seen = set()
    for f in figures:
        oid = evidence.originator_id(f)
        known = _knowable(evidence, f, verdict.as_of)
        y = figure_point(f)
        lo, hi = f.low, f.high
        kw = dict(color=style.color(colors[oid]), alpha=1.0 if known else 0.3)
        if hi > lo:
            ax.vlines(f.refers_to, lo, hi, lw=2.2, **kw)
        if f.qualifier in ("more than", "at least"):
            ax.annotate("", (f.refers_to, y * 1.12), (f.refers_to, y), arrowprops={"arrowstyle": "->", "color": kw["color"], "lw": 1.2, "alpha": kw["alpha"]})
        label = f"{evidence.originators[oid].name}" if (oid not in seen and known) else None
        if known:
            seen.add(oid)
        ax.plot(f.refers_to, y, marker=style.METRIC_MARKERS[f.metric], ls="none", ms=7, mec="white", mew=0.6, label=label, **kw)
        if f.id in counted:
            ax.annotate(
                f"{f.qualifier} {f.low:,} {METRICS[f.metric].label}\n{evidence.originators[oid].name}, {f.refers_to:%d %b %Y}",
                (f.refers_to, y), xytext=(-12, 18), textcoords="offset points", ha="right", fontsize=7.5,
                color=style.HIGHLIGHT, fontweight="bold",
                arrowprops={"arrowstyle": "-", "color": style.HIGHLIGHT, "lw": 0.8},
            )
            ax.plot(f.refers_to, y, marker="o", ms=14, mfc="none", mec=style.HIGHLIGHT, mew=1.4)
    if claim.kind == "quantity" and claim.metric in metrics:
        ax.axhline(claim.value, color=style.INK, ls="--", lw=1)
        ax.text(0.99, claim.value, f"claim: {claim.comparator} {claim.value:,.0f} {METRICS[claim.metric].label}",
                ha="right", va="bottom", fontsize=7.5, transform=ax.get_yaxis_transform())
    ax.axvline(verdict.as_of, color=style.MUTED, ls=":", lw=1.2)
    ax.text(verdict.as_of, 1.0, " as of", transform=ax.get_xaxis_transform(), fontsize=7.5, color=style.MUTED, va="top")
    ax.set_title("North Korean losses in Kursk: estimates by originator")
    ax.set_ylabel("people")
    _date_axis(ax)
    ax.set_ylim(0, max([f.high for f in figures] + [claim.value or 0]) * 1.3 if figures else 1)
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    for metric in metrics:
        handles.append(Line2D([], [], marker=style.METRIC_MARKERS[metric], ls="none", color=style.INK, mfc="white" if metric != "killed" else style.INK))
        labels.append(f"marker: {METRICS[metric].label}")
    ax.legend(handles, labels, loc="upper left", ncols=2)
    style.source_note(
        fig,
        _note(evidence, [f.id for f in figures])
        + "  Vertical bars: stated ranges; arrows: 'more than' or 'at least'; faded: published after the as-of date.",
    )
    alt = (
        f"Timeline of {len(figures)} North Korean loss estimates from {len(set(originators))} originators, "
        f"with the claim's threshold of {claim.value:,.0f} and the as-of date {verdict.as_of}."
        if claim.kind == "quantity"
        else "Timeline of North Korean loss estimates."
    )
    return fig, alt


def loss_share(evidence: Evidence, claim: Claim, verdict: Verdict) -> tuple[Figure, str]:
    """The claimed losses as a share of troops sent: the initial deployment versus all of them."""
    fig, ax = style.new_figure(2.6)
    rows = []
    for metric, name in ((INITIAL_TROOPS, "initial deployment"), (TOTAL_TROOPS, "all deployments")):
        d = verdict.denominators.get(metric)
        if d:
            rows.append((f"{name}\n~{d['troops']:,.0f} troops ({evidence.originators[d['originator']].name})", d["share"], d["figure"]))
    if not rows:
        ax.text(0.5, 0.5, "No troop totals knowable on the as-of date", ha="center", transform=ax.transAxes)
        return fig, "No troop totals to compare with."
    names = [r[0] for r in rows][::-1]
    shares = [r[1] * 100 for r in rows][::-1]
    hatches = ["//", ""][: len(rows)]
    bars = ax.barh(names, shares, color=[style.color(5), style.color(0)][: len(rows)][::-1], hatch=hatches[::-1], edgecolor=style.INK, lw=0.6)
    for bar, share in zip(bars, shares, strict=True):
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{share:.0f}%", va="center", fontsize=9, fontweight="bold")
    ax.axvline(50, color=style.INK, ls="--", lw=1)
    ax.text(50, 1.02, "half", transform=ax.get_xaxis_transform(), ha="center", fontsize=7.5)
    ax.set_xlim(0, max(100, max(shares) * 1.15))
    ax.set_xlabel(f"{claim.value:,.0f} {METRICS[claim.metric].label} as % of troops sent")
    ax.set_title("Losses as a share of troops sent")
    ax.grid(axis="y", visible=False)
    style.source_note(fig, _note(evidence, [r[2] for r in rows]))
    alt = "; ".join(f"{r[1]:.0%} of the {r[0].split(chr(10))[0]}" for r in rows)
    return fig, f"Bar chart: {claim.value:,.0f} is {alt}."


def independence_graph(evidence: Evidence, verdict: Verdict) -> tuple[Figure, str]:
    """Documents on the left, pointing at the originators whose information they carry."""
    sources = sorted(
        {s for a in verdict.evidence for s in [a.source_id]}
        | {
            other.id
            for a in verdict.evidence
            if a.counted
            for other in evidence.sources.values()
            if other.originator == a.originator_id and (other.published is None or other.published <= verdict.as_of)
        }
    )
    by_originator: dict[str, list[str]] = {}
    for sid in sources:
        by_originator.setdefault(evidence.sources[sid].originator, []).append(sid)
    order = sorted(by_originator, key=lambda o: (-len(by_originator[o]), o))
    n = max(len(sources), 1)
    height = max(3.0, min(0.16 * n + 1.2, 9.5))
    fig, ax = style.new_figure(height)
    graph = nx.DiGraph()
    pos, y = {}, 0.0
    colors = {oid: i for i, oid in enumerate(order)}
    for oid in order:
        group = sorted(by_originator[oid], key=lambda s: (evidence.sources[s].outlet, s))
        top = y
        for sid in group:
            graph.add_edge(sid, oid)
            pos[sid] = (0.0, -y)
            y += 1
        pos[oid] = (1.0, -(top + y - 1) / 2)
        y += 0.6
    stance = {line.id: line.stance for line in verdict.lines}
    for sid, oid in graph.edges:
        ax.annotate("", pos[oid], pos[sid], arrowprops={"arrowstyle": "-|>", "color": style.color(colors[oid]), "lw": 0.7, "alpha": 0.7, "shrinkA": 2, "shrinkB": 6})
    for sid in sources:
        s = evidence.sources[sid]
        ax.text(pos[sid][0] - 0.02, pos[sid][1], textwrap.shorten(s.outlet, 38), ha="right", va="center", fontsize=6.5)
    for oid in order:
        word = {"supports": "supports", "contradicts": "contradicts", "inconclusive": "inconclusive"}.get(stance.get(oid, ""), "")
        ax.plot(*pos[oid], marker=style.marker(colors[oid]), ms=8, color=style.color(colors[oid]))
        ax.text(pos[oid][0] + 0.04, pos[oid][1], f"{evidence.originators[oid].name}\n{len(by_originator[oid])} document(s); {word}", va="center", fontsize=7.5)
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(-y, 1)
    ax.axis("off")
    ax.set_title("Who said it first: documents and the originators they repeat")
    style.source_note(fig, _note(evidence, []).replace(" ().", "."))
    alt = f"{len(sources)} documents resolve to {len(order)} originators; " + "; ".join(
        f"{evidence.originators[o].name}: {len(by_originator[o])}" for o in order
    )
    return fig, alt


def verdict_over_time(evidence: Evidence, points: list[tuple[dt.date, str]], as_of: dt.date) -> tuple[Figure, str]:
    """The label the engine gives on each as-of date: when the claim became supportable."""
    fig, ax = style.new_figure(2.6)
    levels = {label: i for i, label in enumerate(LABEL_ORDER)}
    levels["unproven"] = -1
    if points:
        xs = [d for d, _ in points] + [as_of]
        ys = [levels[label] for _, label in points] + [levels[points[-1][1]]]
        ax.step(xs, ys, where="post", color=style.INK, lw=1.8)
        ax.plot(xs[:-1], ys[:-1], "o", color=style.color(0), ms=5)
        for d, label in points:
            ax.annotate(d.strftime("%d %b %Y"), (d, levels[label]), xytext=(3, 5), textcoords="offset points", fontsize=6.5)
    ax.set_yticks(list(range(-1, len(LABEL_ORDER))), ["unproven", *LABEL_ORDER])
    ax.set_ylim(-1.6, len(LABEL_ORDER) - 0.4)
    ax.axvline(as_of, color=style.MUTED, ls=":", lw=1.2)
    _date_axis(ax)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: (["unproven", *LABEL_ORDER][int(v) + 1] if -1 <= v < len(LABEL_ORDER) and float(v).is_integer() else "")))
    ax.set_title("The verdict over time: the label on each as-of date")
    ax.set_ylabel("label")
    style.source_note(fig, _note(evidence, []).replace(" ().", ".") + "  The engine re-run on every date new evidence was published.")
    changes = ", ".join(f"{label} from {d}" for d, label in points) or "no evidence"
    return fig, f"Step chart of the verdict label over time: {changes}."
