"""A killed render's kernel folder is removed by the next render even when the orphaned
kernel, still booting, binds a socket in it while it is being removed."""

from __future__ import annotations

import shutil

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
