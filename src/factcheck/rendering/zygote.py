"""A kernel factory: one process imports IPython, pandas, matplotlib and factcheck once, then
forks a fresh kernel for each notebook, so a warm batch pays no kernel start-up per claim.

`python -m factcheck.rendering.zygote serve SOCKET` is the factory (one per batch worker, in a
process group of its own). `python -m factcheck.rendering.zygote spawn SOCKET ARGS...` is what
the kernel manager launches as "the kernel": it asks the factory for a kernel (started in its
own cwd, with its own environment, with ARGS) and lives exactly as long as that kernel. Killing
it kills the kernel; a kernel that exits ends it. Each forked kernel is a process group of its
own, so whatever a notebook started dies with it. Only the standard library is imported before
the fork decision, so `spawn` starts in milliseconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import sys
import time

HEAVY_MODULES = (
    "ipykernel.kernelapp",
    "pandas",
    "matplotlib",
    "factcheck.page.sections",  # the package itself loads its names on first use
    "factcheck.charts",
)
CONNECT_TIMEOUT = 60  # seconds `spawn` waits for the factory's imports on a loaded machine


def preload() -> None:
    """The imports every report kernel starts with, warm (the factory) or cold (execute.PRELOAD)."""
    import importlib

    # what ipykernel sets before a notebook imports matplotlib; the backend itself loads lazily
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    from ..sweeps import sweep_old_objects_rarely

    sweep_old_objects_rarely()  # the notebook loads the evidence and the verdict whole


def serve(path: str) -> None:
    preload()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path + ".tmp")
    os.rename(path + ".tmp", path)  # `spawn` connects only once the imports are done
    server.listen(16)
    kernels: dict[int, socket.socket] = {}

    def stop(signum, frame):
        for pid in kernels:
            _kill_group(pid)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    parent = os.getppid()
    while True:
        if os.getppid() != parent:  # the worker that started us was killed: so are its kernels
            stop(None, None)
        readable, _, _ = select.select([server, *kernels.values()], [], [], 0.2)
        for ready in readable:
            if ready is server:
                conn, _ = server.accept()
                request = json.loads(_read_line(conn))
                pid = os.fork()
                if pid == 0:
                    server.close()
                    for other in [conn, *kernels.values()]:
                        other.close()
                    _become_kernel(request)
                kernels[pid] = conn
                conn.sendall(f"{pid}\n".encode())
            else:  # its `spawn` went away (killed): the kernel goes too
                pid = next(p for p, c in kernels.items() if c is ready)
                _kill_group(pid)
        while kernels:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            conn = kernels.pop(pid, None)
            if conn is not None:
                with contextlib.suppress(OSError):
                    conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
                conn.close()


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode()


def _become_kernel(request: dict) -> None:
    """In the forked child: a kernel in the caller's folder and environment, then exit."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.setpgid(0, 0)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # as a launched kernel watches its manager: this one exits if the factory goes away
    sys.argv = [
        "ipykernel_launcher",
        *request["args"],
        f"--IPKernelApp.parent_handle={os.getppid()}",
    ]
    status = 0
    try:
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance()
    except SystemExit as end:
        status = end.code if isinstance(end.code, int) else 0
    except BaseException:  # noqa: BLE001 - the kernel's own crash: its exit status says so
        status = 1
    finally:
        os._exit(status)


def spawn(path: str, args: list[str]) -> None:
    deadline = time.monotonic() + CONNECT_TIMEOUT
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            conn.connect(path)
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"no kernel factory answered at {path} within {CONNECT_TIMEOUT} s")
            time.sleep(0.02)
    request = {"cwd": os.getcwd(), "env": dict(os.environ), "args": args}
    conn.sendall((json.dumps(request) + "\n").encode())
    pid = int(_read_line(conn) or "0")

    def forward(signum, frame):  # SIGTERM or SIGINT to us reaches the kernel
        with contextlib.suppress(OSError):
            os.killpg(pid, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    code = _read_line(conn).strip()  # the kernel's exit status, once it ends
    sys.exit(int(code) if code.lstrip("-").isdigit() else 1)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        spawn(sys.argv[2], sys.argv[3:])
