"""One set of counts for the whole page: the summary, captions, tables and sources all read here.

Before this module, the verdict box and a chart counted one originator's documents differently
(23 against 25). Every number a reader can compare across sections comes from `Counts`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..evidence import Evidence
from ..verdict import Verdict


@dataclass(frozen=True)
class Counts:
    """What the page counts, computed once from the verdict."""

    documents: dict[str, int]  # line id -> documents carrying its deciding item, echoes included
    items_in_scope: int  # figures (or event reports) knowable by the as-of date
    items_later: int  # published after the as-of date, left out
    lines: int
    supporting: int
    contradicting: int
    inconclusive: int
    sources_used: int  # distinct documents behind the items in scope
    deciding: int  # credible lines that support or contradict: the ones the rating rests on

    @property
    def by_stance(self) -> dict[str, int]:
        return {
            "supports": self.supporting,
            "contradicts": self.contradicting,
            "inconclusive": self.inconclusive,
        }


def count(evidence: Evidence, verdict: Verdict) -> Counts:
    """The page's counts: documents per line as the engine counted them, stances per line."""
    del evidence  # the verdict already carries everything counted; kept for a stable signature
    stances = Counter(line.stance for line in verdict.lines)
    return Counts(
        documents={line.id: line.documents for line in verdict.lines},
        items_in_scope=len(verdict.evidence),
        items_later=len(verdict.excluded_after_as_of),
        lines=len(verdict.lines),
        supporting=stances["supports"],
        contradicting=stances["contradicts"],
        inconclusive=stances["inconclusive"],
        sources_used=len({a.source_id for a in verdict.evidence}),
        deciding=sum(1 for ln in verdict.lines if ln.decides),
    )
