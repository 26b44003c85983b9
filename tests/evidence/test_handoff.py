"""The evidence a render hands its kernel carries what the render worked out about it, so the
kernel neither works it out again nor imports the graph library to do so (its start-up is on
the path of every cold render)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factcheck.evidence import load_evidence, read_handoff, write_handoff
from factcheck.independence import root_map

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


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
