"""Warm batches: each claim's kernel is forked from a worker's pre-imported factory, and every
claim's report equals a cold render's.

Real papermill and real kernels on the tiny fixture base (tests/fixtures/mini) plus hand-made
claims and claim notebooks written to pollute or break the kernel they run in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from factcheck.fingerprint import BUILD_FILE
from factcheck.rendering import warm
from factcheck.rendering.batch import render_all
from factcheck.rendering.render import render

pytestmark = pytest.mark.slow

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
PARAMETERS = 'claim_id = ""\nas_of = ""\ndata_dir = "data"\nverdict_json = ""\n'
# What the next notebook must not inherit: a variable, an rcParam, a pandas option, an open
# figure, a warning already shown, another cwd.
POLLUTE = """\
import os, warnings
import matplotlib, matplotlib.pyplot as plt, pandas as pd
leftover = "from the claim before"
matplotlib.rcParams["lines.linewidth"] = 9
pd.set_option("display.max_rows", 3)
plt.figure()
warnings.warn("shown once per kernel unless the registry is reset", UserWarning)
os.chdir("/")
"""
CHECK = """\
import warnings
from pathlib import Path
import matplotlib, matplotlib.pyplot as plt, pandas as pd
with warnings.catch_warnings(record=True) as caught:  # printed, it would name the kernel's pid
    warnings.warn("shown once per kernel unless the registry is reset", UserWarning)
print({
    "warned": len(caught),
    "leftover": "leftover" in globals(),
    "linewidth": matplotlib.rcParams["lines.linewidth"],
    "max_rows": pd.get_option("display.max_rows"),
    "figures": plt.get_fignums(),
    "in its own folder": Path("verdict.json").is_file(),
})
"""


def claim_yaml(claim_id: str, value: int) -> str:
    return (
        f"id: {claim_id}\n"
        f'claim: "More than {value:,} North Korean troops have been killed."\n'
        "claimant: A headline\nclaim_date: 2025-06-15\nappeared_in: [outlet-b]\n"
        f'subject: troops\nmetric: killed\ncomparator: ">"\nvalue: {value}\nas_of: 2025-09-30\n'
    )


def notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    first = nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})
    nb.cells = [first, *(nbformat.v4.new_code_cell(source) for source in cells)]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nbformat.writes(nb)


def sleeper(started: Path, seconds: int) -> str:
    """A cell that says it has started (it makes the file `started`), then sleeps: a test waits
    for the file instead of guessing how long kernels take to start on a loaded machine."""
    return f"import time\nopen({str(started)!r}, 'w').close()\ntime.sleep({seconds})"


def wait_for(path: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} did not appear in {timeout:.0f} s"
        time.sleep(0.05)


def project(tmp_path: Path, claims: dict[str, int], notebooks: dict[str, str]) -> Path:
    """tmp_path/data (mini plus `claims`) and tmp_path/notebooks/claims (`notebooks`)."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for claim_id, value in claims.items():
        (data / "claims" / f"{claim_id}.yaml").write_text(claim_yaml(claim_id, value))
    own = tmp_path / "notebooks" / "claims"
    own.mkdir(parents=True)
    for claim_id, text in notebooks.items():
        (own / f"{claim_id}.ipynb").write_text(text)
    return data


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file of a report folder except its build record (it holds the timing)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != BUILD_FILE
    }


def cold(data: Path, out: Path, claim_id: str) -> dict[str, str]:
    render(claim_id, formats=("html",), data_dir=data, reports_dir=out, force=True)
    return digests(out / claim_id)


def cold_mini(tmp_path_factory, claim_id: str) -> dict[str, str]:
    """A cold render of one of the mini base's own claims (casualties-6000, killed-6000), shared
    by every test of the session that compares a warm render against it: a claim's report does
    not depend on the other claims in its data folder, so a project that adds claims to mini
    renders these two to the same bytes. The first test to ask renders it; render is
    incremental and locked per claim, so the others, in either xdist worker, read it."""
    return digests(mini_cold_reports(tmp_path_factory, claim_id) / claim_id)


def mini_cold_reports(tmp_path_factory, *claim_ids: str) -> Path:
    """The session's folder of cold renders of the mini base's claims, `claim_ids` up to date
    in it (rendered by the first test that asks, only read by the others)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by every worker of this session, as tests/rendering.py does
    out = root / "mini-cold"
    for claim_id in claim_ids:
        render(claim_id, formats=("html",), data_dir=MINI, reports_dir=out)
    return out


WARM_IDS = ["casualties-6000", "killed-1000", "killed-6000"]


@pytest.fixture(scope="module")
def warm_batch(tmp_path_factory):
    """One warm batch of three claims on two workers, its kernels' sockets in a short folder of
    its own: the byte-identity test and the no-leftovers test both read this one batch."""
    tmp = tmp_path_factory.mktemp("warm-batch")
    kernel_root = Path(tempfile.mkdtemp(prefix="fc-", dir="/tmp"))  # short enough for sockets
    data = project(tmp, {"killed-1000": 1000}, {})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(kernel_root))  # for the kernel factory's own processes
        patch.setattr(tempfile, "tempdir", str(kernel_root))
        # two workers for three claims: at least one kernel runs a second notebook
        result = render_all(data, tmp / "warm", ("html",), jobs=2, force=True)
    yield {"tmp": tmp, "data": data, "result": result, "kernel_root": kernel_root}
    shutil.rmtree(kernel_root, ignore_errors=True)


def test_three_claims_rendered_warm_in_a_batch_are_byte_identical_to_cold_renders(
    warm_batch, tmp_path_factory
):
    tmp, data, result = warm_batch["tmp"], warm_batch["data"], warm_batch["result"]
    expected = {
        "casualties-6000": cold_mini(tmp_path_factory, "casualties-6000"),
        "killed-1000": cold(data, tmp / "cold", "killed-1000"),
        "killed-6000": cold_mini(tmp_path_factory, "killed-6000"),
    }

    assert result.failed == {}
    assert sorted(r.claim_id for r in result.rendered) == WARM_IDS
    for claim_id in WARM_IDS:
        warm_files = digests(tmp / "warm" / claim_id)
        assert f"{claim_id}.html" in warm_files and f"{claim_id}.ipynb" in warm_files
        assert warm_files == expected[claim_id], claim_id


@pytest.fixture(scope="module")
def broken_then_checked(tmp_path_factory) -> dict:
    """A project whose claims break their kernel two ways (a cell that raises after polluting
    it, a kernel that exits) and a claim that prints what its kernel inherited, with that
    claim's cold render: the two tests below each batch one breaker before it."""
    tmp = tmp_path_factory.mktemp("broken")
    data = project(
        tmp,
        {"a-pollutes-then-raises": 1000, "a-kills-the-kernel": 1000, "b-checks": 2000},
        {
            "a-pollutes-then-raises": notebook(POLLUTE, 'raise ValueError("broken on purpose")'),
            "a-kills-the-kernel": notebook("import os\nos._exit(1)"),
            "b-checks": notebook(CHECK),
        },
    )
    return {"data": data, "cold": cold(data, tmp / "cold", "b-checks")}


def test_a_claim_whose_cell_raises_leaves_the_next_claim_a_clean_kernel(
    broken_then_checked, tmp_path
):
    data = broken_then_checked["data"]

    # one worker: b runs in the very kernel a polluted and broke
    ids = ["a-pollutes-then-raises", "b-checks"]
    result = render_all(data, tmp_path / "warm", ("html",), jobs=1, force=True, ids=ids)

    assert list(result.failed) == ["a-pollutes-then-raises"]
    assert "ValueError: broken on purpose" in result.failed["a-pollutes-then-raises"]
    assert [r.claim_id for r in result.rendered] == ["b-checks"]
    executed = nbformat.read(tmp_path / "warm" / "b-checks" / "b-checks.ipynb", as_version=4)
    checked = executed.cells[-1]
    assert checked.execution_count == 3  # parameters, injected parameters, this: as in a new kernel
    text = "".join(o.get("text", "") for o in checked.outputs)
    assert "'leftover': False" in text and "'figures': []" in text
    assert "'in its own folder': True" in text and "'warned': 1" in text
    assert digests(tmp_path / "warm" / "b-checks") == broken_then_checked["cold"]


def test_a_claim_that_kills_its_kernel_fails_alone_and_the_worker_starts_a_new_one(
    broken_then_checked, tmp_path
):
    data = broken_then_checked["data"]

    ids = ["a-kills-the-kernel", "b-checks"]
    result = render_all(data, tmp_path / "warm", ("html",), jobs=1, force=True, ids=ids)

    assert list(result.failed) == ["a-kills-the-kernel"]
    assert "kernel" in result.failed["a-kills-the-kernel"].lower()
    assert [r.claim_id for r in result.rendered] == ["b-checks"]
    assert digests(tmp_path / "warm" / "b-checks") == broken_then_checked["cold"]


def orphans(root: Path) -> list[str]:
    """Kernel processes and socket folders under `root` whose owning process is gone: a leak.

    Only this test's own kernel root is looked at, so another test run on the same machine (a
    killed one leaves its folders behind) cannot fail this one."""

    def dead(pid: str) -> bool:
        return not Path(f"/proc/{pid}").exists()

    prefix = warm.execution.KERNEL_FOLDER_PREFIX
    left = [
        str(folder)
        for folder in root.glob(f"{prefix}*")
        if dead(folder.name[len(prefix) :].split("-", 1)[0])
    ]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        for word in words:
            text = word.decode(errors="replace")
            if text.startswith(str(root)) and prefix in text:
                owner = text.split(prefix, 1)[1].split("-", 1)[0]
                if owner.isdigit() and dead(owner):
                    left.append(f"kernel {cmdline.parent.name}: {text}")
    return left


def test_a_batch_leaves_no_kernel_and_no_socket_folder_behind(warm_batch):
    assert warm_batch["result"].rendered  # the batch ran its kernels under kernel_root
    assert orphans(warm_batch["kernel_root"]) == []
