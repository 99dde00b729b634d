"""Run folders: where ``rnnviz train`` writes, and how a run is never lost or half-written.

A run folder holds ``config.json``, ``metrics.csv``, ``evals.csv``, ``checkpoint.npz`` and, at
the end, ``results.json`` (a seq2seq run adds ``accuracy.csv``). The rules kept here:

* A new run never replaces another: :func:`claim` refuses a folder that holds a run unless
  asked to (``--force``), and :func:`unique_folder` numbers default folders (``runs/tale-lstm``,
  ``runs/tale-lstm-2``, ...), taking each by an exclusive ``mkdir`` so two runs never share one.
* The CSV logs always match the checkpoint beside them (:class:`~rnnviz.run_logs.RunLogs`): rows are appended
  as steps come, formatted from the run's :class:`~rnnviz.runtime.history.History`, which the
  checkpoint carries; a resumed run's logs are rebuilt from it, and :meth:`CsvLog.truncate_after`
  cuts a log in place back to a step (after a rewind or a failed save). Cutting a file needs
  no free space, so it works on a full disk too.
* JSON files are written to a uniquely named temporary file and renamed over the target; the
  temporary file is removed on every path, and :func:`remove_stale_temps` clears those a killed
  process (``kill -9``) left behind.
* Every write failure is a :class:`RunFolderError`, one line naming the file and the reason
  ("cannot write runs/x/metrics.csv: the disk is full").
* :class:`Interrupts` turns the first Ctrl-C (or SIGTERM) into a request the training loop
  honours between steps, so the checkpoint saved then holds whole steps; a second Ctrl-C
  raises ``KeyboardInterrupt`` at once.
"""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import signal
import tempfile
from pathlib import Path
from typing import Any, Iterable, Sequence

from .engine.texts import translate

RUN_FILES = ("checkpoint.npz", "config.json", "metrics.csv", "evals.csv", "results.json",
             "accuracy.csv")
# What every temporary file of a run folder is called: the engine's ``.checkpoint.npz.tmp-PID``
# and this module's ``.config.json.tmp-PID-XXXX`` alike, so a dead writer's can be told apart.
_TEMP = re.compile(r"^\..+\.tmp-(\d+)(-[^/]*)?$")
_REASONS = {errno.ENOSPC: translate("run_folder", "the disk is full"),
            errno.EDQUOT: translate("run_folder", "the disk quota is exceeded"),
            errno.EROFS: translate("run_folder", "the file system is read-only"),
            errno.EACCES: translate("run_folder", "permission denied"),
            errno.EPERM: translate("run_folder", "permission denied"),
            errno.EFBIG: translate("run_folder", "the file is too large"),
            errno.ENOENT: translate("run_folder", "no such file or folder"),
            errno.ENOTDIR: translate("run_folder", "a part of the path is not a folder"),
            errno.EISDIR: translate("run_folder", "it is a folder")}


class RunFolderError(Exception):
    """A run folder that cannot be used or written; one line naming the path and what to do."""


def reason(exc: OSError) -> str:
    """Why an OS call failed, in words a user can act on (a translatable
    :class:`~rnnviz.engine.texts.Text` for the common reasons, else the system's own words)."""
    return _REASONS.get(exc.errno, exc.strerror or str(exc))


def cannot_write(path: str | os.PathLike, exc: OSError) -> RunFolderError:
    return RunFolderError(translate("run_folder", "cannot write {path}: {reason}").format(
        path=os.fspath(path), reason=reason(exc)))


def _cannot_create(folder: Path, exc: OSError) -> RunFolderError:
    return RunFolderError(translate("run_folder", "cannot create {path}: {reason}").format(
        path=str(folder), reason=reason(exc)))


# --- choosing and claiming a folder ----------------------------------------------------------

def holds_run(folder: Path) -> bool:
    return folder.is_dir() and any((folder / name).exists() for name in RUN_FILES)


def unique_folder(base: Path) -> Path:
    """``base``, or ``base-2``, ``base-3`` ...: the first that did not exist, now created.

    ``mkdir`` without ``exist_ok`` is the claim: of two runs started at once, one gets each name.
    """
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_create(base.parent, exc) from None
    for n in range(1, 10_000):
        folder = base if n == 1 else base.with_name(f"{base.name}-{n}")
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot_create(folder, exc) from None
    raise RunFolderError(translate("run_folder", "{path}: 9,999 runs of that name already; pass --out").format(
        path=str(base)))


def claim(folder: Path, *, force: bool, resume_hint: str = "") -> None:
    """Make ``folder`` ready for a new run: created if missing, refused if it holds a run.

    With ``force`` the old run's files (only those: :data:`RUN_FILES`) are deleted first, so
    no old checkpoint sits beside the new run's metrics.
    """
    if folder.exists() and not folder.is_dir():
        raise RunFolderError(translate("run_folder", "--out {path}: is a file, not a folder").format(
            path=str(folder)))
    if holds_run(folder):
        if not force:
            hint = resume_hint or f"--resume {folder / 'checkpoint.npz'}"
            raise RunFolderError(translate("run_folder", "{path} already holds a run; pass --force to "
                                           "replace it or {hint} to continue it").format(
                path=str(folder), hint=hint))
        for name in RUN_FILES:
            try:
                (folder / name).unlink(missing_ok=True)
            except OSError as exc:
                raise RunFolderError(translate("run_folder", "cannot replace {path}: {reason}").format(
                    path=str(folder / name), reason=reason(exc))) from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_create(folder, exc) from None
    check_writable(folder)


def check_writable(folder: Path) -> None:
    """Fail now, not after an epoch of training, if nothing can be written into ``folder``."""
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".probe.tmp-{os.getpid()}-")
    except OSError as exc:
        raise RunFolderError(translate("run_folder", "cannot write into {path}: {reason}").format(
            path=str(folder), reason=reason(exc))) from None
    os.close(fd)
    os.unlink(probe)


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files in ``folder`` whose writing process is gone; returns how many."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        match = _TEMP.match(name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(folder / name)
                removed += 1
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False            # our own leftovers are stale too: we are not writing them now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True             # exists, owned by someone else
    return True


# --- whole files -----------------------------------------------------------------------------

def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a uniquely named temporary file renamed over it.

    The temporary file is gone afterwards whatever happens (a second Ctrl-C included), and a
    failure leaves any earlier ``path`` as it was.

    Raises
    ------
    RunFolderError
        When the folder or the disk refuses (full, read-only, no permission ...).
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.tmp-{os.getpid()}-")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        os.fchmod(fd, _file_mode())         # mkstemp's 0600 would make config.json private
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise


def _file_mode() -> int:
    """The mode a plain ``open`` would give a new file: 0666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def write_json(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(data, indent=2, default=str) + "\n")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A whole CSV file at once (a resumed run's logs rebuilt from its checkpoint)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    write_atomic(path, buffer.getvalue())


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object, or {} when the file is missing or unreadable (it is only a hint)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --- the CSV logs ----------------------------------------------------------------------------

class CsvLog:
    """A CSV file that grows by a row per step (or evaluation), first column the iteration.

    Rows go straight to the file (unbuffered), so a process killed at any moment leaves at
    most one partial last row, which :meth:`truncate_after` removes; there is no buffer whose
    late flush could fail when the file is closed on a full disk.

    Parameters
    ----------
    path : Path
    header : sequence of str
    append : bool
        Continue an existing file with the same header (a resumed run); otherwise, or when
        the file is missing or has another header, start it afresh.
    """

    def __init__(self, path: Path, header: Sequence[str], *, append: bool = False):
        self.path = path
        self.header = list(header)
        fresh = not (append and _header_of(path) == self.header)
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0),
                               0o666)
        except OSError as exc:
            raise cannot_write(path, exc) from None
        if fresh:
            self._write(self.header)

    def write(self, row: Sequence[str]) -> None:
        self._write(row)

    def _write(self, row: Sequence[str]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(row)
        try:
            _write_all(self._fd, buffer.getvalue().encode("utf-8"))
        except OSError as exc:
            raise cannot_write(self.path, exc) from None

    def truncate_after(self, iteration: int) -> int:
        """Cut the file after the last whole row of step ``iteration`` or before; rows kept."""
        return truncate_csv(self.path, iteration, fd=self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def _write_all(fd: int, data: bytes) -> None:
    """Every byte of ``data`` to ``fd`` (a seam for tests that simulate a full disk)."""
    while data:
        data = data[os.write(fd, data):]


def _header_of(path: Path) -> list[str] | None:
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return next(csv.reader(f), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def truncate_csv(path: Path, iteration: int, *, fd: int | None = None) -> int:
    """Keep the header and the whole rows up to step ``iteration`` of a log; returns rows kept.

    A row is kept while its first field is an iteration at most ``iteration`` and it has as many
    fields as the header: the first row that is partial (a kill mid-write), foreign or later
    ends the file, cut in place so no free space is needed.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise RunFolderError(translate("run_folder", "cannot read {path}: {reason}").format(
            path=str(path), reason=reason(exc))) from None
    lines = data.splitlines(keepends=True)
    keep, rows, width = 0, 0, None
    for k, line in enumerate(lines):
        if not line.endswith(b"\n"):
            break
        try:
            fields = next(csv.reader([line.decode("utf-8")]))
        except (UnicodeDecodeError, csv.Error, StopIteration):
            break
        if k == 0:
            width = len(fields)
        else:
            try:
                step = int(fields[0])
            except (ValueError, IndexError):
                break
            if len(fields) != width or step > iteration:
                break
            rows += 1
        keep += len(line)
    if keep < len(data):
        try:
            if fd is not None:
                os.ftruncate(fd, keep)
            else:
                os.truncate(path, keep)
        except OSError as exc:
            raise cannot_write(path, exc) from None
    return rows


def checkpoint_step(path: Path) -> int | None:
    """The step a checkpoint of either kind holds, from its metadata; None if it is unreadable."""
    from rnnviz.engine.archive import Archive, CheckpointError
    try:
        with Archive(path) as archive:
            step = archive.meta(None).get("step")
    except (CheckpointError, OSError):
        return None
    return step if isinstance(step, int) and not isinstance(step, bool) else None


# --- Ctrl-C ----------------------------------------------------------------------------------

class Interrupts:
    """Ctrl-C and SIGTERM, deferred: the first sets :attr:`requested`, the second interrupts.

    Use as a context manager around a training loop that checks :attr:`requested` between
    steps; the previous handlers come back on exit. Outside the main thread (where Python
    cannot install handlers) it does nothing.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.requested: int | None = None       # the signal number asked for first
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> "Interrupts":
        try:
            for sig in self.SIGNALS:
                self._previous[sig] = signal.signal(sig, self._handle)
        except ValueError:          # not the main thread
            self._restore()
        return self

    def __exit__(self, *exc_info) -> None:
        self._restore()

    def _restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame) -> None:
        if self.requested is not None:
            raise KeyboardInterrupt     # the second one: stop now, the last checkpoint stands
        self.requested = signum

    @property
    def exit_status(self) -> int:
        """What a shell expects of a process stopped by the signal: 128 + its number."""
        return 128 + (self.requested or signal.SIGINT)
