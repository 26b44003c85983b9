"""A Dask cluster that cannot render ends in one sentence within a bounded time (issue 22).

Real schedulers and workers: a LocalCluster with no workers, `dask worker` processes that cannot
import factcheck or run another version of it, a scheduler killed mid-batch.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.errors import RenderError
from factcheck.fingerprint import code_fingerprint
from factcheck.rendering import cluster as cluster_module
from factcheck.rendering import execute as execution
from factcheck.rendering.batch import render_all
from factcheck.rendering.render import needs_render

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))  # test_cli_hostile
from test_batch_warm import notebook, project, sleeper, wait_for  # noqa: E402
from test_cli_hostile import one_sentence, run  # noqa: E402

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

BOUND = 3  # seconds: the tests shorten WORKER_TIMEOUT (30 s by default) to keep the suite quick
# A `dask worker` whose Python cannot import factcheck, or sees another version of it.
WITHOUT_PROJECT = "import sys; sys.modules['factcheck'] = None\n"
OTHER_VERSION = (
    "import factcheck.rendering.cluster as c; c.worker_code_fingerprint = lambda: 'another'\n"
)
WORKER = (
    "from distributed.cli.dask_worker import main\n"
    "sys.argv = ['dask-worker', sys.argv[1], '--nthreads', '1', '--no-nanny']\nmain()\n"
)


@pytest.fixture
def empty_cluster():
    with distributed.LocalCluster(
        n_workers=0,
        processes=True,
        dashboard_address=None,
        scheduler_kwargs=cluster_module.HTTP_ON_A_FREE_PORT,
    ) as local:
        yield local


def start_worker(prelude: str, address: str) -> subprocess.Popen:
    code = "import sys\n" + prelude + WORKER
    return subprocess.Popen(
        [sys.executable, "-c", code, address], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def ends_in_one_sentence(tmp_path, address, monkeypatch, bound=BOUND) -> tuple[str, float]:
    monkeypatch.setattr(cluster_module, "WORKER_TIMEOUT", bound)
    data = project(tmp_path, {}, {})
    started = time.monotonic()
    with pytest.raises(RenderError) as caught:
        render_all(data, tmp_path / "out", ("html",), scheduler=address)
    message = str(caught.value)
    assert "\n" not in message
    assert not (tmp_path / "out" / "casualties-6000").exists()
    return message, time.monotonic() - started


def test_a_scheduler_with_no_workers_ends_in_one_sentence_after_the_worker_timeout(
    tmp_path, empty_cluster, monkeypatch
):
    # a second: no worker has to answer a probe within it, the wait for one ends at it
    address = empty_cluster.scheduler_address
    message, took = ends_in_one_sentence(tmp_path, address, monkeypatch, bound=1)

    assert "has no workers" in message and "dask worker" in message
    assert took < 1 + 30  # the bound plus connecting, on a loaded machine


@pytest.mark.parametrize(
    "prelude, expected",
    [(WITHOUT_PROJECT, "cannot import factcheck"), (OTHER_VERSION, "another version")],
    ids=["without the project", "another version"],
)
def test_a_worker_without_the_project_or_with_another_version_ends_in_one_sentence(
    tmp_path, empty_cluster, monkeypatch, prelude, expected
):
    worker = start_worker(prelude, empty_cluster.scheduler_address)
    try:
        # The worker must have joined before the bound starts: on a loaded machine a worker
        # process can take longer than the bound to start, and that is not what is tested here.
        with distributed.Client(empty_cluster.scheduler_address) as client:
            client.wait_for_workers(1, timeout=120)
        message, took = ends_in_one_sentence(tmp_path, empty_cluster.scheduler_address, monkeypatch)
    finally:
        worker.kill()
        worker.wait()

    assert expected in message, message
    assert took < 2 * BOUND + 30


def test_an_unsupported_scheduler_scheme_is_refused_in_one_sentence(tmp_path):
    result = run(
        "render", "--all", "--scheduler", "tls://127.0.0.1:8786",
        "--data", str(project(tmp_path, {}, {})), "--out", str(tmp_path / "out"),
    )  # fmt: skip

    assert result.returncode == 2
    assert "tls:// scheme is not supported" in one_sentence(result)


def test_a_scheduler_lost_mid_batch_fails_only_the_claims_it_did_not_publish(tmp_path):
    started = tmp_path / "a claim is in its sleeping cell"
    data = project(
        tmp_path,
        {"a-slow": 1000, "b-slow": 2000},
        {c: notebook(sleeper(started, 8)) for c in ("a-slow", "b-slow")},
    )
    out = tmp_path / "out"
    scheduler = subprocess.Popen(
        [str(Path(sys.executable).with_name("dask")), "scheduler", "--port", "0",
         "--no-dashboard", "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    address = ""
    while not address:
        line = scheduler.stderr.readline()
        assert line, "the scheduler did not start"
        if "Scheduler at:" in line:
            address = line.split("Scheduler at:", 1)[1].strip()
    worker = start_worker("", address)
    import threading

    def kill_soon():
        try:
            wait_for(started)  # a worker joined and the first claim is in its sleeping cell
        finally:
            scheduler.kill()

    killer = threading.Thread(target=kill_soon)
    killer.start()
    try:
        started = time.monotonic()
        result = render_all(data, out, ("html",), scheduler=address)
        took = time.monotonic() - started
    finally:
        killer.join()
        scheduler.wait()
        worker.kill()
        worker.wait()

    code = code_fingerprint()
    for claim_id, reason in result.failed.items():
        assert "lost" in reason and "\n" not in reason
        assert needs_render(claim_id, ("html",), data, out, code), claim_id  # not published
    for rendered in result.rendered:
        assert not needs_render(rendered.claim_id, ("html",), data, out, code)
    assert result.failed, "the scheduler died before any claim could be lost"
    assert took < 120


def test_ctrl_c_during_a_cluster_batch_stops_its_kernels_and_the_cluster_takes_the_next_batch(
    tmp_path,
):
    import os
    import signal

    started = tmp_path / "z-sleeps is in its sleeping cell"
    data = project(tmp_path, {"z-sleeps": 1000}, {"z-sleeps": notebook(sleeper(started, 60))})
    out = tmp_path / "out"
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            scheduler_kwargs=cluster_module.HTTP_ON_A_FREE_PORT,
        ) as local,
        distributed.Client(local) as client,
    ):
        worker_pid = next(iter(client.run(os.getpid).values()))
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("factcheck")), "render", "--all", "--format",
             "html", "--scheduler", local.scheduler_address, "--data", str(data), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        lines = [process.stdout.readline(), process.stdout.readline()]  # the two quick claims
        assert all("rendered" in line for line in lines), lines
        wait_for(started, timeout=60)
        signalled = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        took = time.monotonic() - signalled

        assert process.returncode == 130 and "Traceback" not in stderr, stderr
        assert "not rendered: z-sleeps" in stderr and stderr.count("\n") == 1, stderr
        assert took < 15  # 3 s for the workers to stop their kernels, plus start-up and exit
        assert not (out / "z-sleeps").exists() and list(out.glob(".*.staging-*")) == []
        prefix = f"{execution.KERNEL_FOLDER_PREFIX}{worker_pid}-"
        assert list(Path(execution.kernel_root()).glob(f"{prefix}*")) == []  # kernel, factory gone

        again = render_all(
            data, out, ("html",), force=True, ids=["casualties-6000"],
            scheduler=local.scheduler_address,
        )  # fmt: skip
        assert [r.claim_id for r in again.rendered] == ["casualties-6000"], again.failed
