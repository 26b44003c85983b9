"""Words that mean one thing (issue 12): in what we write for readers, "line" appears only in
"line of evidence", and "figure" is a number in the data, never a drawing (that is a chart).

Sources' own words (quotes, notes) are theirs and not checked here.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from factcheck.reasoning import rules
from factcheck.verdict import assess

ROOT = Path(__file__).resolve().parents[2]
BARE_LINE = re.compile(r"(?<![-\w])lines?\b(?! of evidence)(?!\(s\))", re.I)
FIGURE_AS_DRAWING = re.compile(
    r"\b(?:the|this|each) (?:figure|figures) (?:shows?|plots?|draws?)\b", re.I
)


def our_words(verdict) -> list[str]:
    flags = [f.text for f in verdict.flags]
    return [verdict.summary, verdict.how_sure, *verdict.why, *verdict.reasoning, *flags]


@pytest.mark.parametrize(
    "claim_id",
    sorted(p.stem for p in (ROOT / "data" / "claims").glob("*.yaml")),
)
def test_the_engines_reader_sentences_say_line_of_evidence(data_evidence, claim_id):
    verdict = assess(data_evidence.claims[claim_id], data_evidence)
    bare = [text for text in our_words(verdict) if BARE_LINE.search(text)]
    assert bare == []


def test_the_printed_rule_tables_say_line_of_evidence():
    tables = [
        rules.label_table_markdown(),
        rules.credibility_table_markdown(),
        rules.probability_table_markdown(),
        rules.HEDGE_CAP_RULE,
    ]
    assert [t for t in tables if BARE_LINE.search(t)] == []


def test_the_template_notebooks_prose_uses_one_word_per_meaning():
    nb = nbformat.read(ROOT / "notebooks" / "report.ipynb", as_version=4)
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert [p for p in prose if BARE_LINE.search(p)] == []
    assert [p for p in prose if FIGURE_AS_DRAWING.search(p)] == []


def test_the_pattern_catches_a_bare_line_and_spares_the_full_term():
    assert BARE_LINE.search("1 line supports the claim")
    assert BARE_LINE.search("credible lines contradict")
    assert not BARE_LINE.search("1 line of evidence supports; 2 lines of evidence contradict")
    assert not BARE_LINE.search("the front-line region")
