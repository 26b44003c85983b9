"""Notebook execution shared by the reports and the evidence review: one set of kernel settings.

Papermill runs the notebook in a kernel that talks over Unix sockets inside a private folder,
with a cwd chosen by the caller (the render's snapshot), so every path the notebook sees is
relative and nothing absolute reaches the executed notebook. Inside a batch worker the kernel is
the worker's warm one (see warm.py), reset for each notebook; otherwise a fresh kernel per run.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import logging
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import RenderError, UsageError
from ..paths import PROJECT_ROOT, package_file
from .files import write_atomic

KERNEL_NAME = "python3"
KERNEL_START_TIMEOUT = 20  # seconds; papermill's default of 60 hides a broken set-up for a minute
CELL_TIMEOUT = 300  # seconds a cell may run (render --cell-timeout); then the claim fails
KERNEL_FOLDER_PREFIX = "factcheck-kernel-"
TYPES = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list, "dict": dict}


def relative_name(path: Path) -> str:
    """A path as a reader may see it: relative to the project, else its name alone."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return Path(path).name


def first_line(source: str) -> str:
    line = next((ln.strip() for ln in (source or "").splitlines() if ln.strip()), "")
    return line if len(line) <= 60 else line[:57] + "..."


def declared_parameters(notebook: Path, shown_as: str | None = None) -> dict:
    """The parameters a notebook declares in its cell tagged 'parameters'.

    `shown_as`: the name messages give it (a render reads a snapshot copy of the user's file)."""
    import papermill

    shown = shown_as or str(notebook)
    try:
        declared = papermill.inspect_notebook(str(notebook))
    except Exception as err:  # noqa: BLE001 - an unreadable notebook is a user-facing error
        raise RenderError(f"{shown}: cannot read its parameters cell: {err}") from None
    if not declared:
        raise RenderError(f"{shown}: no cell tagged 'parameters'; papermill cannot inject anything")
    return declared


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Papermill only warns about unknown parameters and never checks types: we refuse both."""
    declared = declared_parameters(notebook)
    for name, value in parameters.items():
        if name not in declared:
            close = difflib.get_close_matches(name, list(declared), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise UsageError(
                f"unknown parameter {name!r} for {notebook.name}.{hint} It declares: {', '.join(declared)}"
            )
        expected = TYPES.get(declared[name]["inferred_type_name"])
        if expected is not None and not isinstance(value, expected):
            raise UsageError(
                f"parameter {name!r} of {notebook.name} expects {declared[name]['inferred_type_name']}, "
                f"found {type(value).__name__} {value!r}"
            )


def check_kernel_can_start(kernel_name: str | None = None) -> None:
    """Fail in milliseconds, with advice, where papermill would wait for a kernel that cannot start."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = kernel_name or KERNEL_NAME
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise RenderError(
            f"no Jupyter kernel named {name!r} is installed; run 'make setup' (it installs "
            "ipykernel into .venv) or 'python -m ipykernel install --sys-prefix'."
        ) from None
    program = spec.argv[0] if spec.argv else ""
    if program and program not in ("python", "python3", "{python}"):
        found = shutil.which(program) if not os.path.isabs(program) else program
        if not found or not os.access(found, os.X_OK):
            raise RenderError(
                f"the Jupyter kernel {name!r} ({spec.resource_dir}/kernel.json) runs {program}, "
                "which does not exist; reinstall it with 'python -m ipykernel install --sys-prefix' "
                "or 'make setup'."
            )


SOCKET_PATH_LIMIT = 107  # bytes in a Unix socket path (sun_path), the terminating NUL excluded


def kernel_root() -> str:
    """The temporary folder, unless its path is too long for the kernel's sockets: then /tmp."""
    root = tempfile.gettempdir()
    # root + "/factcheck-kernel-<pid>-XXXXXXXX/k-<port>" must fit
    return root if len(os.fsencode(root)) + 48 <= SOCKET_PATH_LIMIT else "/tmp"


def sweep_dead_kernel_folders() -> None:
    """Remove socket folders left by renders that were killed (their process no longer exists)."""
    roots = sorted({kernel_root(), tempfile.gettempdir()})
    for folder in [f for root in roots for f in Path(root).glob(f"{KERNEL_FOLDER_PREFIX}*")]:
        pid = folder.name[len(KERNEL_FOLDER_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or folder.is_symlink():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            _remove_dead_folder(folder)
        except OSError:
            continue


def _stop_orphaned_kernels(folder: Path) -> None:
    """Stop the kernels a killed render left running: any process whose command line names a
    file in `folder` (the kernel's `-f <folder>/kernel.json`; Linux's /proc, else nothing).

    An orphaned kernel lives on until ipykernel notices its parent is gone, after its imports;
    one that had not yet read its connection file when the folder was removed makes the folder
    again (ipykernel creates a missing connection file's folder) and leaves it behind.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return
    marker = os.fsencode(os.path.join(folder, ""))
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except OSError:
            continue


def _remove_dead_folder(folder: Path, attempts: int = 5) -> None:
    """A killed render's folder, its orphaned kernel stopped first; removed again if a socket
    was being bound while it went."""
    _stop_orphaned_kernels(folder)
    for _ in range(attempts):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.05)


@contextlib.contextmanager
def kernel_manager(asynchronous: bool = False) -> Iterator:
    """A kernel over Unix sockets in a private folder (connection file included): nothing exposed.

    `asynchronous`: an AsyncKernelManager, whose clients let nbclient notice a kernel that died
    (a blocking client waits for its output forever); every render uses it.
    """
    from jupyter_client.manager import AsyncKernelManager, KernelManager
    from jupyter_core.utils import ensure_async, run_sync

    def call(method, *args, **kwargs):
        result = method(*args, **kwargs)
        return run_sync(ensure_async)(result) if asynchronous else result

    sweep_dead_kernel_folders()
    # A short folder named after our pid: Unix socket paths are limited to 107 bytes, and a
    # later run can tell a dead run's folder from a live one.
    folder = tempfile.mkdtemp(prefix=f"{KERNEL_FOLDER_PREFIX}{os.getpid()}-", dir=kernel_root())
    km = (AsyncKernelManager if asynchronous else KernelManager)(
        kernel_name=KERNEL_NAME,
        transport="ipc",
        ip=os.path.join(folder, "k"),
        connection_file=os.path.join(folder, "kernel.json"),
    )
    if asynchronous:
        km.client_factory = prompt_client_class()
    clients: list = []
    make_client = km.client

    def client(**kwargs):  # nbclient leaves its client open on a kernel it does not own
        kc = make_client(**kwargs)
        clients.append(kc)
        return kc

    km.client = client
    try:
        yield km
    finally:
        for kc in clients:  # their sockets closed with the kernel, not left to the collector
            with contextlib.suppress(Exception):
                kc.stop_channels()
        if km.has_kernel:  # nbclient leaves running a kernel it did not create: we stop it
            _kill_and_reap(km)
            call(km.shutdown_kernel, now=True)
        with contextlib.suppress(Exception):
            call(km.cleanup_resources)
        shutil.rmtree(folder, ignore_errors=True)


@functools.cache
def prompt_client_class() -> type:
    """jupyter_client's AsyncKernelClient, but ready as soon as the kernel is.

    Its `wait_for_ready` ends by reading IOPub until 0.2 s pass without a message, to drop
    the status messages of its own kernel_info request: 0.2 s on every kernel start, on the
    render's critical path. nbclient reads only the messages of the requests it sent (by
    their parent's msg_id), so here what IOPub already holds is dropped and no more is
    awaited. The rest is jupyter_client's loop (8.x), with its messages."""
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class PromptKernelClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    reply = None
                if reply is not None and reply["msg_type"] == "kernel_info_reply":
                    try:  # IOPub is connected once it carries a message
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(reply)
                        break
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=0)
                except Empty:
                    return

    return PromptKernelClient


def _kill_and_reap(km) -> None:
    """The kernel's process group killed and its process reaped, before `shutdown_kernel`.

    jupyter_client kills it too, then polls every 0.1 s until it is gone: its first poll, at
    once, found it still alive, so every kernel's end cost 0.11 s, on the render's critical
    path. Killed and waited for here, the manager finds it gone at its first poll. Where the
    provisioner is not a local process, `shutdown_kernel` does it all, as before."""
    from jupyter_core.utils import run_sync

    provisioner = km.provisioner
    process = getattr(provisioner, "process", None)  # LocalProvisioner's subprocess.Popen
    if process is None or not hasattr(process, "wait"):
        return
    with contextlib.suppress(Exception):
        run_sync(provisioner.kill)()  # SIGKILL to its process group, as shutdown_kernel sends
        process.wait(timeout=KILL_WAIT)


KILL_WAIT = 5  # seconds: what jupyter_client itself waits for a killed kernel


# Every report kernel's history stays in memory: nothing is written to the user's IPython folder.
IN_MEMORY_HISTORY = "--HistoryManager.hist_file=:memory:"


def kernel_environment(folder: str | Path, env: dict[str, str]) -> dict[str, str]:
    """The environment of a report kernel (or a kernel factory) whose private folder is
    `folder`: ours, the render's `env`, and nothing of the user's own set-up that would change a
    report's bytes. IPython reads its profile (startup files, kernel config) from a folder of
    its own inside `folder`, and matplotlib its bundled defaults rather than a matplotlibrc in
    the user's configuration folder."""
    isolated = {"IPYTHONDIR": str(Path(folder) / "ipython")}
    matplotlibrc = package_file("matplotlib", "mpl-data", "matplotlibrc")  # its own defaults
    if matplotlibrc is not None:
        isolated["MATPLOTLIBRC"] = str(matplotlibrc)
    return {**os.environ, **env, **isolated}


# Run by a cold report kernel as it starts: the imports a warm kernel's factory did (zygote.py),
# with no name bound in the notebook's namespace and no execution counted.
PRELOAD = '__import__("factcheck.rendering.zygote", fromlist=["preload"]).preload()'
PRELOAD_START_TIMEOUT = 60  # seconds: a preloading kernel answers once its imports are done


@contextlib.contextmanager
def cold_kernel(cwd: Path, env: dict[str, str], preload: bool = False) -> Iterator:
    """A kernel started for this one notebook, in `cwd`, with `env` added to ours; `preload`:
    it imports what the report notebook imports as it starts (see EarlyKernel)."""
    from jupyter_core.utils import run_sync

    extra = [IN_MEMORY_HISTORY]
    if preload:
        extra.append(f"--IPKernelApp.exec_lines={[PRELOAD]!r}")
    with kernel_manager(asynchronous=True) as km:
        own = kernel_environment(Path(km.connection_file).parent, env)
        run_sync(km.start_kernel)(cwd=str(cwd), env=own, extra_arguments=extra)
        yield km


class EarlyKernel:
    """A single render's cold kernel, started before the render computes the verdict.

    The kernel's start-up and its imports (IPython, pandas, matplotlib, factcheck: about as long
    as the floor's whole run) then overlap the render's own validation and verdict on the other
    core, instead of following them. The kernel is the same as a warm batch's (the factory
    imports the same modules before forking), so the report's bytes are too. Used as `kernels`
    by `execute`; `close` shuts it down whether or not a notebook ran.
    """

    start_timeout = PRELOAD_START_TIMEOUT

    def __init__(self, cwd: Path, env: dict[str, str]) -> None:
        check_kernel_can_start()
        self._context = cold_kernel(cwd, env, preload=True)
        self.km = self._context.__enter__()

    @classmethod
    def start(cls, cwd: Path, env: dict[str, str]) -> EarlyKernel | None:
        """None when the kernel cannot start now: `execute` then starts one and says why."""
        try:
            return cls(cwd, env)
        except Exception:  # noqa: BLE001 - execute's own start reports the reason in one sentence
            return None

    @contextlib.contextmanager
    def take(self, cwd: str, env: dict[str, str]) -> Iterator:
        """The kernel for the one notebook, shut down as soon as that has run: the render's
        peak was the idle kernel (pandas, matplotlib, the evidence, the charts) held beside
        the PDF's layout."""
        try:
            yield self.km
        finally:
            self.close()

    def close(self) -> None:
        context, self._context = self._context, None
        if context is not None:
            context.__exit__(None, None, None)


def _timed_out_cell(err: Exception) -> str:
    """nbclient's timeout message previews the cell between dashed lines: its first line."""
    text = str(err)
    if "-------------------" in text:
        return first_line(text.split("-------------------")[1])
    return ""


class _OnlyOurSentence(logging.Filter):
    """nbclient logs a timeout before raising it; the raised error becomes our one sentence."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Timeout waiting for execute reply" not in record.getMessage()


def _quiet_papermill_log() -> None:
    logger = logging.getLogger("papermill")
    if not any(isinstance(f, _OnlyOurSentence) for f in logger.filters):
        logger.addFilter(_OnlyOurSentence())


def execute(
    notebook: Path,
    output: Path,
    parameters: dict,
    cwd: Path,
    progress: bool = False,
    failed: Path | None = None,
    kernels=None,
    env: dict[str, str] | None = None,
    cell_timeout: int = CELL_TIMEOUT,
    shown_as: str | None = None,
) -> None:
    """Papermill with our settings; a failing cell becomes one sentence and `failed` keeps the notebook.

    `kernels`: a batch worker's warm.KernelPool, which hands out a fresh pre-started kernel;
    without it a kernel is started for this notebook. `env` is added to the kernel's environment.
    """
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    check_parameters(notebook, parameters)
    check_kernel_can_start()
    _quiet_papermill_log()
    env = dict(env or {})
    shown_as = shown_as or relative_name(notebook)
    try:
        with kernels.take(str(cwd), env) if kernels else cold_kernel(cwd, env) as km:
            papermill.execute_notebook(
                str(notebook),
                str(output),
                parameters=parameters,
                km=km,
                kernel_name=KERNEL_NAME,
                cwd=str(cwd),
                progress_bar=progress,
                request_save_on_cell_execute=False,
                start_timeout=getattr(kernels, "start_timeout", KERNEL_START_TIMEOUT),
                execution_timeout=cell_timeout,
                record_timing=False,
            )
    except PapermillExecutionError as err:
        where = ""
        if failed is not None and output.exists():
            write_atomic(failed, output.read_bytes())
            where = f"The partly executed notebook is {failed}; "
        raise RenderError(
            f"{shown_as}: cell In [{err.exec_count}] ({first_line(err.source)}) "
            f"raised {err.ename}: {err.evalue}\n{where}the previous report is unchanged."
        ) from None
    except CellTimeoutError as err:
        cell = _timed_out_cell(err)
        raise RenderError(
            f"{shown_as}: a cell{f' ({cell})' if cell else ''} ran longer than "
            f"the cell time limit of {cell_timeout} s and was stopped (--cell-timeout SECONDS "
            "sets the limit); the previous report is unchanged."
        ) from None
    except RuntimeError as err:  # kernel died or did not start
        raise RenderError(
            f"the Jupyter kernel failed: {err}. The previous report is unchanged."
        ) from None
    except Exception as err:  # noqa: BLE001 - zmq's errors are not OSErrors; one sentence still
        from zmq.error import ZMQError

        if not isinstance(err, ZMQError):
            raise
        raise RenderError(
            f"the Jupyter kernel could not open its sockets under {kernel_root()}: {err}; "
            "set TMPDIR to a short, writable folder. The previous report is unchanged."
        ) from None


def normalise_notebook(nb, title: str, meta: dict, input_name: str) -> None:
    """Remove what changes from run to run (timings, random ids, absolute paths)."""
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        cell.get("metadata", {}).pop("execution", None)
        pm = cell.get("metadata", {}).get("papermill")
        if pm is not None:
            for key in ("start_time", "end_time", "duration"):
                pm.pop(key, None)
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "output_path", "environment_variables"):
        pm.pop(key, None)
    if "input_path" in pm:
        pm["input_path"] = input_name
    nb.metadata["title"] = title
    nb.metadata["factcheck"] = meta
