"""Kept for old imports: the index lives in `factcheck.rendering.index`."""

from .rendering.index import render_index, write_index

__all__ = ["render_index", "write_index"]
