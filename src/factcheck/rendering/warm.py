"""Warm kernels: one Jupyter kernel per worker, started once, reset before every notebook.

Starting a kernel and importing pandas, matplotlib and factcheck costs seconds; a batch pays it
once per worker instead of once per claim. Each notebook still starts from what a fresh kernel
has (an empty namespace, no figures, the rcParams, warning filters and pandas options of a
fresh import, the claim's folder as cwd, execution count 1), so its bytes equal a cold render's.
A kernel that died, timed out or does not answer the reset is replaced by a new one.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import threading

from jupyter_core.utils import run_sync

from ..errors import RenderError
from . import execute as execution

HEAVY_IMPORTS = "import pandas, matplotlib, matplotlib.pyplot, factcheck.page, factcheck.charts"
# Run once at kernel start, after the heavy imports: what a fresh kernel has, kept for the resets.
REMEMBER = (
    "import sys as _s, types as _t, warnings as _w, matplotlib as _m; "
    "_k = _s.modules.setdefault('_factcheck_warm', _t.ModuleType('_factcheck_warm')); "
    "_k.rc = {k: v for k, v in _m.rcParams.items() if k != 'backend'}; "
    "_k.filters = list(_w.filters)"
)
# Before each notebook; `%reset -f` comes last because it empties the namespace this code runs in.
RESET = """\
import os as _os, sys as _sys, warnings as _warnings
import matplotlib as _mpl, matplotlib.pyplot as _plt, pandas as _pd
_plt.close("all")
_k = _sys.modules["_factcheck_warm"]
with _warnings.catch_warnings():
    _warnings.simplefilter("ignore")
    _mpl.rcParams.update(_k.rc)
    _pd.reset_option("all")
_warnings.filters[:] = _k.filters
getattr(_warnings, "_filters_mutated", getattr(_warnings, "_filters_mutated_lock_held", lambda: None))()
for _mod in list(_sys.modules.values()):
    _reg = getattr(_mod, "__warningregistry__", None)
    if isinstance(_reg, dict):
        _reg.clear()
for _name, _value in {env}.items():
    if _value is None:
        _os.environ.pop(_name, None)
    else:
        _os.environ[_name] = _value
_os.chdir({cwd})
get_ipython().run_line_magic("reset", "-f")
get_ipython().execution_count = 1
"""
START_TIMEOUT = 60  # seconds for the kernel and its heavy imports, on a loaded machine
RESET_TIMEOUT = 30  # seconds; a kernel still busy with a timed-out cell is replaced instead
ENV_PREFIX = (
    "FACTCHECK_"  # the render sets these per claim (charts folder); a warm kernel must see them
)
KERNEL_ARGUMENTS = [
    "--HistoryManager.enabled=False",  # else resetting the execution count logs "not unique"
    f"--IPKernelApp.exec_lines={HEAVY_IMPORTS}; {REMEMBER}",
]


class WarmKernel:
    """A running kernel owned by this worker, reused notebook after notebook."""

    def __init__(self) -> None:
        self._stack: contextlib.ExitStack | None = None
        self.km = None
        self._clients: list = []

    def start(self) -> None:
        execution.check_kernel_can_start()
        stack = contextlib.ExitStack()
        try:
            km = stack.enter_context(execution.kernel_manager(asynchronous=True))
            run_sync(km.start_kernel)(extra_arguments=KERNEL_ARGUMENTS)
            make_client = km.client

            def client(**kwargs):  # nbclient leaves its client open on a kernel it does not own
                kc = make_client(**kwargs)
                self._clients.append(kc)
                return kc

            km.client = client
            self._stack, self.km = stack, km
            self._run("pass", START_TIMEOUT)  # ready, heavy imports done
        except BaseException:
            self._stack, self.km = None, None
            stack.close()
            raise

    def close(self) -> None:
        self._stop_clients()
        stack, self._stack, self.km = self._stack, None, None
        if stack is not None:
            with contextlib.suppress(Exception):
                stack.close()

    def restart(self) -> None:
        self.close()
        self.start()

    def _stop_clients(self) -> None:
        clients, self._clients = self._clients, []
        for kc in clients:
            with contextlib.suppress(Exception):
                kc.stop_channels()

    def _run(self, code: str, timeout: float) -> None:
        """Run `code` silently with a new client (one made before papermill ran stops answering).

        Only the shell reply is awaited: no kernel_info handshake and no IOPub, whose settling
        delays alone cost half a second per claim.
        """
        import time

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
                if remaining <= 0:
                    raise TimeoutError(f"the warm kernel did not answer within {timeout} s")
                reply = kc.get_shell_msg(timeout=remaining)
                if reply.get("parent_header", {}).get("msg_id") == msg_id:
                    break
        finally:
            kc.stop_channels()
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise RenderError(
                f"the warm kernel could not be reset ({content.get('ename')}: {content.get('evalue')})"
            )

    def reset(self, cwd: str) -> None:
        env = {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}
        # a variable the render unset must be unset in the kernel too
        env.update({k: None for k in self._kernel_env_names() - env.keys()})
        self._run(RESET.format(env=repr(env), cwd=json.dumps(str(cwd))), RESET_TIMEOUT)
        self._env_names = set(env)

    def _kernel_env_names(self) -> set[str]:
        return getattr(self, "_env_names", set())

    @contextlib.contextmanager
    def prepared(self, cwd: str):
        """The kernel manager, reset for one notebook run in `cwd`; replaced if it broke."""
        try:
            if self.km is None or not run_sync(self.km.is_alive)():
                self.restart()
            self.reset(cwd)
        except Exception:  # noqa: BLE001 - dead, busy or unanswering: a new kernel, once
            self.restart()
            self.reset(cwd)
        from papermill.exceptions import PapermillExecutionError

        healthy = False
        try:
            yield self.km
            healthy = True
        except PapermillExecutionError:
            healthy = True  # a cell raised, the kernel is fine: the next reset cleans up
            raise
        finally:
            self._stop_clients()
            if not healthy:  # timed out or died: do not make the next claim wait for it
                with contextlib.suppress(Exception):
                    self.restart()


_local = threading.local()
_all: list[WarmKernel] = []
_all_lock = threading.Lock()


def current() -> WarmKernel | None:
    """This thread's warm kernel, if a batch gave it one; a single render stays cold."""
    return getattr(_local, "kernel", None)


def close_all() -> None:
    with _all_lock:
        kernels, _all[:] = list(_all), []
    for kernel in kernels:
        kernel.close()
    _local.kernel = None


def ensure_started() -> WarmKernel | None:
    """Give this thread a warm kernel (once); if none can start, renders fall back to cold."""
    kernel = current()
    if kernel is not None:
        return kernel
    kernel = WarmKernel()
    try:
        kernel.start()
    except Exception:  # noqa: BLE001 - the cold path reports the same problem per claim
        return None
    _local.kernel = kernel
    with _all_lock:
        if not _all:
            atexit.register(close_all)
            _register_process_exit()
        _all.append(kernel)
    return kernel


def _register_process_exit() -> None:
    """multiprocessing workers leave through os._exit: atexit never runs there, finalizers do."""
    from multiprocessing import util

    util.Finalize(None, close_all, exitpriority=10)


def start_worker() -> None:
    """ProcessPoolExecutor initializer: a forked worker drops its parent's state, starts its own."""
    _local.kernel = None
    _all.clear()
    ensure_started()


@contextlib.contextmanager
def session():
    """Warm kernels for the renders inside this block, in this thread; stopped at the end."""
    had = current()
    if had is None:
        ensure_started()
    try:
        yield
    finally:
        if had is None:
            kernel = current()
            _local.kernel = None
            if kernel is not None:
                with _all_lock:
                    if kernel in _all:
                        _all.remove(kernel)
                kernel.close()
