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
CONNECT_TIMEOUT = "10s"


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
    from distributed import Client, LocalCluster

    if address == LOCAL:
        with (
            LocalCluster(
                n_workers=workers or max(1, os.cpu_count() or 1),
                threads_per_worker=1,  # one kernel per worker process, one claim at a time
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
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
) -> None:
    """Submit one task per claim; `record` each as it finishes, a lost task as that claim's failure."""
    from distributed import as_completed

    workers = min(len(claim_ids), max(1, os.cpu_count() or 1)) if address == LOCAL else None
    with client_for(address, workers) as client:
        futures = {
            client.submit(task, claim_id, kwargs, pure=False): claim_id for claim_id in claim_ids
        }
        for future in as_completed(futures):
            claim_id = futures[future]
            try:
                record(*future.result())
            except Exception as err:  # noqa: BLE001 - a lost worker fails its claim, not the batch
                record(claim_id, None, f"the Dask worker failed ({type(err).__name__}: {err})")
