"""The report's charts: for each, a pure data selection (a DataFrame) and a drawing function.

    data = estimates_data(evidence, claim, verdict)
    fig = estimates_chart(data, title=estimates_title(data, claim), claim=claim)
    show(fig, "estimates", estimates_alt(data, claim))

Data selection needs no matplotlib and is unit-tested on its own; drawing takes only the
DataFrame and its options, so an analyst can filter or relabel in between. Every originator
has one look across charts (`palette.originator_style`). The old names at the bottom keep
today's report module working until it moves to this API.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure

from .common import short_name
from .display import CHARTS_ENV, ChartError, Shown, png_bytes, save, show
from .echoes import echoes_alt, echoes_chart, echoes_data, echoes_title
from .estimates import estimates_alt, estimates_chart, estimates_data, estimates_title
from .events import events_alt, events_chart, events_data, events_title
from .history import history_alt, history_chart, history_data, history_title
from .palette import originator_style, palette
from .share import share_alt, share_chart, share_data, share_title

__all__ = [
    "CHARTS_ENV",
    "ChartError",
    "Shown",
    "echoes_alt",
    "echoes_chart",
    "echoes_data",
    "echoes_title",
    "estimates_alt",
    "estimates_chart",
    "estimates_data",
    "estimates_title",
    "events_alt",
    "events_chart",
    "events_data",
    "events_title",
    "history_alt",
    "history_chart",
    "history_data",
    "history_title",
    "originator_style",
    "palette",
    "png_bytes",
    "save",
    "share_alt",
    "share_chart",
    "share_data",
    "share_title",
    "short_name",
    "show",
]


# --------------------------------------------------------------------------- old names
# Thin wrappers for today's report module: (figure, alt text) from the new functions.


def _pair(fig: Figure) -> tuple[Figure, str]:
    """The old report captions "title. alt": give it the alt text after the title it repeats."""
    from .style import title_of

    alt, title = getattr(fig, "_factcheck_alt", ""), title_of(fig)
    rest = alt.removeprefix(f"{title}.").strip() if title else alt
    return fig, rest or alt


def deployment_timeline(evidence, subject: str, as_of: dt.date, claim=None, verdict=None):
    """Troop estimates for a deployment claim (its own measure), else every troop measure."""
    from types import SimpleNamespace

    from ..vocabulary import INITIAL_TROOPS, TOTAL_TROOPS

    if (
        claim is None
        or claim.kind != "quantity"
        or claim.metric not in (INITIAL_TROOPS, TOTAL_TROOPS, "reinforcements")
    ):
        metrics = (INITIAL_TROOPS, TOTAL_TROOPS)
        claim = SimpleNamespace(kind="event", metric=None, subject=subject, value=None, period=None)
    else:
        metrics = None
    verdict = verdict or SimpleNamespace(as_of=as_of, lines=(), evidence=())
    data = estimates_data(evidence, claim, verdict, metrics)
    shown_claim = claim if metrics is None else None
    return _pair(
        estimates_chart(
            data, title=estimates_title(data, shown_claim), claim=shown_claim, as_of=as_of
        )
    )


def casualty_timeline(evidence, claim, verdict):
    from ..vocabulary import LOSS_METRICS

    metrics = (
        None if claim.kind == "quantity" and claim.metric in LOSS_METRICS else LOSS_METRICS[:1]
    )
    data = estimates_data(evidence, claim, verdict, metrics)
    shown = claim if metrics is None else None
    return _pair(estimates_chart(data, title=estimates_title(data, shown), claim=shown))


def loss_share(evidence, claim, verdict):
    data = share_data(evidence, claim, verdict)
    return _pair(share_chart(data, title=share_title(data)))


def independence_graph(evidence, verdict):
    data = echoes_data(evidence, verdict)
    return _pair(echoes_chart(data, title=echoes_title(data)))


def verdict_over_time(evidence, points, as_of):
    from types import SimpleNamespace

    data = history_data(SimpleNamespace(as_of=as_of), points)
    return _pair(history_chart(data, title=history_title(data), as_of=as_of))
