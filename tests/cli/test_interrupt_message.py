"""Ctrl-C during a render is one line and exit status 130, even when the interrupt lands inside
the kernel client's event loop and surfaces as another error while the kernel shuts down
(seen once as a traceback: "Kernel died before replying to kernel_info")."""

from __future__ import annotations

import contextlib
import signal

import pytest

from factcheck import cli


def _command_that(monkeypatch, interrupted: bool):
    def run(**kwargs):
        if interrupted:
            with contextlib.suppress(KeyboardInterrupt):  # as the kernel client's loop can
                signal.raise_signal(signal.SIGINT)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(cli.cli, "main", run)


def test_an_error_after_ctrl_c_is_reported_as_the_interrupt(monkeypatch, capsys):
    _command_that(monkeypatch, interrupted=True)
    with pytest.raises(SystemExit) as end:
        cli.main()
    assert end.value.code == 130
    assert capsys.readouterr().err.strip() == cli.INTERRUPTED


def test_the_same_error_without_ctrl_c_is_not_hidden(monkeypatch):
    _command_that(monkeypatch, interrupted=False)
    with pytest.raises(RuntimeError, match="Kernel died"):
        cli.main()


def test_ctrl_c_handling_is_restored_after_the_command(monkeypatch):
    before = signal.getsignal(signal.SIGINT)
    _command_that(monkeypatch, interrupted=False)
    with pytest.raises(RuntimeError):
        cli.main()
    assert signal.getsignal(signal.SIGINT) is before
