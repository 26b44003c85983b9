"""Estimates over time, by originator: each body's published figures on the claim's measure.

Only figures the sources stated are drawn: nothing is summed, so no total appears that nobody
reported. With many figures the chart summarises: per originator its latest figure and the
range of all its figures, and originators past the eighth share one grey series.

Three parts, as every chart has: the data (`data.py`, no matplotlib), the words (`words.py`:
the title that states the finding, the alt text) and the drawing (`draw.py`).
"""

from .data import COLUMNS, MAX_SERIES, estimates_data
from .draw import estimates_chart
from .words import estimates_alt, estimates_title

__all__ = [
    "COLUMNS",
    "MAX_SERIES",
    "estimates_alt",
    "estimates_chart",
    "estimates_data",
    "estimates_title",
]
