"""Render a batch on a Dask distributed cluster: `factcheck render --all --scheduler ADDRESS`.

A render is a pure function of its inputs, so the claims the batch found stale are submitted as
independent tasks; each worker keeps a warm kernel between claims. Workers need this project
checkout, installed with the `cluster` extra, and the data and reports folders at the same paths
(a shared file system): a task names them by absolute path. Dask is optional, imported only here.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator

from ..errors import RenderError, UsageError

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine, one worker per core
# A LocalCluster's scheduler serves its HTTP routes (health, metrics) on port 8787 even without
# a dashboard; two at once (two batches, or a test's cluster beside one) would make the second
# warn in the terminal. A free port instead, and still no dashboard.
HTTP_ON_A_FREE_PORT = {"dashboard_address": ":0"}
# Dask's statistical profiler samples each worker's stack every 10 ms and keeps every call path
# it has seen, for a dashboard a LocalCluster here does not serve. A render's paths (notebook,
# charts, WeasyPrint) are many: measured over 40 synthetic claims, each worker grew from about
# 450 to 550 MB and the batch took 226 s; without the profiler 470 MB at most and 212 s. Off in
# the cluster we start; standing workers take it from their own configuration (README).
NO_PROFILER = {"distributed.worker.profile.enabled": False}
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
WORKER_TIMEOUT = 30  # seconds for at least one worker to be there, and to answer the version probe
STOP_TIMEOUT = 3  # seconds the workers get to kill their kernels after a Ctrl-C
SCHEMES = ("tcp://",)  # what a bare HOST:PORT means too; tls:// needs certificates we do not take


def check_address(address: str) -> None:
    """'local', tcp://HOST:PORT or HOST:PORT; any other scheme is refused in one sentence."""
    if address == LOCAL or address.startswith(SCHEMES):
        return
    if "://" in address:
        scheme = address.split("://", 1)[0]
        raise UsageError(
            f"--scheduler {address}: the {scheme}:// scheme is not supported; give "
            "tcp://HOST:PORT (or HOST:PORT) or 'local'"
        )
    if ":" not in address:
        raise UsageError(f"--scheduler {address}: expected tcp://HOST:PORT, HOST:PORT or 'local'")


def worker_code_fingerprint() -> str:
    """Run on each worker: which factcheck it has (same code as ours, or another version)."""
    from ..fingerprint import code_fingerprint

    return code_fingerprint()


def check_workers(client, address: str, ours: str) -> None:
    """At least one worker, every worker with this project at this version; else one sentence.

    Both steps are bounded by WORKER_TIMEOUT: a scheduler with no workers, or workers that
    cannot even load our code, would otherwise leave the batch waiting forever.
    """
    import concurrent.futures

    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except (TimeoutError, OSError):
        raise RenderError(
            f"the Dask scheduler at {address} has no workers (none joined within "
            f"{WORKER_TIMEOUT} s); start some with 'dask worker {address} --nthreads 1'"
        ) from None
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        probe = pool.submit(client.run, worker_code_fingerprint)
        try:
            found = probe.result(timeout=WORKER_TIMEOUT)
        except concurrent.futures.TimeoutError:
            raise RenderError(
                f"the Dask workers of {address} did not answer a version check within "
                f"{WORKER_TIMEOUT} s; check that they run and have this project installed"
            ) from None
        except Exception as err:  # noqa: BLE001 - whatever a worker raised: one sentence
            if isinstance(err, ImportError) or "No module named" in str(err):
                raise RenderError(
                    f"a Dask worker of {address} cannot import factcheck; install this project "
                    "with the cluster extra on every worker (pip install -e '.[cluster]')"
                ) from None
            raise RenderError(
                f"a Dask worker of {address} failed the version check "
                f"({type(err).__name__}: {err}); install this project on every worker"
            ) from None
    other = sorted(worker for worker, code in found.items() if code != ours)
    if other:
        raise RenderError(
            f"the Dask worker {other[0]} runs another version of factcheck than this checkout "
            f"({len(other)} of {len(found)} workers differ); install the same version everywhere"
        )


def check_available() -> None:
    """Dask is an optional extra: say how to get it rather than fail on an import."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: install the cluster extra with "
            "pip install -e '.[cluster]' (or use --jobs N for this machine alone)"
        ) from None


@contextlib.contextmanager
def client_for(address: str, workers: int | None = None) -> Iterator:
    """A Client on the scheduler at `address`, or on a LocalCluster sized to the cores for 'local'."""
    import dask
    from distributed import Client, LocalCluster

    if address == LOCAL:
        with (
            dask.config.set(NO_PROFILER),  # read as the scheduler and each worker start
            LocalCluster(
                n_workers=workers or max(1, os.cpu_count() or 1),
                threads_per_worker=1,  # one kernel per worker process, one claim at a time
                processes=True,
                dashboard_address=None,
                scheduler_kwargs=HTTP_ON_A_FREE_PORT,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    # our sentences say what failed: the client's reconnect tracebacks would bury them
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout=f"{CONNECT_TIMEOUT}s")
    except (OSError, TimeoutError, ValueError) as err:
        raise RenderError(
            f"cannot reach the Dask scheduler at {address!r} ({err}); start one with "
            "'dask scheduler' and workers with 'dask worker ADDRESS', or use --scheduler local"
        ) from None
    with client:
        yield client


def render_on_cluster(
    address: str,
    claim_ids: list[str],
    task: Callable[[str, dict], tuple],
    kwargs: dict,
    record: Callable,
    published: Callable[[str], bool] = lambda claim_id: False,
) -> None:
    """Submit one task per claim; `record` each as it finishes. A task lost with its worker or
    the scheduler fails its claim only if the claim was not published (`published` looks)."""
    check_address(address)
    workers = min(len(claim_ids), max(1, os.cpu_count() or 1)) if address == LOCAL else None
    with client_for(address, workers) as client:
        if address != LOCAL:
            check_workers(client, address, kwargs["code_hash"])
        futures = {
            client.submit(_on_worker, task, claim_id, kwargs, pure=False): claim_id
            for claim_id in claim_ids
        }
        try:
            _record_as_completed(futures, kwargs, record, published)
        except KeyboardInterrupt:
            client.cancel(list(futures), force=True)
            _stop_running_renders(client)
            raise


def _on_worker(task: Callable[[str, dict], tuple], claim_id: str, kwargs: dict) -> tuple:
    """Run `task` on a Dask worker that publishes only while its scheduler is there."""
    from . import files

    files.guard_publishing(_scheduler_lost)
    return task(claim_id, kwargs)


def _scheduler_lost() -> str | None:
    """Why this worker may not publish: a worker that lost its scheduler is closing."""
    from distributed import get_worker
    from distributed.core import Status

    try:
        worker = get_worker()
    except ValueError:  # not on a worker (a test calling the task directly)
        return None
    if worker.status in (Status.running, Status.paused):
        return None
    return "the Dask scheduler was lost"


def stop_worker_renders() -> None:
    """Run on each worker after a Ctrl-C: kill its kernels, remove its staging folders."""
    from . import warm
    from .files import remove_active_staging

    warm.kill_all()
    remove_active_staging()


def _stop_running_renders(client) -> None:
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        stopping = pool.submit(client.run, stop_worker_renders)
        with contextlib.suppress(Exception):
            stopping.result(timeout=STOP_TIMEOUT)


def _record_as_completed(futures: dict, kwargs: dict, record: Callable, published) -> None:
    from distributed import as_completed

    for future in as_completed(futures):
        claim_id = futures[future]
        try:
            record(*future.result())
        except Exception as err:  # noqa: BLE001 - a lost worker fails its claim, not the batch
            if published(claim_id):
                from .render import RenderResult

                record(claim_id, RenderResult(claim_id, kwargs["reports_dir"] / claim_id), None)
            else:
                text = str(err)
                if "connection-lost" in text or "lost the connection" in text:
                    reason = "the connection to the Dask scheduler was lost"
                else:
                    reason = (text.splitlines() or [type(err).__name__])[0]
                record(
                    claim_id,
                    None,
                    f"the Dask cluster lost this claim's task ({reason}); it was not published",
                )
