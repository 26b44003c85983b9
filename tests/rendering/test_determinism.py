"""The same data, code and parameters give the same bytes, wherever and whenever they run."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rendering import PUBLISHED_ENV, render_all_into

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


def test_two_renders_in_separate_processes_and_folders_are_byte_identical(
    tmp_path, tmp_path_factory
):
    """The first render is the session's shared one (`render --all`, run from the project
    folder into the session's temporary folder, with the publisher settings); the second is
    this claim alone, forced, run from another folder into another, with the same settings."""
    shared = render_all_into(tmp_path_factory)
    out = tmp_path / "second"
    done = subprocess.run(
        [FACTCHECK, "render", DEFAULT_CLAIM, "--out", str(out), "--force", "-q"],
        cwd=tmp_path,
        env={**os.environ, **PUBLISHED_ENV},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    first, second = digests(shared / DEFAULT_CLAIM), digests(out / DEFAULT_CLAIM)
    assert first.keys() >= {
        f"{DEFAULT_CLAIM}.html",
        f"{DEFAULT_CLAIM}.pdf",
        f"{DEFAULT_CLAIM}.ipynb",
        "verdict.json",
        "claimreview.jsonld",
        "charts/estimates.svg",
    }
    assert first == second

    leaks = [str(tmp_path), str(shared), str(PROJECT_ROOT)]
    for path in (out / DEFAULT_CLAIM).rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ipynb", ".json", ".jsonld", ".svg"):
            text = path.read_text(encoding="utf-8")
            assert not [leak for leak in leaks if leak in text], (
                f"{path.name} contains an absolute path"
            )
