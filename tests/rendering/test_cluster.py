"""`render --all --scheduler`: a Dask cluster renders the same bytes, skips the same claims.

A real LocalCluster (two worker processes, one thread each) on the tiny fixture base (two
claims), with one hand-made claim whose notebook fails on purpose: a batch of three.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.fingerprint import BUILD_FILE
from factcheck.rendering.batch import render_all
from factcheck.rendering.claims import claim_ids
from factcheck.rendering.cluster import HTTP_ON_A_FREE_PORT
from factcheck.rendering.index import write_index

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_batch_warm import MINI, digests, mini_cold_reports, notebook, project  # noqa: E402

FAILS = "raise RuntimeError('this claim fails on purpose')"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs=HTTP_ON_A_FREE_PORT,
    ) as local:
        yield local.scheduler_address


def test_a_cluster_renders_the_bytes_a_local_batch_renders_and_reports_a_failing_claim_alone(
    tmp_path, tmp_path_factory, cluster
):
    """What a local batch would publish: the session's cold renders of the two good claims
    (test_batch_warm pins warm local renders to the same bytes) and the index write_index makes
    of them, as a local batch's last step does."""
    data = project(tmp_path, {"fails": 2000}, {"fails": notebook(FAILS)})
    lines = []

    on_cluster = render_all(
        data,
        tmp_path / "cluster",
        ("html",),
        force=True,
        scheduler=cluster,
        on_done=lambda _id, line: lines.append(line),
    )
    local = tmp_path / "local"
    shutil.copytree(mini_cold_reports(tmp_path_factory, "casualties-6000", "killed-6000"), local)
    assert write_index(local, claim_ids(data))

    assert list(on_cluster.failed) == ["fails"]
    assert "RuntimeError: this claim fails on purpose" in on_cluster.failed["fails"]
    rendered = sorted(r.claim_id for r in on_cluster.rendered)
    assert rendered == ["casualties-6000", "killed-6000"]
    assert len(lines) == 3 and all(line.startswith("[") for line in lines)  # one per claim
    assert on_cluster.index_written and (tmp_path / "cluster" / "index.html").is_file()
    for claim_id in rendered:
        assert digests(tmp_path / "cluster" / claim_id) == digests(tmp_path / "local" / claim_id)
    assert (tmp_path / "cluster" / "index.html").read_bytes() == (
        tmp_path / "local" / "index.html"
    ).read_bytes()


def test_a_cluster_batch_skips_up_to_date_claims_before_submitting_anything(
    tmp_path, tmp_path_factory
):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    out = tmp_path / "reports"  # the session's up-to-date renders of data's claims
    shutil.copytree(mini_cold_reports(tmp_path_factory, "casualties-6000", "killed-6000"), out)
    builds = {p: p.read_bytes() for p in sorted(out.glob(f"*/{BUILD_FILE}"))}

    # no scheduler listens here: only a batch with nothing to submit can succeed
    again = render_all(data, out, ("html",), scheduler="tcp://127.0.0.1:9")

    assert sorted(again.up_to_date) == ["casualties-6000", "killed-6000"]
    assert again.rendered == [] and again.failed == {}
    assert {p: p.read_bytes() for p in sorted(out.glob(f"*/{BUILD_FILE}"))} == builds


def test_scheduler_without_dask_says_to_install_the_cluster_extra(tmp_path):
    code = (
        "import sys; sys.modules['distributed'] = None; "
        "sys.argv = ['factcheck', 'render', '--all', '--scheduler', 'local', "
        f"'--data', {str(Path(__file__).resolve().parents[1] / 'fixtures' / 'mini')!r}, "
        f"'--out', {str(tmp_path / 'out')!r}]; "
        "from factcheck.cli import main; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "cluster" in result.stderr and "pip install" in result.stderr


def _profiling(dask_worker) -> tuple[bool, bool]:
    import dask

    profile = dask.config.get("distributed.worker.profile.enabled")
    return profile, "profile" in dask_worker.periodic_callbacks


def test_the_local_cluster_runs_its_workers_without_dasks_profiler():
    """The profiler keeps every call path a render passes through: about 100 MB a worker over
    40 heavy claims (README). `--scheduler local` starts its workers without it."""
    import dask

    from factcheck.rendering.cluster import LOCAL, client_for

    with client_for(LOCAL, workers=1) as client:
        assert list(client.run(_profiling).values()) == [(False, False)]
    assert dask.config.get("distributed.worker.profile.enabled")  # ours is as it was
