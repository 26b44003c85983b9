"""TEMPORARY: the charts contract (`estimates_data`/`estimates_chart`/..., `show`) over today's
`factcheck.charts` module, so the report notebook runs before the charts branch lands.

Delete this module, and the notebook cell that imports it, when `factcheck.charts.show` exists.
"""

from __future__ import annotations

import base64
import os
import struct
from pathlib import Path

import pandas as pd
from markupsafe import escape

from .. import chart_style
from .. import charts as old
from ..verdict import claim_words, history

CHARTS_ENV = ("FACTCHECK_CHARTS_DIR", "FACTCHECK_FIGURES_DIR")  # new name, then today's


_context: dict = {}  # the claim and evidence of this kernel's report, for history_chart


def _data(kind: str, **context) -> pd.DataFrame:
    if "claim" in context:
        _context.update(context)
    frame = pd.DataFrame()
    frame.attrs.update(kind=kind, **context)
    return frame


def estimates_data(evidence, claim, verdict, metrics=None) -> pd.DataFrame:
    return _data("estimates", evidence=evidence, claim=claim, verdict=verdict)


def estimates_title(data: pd.DataFrame, claim=None, **_) -> str:
    verdict, claim = data.attrs["verdict"], claim or data.attrs["claim"]
    said = claim_words(claim)
    support = [line.name for line in verdict.lines if line.stance == "supports" and line.credible]
    if len(support) >= 2:
        return f"{len(support)} independent sources put it at {said}"
    if support:
        return f"Only {old.short_name(support[0], 40)} puts it at {said}"
    if any(line.stance == "contradicts" and line.credible for line in verdict.lines):
        return f"No credible source puts it at {said}"
    return f"No source's estimate decides {said}"


def estimates_chart(data, *, title, subtitle=None, claim=None, as_of=None):
    ev, claim, verdict = data.attrs["evidence"], data.attrs["claim"], data.attrs["verdict"]
    if claim.metric in ("casualties", "killed", "wounded", "casualties_in_period"):
        fig, _ = old.casualty_timeline(ev, claim, verdict)
    else:
        fig, _ = old.deployment_timeline(ev, claim.subject, verdict.as_of)
    chart_style.set_title(fig.axes[0], title)
    return fig


def events_data(evidence, claim, verdict) -> pd.DataFrame:
    return _data("events", evidence=evidence, claim=claim, verdict=verdict)


def events_title(data, claim=None, **_) -> str:
    verdict = data.attrs["verdict"]
    n = sum(1 for line in verdict.lines if line.stance == "supports")
    return f"{n} independent report{'s' if n != 1 else ''} of the event, on the dates shown"


def events_chart(data, *, title, **_):
    ev, verdict = data.attrs["evidence"], data.attrs["verdict"]
    fig, ax = chart_style.new_figure(1.8 + 0.35 * len(verdict.evidence))
    rows = sorted(verdict.evidence, key=lambda a: (a.date, a.source_id))
    for y, a in enumerate(rows):
        ax.plot([a.date], [y], "o", color=chart_style.color(0))
        ax.annotate(
            ev.sources[a.source_id].outlet, (a.date, y), xytext=(8, 0),
            textcoords="offset points", va="center",
        )  # fmt: skip
    import datetime as dt

    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    if rows:
        first, last = rows[0].date, rows[-1].date
        ax.set_xlim(first - dt.timedelta(days=20), last + dt.timedelta(days=40))
    locator = AutoDateLocator(maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_yticks([])
    ax.set_ylim(-1, len(rows))
    chart_style.set_title(ax, title)
    return fig


def echoes_data(evidence, verdict) -> pd.DataFrame:
    return _data("echoes", evidence=evidence, verdict=verdict)


def echoes_title(data, **_) -> str:
    verdict = data.attrs["verdict"]
    docs = sum(line.documents for line in verdict.lines)
    return f"{docs} documents, {len(verdict.lines)} independent sources"


def echoes_chart(data, *, title, **_):
    fig, _ = old.independence_graph(data.attrs["evidence"], data.attrs["verdict"])
    chart_style.set_title(fig.axes[0], title)
    return fig


def share_data(evidence, claim, verdict) -> pd.DataFrame:
    return _data("share", evidence=evidence, claim=claim, verdict=verdict)


def share_title(data, **_) -> str:
    return "A share depends on its total"


def share_chart(data, *, title, **_):
    fig, _ = old.loss_share(data.attrs["evidence"], data.attrs["claim"], data.attrs["verdict"])
    chart_style.set_title(fig.axes[0], title)
    return fig


def history_data(verdict, claim=None, evidence=None) -> pd.DataFrame:
    return _data("history", verdict=verdict)


def history_title(data, **_) -> str:
    return "The rating on each date new evidence appeared"


def history_chart(data, *, title, **_):
    # today's engine has no verdict.history: recompute it here (the engine branch adds it)
    ev, claim = _context["evidence"], _context["claim"]
    verdict = data.attrs["verdict"]
    points = getattr(verdict, "history", None) or history(claim, ev, verdict.as_of)
    fig, _ = old.verdict_over_time(ev, list(points), verdict.as_of)
    chart_style.set_title(fig.axes[0], title)
    return fig


class _Shown:
    def __init__(self, html: str):
        self.data = html

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return "<chart>"


def show(fig, name: str, alt: str) -> _Shown:
    png = chart_style.png_bytes(fig)
    folder = next((os.environ[v] for v in CHARTS_ENV if os.environ.get(v)), None)
    if folder:
        chart_style.save(fig, Path(folder), name, png)
    width, height = struct.unpack(">II", png[16:24])
    title = fig.axes[0].get_title() if fig.axes else ""
    encoded = base64.b64encode(png).decode("ascii")
    return _Shown(
        f'<figure class="chart"><div class="chart__frame"><img src="data:image/png;base64,{encoded}" '
        f'alt="{escape(alt)}" width="{width}" height="{height}"></div>'
        f"<figcaption>{escape(title)}</figcaption></figure>"
    )
