"""`show` draws the phone edition in a forked child when a core is spare (charts/display.py):
the same bytes as drawing both editions in one process, silent, and never lost when the
child fails."""

from __future__ import annotations

import os
import sys
import warnings

import pytest
from test_charts_phone import _charts

from factcheck import charts
from factcheck.charts import display

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="the child is forked on Linux only")


def _shown_and_saved(folder, monkeypatch, processes: str):
    monkeypatch.setenv(display.PROCESSES_ENV, processes)
    monkeypatch.setenv(charts.CHARTS_ENV, str(folder))
    html = charts.show(_charts()["estimates"], "estimates")._repr_html_()
    return html, {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@needs_fork
def test_the_phone_edition_drawn_in_a_child_gives_the_bytes_of_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    alone = _shown_and_saved(tmp_path / "one", monkeypatch, "1")
    beside = _shown_and_saved(tmp_path / "two", monkeypatch, "")
    assert beside == alone
    assert sorted(alone[1]) == ["estimates-phone.png", "estimates.png", "estimates.svg"]


@needs_fork
def test_a_child_that_fails_is_replaced_by_drawing_here(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.delenv(display.PROCESSES_ENV, raising=False)
    parent = os.getpid()

    def draw() -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("the child's drawing failed")
        return b"drawn here"

    assert display._beside(draw)() == b"drawn here"


@needs_fork
def test_the_child_hands_over_more_bytes_than_a_pipe_holds(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.delenv(display.PROCESSES_ENV, raising=False)
    parent = os.getpid()
    big = bytes(range(256)) * 4096  # 1 MiB: the child blocks until the parent reads

    def draw() -> bytes:
        return big if os.getpid() != parent else b"drawn here instead"

    assert display._beside(draw)() == big


def test_one_core_or_the_switch_draws_every_edition_here(monkeypatch):
    parent = os.getpid()
    seen = []
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    display._beside(lambda: seen.append(os.getpid()) or b"x")()
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    monkeypatch.setenv(display.PROCESSES_ENV, "1")
    display._beside(lambda: seen.append(os.getpid()) or b"x")()
    assert seen == [parent, parent]


def test_the_phone_editions_warnings_never_reach_the_notebook():
    class Noisy:
        def savefig(self, *args, **kwargs):
            warnings.warn("Glyph missing from font", UserWarning, stacklevel=1)
            raise StopIteration  # stop before any drawing: the warning is what is tested

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(StopIteration):
            display._quiet_png(Noisy())
    assert caught == []
