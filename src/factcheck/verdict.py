"""The verdict contract: the public face of the reasoning layer.

Presentation and rendering import from here only; the work is done in `factcheck.reasoning`.
"""

from __future__ import annotations

import datetime as dt

from .evidence import Evidence
from .reasoning.compare import compare
from .reasoning.engine import assess as _assess
from .reasoning.engine import history as _history
from .reasoning.events import compare_event
from .reasoning.flags import ECHO_THRESHOLD, SHARE_GAP, STALE_AFTER_DAYS
from .reasoning.intervals import (
    Interval,
    Relation,
    claim_interval,
    claim_words,
    figure_interval,
    figure_point,
    num,
    relation,
    stated,
)
from .reasoning.kinds import outside_scope as _outside_scope
from .reasoning.model import (
    SCHEMA_VERSION,
    Assessment,
    Change,
    Flag,
    HistoryPoint,
    Line,
    Note,
    Quantity,
    Reading,
    Reason,
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
from .schema import Claim, Figure
from .sweeps import full_sweeps_put_off
from .vocabulary import of as vocabulary_of
from .vocabulary import use


def assess(claim: Claim, evidence: Evidence, as_of: dt.date | None = None) -> Verdict:
    """The verdict on `claim`, judged in the vocabulary of `evidence` (its metrics.csv)."""
    with use(vocabulary_of(evidence)), full_sweeps_put_off():  # a large claim: sweeps.py
        return _assess(claim, evidence, as_of)


def not_in_scope(claim: Claim, evidence: Evidence, as_of: dt.date) -> list[tuple[Figure, str]]:
    """The figures on a quantity claim's subject, public by `as_of`, that do not bear on it (a
    rate beside a count, a share, another unit), each with the engine's reason in words, oldest
    first. The trail counts them ("Not in scope: ..."); the page lists them, so none is dropped.

    The engine decides (its `relation`, its knowability and its reasons); this only collects.
    """
    if claim.kind != "quantity" or not claim.metric:
        return []
    with use(vocabulary_of(evidence)):
        found = _outside_scope(claim, evidence, as_of)
    return sorted(found, key=lambda fw: (fw[0].refers_to, fw[0].metric, fw[0].low, fw[0].quote))


def history(
    claim: Claim, evidence: Evidence, until: dt.date | None = None
) -> list[tuple[dt.date, str]]:
    """The label on each date new evidence became public, in the vocabulary of `evidence`."""
    with use(vocabulary_of(evidence)):
        return _history(claim, evidence, until)


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
    "Note",
    "Quantity",
    "Reading",
    "Reason",
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
    "not_in_scope",
    "num",
    "relation",
    "stated",
    "why_bullets",
]
