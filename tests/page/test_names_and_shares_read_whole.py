"""Reader wording for two cases the page got wrong: a long name cut inside its bracketed gloss
("(DIA, under the Ministry of National…"), and a share stated as a fraction read as
"half share of ..." instead of "half of ...". Made-up names and topics: the rules are general."""

from __future__ import annotations

import pytest

from factcheck.wording import amount_of, asserted, clip_name

GLOSSED = "Lantern Guild Records Office (LGRO, under the Council of the Seven Harbour Towns)"


def _unbalanced(text: str) -> bool:
    return text.count("(") != text.count(")")


@pytest.mark.parametrize("limit", range(12, len(GLOSSED) + 5))
def test_a_clipped_name_keeps_its_bracketed_gloss_whole_or_drops_it_whole(limit):
    clipped = clip_name(GLOSSED, limit)
    assert len(clipped) <= limit
    assert not _unbalanced(clipped), clipped
    assert clipped == GLOSSED or "(" not in clipped  # one gloss: all of it or none of it


def test_a_name_whose_gloss_does_not_fit_is_the_name_before_it_uncut():
    assert clip_name(GLOSSED, 60) == "Lantern Guild Records Office"


def test_a_cut_after_a_whole_gloss_keeps_the_gloss():
    name = "Lantern Guild (LG), via the Harbour Town Evening Courier and its weekly supplement"
    assert clip_name(name, 50) == "Lantern Guild (LG), via the Harbour Town Evening…"


def test_text_after_a_gloss_the_cut_falls_in_is_dropped_and_marked():
    name = "Lantern Guild (a body of the seven towns), via the Harbour Town Evening Courier"
    assert clip_name(name, 30) == "Lantern Guild…"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("half", "half of the lanterns the guild lights"),
        ("about half", "about half of the lanterns the guild lights"),
        ("two thirds", "two thirds of the lanterns the guild lights"),
        ("a quarter", "a quarter of the lanterns the guild lights"),
        ("about 40%", "about 40% of the lanterns the guild lights"),
        ("40 per cent", "40 per cent of the lanterns the guild lights"),
        ("a large", "a large share of the lanterns the guild lights"),  # not an amount: kept
    ],
)
def test_a_share_stated_as_a_fraction_or_percent_reads_as_that_much_of_the_whole(words, expected):
    assert amount_of(words, "share of the lanterns the guild lights") == expected


def test_an_amount_of_a_measure_that_is_not_a_share_reads_as_before():
    assert amount_of("half", "lanterns lit") == "half lanterns lit"
    assert amount_of("about 4,000", "lanterns lit") == "about 4,000 lanterns lit"


def test_a_claimed_share_reads_as_that_much_of_the_whole():
    said = asserted(">", 50, None, "share of the lanterns the guild lights", True)
    assert said == "more than 50% of the lanterns the guild lights"


def test_a_source_stating_half_reads_half_of_the_whole_in_the_trail_and_why():
    """Through the engine, in a made-up vocabulary: a share the source stated as "half"."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reasoning"))
    from test_engine_kinds import stances

    _, verdict = stances(
        {"metric": "widget-share", "comparator": "~", "value": 50},
        ("a", [{"metric": "widget-share", "low": 50, "stated": "half"}]),
    )
    said = " ".join([*verdict.reasoning, *verdict.why])
    assert "half of widgets used" in said
    assert "half share of" not in said
