"""Warm kernels without shared state: every notebook gets a kernel no other notebook touched.

Starting a kernel and importing pandas, matplotlib and factcheck costs seconds. A batch worker
keeps one spare kernel starting in the background (its own process, doing those imports) while
the current claim runs; the next claim takes it, and the kernel is shut down once its notebook
ends. Isolation is by construction, not by a list of things to reset: whatever a notebook does to
imported modules, IPython hooks, threads, child processes or its folder dies with its kernel.
Before a notebook runs, its kernel only moves to the claim's folder, gets the render's
environment, empties its namespace and sets the execution count to 1, as a fresh kernel has.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from jupyter_core.utils import run_sync

from ..errors import RenderError
from . import execute as execution

HEAVY_IMPORTS = "import pandas, matplotlib, matplotlib.pyplot, factcheck.page, factcheck.charts"
# Before its one notebook; `%reset -f` comes last because it empties the namespace this runs in.
PREPARE = """\
import os as _os
_os.environ.update({env})
_os.chdir({cwd})
get_ipython().run_line_magic("reset", "-f")
get_ipython().execution_count = 1
"""
START_TIMEOUT = 60  # seconds for a kernel and its heavy imports, on a loaded machine
KERNEL_ARGUMENTS = [
    "--HistoryManager.enabled=False",  # else resetting the execution count logs "not unique"
    f"--IPKernelApp.exec_lines={HEAVY_IMPORTS}",
]

_live: set[FreshKernel] = set()  # every kernel of this process, for close_all and kill_all
_live_lock = threading.Lock()


class FreshKernel:
    """One kernel process: launched (imports run in it meanwhile), used once, then shut down."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._clients: list = []
        try:
            self.km = self._stack.enter_context(execution.kernel_manager(asynchronous=True))
            self.folder = Path(self.km.connection_file).parent
            run_sync(self.km.start_kernel)(extra_arguments=KERNEL_ARGUMENTS, cwd=str(self.folder))
        except BaseException:
            self._stack.close()
            raise
        make_client = self.km.client

        def client(**kwargs):  # nbclient leaves its client open on a kernel it does not own
            kc = make_client(**kwargs)
            self._clients.append(kc)
            return kc

        self.km.client = client
        with _live_lock:
            _live.add(self)

    def prepare(self, cwd: str, env: dict[str, str], timeout: float = START_TIMEOUT) -> None:
        """Wait for the imports, then move the kernel to `cwd` with `env` and an empty namespace."""
        code = PREPARE.format(env=repr(dict(env)), cwd=json.dumps(str(cwd)))
        self._run(code, timeout)

    def _run(self, code: str, timeout: float) -> None:
        """Run `code` silently and wait for the shell reply alone (no handshake, no IOPub)."""
        import zmq
        from jupyter_client.blocking import BlockingKernelClient

        kc = BlockingKernelClient(
            connection_file=self.km.connection_file, context=zmq.Context.instance()
        )
        kc.load_connection_file()
        kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = kc.execute(code, silent=True, store_history=False)
            deadline = time.monotonic() + timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not run_sync(self.km.is_alive)():
                    raise RenderError(
                        f"a new Jupyter kernel did not become ready within {timeout} s"
                    )
                try:
                    reply = kc.get_shell_msg(timeout=min(remaining, 1.0))
                except Exception:  # noqa: BLE001 - queue.Empty: look again, or see it died
                    continue
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    break
        finally:
            kc.stop_channels()
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise RenderError(
                f"a new Jupyter kernel could not be prepared ({content.get('ename')}: "
                f"{content.get('evalue')})"
            )

    def close(self) -> None:
        with _live_lock:
            _live.discard(self)
        self.kill()  # a notebook's child processes and threads end with its kernel's group
        clients, self._clients = self._clients, []
        for kc in clients:
            with contextlib.suppress(Exception):
                kc.stop_channels()
        with contextlib.suppress(Exception):
            self._stack.close()

    def kill(self) -> None:
        """SIGKILL the kernel's process group at once (safe inside a signal handler)."""
        provisioner = getattr(self.km, "provisioner", None)
        pgid = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)


class KernelPool:
    """Fresh kernels for one worker: `take` hands out a prepared one and starts the next."""

    def __init__(self, spare: bool = True) -> None:
        self.spare = spare
        self._next: FreshKernel | None = None
        self._lock = threading.Lock()
        if spare:
            self._next = self._launch()

    @staticmethod
    def _launch() -> FreshKernel | None:
        try:
            return FreshKernel()
        except Exception:  # noqa: BLE001 - `take` starts one again and reports the problem
            return None

    @contextlib.contextmanager
    def take(self, cwd: str, env: dict[str, str]) -> Iterator:
        """A kernel manager whose kernel ran nothing yet; the kernel ends with this block."""
        with self._lock:
            kernel, self._next = self._next, None
        try:
            if kernel is None:
                execution.check_kernel_can_start()
                kernel = FreshKernel()
            kernel.prepare(cwd, env)
        except Exception:  # noqa: BLE001 - the spare died or never answered: one more, once
            if kernel is not None:
                kernel.close()
            kernel = FreshKernel()
            kernel.prepare(cwd, env)
        if self.spare:
            with self._lock:
                if self._next is None:
                    self._next = self._launch()  # imports while this claim runs
        try:
            yield kernel.km
        finally:
            kernel.close()

    def close(self) -> None:
        with self._lock:
            kernel, self._next = self._next, None
        if kernel is not None:
            kernel.close()


def close_all() -> None:
    with _live_lock:
        kernels = list(_live)
    for kernel in kernels:
        kernel.close()


def kill_all() -> None:
    """On an interrupt: every kernel of this process killed and its socket folder removed."""
    for kernel in list(_live):
        kernel.kill()
        shutil.rmtree(kernel.folder, ignore_errors=True)


_registered = False
_worker_pool: KernelPool | None = None


def _register_exit() -> None:
    global _registered
    if not _registered:
        _registered = True
        atexit.register(close_all)
        # multiprocessing workers leave through os._exit: atexit never runs there, finalizers do
        from multiprocessing import util

        util.Finalize(None, close_all, exitpriority=10)


def worker_pool() -> KernelPool:
    """This worker process's pool (a Dask worker makes it on its first claim)."""
    global _worker_pool
    if _worker_pool is None:
        _register_exit()
        _worker_pool = KernelPool()
    return _worker_pool


def start_worker(spare: bool = True) -> None:
    """ProcessPoolExecutor initializer: the batch process handles Ctrl-C and stops us with
    SIGTERM, which kills our kernels, removes our staging folder and ends at once."""
    global _worker_pool
    from .files import remove_active_staging

    def stop_now(signum, frame):
        kill_all()
        remove_active_staging()
        os._exit(130)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop_now)
    _live.clear()  # a forked worker does not own its parent's kernels
    _worker_pool = None
    _register_exit()
    _worker_pool = KernelPool(spare=spare)


@contextlib.contextmanager
def session(spare: bool = True) -> Iterator[KernelPool]:
    """A pool for the renders inside this block; every kernel stopped at the end."""
    pool = KernelPool(spare=spare)
    try:
        yield pool
    finally:
        pool.close()
