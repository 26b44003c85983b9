"""The verdict contract: a frozen, versioned pydantic model that round-trips through JSON."""

from __future__ import annotations

import json
import re

import pydantic
import pytest
from conftest import claim, evidence_from_lines, one_line

from factcheck.verdict import SCHEMA_VERSION, Verdict, assess, how_sure, why_bullets

SEED = [
    "dprk-initial-deployment-11000",
    "dprk-kursk-casualties-6000",
    "dprk-kursk-killed-6000",
    "dprk-reinforcements-3000",
    "russia-confirms-dprk-troops-april-2025",
]


@pytest.mark.parametrize("claim_id", SEED)
def test_a_verdict_reads_back_equal_from_its_json(data_evidence, claim_id):
    v = assess(data_evidence.claims[claim_id], data_evidence)
    assert Verdict.model_validate_json(v.model_dump_json(indent=2)) == v
    assert v.schema_version == SCHEMA_VERSION


def test_the_verdict_has_a_json_schema_with_the_contract_fields():
    schema = Verdict.model_json_schema()
    for name in ("schema_version", "history", "claim_date", "why", "how_sure", "lines", "evidence"):
        assert name in schema["properties"]
    line = schema["$defs"]["Line"]["properties"]
    assert {"item_ids", "documents", "party_to_conflict"} <= set(line)
    assessment = schema["$defs"]["Assessment"]["properties"]
    assert {"stated", "quote", "counted"} <= set(assessment)


def test_a_verdict_is_frozen():
    v = assess(claim(), evidence_from_lines(one_line("di", 6000, qualifier="more than")))
    with pytest.raises(pydantic.ValidationError):
        v.label = "false"  # type: ignore[misc]


def test_history_is_the_label_on_each_date_new_evidence_appeared(data_evidence):
    c = data_evidence.claims["dprk-kursk-killed-6000"]
    v = assess(c, data_evidence)
    assert v.history[-1].date == v.as_of and v.history[-1].label == v.label
    for point in v.history:
        assert assess(c, data_evidence, point.date).label == point.label
    labels = [p.label for p in v.history[:-1]]
    assert all(a != b for a, b in zip(labels, labels[1:], strict=False))


def test_stated_keeps_the_sources_words(data_evidence):
    v = assess(data_evidence.claims["dprk-kursk-casualties-6000"], data_evidence)
    stated = {a.item_id: a.stated for a in v.evidence}
    assert stated["c15-casualties"] == "more than 6,000"
    assert stated["c1-casualties"] == "several hundred"  # the words, not our 200 to 999
    assert all(a.quote for a in v.evidence)


def _ids(evidence) -> set[str]:
    ids = set(evidence.originators) | set(evidence.sources) | set(evidence.figures)
    names = " ".join(o.name for o in evidence.originators.values())
    return {i for i in ids if i not in names}


@pytest.mark.parametrize("claim_id", SEED)
def test_reader_sentences_name_originators_and_never_print_ids(data_evidence, claim_id):
    v = assess(data_evidence.claims[claim_id], data_evidence)
    assert 3 <= len(v.why) <= 5
    assert v.why == tuple(why_bullets(v, data_evidence)) and v.how_sure == how_sure(v)
    text = " ".join([v.summary, v.how_sure, *v.why, *v.reasoning, *(f.text for f in v.flags)])
    leaked = sorted(
        i for i in _ids(data_evidence) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)
    )
    assert leaked == []


def test_why_says_who_and_what_the_claim_leaves_out():
    hedged = one_line("di", 6000, qualifier="more than", hedge="highly likely")
    v = assess(claim(), evidence_from_lines(hedged))
    assert (
        v.why[0]
        == "Originator di estimated more than 6,000 casualties by 15 June 2025 and called it highly likely."
    )
    assert (
        "The claim leaves out that Originator di said 'highly likely': an assessment, not a count."
        in v.why
    )
    assert v.how_sure == (
        "We judge it highly likely (80 to 90 in 100) that the claim is true, because it rests on one "
        "source, Originator di, which itself said 'highly likely'."
    )


def test_verdict_json_keeps_the_cli_contract_and_adds_the_new_fields():
    v = assess(claim(), evidence_from_lines(one_line("di", 6000, qualifier="more than")))
    data = json.loads(v.model_dump_json())  # what `factcheck verdict --json` prints
    for key in (
        "claim_id",
        "label",
        "label_name",
        "rating",
        "probability",
        "lines",
        "evidence",
        "flags",
        "history",
        "schema_version",
        "why",
    ):
        assert key in data
    assert data["evidence"][0]["stated"] == "more than 6,000"


def test_a_reason_is_fields_in_the_json_and_its_sentence_is_worded_from_them(monkeypatch):
    """Schema 4: a line's and an item's reason travel as a code and fields (`grounds`); the
    `reason` sentence is computed from them by factcheck.wording, never stored or parsed."""
    from factcheck import wording

    v = assess(claim(), evidence_from_lines(one_line("di", 7000, qualifier="more than")))
    data = json.loads(v.model_dump_json())
    grounds = data["lines"][0]["grounds"]
    assert grounds["code"] == "implies"
    assert grounds["reading"]["result"]["low"] == 7000
    assert grounds["claim"]["comparator"] == ">" and grounds["claim"]["value"] == 6000
    assert data["lines"][0]["reason"] == wording.reason_sentence(v.lines[0].grounds)
    assert data["evidence"][0]["grounds"] == grounds
    monkeypatch.setattr(wording, "reason_sentence", lambda reason: f"because {reason.code}")
    assert v.lines[0].reason == "because implies"
