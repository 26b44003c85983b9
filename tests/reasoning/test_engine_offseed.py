"""Issue 20: claims written from the fact base off the seed path, with the label fixed before
running (each file's notes say why), judged on the real evidence in data/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.evidence import read_claim
from factcheck.verdict import assess

OFFSEED = Path(__file__).resolve().parents[1] / "fixtures" / "offseed"
EXPECTED = {
    # class 1: a statement is documented by the outlets that reported it
    "dprk-acknowledged-deployment-april-2025": "true",
    "russia-said-sudzha-retaken-march-2025": "mostly-true",
    # class 2: only one-time events are contradicted by another date
    "shoigu-visited-pyongyang-march-2025": "unproven",
    "sudzha-retaken-february-2025": "mostly-false",
    # class 3: the claimant's own word is not confirmation
    "ukdi-casualties-4000-january-2025": "mostly-true",
    # class 4: a stated share gets the denominator warning
    "dprk-casualties-more-than-half-6000": "mostly-true",
    # class 6: counts made days apart
    "casualties-fewer-than-5000-mid-january-2025": "true",
    "casualties-more-than-10000-mid-january-2025": "false",
    # class 7: a revised figure (Unproven before class 5 gave UK DI's killed share a say)
    "killed-fewer-than-1000-april-2025": "mostly-false",
    # class 5: a killed share with a sourced casualty count bounds a killed claim
    "killed-about-600-end-april-2025": "mixed",
    "zelensky-4000-killed-january-2025": "false",
    # class 8 (and 3): a conflict, 'a realistic possibility'
    "casualties-more-than-5000-ukdi-march-2025": "mixed",
}


def _claim(name: str):
    claim, problems, _ = read_claim(OFFSEED / f"{name}.yaml")
    assert claim is not None and not problems, problems
    return claim


def test_every_offseed_claim_has_its_expectation():
    assert {p.stem for p in OFFSEED.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize(("name", "label"), sorted(EXPECTED.items()))
def test_offseed_claims_get_the_label_fixed_before_running(data_evidence, name, label):
    assert assess(_claim(name), data_evidence).label == label


def test_offseed_details(data_evidence):
    share = assess(_claim("dprk-casualties-more-than-half-6000"), data_evidence)
    assert "denominator" in {f.code for f in share.flags}
    own = assess(_claim("ukdi-casualties-4000-january-2025"), data_evidence)
    assert (
        "No independent source had confirmed it by 28 February 2025; none of the other "
        "estimates rules it out."
    ) in own.why
    mixed = assess(_claim("casualties-more-than-5000-ukdi-march-2025"), data_evidence)
    assert mixed.how_sure.startswith("We judge it a realistic possibility")
    revised = _claim("killed-fewer-than-1000-april-2025")
    assert assess(revised, data_evidence, dt.date(2025, 5, 31)).label == "mixed"
