"""The report's charts: for each, a pure data selection (a DataFrame) and a drawing function.

    data = estimates_data(evidence, claim, verdict)
    fig = estimates_chart(data, title=estimates_title(data, claim), claim=claim)
    show(fig, "estimates", estimates_alt(data, claim))

Data selection needs no matplotlib and is unit-tested on its own; drawing takes only the
DataFrame and its options, so an analyst can filter or relabel in between. Every originator
has one look across the charts of a report (`palette(evidence, verdict)`): a colour of its own
if it decides the verdict, grey with its own marker if it is context.
"""

from __future__ import annotations

from .common import short_name
from .display import CHARTS_ENV, ChartError, Shown, png_bytes, save, show
from .echoes import echoes_alt, echoes_chart, echoes_data, echoes_title
from .estimates import estimates_alt, estimates_chart, estimates_data, estimates_title
from .events import events_alt, events_chart, events_data, events_title
from .history import history_alt, history_chart, history_data, history_title
from .palette import originator_style, palette
from .share import share_alt, share_chart, share_data, share_title
from .timeline import timeline_alt, timeline_chart, timeline_data, timeline_title

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
    "timeline_alt",
    "timeline_chart",
    "timeline_data",
    "timeline_title",
]
