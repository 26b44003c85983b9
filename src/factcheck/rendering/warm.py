"""Warm kernels without shared state: every notebook gets a kernel no other notebook touched.

Starting a kernel and importing IPython, pandas, matplotlib and factcheck costs seconds. A batch
worker starts one kernel factory (zygote.py) that does those imports once; each claim's kernel
is forked from it, in the claim's folder with the claim's environment, and shut down (its whole
process group) once the notebook ends. Isolation is by construction, not by a list of things to
reset: whatever a notebook does to imported modules, IPython hooks, threads, child processes or
its folder dies with its kernel, and the next kernel is forked from the untouched factory.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from jupyter_core.utils import run_sync

from . import execute as execution

START_TIMEOUT = 60  # seconds for the factory's imports, on a loaded machine
FACTORY = "factcheck.rendering.zygote"

_live: set = set()  # every kernel and factory of this process, for close_all and kill_all
_live_lock = threading.Lock()


class Factory:
    """The zygote process of one worker: forks a fresh, pre-imported kernel on request."""

    def __init__(self) -> None:
        self.folder = Path(
            tempfile.mkdtemp(
                prefix=f"{execution.KERNEL_FOLDER_PREFIX}{os.getpid()}-",
                dir=execution.kernel_root(),
            )
        )
        self.socket = str(self.folder / "factory")
        self.process = subprocess.Popen(
            [sys.executable, "-m", FACTORY, "serve", self.socket],
            cwd=self.folder,  # matplotlib, imported here for every kernel, reads ./matplotlibrc
            env=execution.kernel_environment(self.folder, {}),
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # a terminal's Ctrl-C goes to the batch, which stops us
        )
        with _live_lock:
            _live.add(self)

    def wait_ready(self, timeout: float = START_TIMEOUT) -> bool:
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.socket):
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def kill(self) -> None:
        """SIGTERM: the factory kills every kernel it forked, then exits (signal-handler safe)."""
        with contextlib.suppress(OSError):
            os.kill(self.process.pid, signal.SIGTERM)

    def close(self) -> None:
        with _live_lock:
            _live.discard(self)
        self.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class FreshKernel:
    """One kernel forked for one notebook, started in `cwd` with `env`, then shut down."""

    def __init__(self, factory: Factory, cwd: str, env: dict[str, str]) -> None:
        from jupyter_client.kernelspec import KernelSpec

        self._stack = contextlib.ExitStack()
        try:
            self.km = self._stack.enter_context(execution.kernel_manager(asynchronous=True))
            self.folder = Path(self.km.connection_file).parent
            self.km._kernel_spec = KernelSpec(  # "the kernel" asks the factory for a fork
                argv=[sys.executable, "-m", FACTORY, "spawn", factory.socket]
                + ["-f", "{connection_file}", execution.IN_MEMORY_HISTORY],
                display_name="Python 3 (factcheck, pre-imported)",
                language="python",
            )
            own = execution.kernel_environment(self.folder, env)
            run_sync(self.km.start_kernel)(cwd=str(cwd), env=own)
        except BaseException:
            self._stack.close()
            raise
        with _live_lock:
            _live.add(self)

    def close(self) -> None:
        with _live_lock:
            _live.discard(self)
        self.kill()  # the factory then kills the kernel's process group: its threads and children
        with contextlib.suppress(Exception):
            self._stack.close()  # kernel_manager stops nbclient's clients and cleans up

    def kill(self) -> None:
        """SIGKILL the kernel's stand-in process at once (safe inside a signal handler)."""
        provisioner = getattr(self.km, "provisioner", None)
        pgid = getattr(provisioner, "pgid", None) or getattr(provisioner, "pid", None)
        if pgid:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)


def _new_factory() -> Factory | None:
    try:
        return Factory()
    except Exception:  # noqa: BLE001 - no factory: every claim starts its own kernel, cold
        return None


class KernelPool:
    """Fresh kernels for one worker, forked from its factory; a cold start if it has none."""

    def __init__(self) -> None:
        self._factory = _new_factory()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def take(self, cwd: str, env: dict[str, str]) -> Iterator:
        """A kernel manager whose kernel ran nothing yet; the kernel ends with this block."""
        with self._lock:
            factory = self._factory
            if factory is not None and not factory.wait_ready():
                factory.close()  # killed by an interrupt of an earlier batch: one new one
                factory = self._factory = _new_factory()
                if factory is not None and not factory.wait_ready():
                    factory.close()
                    factory = self._factory = None
        if factory is None:
            with execution.cold_kernel(Path(cwd), env) as km:
                yield km
            return
        kernel = FreshKernel(factory, cwd, env)
        try:
            yield kernel.km
        finally:
            kernel.close()

    def close(self) -> None:
        with self._lock:
            factory, self._factory = self._factory, None
        if factory is not None:
            factory.close()


def close_all() -> None:
    with _live_lock:
        kernels = list(_live)
    for kernel in kernels:
        kernel.close()


def kill_all() -> None:
    """On an interrupt: every kernel and factory of this process killed, their folders removed."""
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


def start_worker() -> None:
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
    _worker_pool = KernelPool()
