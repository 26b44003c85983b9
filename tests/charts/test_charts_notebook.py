"""`charts.show` in a real kernel under papermill: small, byte-identical notebook outputs."""

from __future__ import annotations

import json

import nbformat
import pytest
from conftest import MINI
from jupyter_client import KernelManager

pytestmark = pytest.mark.slow

CELL = f"""
from pathlib import Path
from factcheck import charts
from factcheck.evidence import load_evidence
from factcheck.verdict import assess

evidence = load_evidence(Path({str(MINI)!r}))
claim = evidence.claims["casualties-6000"]
verdict = assess(claim, evidence)
data = charts.estimates_data(evidence, claim, verdict)
fig = charts.estimates_chart(data, title=charts.estimates_title(data, claim), claim=claim)
charts.show(fig, "estimates", charts.estimates_alt(data, claim))
"""


def _run(folder, monkeypatch):
    import papermill

    folder.mkdir()
    monkeypatch.setenv("FACTCHECK_CHARTS_DIR", str(folder / "charts"))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "in.ipynb")
    # an IPC kernel, as the renderer uses: no loopback network needed
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(folder / "kernel"))
    papermill.execute_notebook(
        str(folder / "in.ipynb"),
        str(folder / "out.ipynb"),
        progress_bar=False,
        kernel_name="python3",
        km=km,
    )
    return json.loads((folder / "out.ipynb").read_text())["cells"][0]["outputs"]


def test_show_leaves_one_small_html_output_and_the_same_files_every_run(tmp_path, monkeypatch):
    first = _run(tmp_path / "one", monkeypatch)
    second = _run(tmp_path / "two", monkeypatch)
    assert first == second
    (output,) = first
    assert set(output["data"]) == {"text/html", "text/plain"}  # no image/png copy
    assert "".join(output["data"]["text/plain"]).startswith("<chart estimates: ")
    assert len(json.dumps(output)) < 200_000
    for name in ("estimates.png", "estimates.svg"):
        one = (tmp_path / "one" / "charts" / name).read_bytes()
        assert one == (tmp_path / "two" / "charts" / name).read_bytes()
