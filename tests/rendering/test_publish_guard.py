"""Publishing a report folder. A worker that lost its batch (a Dask worker whose scheduler
died) publishes nothing more: the submitting side has already reported the claim as not
published."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.rendering import files


@pytest.fixture
def lost_scheduler():
    files.guard_publishing(lambda: "the Dask scheduler was lost")
    yield
    files.guard_publishing(files._always_connected)


def test_a_worker_that_lost_its_scheduler_neither_stages_nor_publishes(tmp_path, lost_scheduler):
    target = tmp_path / "claim"
    with pytest.raises(files.Stopped, match="the Dask scheduler was lost; this claim was not"):
        files.staging_folder(target)
    staging = tmp_path / ".claim.staging-x"
    staging.mkdir()
    with pytest.raises(files.Stopped, match="scheduler was lost"):
        files.publish(staging, target)
    assert not target.exists()


def test_a_connected_worker_publishes(tmp_path):
    staging = files.staging_folder(tmp_path / "claim")
    (staging / "page.html").write_text("ok")
    files.publish(staging, tmp_path / "claim")
    assert (tmp_path / "claim" / "page.html").read_text() == "ok"


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_replacing_a_report_finds_the_atomic_swap_without_running_another_program(
    tmp_path, monkeypatch
):
    """ctypes.util.find_library("c") ran `ldconfig -p` for every report published."""
    target = tmp_path / "claim"
    target.mkdir()
    (target / "page.html").write_text("old")
    staging = files.staging_folder(target)
    (staging / "page.html").write_text("new")

    def no_program(self, args, *rest, **kwargs):
        raise AssertionError(f"publishing ran {args!r}")

    monkeypatch.setattr(subprocess.Popen, "__init__", no_program)
    files._renameat2.cache_clear()
    files.publish(staging, target)
    assert files._renameat2() is not None
    assert (target / "page.html").read_text() == "new"
