"""Run the `factcheck` command in the test's own interpreter.

A subprocess per command costs a Python start and the package's imports (about a second on
the test machine) before the command does anything; most command-line tests check a message
and an exit status that `factcheck.cli.main` produces the same way in-process. The result has
the fields of `subprocess.CompletedProcess` the tests read. An exception that escapes `main`
becomes exit status 1 and a "Traceback" on stderr, as the console script would show it, so
the tests' "no traceback" checks still catch it. A few tests in tests/cli/ keep running the
real console script (exit status, no traceback, the entry point itself).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

FACTCHECK = str(Path(sys.executable).with_name("factcheck"))


def factcheck(
    *args: str, cwd: Path | str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """`factcheck ARGS` in-process, with `env` (the whole environment, as subprocess.run takes
    it) and `cwd` in force only while it runs."""
    from factcheck import cli

    out, err = io.StringIO(), io.StringIO()
    saved_argv, saved_cwd, saved_env = sys.argv, os.getcwd(), dict(os.environ)
    code = 0
    try:
        sys.argv = [FACTCHECK, *args]
        if cwd is not None:
            os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main()
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
                if isinstance(exit_.code, str):
                    err.write(exit_.code + "\n")
            except Exception:  # what the console script would print before dying
                err.write(traceback.format_exc())
                code = 1
    finally:
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(saved_env)
    return subprocess.CompletedProcess(
        [FACTCHECK, *args], code, stdout=out.getvalue(), stderr=err.getvalue()
    )


def factcheck_process(
    *args: str, cwd: Path | str | None = None, env: dict | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    """The real console script in a fresh interpreter: for exit statuses and tracebacks as a
    shell sees them, and for commands that must not share the test's process."""
    return subprocess.run(
        [FACTCHECK, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env
    )
