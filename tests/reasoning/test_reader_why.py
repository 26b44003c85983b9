"""The why-bullets a reader sees on page 1: plain, three to five, never the rating's meaning again.

Small hand-written bases, one per rule; whole sentences are asserted.
"""

from __future__ import annotations

import datetime as dt

from conftest import (
    DAY,
    claim,
    event,
    evidence_from_lines,
    make_evidence,
    one_line,
    originator,
    source,
)

from factcheck import scales
from factcheck.verdict import assess

APRIL = {"start": dt.date(2025, 4, 1), "end": dt.date(2025, 4, 30)}
TOLD = dt.date(2025, 4, 26)


def event_base(party: bool = True, told: dt.date = TOLD, repeatable: bool = False):
    """One body's one-time statement, carried by two outlets on the same day."""
    return make_evidence(
        originators=[originator("gs", party=party, name="The General Staff")],
        sources=[
            source("wire-a", "gs", published=told, outlet="Wire A"),
            source("paper-b", "gs", published=told, outlet="Paper B"),
        ],
        events=[
            event(
                "e1",
                "wire-a",
                told,
                originator="gs",
                summary="The general thanks the allies.",
                repeatable=repeatable,
            ),
            event(
                "e2",
                "paper-b",
                told,
                originator="gs",
                summary="A second account.",
                repeatable=repeatable,
            ),
        ],
    )


def event_claim():
    return claim(kind="event", event="confirms", period=APRIL, as_of=DAY)


def test_an_event_bullet_says_what_was_reported_and_by_which_outlets():
    v = assess(event_claim(), event_base())
    assert v.why[0] == (
        "The General Staff, as reported by Paper B and Wire A on 26 April 2025: "
        "The general thanks the allies."
    )


def test_a_party_to_the_conflict_in_an_event_claim_has_a_stake_in_how_it_is_told():
    v = assess(event_claim(), event_base(party=True))
    said = "The General Staff is a party to the conflict, with a stake in how it is told."
    assert said in v.why
    assert said in [f.text for f in v.flags]
    assert not any("the numbers" in text for text in v.why)


def test_a_party_in_a_quantity_claim_still_has_a_stake_in_the_numbers():
    party = one_line("mod", 7000)
    party = (originator("mod", party=True, name="The Ministry"), *party[1:])
    v = assess(claim(as_of=DAY), evidence_from_lines(party))
    assert "The Ministry is a party to the conflict, with a stake in the numbers." in v.why


def test_an_event_outside_the_claimed_period_says_so():
    v = assess(event_claim(), event_base(told=dt.date(2025, 5, 20)))
    assert any(text.endswith("That is outside the period the claim names.") for text in v.why)


def test_no_bullet_repeats_the_meaning_of_the_rating():
    cases = [
        (claim(as_of=DAY), evidence_from_lines(one_line("di", 7000))),
        (claim(as_of=DAY), evidence_from_lines(one_line("di", 7000), one_line("nis", 8000))),
        (claim(as_of=DAY), evidence_from_lines(one_line("di", 2000))),
        (claim(as_of=DAY), evidence_from_lines()),
        (event_claim(), event_base()),
    ]
    for c, evidence in cases:
        v = assess(c, evidence)
        meaning = scales.LABELS[v.label].meaning.rstrip(".").lower()
        assert 3 <= len(v.why) <= 5, v.why
        assert not any(meaning in text.lower() for text in v.why), v.why
        assert not any(text.startswith("That makes it") for text in v.why), v.why


def test_no_bullet_has_two_colons():
    cases = [
        (claim(as_of=DAY), evidence_from_lines(one_line("di", 7000, hedge="likely"))),
        (claim(as_of=DAY), evidence_from_lines(one_line("di", 7000), one_line("nis", 3000))),
        (event_claim(), event_base()),
    ]
    for c, evidence in cases:
        for text in assess(c, evidence).why:
            assert text.count(":") <= 1, text


def test_a_rating_on_one_source_says_it_rests_on_that_source_alone():
    v = assess(claim(as_of=DAY), evidence_from_lines(one_line("di", 7000)))
    assert (
        "The rating rests on Originator di alone: no other reliable source had settled the claim "
        "either way by 15 June 2025." in v.why
    )


def test_when_nothing_decides_the_bullets_say_what_would():
    v = assess(claim(as_of=DAY), evidence_from_lines())
    assert "One reliable source's figure of its own would be enough to decide it." in v.why
    assert "We judged the claim on what had been published by 15 June 2025." in v.why
