"""Render many claims: skip what is up to date, run the rest on warm workers, then the index.

Each worker process starts one Jupyter kernel with the heavy imports done and reuses it for
claim after claim, resetting it before each notebook (warm.py), so a batch does not pay a
kernel start and pandas/matplotlib imports per claim. Each claim writes only its own folder and
moves files into place atomically, so an interrupted batch leaves only whole reports. With
`scheduler`, the stale claims go to a Dask cluster instead (cluster.py); skipping is decided here.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FactcheckError
from ..fingerprint import code_fingerprint, is_up_to_date
from .uptodate import (
    Inputs,
    as_last_batch_left,
    check_data_dir,
    check_formats,
    claim_ids,
    needs_render,
    nothing_to_do,
    record_batch,
    stray_notebooks,
)

# The evidence model, papermill and the kernel machinery are imported only once something must
# be rendered: deciding that nothing changed needs the fingerprints alone (see uptodate.py).


@dataclass
class BatchResult:
    rendered: list = field(default_factory=list)  # of render.RenderResult
    up_to_date: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    index_written: bool = False
    seconds: float = 0.0


TIMINGS_FILE = ".timings.json"  # how long each claim last took: a scheduling hint, not an output


def _read_timings(reports_dir: Path) -> dict[str, float]:
    try:
        return {
            k: float(v) for k, v in json.loads((reports_dir / TIMINGS_FILE).read_text()).items()
        }
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _write_timings(reports_dir: Path, timings: dict[str, float]) -> None:
    from .files import write_atomic

    reports_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(reports_dir / TIMINGS_FILE, json.dumps(timings, sort_keys=True).encode())


def max_jobs() -> int:
    """More processes than cores only add memory: `-j 100` is capped here, not refused."""
    return max(1, os.cpu_count() or 1)


def _render_one(claim_id: str, kwargs: dict, kernels=None) -> tuple[str, object, str | None]:
    from .render import render

    try:
        return claim_id, render(claim_id, kernels=kernels, **kwargs), None
    except FactcheckError as err:
        return claim_id, None, str(err)
    except OSError as err:
        return claim_id, None, os_error_sentence(err)
    except Exception as err:  # noqa: BLE001 - one claim's crash must not stop the others
        return claim_id, None, f"{type(err).__name__}: {err}"


def _render_warm(claim_id: str, kwargs: dict) -> tuple[str, object, str | None]:
    """A task for a worker process: its pool hands the claim a fresh pre-started kernel."""
    from . import files, warm  # the worker's pool; importing warm here keeps `batch` light

    files.resume()  # a standing Dask worker renders again after an interrupted batch
    return _render_one(claim_id, kwargs, warm.worker_pool())


class Interrupted(FactcheckError):
    """Ctrl-C during a batch: the message says which claims were published and which not."""

    exit_code = 130


STOP_GRACE = 3.0  # seconds a worker has to kill its kernels and remove its staging folder


def _stop_workers(pool) -> None:
    """SIGTERM each worker (it kills its kernels, removes its staging folder, exits), then SIGKILL."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1)


def os_error_sentence(err: OSError) -> str:
    """One sentence naming the path and what to do, for an error the operating system raised."""
    import errno

    path = err.filename or "a file"
    advice = {
        errno.ENOSPC: "the disk is full; free some space and run again",
        errno.EDQUOT: "the disk quota is used up; free some space and run again",
        errno.EROFS: "the file system is read-only; choose another --out folder",
        errno.EACCES: "permission denied; make it writable or choose another --out folder",
        errno.EPERM: "permission denied; make it writable or choose another --out folder",
        errno.ENOTDIR: "a part of that path is not a folder; choose another path",
        errno.ENOENT: "it does not exist; check the path",
    }.get(err.errno, f"{err.strerror or err}; check the path and run again")
    return f"cannot use {path}: {advice}"


def _render_in_workers(stale: list[str], kwargs: dict, workers: int, record) -> None:
    """Worker processes, each with a pool of fresh kernels: this process never runs a notebook,
    so a Ctrl-C here can stop the workers at once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from . import warm

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=warm.start_worker
    )
    try:
        futures = {pool.submit(_render_warm, claim_id, kwargs): claim_id for claim_id in stale}
        for future in as_completed(futures):
            try:
                record(*future.result())
            except KeyboardInterrupt:
                raise
            except Exception as err:  # noqa: BLE001 - a worker killed from outside
                record(futures[future], None, f"its worker process ended ({err})")
    except KeyboardInterrupt:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits for us
        try:
            _stop_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        finally:
            signal.signal(signal.SIGINT, previous)
        raise
    pool.shutdown(wait=True)


def _interrupted(stale: list[str], result: BatchResult, kwargs: dict) -> Interrupted:
    """The truth after a Ctrl-C, read from the report folders: which claims were published."""
    done = {r.claim_id for r in result.rendered}
    published = sorted(
        c
        for c in stale
        if c in done
        or not needs_render(
            c, kwargs["formats"], kwargs["data_dir"], kwargs["reports_dir"], kwargs["code_hash"]
        )
    )
    missing = [c for c in stale if c not in published]
    return Interrupted(
        "interrupted: "
        + (f"published {', '.join(published)}; " if published else "published no report; ")
        + (
            f"not rendered: {', '.join(missing)} (their previous reports, if any, are unchanged); "
            if missing
            else ""
        )
        + "reports/index.html was not updated: run the same command again to finish"
    )


def render_all(
    data_dir: Path,
    reports_dir: Path,
    formats: tuple[str, ...],
    jobs: int = 1,
    force: bool = False,
    ids: list[str] | None = None,
    on_done: Callable[[str, str], None] | None = None,
    scheduler: str | None = None,
    cell_timeout: int | None = None,
) -> BatchResult:
    """Render every claim (or `ids`), `jobs` at a time (or on the Dask `scheduler`), then the index."""
    started = time.perf_counter()
    if scheduler is not None:
        from .cluster import check_address, check_available

        check_available()
        check_address(scheduler)
    formats = check_formats(tuple(formats))
    data_dir, reports_dir = Path(data_dir).resolve(), Path(reports_dir).absolute()
    check_data_dir(data_dir)
    code_hash = code_fingerprint()
    result = BatchResult()
    done = 0
    total = len(ids) if ids is not None else 0

    def record(claim_id: str, rendered, error: str | None) -> None:
        """`rendered`: a RenderResult, or None with no error for a claim that is up to date."""
        nonlocal done
        done += 1
        if error is not None:
            result.failed[claim_id] = error
            status = f"FAILED: {error.splitlines()[0] if error else 'no reason given'}"
        elif rendered is None or rendered.up_to_date:
            result.up_to_date.append(claim_id)
            status = "up to date"
        else:
            result.rendered.append(rendered)
            status = f"rendered in {rendered.seconds:.1f} s"
        if on_done:
            on_done(claim_id, f"[{done}/{total}] {claim_id}: {status}")

    if not force and ids is None:  # the no-op, from fingerprints alone
        unchanged = nothing_to_do(data_dir, reports_dir, formats, code_hash)
        if unchanged is not None:
            total = len(unchanged)
            for claim_id in unchanged:
                record(claim_id, None, None)
            result.warnings = stray_notebooks(data_dir, unchanged)
            result.seconds = time.perf_counter() - started
            return result

    from .claims import partition
    from .files import ensure_folder

    ensure_folder(reports_dir)
    _, invalid, shared = partition(data_dir)
    if shared:  # a shared table is wrong: every report would be, so nothing renders
        from ..evidence import EvidenceError

        raise EvidenceError(shared)
    every_claim = ids is None
    ids = ids if ids is not None else claim_ids(data_dir)
    total = len(ids)
    jobs = min(jobs, max_jobs())
    kwargs = {
        "formats": formats,
        "data_dir": Path(data_dir),
        "reports_dir": Path(reports_dir),
        "force": force,
        "code_hash": code_hash,
    }
    if cell_timeout is not None:
        kwargs["cell_timeout"] = cell_timeout
    inputs = Inputs(data_dir, formats, code_hash)  # each table hashed once for every claim
    try:
        batch_key = inputs.batch_key(ids) if every_claim and not invalid else None
    except FactcheckError:  # a bad setting or claim notebook: reported per claim below
        batch_key = None
    expected: dict[str, str] = {}

    for claim_id in ids:
        if claim_id in invalid:
            problems = invalid[claim_id]
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            record(claim_id, None, f"invalid claim file: {problems[0]}{more}")
    result.warnings = stray_notebooks(data_dir, claim_ids(data_dir))
    refused: set[str] = set()
    stale = []
    checked = as_last_batch_left(Path(reports_dir))  # their outputs are not hashed again
    for claim_id in ids:
        if claim_id in invalid:
            continue
        try:
            # a claim notebook that is not a file: refused (UsageError)
            expected[claim_id] = inputs.fingerprint(claim_id)
            folder = Path(reports_dir) / claim_id
            if force or not is_up_to_date(folder, expected[claim_id], claim_id in checked):
                stale.append(claim_id)
        except FactcheckError as err:
            refused.add(claim_id)
            record(claim_id, None, str(err))
    for claim_id in ids:
        if claim_id not in stale and claim_id not in invalid and claim_id not in refused:
            record(claim_id, None, None)
    # Longest first (by the last run's time): the slowest claim must not start last.
    timings = _read_timings(Path(reports_dir))
    stale.sort(key=lambda c: -timings.get(c, float("inf")))
    try:
        if scheduler is not None and stale:
            from .cluster import render_on_cluster

            def published(claim_id: str) -> bool:
                return not needs_render(
                    claim_id, formats, data_dir, reports_dir, kwargs["code_hash"]
                )

            render_on_cluster(scheduler, stale, _render_warm, kwargs, record, published)
        elif stale:
            _render_in_workers(stale, kwargs, min(jobs, len(stale)), record)
    except KeyboardInterrupt:
        raise _interrupted(stale, result, kwargs) from None

    _write_timings(
        Path(reports_dir), timings | {r.claim_id: round(r.seconds, 1) for r in result.rendered}
    )
    from .index import write_index

    result.index_written = write_index(
        Path(reports_dir), claim_ids(data_dir), as_last_batch_left(Path(reports_dir))
    )
    if batch_key is not None and not result.failed and claim_ids(data_dir) == ids:
        record_batch(Path(reports_dir), batch_key, expected)
    result.seconds = time.perf_counter() - started
    return result
