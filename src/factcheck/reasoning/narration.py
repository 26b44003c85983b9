"""The engine's sentences, in two parts: the reasoning trail (trail.py) and the sentences for
readers (readers.py). The engine calls them through this module."""

from __future__ import annotations

from .readers import how_sure, summarise, why_bullets
from .trail import (
    comparison_sentences,
    event_scope_sentence,
    flags_sentence,
    grading_sentence,
    growth_sentence,
    independence_sentence,
    knowability_sentence,
    label_sentence,
    probability_sentence,
    revision_sentence,
    scope_sentence,
    sensitivity_sentence,
)

__all__ = [
    "comparison_sentences",
    "event_scope_sentence",
    "flags_sentence",
    "grading_sentence",
    "growth_sentence",
    "how_sure",
    "independence_sentence",
    "knowability_sentence",
    "label_sentence",
    "probability_sentence",
    "revision_sentence",
    "scope_sentence",
    "sensitivity_sentence",
    "summarise",
    "why_bullets",
]
