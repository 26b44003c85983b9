"""One unfinished claim never blocks the others (issue 14).

`load_evidence(data, strict=False)` sets aside a claim file with problems (in
`evidence.claim_problems`, keyed by file stem) and loads every valid claim; problems in the
shared tables still raise. The strict default (`factcheck validate`) still lists everything.
`check_one_claim` (factcheck.rendering.claims) is what `factcheck validate CLAIM` and
`factcheck render CLAIM` run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from data_base import FIXTURE, copy_base

from factcheck.errors import UsageError
from factcheck.evidence import EvidenceError, load_evidence
from factcheck.rendering.claims import check_one_claim
from factcheck.scaffold import write_claim_template


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return copy_base(tmp_path)


def write(data: Path, name: str, text: str) -> None:
    (data / "claims" / name).write_text(text, encoding="utf-8")


BROKEN = "id: broken\nclaim: [unclosed\n"


def test_a_broken_claim_file_is_set_aside_and_the_others_load(data):
    write(data, "broken.yaml", BROKEN)
    evidence = load_evidence(data, strict=False)
    assert sorted(evidence.claims) == ["confirmed", "losses-4000"]
    assert list(evidence.claim_problems) == ["broken"]
    [problem] = evidence.claim_problems["broken"]
    assert problem.file == "data/claims/broken.yaml"
    assert problem.message.startswith("not valid YAML")


def test_strict_loading_still_refuses_the_whole_base(data):
    write(data, "broken.yaml", BROKEN)
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data)
    assert [p.file for p in caught.value.problems] == ["data/claims/broken.yaml"]


def test_a_claim_just_made_by_new_claim_is_set_aside_with_its_first_problem(data):
    write_claim_template("half-written", data)
    evidence = load_evidence(data, strict=False)
    assert "half-written" not in evidence.claims
    first = evidence.claim_problems["half-written"][0]
    assert str(first) == (
        "data/claims/half-written.yaml:7: appeared_in: "
        "unknown source 'source-id'; expected an id from sources"
    )


def test_cross_reference_problems_belong_to_their_claim(data):
    text = (FIXTURE / "claims" / "losses-4000.yaml").read_text()
    write(data, "other.yaml", text.replace("losses-4000", "other").replace("[echo]", "[nowhere]"))
    evidence = load_evidence(data, strict=False)
    assert [str(p) for p in evidence.claim_problems["other"]] == [
        "data/claims/other.yaml:5: appeared_in: unknown source 'nowhere'; expected an id from sources"
    ]
    assert "losses-4000" in evidence.claims


def test_a_yml_file_is_a_problem_of_that_claim_only(data):
    write(data, "stray.yml", "id: stray\n")
    evidence = load_evidence(data, strict=False)
    assert [p.message for p in evidence.claim_problems["stray"]] == [
        "expected the extension .yaml, found .yml; rename it stray.yaml"
    ]


def test_problems_in_the_shared_tables_still_stop_everything(data):
    write(data, "broken.yaml", BROKEN)
    (data / "figures.csv").write_text(
        (data / "figures.csv").read_text().replace("casualties,4000", "casualties,many")
    )
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data, strict=False)
    assert [p.file for p in caught.value.problems] == ["data/figures.csv"]


def test_a_correction_naming_a_set_aside_claim_is_not_reported_as_unknown(data):
    write(data, "broken.yaml", BROKEN)
    (data / "corrections.csv").write_text("date,claim,description\n2025-07-01,broken,Fixed.\n")
    assert list(load_evidence(data, strict=False).claim_problems) == ["broken"]


def test_a_valid_base_has_no_claim_problems(data):
    assert load_evidence(data, strict=False).claim_problems == {}
    assert load_evidence(data).claim_problems == {}


def test_check_one_claim_reports_that_claim_only(data):
    write(data, "broken.yaml", BROKEN)
    assert "losses-4000" in check_one_claim(data, "losses-4000").claims
    with pytest.raises(EvidenceError) as caught:
        check_one_claim(data, "broken")
    [problem] = caught.value.problems
    assert problem.file == "data/claims/broken.yaml"


def test_check_one_claim_reports_shared_table_problems(data):
    (data / "subjects.csv").write_text("id,name,description\nTroops,Troops,\n")
    with pytest.raises(EvidenceError) as caught:
        check_one_claim(data, "losses-4000")
    found = caught.value.problems
    assert found and all(p.file != "data/claims/losses-4000.yaml" for p in found)
    assert any(p.file == "data/subjects.csv" for p in found)


def test_check_one_claim_names_a_missing_claim_and_suggests_a_close_one(data):
    with pytest.raises(UsageError, match="unknown claim 'losses-400'. Did you mean 'losses-4000'"):
        check_one_claim(data, "losses-400")
