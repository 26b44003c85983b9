"""The same data, code and parameters give the same bytes, wherever and whenever they run."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow
FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
DEFAULT_CLAIM = "dprk-kursk-casualties-6000"  # the seed claim, the Makefile's CLAIM


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_two_renders_in_separate_processes_and_folders_are_byte_identical(tmp_path):
    outs = [tmp_path / "first", tmp_path / "second"]
    runs = [
        subprocess.Popen(
            [FACTCHECK, "render", DEFAULT_CLAIM, "--out", str(out), "--force", "-q"], cwd=cwd
        )
        for out, cwd in zip(outs, (PROJECT_ROOT, tmp_path), strict=True)
    ]
    assert [r.wait(timeout=600) for r in runs] == [0, 0]
    first, second = (digests(out / DEFAULT_CLAIM) for out in outs)
    assert first.keys() >= {
        f"{DEFAULT_CLAIM}.html",
        f"{DEFAULT_CLAIM}.pdf",
        f"{DEFAULT_CLAIM}.ipynb",
        "verdict.json",
        "claimreview.jsonld",
        "charts/estimates.svg",
    }
    assert first == second

    leaks = [str(tmp_path), str(PROJECT_ROOT)]
    for path in (outs[0] / DEFAULT_CLAIM).rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ipynb", ".json", ".jsonld", ".svg"):
            text = path.read_text(encoding="utf-8")
            assert not [leak for leak in leaks if leak in text], (
                f"{path.name} contains an absolute path"
            )
