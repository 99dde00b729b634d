"""Writing a checkpoint archive so that no crash, kill or full disk leaves a torn file.

The archive goes to ``.<name>.tmp-<pid>`` beside its place, is synced, then renamed over it
(atomic within one file system); a writer that was killed leaves its temporary file, which the
next save beside it removes once that process is gone. Reading is :mod:`rnnviz.engine.archive`.
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import numpy as np

from .archive import CheckpointError
from .texts import translate

_DIGITS = re.compile(r"[0-9]+")


def _write_npz(file, arrays: dict[str, np.ndarray]) -> None:
    """The one call that writes the archive (a seam for tests that simulate a full disk)."""
    np.savez(file, **arrays)


def write_atomic(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as an archive at ``path``: to a temporary file, synced, then renamed.

    The rename is atomic only within one file system, hence the same folder; the leading dot
    keeps the half-written file out of casual listings.

    Raises
    ------
    CheckpointError
        ``cannot write <path>: <reason>``; "the disk is full" when it is. Any earlier file at
        ``path`` is left untouched and the temporary file is removed.
    """
    name = os.fspath(path)
    remove_stale_temps(path)
    tmp = _temp_name(path, os.getpid())
    try:
        # An open file object, not a name: np.savez would append ".npz" to a bare name.
        with open(tmp, "wb") as f:
            _write_npz(f, arrays)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise CheckpointError(translate("archive", "cannot write {path}: {reason}")
                                  .format(path=name, reason=_reason(exc))) from None
        raise
    _fsync_folder(path.parent)


def _temp_name(path: Path, pid: int) -> Path:
    return path.with_name(f".{path.name}.tmp-{pid}")


def _reason(exc: OSError) -> str:
    text = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return translate("archive", "the disk is full ({error}); free some space and save again"
                         ).format(error=text)
    if exc.errno == getattr(errno, "EDQUOT", None):
        return translate("archive", "the disk quota is used up ({error}); free some space and save "
                         "again").format(error=text)
    return text


def remove_stale_temps(path: Path) -> list[Path]:
    """Delete ``.<name>.tmp-<pid>`` files beside ``path`` whose process is gone; return them.

    A save killed between opening its temporary file and the rename (kill -9, a power cut)
    leaves it behind, and nothing else would ever remove it. Files of live processes are
    saves in progress and stay. Only on POSIX, where ``os.kill(pid, 0)`` merely asks whether
    the process exists (on Windows it would terminate it).
    """
    if os.name != "posix":
        return []
    prefix = f".{path.name}.tmp-"
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        digits = entry.name[len(prefix):]
        if not _DIGITS.fullmatch(digits) or _alive(int(digits)):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists; unsure answers count as alive, so nothing live is deleted."""
    if pid <= 0 or pid == os.getpid():     # 0 and negatives would address process groups
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):        # PermissionError: someone else's live process
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows syncing a directory (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
