"""One set of counts: stances, deciding sources and documents per source, from the verdict."""

from __future__ import annotations

from conftest import claim, evidence_from_lines, one_line

from factcheck.page import count
from factcheck.verdict import assess


def test_counts_split_the_lines_by_stance_and_only_credible_ones_decide():
    evidence = evidence_from_lines(
        one_line("a", 7000, qualifier="exact"),
        one_line("b", 8000, qualifier="exact"),
        one_line("c", 300, qualifier="exact", reliability="E"),
    )
    verdict = assess(claim(6000, ">"), evidence)
    counts = count(evidence, verdict)
    assert (counts.supporting, counts.contradicting, counts.lines) == (2, 1, 3)
    assert counts.deciding == 2  # the source graded E contradicts but does not decide
    assert counts.items_in_scope == 3 and counts.documents == {"a": 1, "b": 1, "c": 1}
