"""File safety for the output tree: atomic files, whole folders, locks, and no followed links.

A report folder changes as a whole: it is built in a hidden sibling staging folder and swapped
in with one atomic rename (Linux renameat2 RENAME_EXCHANGE), so a reader, a kill or a full disk
sees the old folder or the new one, never a mix. Nothing is written through a symbolic link
inside the output tree: a link there is refused with a message.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import RenderError, UsageError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def refuse_link(path: Path, what: str = "") -> None:
    """A symbolic link where we write would send files elsewhere: refuse it, naming the path."""
    if path.is_symlink():
        raise UsageError(
            f"{path} is a symbolic link{f' ({what})' if what else ''}; factcheck never writes "
            "through links inside the output tree: remove the link and run again"
        )


def refuse_links_inside(folder: Path) -> None:
    """The folder and everything under it must be real files and folders, not links."""
    refuse_link(folder)
    if not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            refuse_link(Path(root) / name)


def ensure_folder(path: Path, option: str = "--out") -> Path:
    """Create the output folder, or say in one sentence why it cannot be one."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{option} {path} is not a folder; give a folder to write into")
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: readers see old or new, never half."""
    refuse_link(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Write name -> bytes under a folder we just created (so no link can be inside it)."""
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:  # "x": a fresh file, never an existing one or a link
            handle.write(data)
        os.chmod(path, 0o644)


@functools.cache
def _renameat2() -> Callable | None:
    """libc's renameat2, from the symbols this process has already loaded; None where there is
    none. Not ctypes.util.find_library("c"), which runs `ldconfig -p` in a new process to find
    the file name, once for every report published."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except (OSError, TypeError):  # no process-wide symbol table (Windows)
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(staging: Path, target: Path) -> None:
    """Put a finished staging folder at `target` in one rename; the old folder is removed after.

    Where the file system cannot swap atomically, the old folder is moved aside first: for a
    moment there is no folder, but never a mixed one.
    """
    refuse_link(target)
    _refuse_if_stopped()
    if not target.exists():
        os.rename(staging, target)
        return
    if not stat.S_ISDIR(target.lstat().st_mode):
        raise UsageError(f"{target} is not a folder; move it away so the report can be written")
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old version
        return
    aside = staging.with_name(staging.name + "-old")
    os.rename(target, aside)
    os.rename(staging, target)
    shutil.rmtree(aside, ignore_errors=True)


_active_staging: set[Path] = set()  # this process's staging folders, for an interrupt to remove
_stopped = False  # set by an interrupt: nothing more is staged or published by this process


def _always_connected() -> str | None:
    return None


# Why this process may no longer publish, or None. A Dask worker sets it (`guard_publishing`):
# once its scheduler is gone the submitting side has already counted the claim as not
# published, so publishing it afterwards would make that report a lie.
_lost_reason: Callable[[], str | None] = _always_connected


class Stopped(RenderError):
    """The batch was interrupted: this claim was not published."""


def _refuse_if_stopped() -> None:
    if _stopped:
        raise Stopped("the batch was interrupted; this claim was not published")
    if reason := _lost_reason():
        raise Stopped(f"{reason}; this claim was not published")


def guard_publishing(lost_reason: Callable[[], str | None]) -> None:
    """Stage and publish only while `lost_reason()` is None (a worker's link to its batch)."""
    global _lost_reason
    _lost_reason = lost_reason


def resume() -> None:
    """A worker that outlives an interrupted batch (a standing Dask worker) may publish again."""
    global _stopped
    _stopped = False


def staging_folder(target: Path) -> Path:
    """A fresh hidden sibling of `target` on the same file system, to be swapped in later."""
    _refuse_if_stopped()
    folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    _active_staging.add(folder)
    os.chmod(folder, 0o755)  # a report folder is for reading, like the files in it
    return folder


def remove_staging(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _active_staging.discard(folder)


def remove_active_staging() -> None:
    """An interrupted worker's last act: none of its staging folders is left behind, and it
    publishes nothing more."""
    global _stopped
    _stopped = True
    for folder in list(_active_staging):
        shutil.rmtree(folder, ignore_errors=True)


def clear_leftovers(target: Path) -> None:
    """Staging folders and temporary files a killed run left behind (the caller holds the lock).

    A run killed between the two renames of the fallback swap left the old report aside and no
    folder in place: it is put back first, so the last good report survives.
    """
    if not target.exists() and not target.is_symlink():
        for aside in sorted(target.parent.glob(f".{target.name}.staging-*-old")):
            if aside.is_dir() and not aside.is_symlink():
                os.rename(aside, target)
                break
    for path in target.parent.glob(f".{target.name}.staging-*"):
        if not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
    if target.is_dir() and not target.is_symlink():
        for path in target.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                path.unlink()


def lock_path(target: Path) -> Path:
    """The lock of a report folder sits beside it, so swapping the folder never swaps the lock."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock: two renders of one folder take turns instead of mixing files."""
    refuse_link(path, "a lock file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path, timeout=-1):
        yield


def tidy_if_idle(target: Path) -> None:
    """Clear a killed run's leftovers, unless another render holds the folder right now."""
    path = lock_path(target)
    refuse_link(path, "a lock file")
    try:
        with FileLock(path, timeout=0):
            clear_leftovers(target)
    except Timeout:
        return
