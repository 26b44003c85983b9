"""Issue 22's messages: a timed-out cell, stray claim notebooks, DIR's template, a reason per failure.

Real `factcheck` commands and real kernels on the tiny fixture base.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from factcheck.errors import UsageError
from factcheck.rendering.render import notebook_for, stray_notebooks

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))  # test_cli_hostile
from test_batch_warm import notebook, project  # noqa: E402
from test_cli_hostile import one_sentence, run  # noqa: E402


@pytest.mark.slow
def test_a_cell_that_runs_past_the_limit_fails_naming_the_cell_the_limit_and_the_option(tmp_path):
    """The limit is short (the test waits it out); the cells before the sleep only assign the
    parameters, well within it."""
    data = project(tmp_path, {}, {"casualties-6000": notebook("import time\ntime.sleep(600)")})

    result = run(
        "render", "casualties-6000", "--format", "html", "--cell-timeout", "2",
        "--data", str(data), "--out", str(tmp_path / "out"),
    )  # fmt: skip

    assert result.returncode == 1
    line = one_sentence(result)
    assert "time limit of 2 s" in line and "(import time)" in line and "--cell-timeout" in line
    assert "check the path" not in line
    assert not (tmp_path / "out" / "casualties-6000").exists()


def test_claim_notebooks_that_match_no_claim_are_named_with_the_reason(tmp_path):
    data = project(tmp_path, {}, {})
    own = tmp_path / "notebooks" / "claims"
    for name in ("no-such-claim.ipynb", "killed-6000.IPYNB", "killed-6000.ipynb.bak", "notes.txt"):
        (own / name).write_text("{}")
    (own / ".ipynb_checkpoints").mkdir()  # JupyterLab's: never warned about

    warnings = stray_notebooks(data, ["casualties-6000", "killed-6000"])

    assert len(warnings) == 4
    text = "\n".join(warnings)
    assert "no-such-claim.ipynb is not used: no claim 'no-such-claim' under data/claims/" in text
    assert (
        "killed-6000.IPYNB is not used: a claim notebook is named exactly killed-6000.ipynb" in text
    )
    assert "killed-6000.ipynb.bak is not used" in text and "notes.txt is not used" in text


def test_a_claim_notebook_that_is_a_pipe_or_a_folder_is_refused_not_replaced_by_the_template(
    tmp_path,
):
    data = project(tmp_path, {}, {})
    own = tmp_path / "notebooks" / "claims"
    os.mkfifo(own / "killed-6000.ipynb")
    (own / "casualties-6000.ipynb").mkdir()

    with pytest.raises(UsageError, match="killed-6000.ipynb is a named pipe, not a notebook file"):
        notebook_for("killed-6000", data)
    with pytest.raises(UsageError, match="casualties-6000.ipynb is a folder, not a notebook file"):
        notebook_for("casualties-6000", data)


def test_new_claim_notebook_with_data_copies_the_template_render_uses_for_that_folder(tmp_path):
    data = project(tmp_path, {}, {})
    template = json.loads(notebook("print('the copied project template')"))
    (tmp_path / "notebooks" / "report.ipynb").write_text(json.dumps(template))

    result = run("new-claim", "casualties-6000", "--notebook", "--data", str(data))

    assert result.returncode == 0, result.stderr
    written = (tmp_path / "notebooks" / "claims" / "casualties-6000.ipynb").read_text()
    assert "the copied project template" in written


@pytest.mark.slow
def test_a_notebook_that_displays_megabytes_of_html_fails_before_the_pdf_is_laid_out(tmp_path):
    flood = "from IPython.display import HTML, display\ndisplay(HTML('<p>x</p>' * 250_000))"
    data = project(tmp_path, {}, {"casualties-6000": notebook(flood)})

    result = run(
        "render", "casualties-6000", "--data", str(data), "--out", str(tmp_path / "out"),
    )  # fmt: skip

    assert result.returncode == 1
    line = one_sentence(result)
    assert "hold 2,000,0" in line and "1,500,000" in line and "cell In [3]" in line
    assert not (tmp_path / "out" / "casualties-6000").exists()


def test_a_claim_notebook_without_a_parameters_cell_is_named_by_its_own_path(tmp_path):
    import nbformat

    data = project(tmp_path, {}, {})
    own = tmp_path / "notebooks" / "claims" / "casualties-6000.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), own)

    result = run("render", "casualties-6000", "--data", str(data), "--out", str(tmp_path / "out"))

    line = one_sentence(result)
    assert f"{own}: no cell tagged 'parameters'" in line and ".staging-" not in line
