"""A kernel's start and end without jupyter_client's fixed waits: at its start, the client is
ready as soon as the kernel is (no wait for 0.2 s of IOPub silence); at its end, the kernel is
killed and reaped by us, so the manager's shutdown finds it gone at its first look instead of
polling again 0.1 s later. Both were on every render's critical path."""

from __future__ import annotations

import os

import pytest

from factcheck.rendering.execute import _kill_and_reap, cold_kernel, prompt_client_class

pytestmark = pytest.mark.slow


def test_the_kernel_process_is_killed_and_reaped_before_the_manager_shuts_it_down(tmp_path):
    with cold_kernel(tmp_path, {}) as km:
        process = km.provisioner.process
        assert process.poll() is None  # running
        _kill_and_reap(km)
        assert process.returncode is not None  # reaped: the manager's first poll sees it gone
        with pytest.raises(ProcessLookupError):
            os.killpg(km.provisioner.pgid, 0)  # its process group is gone too
        assert km.has_kernel  # the manager still owns it: its shutdown cleans up as before
    assert not km.has_kernel


def test_a_manager_without_a_local_process_is_left_to_shut_its_kernel_down_itself():
    class Remote:
        provisioner = object()  # no Popen: not ours to kill

    _kill_and_reap(Remote())  # nothing raised, nothing done


def test_a_kernel_client_is_ready_without_then_waiting_for_iopub_to_fall_silent(tmp_path):
    """jupyter_client's wait_for_ready read IOPub until 0.2 s passed without a message: 0.2 s
    on every kernel start. Ours takes what IOPub already holds and returns (nbclient reads
    only its own requests' messages)."""
    from jupyter_core.utils import run_sync

    with cold_kernel(tmp_path, {}) as km:
        client = km.client()
        assert isinstance(client, prompt_client_class())
        client.start_channels()
        waits = []
        read = client.iopub_channel.get_msg

        async def recording(*args, timeout=None, **kwargs):
            waits.append(timeout)
            return await read(*args, timeout=timeout, **kwargs)

        client.iopub_channel.get_msg = recording
        try:
            run_sync(client.wait_for_ready)(timeout=60)
        finally:
            client.stop_channels()
    connected = len(waits) - waits[::-1].index(0.2)  # after the read that saw IOPub connected
    assert waits[connected:] and set(waits[connected:]) == {0}, waits
