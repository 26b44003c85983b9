"""The verdict contract: the public face of the reasoning layer.

Presentation and rendering import from here only; the work is done in `factcheck.reasoning`.
"""

from __future__ import annotations

from .reasoning.engine import assess, history
from .reasoning.flags import ECHO_THRESHOLD, SHARE_GAP, STALE_AFTER_DAYS
from .reasoning.intervals import (
    Interval,
    Relation,
    claim_interval,
    claim_words,
    figure_interval,
    figure_point,
    relation,
    stated,
)
from .reasoning.lines import compare, compare_event
from .reasoning.model import (
    SCHEMA_VERSION,
    Assessment,
    Change,
    Flag,
    HistoryPoint,
    Line,
    Stance,
    Verdict,
)
from .reasoning.narration import how_sure, why_bullets
from .reasoning.rules import (
    CREDIBILITY_RULE_TABLE,
    CREDIBILITY_RULES,
    HEDGE_CAP_RULE,
    LABEL_RULE_TABLE,
    LABEL_RULES,
    PROBABILITY_RULE_TABLE,
    PROBABILITY_RULES,
    Decision,
    Rule,
    decide,
)

__all__ = [
    "CREDIBILITY_RULES",
    "CREDIBILITY_RULE_TABLE",
    "ECHO_THRESHOLD",
    "HEDGE_CAP_RULE",
    "LABEL_RULES",
    "LABEL_RULE_TABLE",
    "PROBABILITY_RULES",
    "PROBABILITY_RULE_TABLE",
    "SCHEMA_VERSION",
    "SHARE_GAP",
    "STALE_AFTER_DAYS",
    "Assessment",
    "Change",
    "Decision",
    "Flag",
    "HistoryPoint",
    "Interval",
    "Line",
    "Relation",
    "Rule",
    "Stance",
    "Verdict",
    "assess",
    "claim_interval",
    "claim_words",
    "compare",
    "compare_event",
    "decide",
    "figure_interval",
    "figure_point",
    "history",
    "how_sure",
    "relation",
    "stated",
    "why_bullets",
]
