"""The small hand-written evidence base in fixtures/data_base, copied per test, and what it raises."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factcheck.evidence import EvidenceError, load_evidence

FIXTURE = Path(__file__).parent / "fixtures" / "data_base"


def copy_base(tmp_path: Path) -> Path:
    """A private copy of the base for one test to break."""
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def problems(data: Path, **load) -> list[str]:
    """Every problem validation reports, as the user reads them."""
    with pytest.raises(EvidenceError) as caught:
        load_evidence(data, **load)
    return [str(p) for p in caught.value.problems]
