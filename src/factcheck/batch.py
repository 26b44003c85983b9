"""Kept for old imports: the batch lives in `factcheck.rendering.batch`."""

from .rendering.batch import BatchResult, render_all
from .rendering.claims import claim_ids

__all__ = ["BatchResult", "claim_ids", "render_all"]
