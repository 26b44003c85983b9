"""One verdict, once, from one snapshot: the page, verdict.json and the ClaimReview agree.

These render in-process (real papermill, real kernel, real nbconvert) so the test can count the
engine's calls and edit data/ in the middle of a render.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

import factcheck.verdict
from factcheck.fingerprint import data_fingerprint
from factcheck.paths import REPORT_NOTEBOOK
from factcheck.rendering import execute as execution
from factcheck.rendering import render as render_module

pytestmark = pytest.mark.slow
MINI = Path(__file__).parent.parent / "fixtures" / "mini"
CLAIM = "casualties-6000"


def kernel_counter(tmp_path: Path, monkeypatch, module: str, function: str) -> Path:
    """Count the kernel's calls of `module.function`: a sitecustomize on the kernel's
    PYTHONPATH wraps it as the kernel's Python starts (a report kernel runs none of the user's
    IPython startup files) and writes one "kernel" line a call into the returned log."""
    log = tmp_path / f"{function}.log"
    log.touch()
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(
        "import pathlib, runpy\n"
        "for _counter in sorted(pathlib.Path(__file__).parent.glob('count_*.py')):\n"
        "    runpy.run_path(str(_counter))\n"
    )
    (site / f"count_{function}.py").write_text(
        f"import {module} as _module\n"
        f"_real = _module.{function}\n"
        "def _counted(*args, **kwargs):\n"
        f"    with open({str(log)!r}, 'a') as log:\n"
        "        log.write('kernel\\n')\n"
        "    return _real(*args, **kwargs)\n"
        f"_module.{function} = _counted\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(site))
    return log


def tiny_notebook(path: Path, with_verdict_json: bool) -> Path:
    """A claim notebook that prints the label: from verdict_json when given, else from data."""
    parameters = 'claim_id: str = "x"\nas_of: str = ""\ndata_dir: str = "data"'
    if with_verdict_json:
        parameters += '\nverdict_json: str = ""'
    else:
        parameters += "\nverdict_json = None"
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    body = (
        "import json\n"
        "from pathlib import Path\n"
        "from factcheck.evidence import for_claim, load_evidence\n"
        "if verdict_json:\n"
        "    label = json.loads(Path(verdict_json).read_text())['label']\n"
        "else:\n"
        "    from factcheck.verdict import assess\n"
        "    evidence = for_claim(load_evidence(Path(data_dir)), claim_id)\n"
        "    label = assess(evidence.claims[claim_id], evidence).label\n"
        "from IPython.display import HTML\n"
        "HTML(f'<p>LABEL={label}</p>')"
    )
    nb = nbformat.v4.new_notebook(
        cells=[
            cell,
            nbformat.v4.new_markdown_cell("# A tiny claim notebook"),
            nbformat.v4.new_code_cell(body),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder: data/ (the mini fixture), notebooks/claims/, reports/."""
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path


def count_assess(tmp_path: Path, monkeypatch) -> Path:
    """Count the engine's calls: in this process by wrapping, in the kernel by kernel_counter."""
    log = kernel_counter(tmp_path, monkeypatch, "factcheck.verdict", "assess")
    real = factcheck.verdict.assess

    def in_process(*args, **kwargs):
        with log.open("a") as handle:
            handle.write("render\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(factcheck.verdict, "assess", in_process)
    return log


@pytest.fixture
def counted(tmp_path, monkeypatch) -> Path:
    return count_assess(tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def template_render(tmp_path_factory) -> dict:
    """One render of the template notebook, read by three tests: the data folder given as an
    absolute path, the engine's calls counted (here and in the kernel) and the kernel's reads
    of the data counted. Each counter counts its own function only."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(MINI, root / "data")
    with pytest.MonkeyPatch.context() as monkeypatch:
        assessed = count_assess(root, monkeypatch)
        loads = kernel_counter(root, monkeypatch, "factcheck.page.base", "load_evidence")
        result = render_module.render(
            CLAIM,
            formats=("html",),
            data_dir=(root / "data").resolve(),
            reports_dir=root / "reports",
        )
    return {"root": root, "result": result, "assessed": assessed, "loads": loads}


def calls(log: Path) -> dict[str, int]:
    lines = log.read_text().split()
    return {"render": lines.count("render"), "kernel": lines.count("kernel")}


def test_a_claim_notebook_with_verdict_json_is_judged_once_in_the_render_and_never_in_the_kernel(
    project, counted
):
    tiny_notebook(project / "notebooks" / "claims" / f"{CLAIM}.ipynb", with_verdict_json=True)
    result = render_module.render(
        CLAIM, formats=("html",), data_dir=project / "data", reports_dir=project / "reports"
    )
    assert calls(counted) == {"render": 1, "kernel": 0}
    verdict = json.loads((result.out_dir / "verdict.json").read_text())
    page = (result.out_dir / f"{CLAIM}.html").read_text()
    assert f"LABEL={verdict['label']}" in page and "A tiny claim notebook" in page
    nb = nbformat.read(result.out_dir / f"{CLAIM}.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters["verdict_json"] == "verdict.json"


def test_the_template_notebook_is_judged_once_in_the_render_and_not_again_once_it_takes_verdict_json(
    template_render,
):
    counted = template_render["assessed"]
    declares = "verdict_json" in execution.declared_parameters(REPORT_NOTEBOOK)
    assert calls(counted)["render"] == 1
    if not declares:
        pytest.skip("notebooks/report.ipynb does not declare verdict_json yet (the reader branch)")
    assert calls(counted)["kernel"] == 0


@pytest.mark.parametrize("with_verdict_json", [True, False])
def test_editing_data_mid_render_cannot_make_the_page_and_the_claimreview_disagree(
    project, monkeypatch, with_verdict_json
):
    tiny_notebook(project / "notebooks" / "claims" / f"{CLAIM}.ipynb", with_verdict_json)
    claim_file = project / "data" / "claims" / f"{CLAIM}.yaml"
    before = data_fingerprint(project / "data", CLAIM)
    real_execute = execution.execute

    def edit_then_execute(*args, **kwargs):
        # An analyst saves the claim file while the kernel starts: a far larger claimed value.
        claim_file.write_text(claim_file.read_text().replace("value: 6000", "value: 600000"))
        return real_execute(*args, **kwargs)

    monkeypatch.setattr(execution, "execute", edit_then_execute)
    result = render_module.render(
        CLAIM, formats=("html",), data_dir=project / "data", reports_dir=project / "reports"
    )
    assert data_fingerprint(project / "data", CLAIM) != before  # the edit really happened
    verdict = json.loads((result.out_dir / "verdict.json").read_text())
    review = json.loads((result.out_dir / "claimreview.jsonld").read_text())
    page = (result.out_dir / f"{CLAIM}.html").read_text()
    assert f"LABEL={verdict['label']}" in page
    assert review["reviewRating"]["alternateName"] == verdict["label_name"]
    # The record is of the bytes that were read, so the next run sees the edit and renders again.
    monkeypatch.setattr(execution, "execute", real_execute)
    assert render_module.needs_render(
        CLAIM, ("html",), project / "data", project / "reports", render_module.code_fingerprint()
    )


def test_a_claim_notebook_replaces_the_template_for_its_claim_only_and_is_part_of_the_build(
    project,
):
    notebook = tiny_notebook(project / "notebooks" / "claims" / f"{CLAIM}.ipynb", True)
    assert render_module.notebook_for(CLAIM, project / "data") == notebook
    assert render_module.notebook_for("killed-6000", project / "data") == REPORT_NOTEBOOK
    kwargs = {
        "formats": ("html",),
        "data_dir": project / "data",
        "reports_dir": project / "reports",
    }
    render_module.render(CLAIM, **kwargs)
    assert render_module.render(CLAIM, **kwargs).up_to_date
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[1].source = "# A tiny claim notebook, with a paragraph more"
    nbformat.write(nb, notebook)
    second = render_module.render(CLAIM, **kwargs)
    assert not second.up_to_date
    assert "with a paragraph more" in (second.out_dir / f"{CLAIM}.html").read_text()


def test_the_executed_notebook_holds_no_absolute_path_when_data_is_absolute(template_render):
    project, result = template_render["root"], template_render["result"]
    for path in result.out_dir.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".html", ".json", ".jsonld", ".svg"):
            text = path.read_text(encoding="utf-8")
            assert str(project) not in text and "/tmp/" not in text, path.name
    nb = nbformat.read(result.out_dir / f"{CLAIM}.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters["data_dir"] == "data"


@pytest.fixture
def loads(tmp_path, monkeypatch) -> Path:
    """Count the kernel's reads of the data folder."""
    return kernel_counter(tmp_path, monkeypatch, "factcheck.page.base", "load_evidence")


def test_the_kernel_reads_the_evidence_the_render_loaded_and_never_the_data_again(
    template_render,
):
    loads, result = template_render["loads"], template_render["result"]
    assert loads.read_text().split().count("kernel") == 0
    assert not list(result.out_dir.rglob("*.pickle"))  # the hand-off is never published
    nb = nbformat.read(result.out_dir / f"{CLAIM}.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters["evidence_file"] == render_module.EVIDENCE_HANDOFF


def test_a_notebook_without_the_hand_off_reads_the_data_itself(project, loads):
    """The counter counts: a claim notebook that calls load_claim without `evidence_file`."""
    notebook = project / "notebooks" / "claims" / f"{CLAIM}.ipynb"
    tiny_notebook(notebook, with_verdict_json=True)
    nb = nbformat.read(notebook, as_version=4)
    nb.cells[2].source = (
        "from factcheck.page import load_claim\n"
        "claim, evidence = load_claim(claim_id, data_dir)\n"
        "from IPython.display import HTML\n"
        "HTML(f'<p>CLAIM={claim.id}</p>')"
    )
    nbformat.write(nb, notebook)
    render_module.render(
        CLAIM, formats=("html",), data_dir=project / "data", reports_dir=project / "reports"
    )
    assert loads.read_text().split().count("kernel") == 1
