"""A killed render's kernel folder is removed by the next render even when the orphaned
kernel, still booting, binds a socket in it while it is being removed."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.rendering import execute


def test_a_socket_bound_during_the_removal_is_removed_too(tmp_path, monkeypatch):
    folder = tmp_path / "factcheck-kernel-999999999-abc"
    folder.mkdir()
    (folder / "kernel.json").write_text("{}")
    real_rmtree, calls = shutil.rmtree, []

    def racing_rmtree(path, ignore_errors=False):
        calls.append(path)
        real_rmtree(path, ignore_errors=ignore_errors)
        if len(calls) == 1:  # the orphaned kernel binds as the folder goes
            folder.mkdir()
            (folder / "k-1").write_text("")

    monkeypatch.setattr(execute.shutil, "rmtree", racing_rmtree)
    execute._remove_dead_folder(folder)
    assert not folder.exists() and len(calls) == 2


def test_an_orphaned_kernel_that_would_make_the_folder_again_is_stopped_first(
    tmp_path, monkeypatch
):
    """ipykernel makes a missing connection file's folder: an orphan still booting when the
    folder goes would bring it back after the sweep, empty, for good."""
    import subprocess
    import sys
    import tempfile
    import time

    folder = tmp_path / "factcheck-kernel-999999999-abc"  # its render's pid cannot exist
    folder.mkdir()
    connection = folder / "kernel.json"
    orphan = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys, time; time.sleep(60); "
            "os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)",
            "-f",
            str(connection),
        ]
    )
    try:
        # Popen can return before the child's command line is readable in /proc (it is empty
        # while exec finishes): the orphan counts as booting once it names its file there
        cmdline = Path(f"/proc/{orphan.pid}/cmdline")
        deadline = time.monotonic() + 10
        while str(connection).encode() not in cmdline.read_bytes():
            assert time.monotonic() < deadline, "the orphan never showed its command line"
            time.sleep(0.01)
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        execute.sweep_dead_kernel_folders()
        # stopped, not finished: it would sleep a minute, so no load on the machine lets it
        # finish before the sweep reaches it (1.5 s did, on a busy machine)
        assert orphan.wait(timeout=30) != 0
        time.sleep(2)
        assert not folder.exists()
    finally:
        if orphan.poll() is None:
            orphan.kill()
