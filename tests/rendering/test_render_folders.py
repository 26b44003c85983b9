"""A report folder changes as a whole, wherever a run is killed; paths are resolved up front;
one unfinished claim never blocks the others; only the formats asked for are written.

The README promises: "a report folder is always one whole render, the previous or the new".
Each kill point below stops a real render (os._exit, like SIGKILL: no clean-up runs) at one
step, and the folder must then equal the old report or the new one, never a mix. Two kill
points come before the notebook runs; from "outputs computed" on, the killed render and the
next one publish the outputs the fixture's real render of the new data computed (what is
staged and swapped, not how the notebook made it, is the point there), so those renders start
no kernel and run no notebook.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from invoke import factcheck
from rendering import with_outputs_of

from factcheck.rendering import execute as execution
from factcheck.rendering import files
from factcheck.rendering import render as render_module

pytestmark = pytest.mark.slow
FACTCHECK = str(Path(sys.executable).with_name("factcheck"))
MINI = Path(__file__).parent.parent / "fixtures" / "mini"
CLAIM = "casualties-6000"


def visible(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def everything(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


BEFORE_THE_NOTEBOOK = ["snapshot written", "kernel about to start"]
STEPS = [
    *BEFORE_THE_NOTEBOOK,
    "outputs computed, none staged",
    "staged, not swapped",
    "swapped, old folder not yet removed",
    "no atomic swap: old moved aside",
    "no atomic swap: new in place",
]


def kill_at(step: str, versions: dict, reports: Path) -> int:
    """A fresh interpreter renders the new data and dies at `step`; its exit status (9 when
    killed). Past the notebook it computes nothing: the new report's outputs stand in."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from rendering import render_killed_at; "
        "render_killed_at(*sys.argv[2:])"
    )
    outputs = "" if step in BEFORE_THE_NOTEBOOK else str(versions["new_report"])
    args = [str(Path(__file__).parent.parent), step, CLAIM, str(versions["new_data"])]
    args += [str(reports), outputs]
    return subprocess.run([sys.executable, "-c", code, *args], timeout=300).returncode


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict:
    """The old report (original data) and the new one (the claim edited) as file hashes."""
    root = tmp_path_factory.mktemp("versions")
    old_data, new_data = root / "old" / "data", root / "new" / "data"
    shutil.copytree(MINI, old_data)
    shutil.copytree(MINI, new_data)
    claim = new_data / "claims" / f"{CLAIM}.yaml"
    claim.write_text(claim.read_text().replace("value: 6000", "value: 600000"))
    for data in (old_data, new_data):
        render_module.render(
            CLAIM, formats=("html",), data_dir=data, reports_dir=data.parent / "reports"
        )
    old = visible(old_data.parent / "reports" / CLAIM)
    new = visible(new_data.parent / "reports" / CLAIM)
    assert old != new
    new_report = new_data.parent / "reports" / CLAIM
    return {"root": root, "old": old, "new": new, "new_data": new_data, "new_report": new_report}


@pytest.mark.parametrize("step", STEPS)
def test_a_render_killed_at_any_step_leaves_the_old_report_or_the_new_one_whole(
    versions, tmp_path, step, monkeypatch, own_kernel_root
):
    reports = tmp_path / "reports"
    shutil.copytree(versions["root"] / "old" / "reports", reports)
    assert kill_at(step, versions, reports) == 9, f"not killed at {step!r}"
    # Before the notebook, the killed render had started its kernel (in this test's own
    # temporary folder): stopped and its folder removed, as the next render that starts a
    # kernel would (the next run below publishes without one).
    execution.sweep_dead_kernel_folders()
    # "No atomic swap: old moved aside" is the one moment without a folder; never a mixed one.
    if (reports / CLAIM).exists():
        assert visible(reports / CLAIM) in (versions["old"], versions["new"])
    else:
        assert step == "no atomic swap: old moved aside"
    # The next run puts things right: the new report, whole, and no leftovers. Only its
    # locking, clearing, staging and swapping are the point: the notebook's outputs stand in.
    monkeypatch.setattr(render_module, "_render_into", with_outputs_of(versions["new_report"]))
    render_module.render(
        CLAIM, formats=("html",), data_dir=versions["new_data"], reports_dir=reports
    )
    assert visible(reports / CLAIM) == versions["new"]
    assert not list(reports.glob(f".{CLAIM}.staging-*"))
    assert not [name for name in everything(reports / CLAIM) if name.endswith(".tmp")]


def test_a_run_killed_between_the_fallback_renames_gives_the_old_report_back_to_the_next_run(
    versions, tmp_path
):
    reports = tmp_path / "reports"
    shutil.copytree(versions["root"] / "old" / "reports", reports)
    assert kill_at("no atomic swap: old moved aside", versions, reports) == 9
    assert not (reports / CLAIM).exists()
    files.clear_leftovers(reports / CLAIM)  # what the next render does first, under the lock
    assert visible(reports / CLAIM) == versions["old"]


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> dict:
    """One render, in a fresh process, under every awkward setting the next four tests are
    about, each of which reads it for its own: data and out given relative to another folder
    (the working directory), a TMPDIR too long for the kernel's sockets, an as-of before the
    claim date, and the PDF alone. One notebook run instead of four."""
    root = tmp_path_factory.mktemp("awkward")
    project, elsewhere, temp = root / "project", root / "elsewhere", root / ("long-" * 20)
    shutil.copytree(MINI, project / "data")
    elsewhere.mkdir()
    temp.mkdir()
    result = subprocess.run(
        [FACTCHECK, "render", CLAIM, "--data", "../project/data", "--out", "../project/out"]
        + ["--as-of", "2025-06-01", "--format", "pdf"],
        cwd=elsewhere,
        env=os.environ | {"TMPDIR": str(temp)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {"result": result, "project": project, "elsewhere": elsewhere}


def test_a_relative_out_and_data_from_another_folder_keep_every_file_in_the_report(awkward):
    assert awkward["result"].returncode == 0, awkward["result"].stderr
    project = awkward["project"]
    charts = project / "out" / CLAIM / "charts"
    assert {p.suffix for p in charts.iterdir()} == {".png", ".svg"}
    assert list(awkward["elsewhere"].rglob("*")) == []
    assert not [p for p in (project / "data").rglob("*") if p.suffix in (".png", ".svg")]


def test_a_temporary_folder_too_long_for_sockets_still_renders(awkward):
    assert awkward["result"].returncode == 0, awkward["result"].stderr
    assert (awkward["project"] / "out" / CLAIM / f"{CLAIM}.pdf").exists()


def test_an_as_of_before_the_claim_date_renders(awkward):
    assert awkward["result"].returncode == 0, awkward["result"].stderr
    verdict = awkward["project"] / "out" / CLAIM / "verdict.json"
    assert '"as_of": "2025-06-01"' in verdict.read_text()


def test_format_pdf_writes_a_pdf_and_no_html(awkward):
    assert awkward["result"].returncode == 0, awkward["result"].stderr
    names = set(visible(awkward["project"] / "out" / CLAIM))
    assert f"{CLAIM}.pdf" in names and f"{CLAIM}.html" not in names


def test_render_all_renders_every_other_claim_and_reports_the_unfinished_one(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    assert factcheck("new-claim", "half-written", "--data", str(data)).returncode == 0
    result = subprocess.run(
        [FACTCHECK, "render", "--all", "--jobs", "100", "--format", "html"]
        + ["--data", str(data), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1
    assert "2 rendered, 0 up to date, 1 failed" in result.stdout
    assert (
        "error: half-written: invalid claim file: data/claims/half-written.yaml:" in result.stderr
    )
    assert "Traceback" not in result.stderr
    for claim in ("casualties-6000", "killed-6000"):
        assert (tmp_path / "out" / claim / f"{claim}.html").exists()
    assert (tmp_path / "out" / "index.html").exists()


def test_the_review_goes_to_underscore_review_a_claim_named_review_keeps_its_folder(
    tmp_path,
):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    text = (data / "claims" / f"{CLAIM}.yaml").read_text().replace(f"id: {CLAIM}", "id: review")
    (data / "claims" / "review.yaml").write_text(text)
    # an unfinished claim is left out of the review instead of stopping it
    assert factcheck("new-claim", "half-written", "--data", str(data)).returncode == 0
    out = tmp_path / "out"
    for args in (["render", "review", "--format", "html"], ["review"]):
        result = factcheck(*args, "--data", str(data), "--out", str(out))
        assert result.returncode == 0, result.stderr
    assert (out / "review" / "review.html").exists() and (out / "review" / "verdict.json").exists()
    assert (out / "_review" / "review.html").exists()
    assert not (out / "_review" / "verdict.json").exists()


def test_kernel_folders_left_by_a_killed_render_are_removed_by_the_next_render(tmp_path, request):
    temp = Path(tempfile.mkdtemp(dir="/tmp", prefix="fc-"))  # short: sockets live here
    request.addfinalizer(lambda: shutil.rmtree(temp, ignore_errors=True))
    env = os.environ | {"TMPDIR": str(temp)}
    command = [FACTCHECK, "render", CLAIM, "--data", str(MINI), "--format", "html", "--force"]
    process = subprocess.Popen(
        [*command, "--out", str(tmp_path / "first")], env=env, stderr=subprocess.DEVNULL
    )
    pattern = f"factcheck-kernel-{process.pid}-*"
    for _ in range(600):
        if list(temp.glob(pattern)) or process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert list(temp.glob(pattern)), "the kill came after the kernel folder was removed"
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "second")], env=env, capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert not list(temp.glob("factcheck-kernel-*"))
