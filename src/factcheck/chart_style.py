"""Moved to `factcheck.charts.style` and `factcheck.charts.display`; kept for old imports."""

from .charts.display import png_bytes, save
from .charts.style import DPI, apply

__all__ = ["DPI", "apply", "png_bytes", "save"]
