"""Notebooks are committed clean: no outputs, no papermill metadata, the parameters tag kept."""

from __future__ import annotations

import subprocess

import nbformat
import pytest

from factcheck.paths import NOTEBOOKS_DIR, PROJECT_ROOT

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def committed_notebooks() -> list:
    listed = subprocess.run(
        ["git", "ls-files", "*.ipynb"], capture_output=True, text=True, cwd=PROJECT_ROOT
    ).stdout.split()
    return [PROJECT_ROOT / name for name in listed] or NOTEBOOKS


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs_or_papermill_metadata(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; run nbstripout or make lint"
    assert "papermill" not in nb.metadata
    assert not any("papermill" in c.metadata for c in nb.cells)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_declares_typed_commented_parameters(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        name, rest = line.split(":", 1)
        assert name.isidentifier() and "=" in rest and "  # " in rest, line
