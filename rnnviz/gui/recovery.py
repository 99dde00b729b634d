"""Nothing a learner trained is lost: autosave, restore after a crash, keep what was discarded.

Mixed into :class:`~rnnviz.gui.main_window.MainWindow`. Every few minutes of unsaved training
the run is written (atomically, by the worker) to ``recovery/autosave-<pid>.npz`` in the user's
data folder; a clean close removes it. A file whose process is gone means the window died with
the run unsaved, and the next launch offers it back. Before Apply, Reset or an open throws a run
away, it is kept as ``recovery/run-<time>.npz`` and listed under File > Open recent, so even a
"Yes, discard" can be undone. The folder keeps the newest :data:`KEEP_DISCARDED` of those.
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from rnnviz.localize import localize
from rnnviz.runtime.messages import PAUSED, TRAINING, WorkerDied

from .i18n import translate

AUTOSAVE_SECONDS = 180          # between autosaves of a run with unsaved steps
KEEP_DISCARDED = 5              # discarded runs kept in the recovery folder
RECENT_KEPT = 8                 # checkpoints listed under File > Open recent
_AUTOSAVE = re.compile(r"autosave-(\d+)\.npz$")


def data_folder() -> Path:
    """Where rnnviz keeps its own files: ``$RNNVIZ_DATA_DIR``, else the platform's app data folder."""
    override = os.environ.get("RNNVIZ_DATA_DIR")
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppLocalDataLocation) or
                Path.home() / ".local" / "share" / "rnnviz")


def recovery_folder() -> Path:
    return data_folder() / "recovery"


def orphaned_autosaves() -> list[Path]:
    """Autosaves whose window is gone (it crashed or was killed), newest first."""
    found = []
    for path in recovery_folder().glob("autosave-*.npz"):
        match = _AUTOSAVE.search(path.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True                     # someone else's process: not ours to claim
    return True


class Recovery:
    """Autosave timer, the restore offer, kept discarded runs and the recent-checkpoints list."""

    def _start_recovery(self) -> None:
        seconds = float(os.environ.get("RNNVIZ_AUTOSAVE_SECONDS", AUTOSAVE_SECONDS))
        self.autosave_path = recovery_folder() / f"autosave-{os.getpid()}.npz"
        self.autosaved_iteration = -1
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(int(seconds * 1000))
        self.autosave_timer.timeout.connect(self.autosave)
        if seconds > 0:
            self.autosave_timer.start()

    # -- autosave ---------------------------------------------------------------------------
    def autosave(self) -> bool:
        """Write the run to the recovery file if it has unsaved steps not yet autosaved."""
        if self.info is None or self.unsaved_steps == 0 or self.iteration == self.autosaved_iteration:
            return False
        if not self._make_recovery_folder():
            return False
        training = self.state == TRAINING
        self._pause_and_sync()              # the step autosaved is the step the window shows
        self.worker.autosave(str(self.autosave_path))
        self.autosaved_iteration = self.iteration
        if training:
            self.play()
        return True

    def keep_discarded(self) -> None:
        """Before a run is thrown away (Apply, Reset, open): keep it, listed in Open recent."""
        if self.info is None or self.iteration == 0 or not self._make_recovery_folder():
            return
        self._pause_and_sync()
        path = recovery_folder() / f"run-{time.strftime('%Y%m%d-%H%M%S')}-{self.iteration}.npz"
        self.worker.autosave(str(path))
        self._prune_discarded()

    def _make_recovery_folder(self) -> bool:
        try:
            recovery_folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.statusBar().showMessage(translate("recovery", "Autosave is off: cannot create {folder} ({reason})")
                                         .format(folder=recovery_folder(), reason=exc.strerror or exc), 8000)
            return False
        return True

    def _prune_discarded(self) -> None:
        kept = sorted(recovery_folder().glob("run-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP_DISCARDED - 1:]:      # the one being written now makes KEEP_DISCARDED
            old.unlink(missing_ok=True)

    def _autosaved(self, path: str, iteration: int) -> None:
        """The worker's confirmation of an autosave (or of keeping a discarded run)."""
        if Path(path) != self.autosave_path:
            self.add_recent_checkpoint(path)
            self.statusBar().showMessage(translate("recovery", "The previous run (step {step}) is kept in "
                                                   "File > Open recent").format(step=f"{iteration:,}"), 8000)
        else:
            self.statusBar().showMessage(translate("recovery", "Autosaved at step {step}")
                                         .format(step=f"{iteration:,}"), 3000)

    def clear_autosave(self) -> None:
        """A clean close: nothing to recover."""
        self.autosave_path.unlink(missing_ok=True)

    # -- restore on launch -----------------------------------------------------------------------
    def offer_restore(self) -> bool:
        """If a window died with a run unsaved, offer it back; True when it is being restored.

        Declined runs are kept as discarded ones (Open recent), never deleted unasked.
        """
        from rnnviz.engine.checkpoint import CheckpointError, read_meta
        for path in orphaned_autosaves():
            try:
                meta = read_meta(path)
            except CheckpointError:
                path.unlink(missing_ok=True)    # a half-written autosave holds nothing to offer
                continue
            model = meta["model_config"]
            source = Path(str(meta["data"].get("source", "?"))).name
            answer = QMessageBox.question(
                self, translate("recovery", "Restore the unsaved run?"),
                translate("recovery", "rnnviz closed with a run at step {step} unsaved ({cell} on {corpus}, saved "
                          "automatically {time}).\n\nRestore it? (No keeps it under File > Open recent.)")
                .format(step=f"{meta['step']:,}", cell=model["cell"].upper(), corpus=source,
                        time=time.strftime("%H:%M", time.localtime(path.stat().st_mtime))),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
            if answer == QMessageBox.Yes:
                os.replace(path, self.autosave_path)      # ours now: a clean close removes it
                self.worker.load_checkpoint(str(self.autosave_path))
                return True
            kept = path.with_name(f"run-{time.strftime('%Y%m%d-%H%M%S')}-{meta['step']}.npz")
            os.replace(path, kept)
            self.add_recent_checkpoint(str(kept))
        return False

    # -- a training process that died -------------------------------------------------------------
    def _worker_died(self, event: WorkerDied) -> None:
        """Say why, then start a new process with the last autosave (or the form's run)."""
        self.busy.clear()
        self._set_state(PAUSED)
        self.show_state("stopped")
        autosaved = self.autosave_path.exists()
        if autosaved:
            since = translate("recovery", "The last autosave holds step {step}.").format(
                step=f"{self.autosaved_iteration:,}")
        else:
            since = translate("recovery", "No autosave was written yet: a new run starts from the form's settings.")
        title, message = translate("recovery", "Training stopped"), localize(event.message)
        self.messages.append((title, message))
        if not self.interactive:
            print(f"rnnviz: {title}: {message}", file=sys.stderr)
            return
        answer = QMessageBox.question(
            self, title, translate("recovery", "{message}\n\n{since} Start a new training process?")
            .format(message=message, since=since),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            self.restart_worker()

    def restart_worker(self) -> None:
        """A new training process, without restarting the window, resuming the last autosave."""
        from contextlib import suppress
        with suppress(Exception):               # the old one is gone; this only tidies up
            self.worker.shutdown(timeout=0.5)
        self.worker = self._make_worker()
        self.worker.set_probe_every(self.experiment.probe_every())
        self.worker.set_speed_cap(float(self.speed_spin.value()))
        self.info = None
        self._fallback = True                   # an unreadable autosave: build the default run
        if self.autosave_path.exists():
            self.worker.load_checkpoint(str(self.autosave_path))
        else:
            self.worker.build(*self.experiment.config())

    # -- File > Open recent ------------------------------------------------------------------------
    def recent_checkpoints(self) -> list[str]:
        value = self.settings.value("recent/checkpoints", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if Path(p).is_file()]

    def add_recent_checkpoint(self, path: str) -> None:
        path = str(Path(path).resolve())
        paths = [path] + [p for p in self.recent_checkpoints() if p != path]
        self.settings.setValue("recent/checkpoints", paths[:RECENT_KEPT])

    def fill_recent_menu(self, menu) -> None:
        """Rebuilt each time the menu opens, so files deleted meanwhile are not offered."""
        menu.clear()
        paths = self.recent_checkpoints()
        for path in paths:
            action = menu.addAction(Path(path).name, lambda p=path: self.open_checkpoint(p))
            action.setToolTip(path)
            action.setStatusTip(path)
        if not paths:
            menu.addAction(translate("recovery", "(none yet)")).setEnabled(False)
