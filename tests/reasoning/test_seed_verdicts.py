"""The seed claims' verdicts, in one snapshot of the data (tests/fixtures/seed_verdicts.json).

The engine's rules are tested on small hand-written fixtures elsewhere; this test only says
what the rules make of `data/` today. A change to the data or the rules that moves a seed
verdict fails here, in one place: regenerate the snapshot with
`FACTCHECK_SNAPSHOT=write pytest tests/test_seed_verdicts.py` and review its diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from factcheck.verdict import assess

SNAPSHOT = Path(__file__).parent.parent / "fixtures" / "seed_verdicts.json"


def summary(verdict) -> dict:
    """What a seed verdict decided: label, grades, lines, flags, what would change it, history."""
    return {
        "label": verdict.label,
        "probability": verdict.probability,
        "credibility": verdict.credibility,
        "lines": {
            line.id: [line.stance, line.reliability, line.documents, line.echoes, line.claimant]
            for line in verdict.lines
        },
        "flags": [f.code for f in verdict.flags],
        "changes": [[c.kind, c.line_id or c.stance, c.label] for c in verdict.changes],
        "denominators": {m: [d["whole"], d["share"]] for m, d in verdict.denominators.items()},
        "history": [[p.date.isoformat(), p.label] for p in verdict.history],
    }


def test_the_seed_verdicts_match_their_snapshot(data_evidence):
    found = {
        c: summary(assess(data_evidence.claims[c], data_evidence))
        for c in sorted(data_evidence.claims)
    }
    if os.environ.get("FACTCHECK_SNAPSHOT") == "write":
        SNAPSHOT.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_seed_casualties_claim_is_unproven_before_the_uk_post_and_decided_on_its_day(
    data_evidence,
):
    """The UK post of 15 June 2025 is knowable that day, though the copies we read are later."""
    c = data_evidence.claims["dprk-kursk-casualties-6000"]
    assert assess(c, data_evidence, dt.date(2025, 6, 1)).label == "unproven"
    assert assess(c, data_evidence, c.claim_date).label == "mostly-true"


def test_the_seed_sentences_say_whose_word_a_claim_restates_and_who_has_a_stake(data_evidence):
    """Issue 20: the claimant's own line is not independent confirmation; a party to the
    conflict that made a statement has a stake in what it asserts, not in whether it said it."""
    casualties = data_evidence.claims["dprk-kursk-casualties-6000"]
    v = assess(casualties, data_evidence)
    assert any("not that anyone independent confirmed it" in b for b in v.why)
    russia = data_evidence.claims["russia-confirms-dprk-troops-april-2025"]
    v = assess(russia, data_evidence)
    assert any("is a party to the conflict, so what the statement asserts" in b for b in v.why)
