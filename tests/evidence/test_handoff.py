"""The evidence a render hands its kernel carries what the render worked out about it, so the
kernel neither works it out again nor imports the graph library to do so (its start-up is on
the path of every cold render)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factcheck import evidence as evidence_module
from factcheck.evidence import for_claim, load_evidence, read_handoff, write_handoff
from factcheck.independence import root_map

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
DATA_BASE = Path(__file__).resolve().parents[1] / "fixtures" / "data_base"


def test_the_handed_off_evidence_carries_its_document_roots(tmp_path):
    evidence = load_evidence(MINI)
    roots = root_map(evidence)
    write_handoff(evidence, tmp_path / "evidence.pickle")
    handed = read_handoff(tmp_path / "evidence.pickle")
    assert handed.derived["roots"] == roots and root_map(handed) is handed.derived["roots"]


def test_a_kernel_reading_the_hand_off_and_judging_knowability_never_imports_networkx(tmp_path):
    evidence = load_evidence(MINI)
    root_map(evidence)  # as the render does before handing it over
    write_handoff(evidence, tmp_path / "evidence.pickle")
    probe = (
        "import sys\n"
        "from factcheck.rendering.zygote import preload; preload()\n"
        "from factcheck.evidence import read_handoff\n"
        "from factcheck.reasoning.knowledge import is_knowable\n"
        f"ev = read_handoff({str(tmp_path / 'evidence.pickle')!r})\n"
        "import datetime as dt\n"
        "assert [is_knowable(ev, s, dt.date(2100, 1, 1)) for s in ev.sources]\n"
        "print('networkx' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr


def test_a_base_changed_with_replace_works_its_roots_out_again():
    import dataclasses

    evidence = load_evidence(MINI)
    root_map(evidence)
    changed = dataclasses.replace(evidence, sources={})
    assert changed.derived == {} and root_map(changed) == {}


def test_two_claims_of_one_base_hand_off_one_pickle_of_the_tables_and_each_its_own_claim(
    tmp_path,
):
    """A batch worker hands each claim's kernel the same tables: pickled once, while each kernel
    still reads its own claim and data version; another base is pickled afresh."""
    handed = []
    for claim_id in sorted(load_evidence(MINI).claims):
        evidence = for_claim(load_evidence(MINI), claim_id)
        root_map(evidence)
        write_handoff(evidence, tmp_path / f"{claim_id}.pickle")
        handed.append((claim_id, evidence, evidence_module._last_pickled_tables[0][2]))
    (_, first, first_tables), (_, second, second_tables) = handed
    assert second_tables is first_tables and first.version != second.version
    for claim_id, evidence, _ in handed:
        back = read_handoff(tmp_path / f"{claim_id}.pickle")
        assert back == evidence and back.version == evidence.version and back.derived["roots"]

    other = load_evidence(DATA_BASE)
    write_handoff(other, tmp_path / "other.pickle")
    assert evidence_module._last_pickled_tables[0][2] is not first_tables
    assert read_handoff(tmp_path / "other.pickle") == other
