"""How the window closes, mixed into :class:`~rnnviz.gui.main_window.MainWindow`: it asks before
trained steps are lost (Save / Discard / Cancel), then stops the worker and waits for it.

A run is minutes to hours of a learner's watching; closing must not throw it away unasked, and
must never hang or leave a training process behind.
"""
from __future__ import annotations

import sys
import time
import traceback

from PySide6.QtWidgets import QMessageBox

from .i18n import translate
from .layout import state_version
from rnnviz.runtime.messages import TRAINING


class Closing:
    """``closeEvent`` and what it needs: the unsaved count, the question, the worker's stop."""

    def shutdown_worker(self) -> bool:
        """Stop every worker (the language model's and the three labs') after its current step
        and wait for them; True when all ended (a child process still busy is terminated). All
        are asked first, so their processes wind down together rather than one after another."""
        self.timer.stop()
        start = time.perf_counter()
        for lab in (self.seq2seq_lab, self.classify_lab, self.compare_lab):
            if lab._worker_started:
                lab.worker.ask_to_stop()
        self.worker.ask_to_stop()
        stopped = self.worker.shutdown(timeout=1.0)
        stopped = self.seq2seq_lab.shutdown(timeout=1.0) and stopped
        stopped = self.classify_lab.shutdown(timeout=1.0) and stopped
        stopped = self.compare_lab.shutdown(timeout=1.0) and stopped
        self.join_seconds = time.perf_counter() - start
        if not stopped:
            print("rnnviz: a training worker did not stop within 1 s", file=sys.stderr)
        return stopped

    @property
    def unsaved_steps(self) -> int:
        """Steps trained since the run was last saved or opened."""
        return max(0, self.iteration - self.saved_iteration)

    def _may_close(self) -> bool:
        """Ask Save / Discard / Cancel when closing would lose trained steps; True to close."""
        if not self.interactive or self.info is None or self.unsaved_steps == 0:
            return True
        training = self.state == TRAINING
        self._pause_and_sync()                  # the count asked about is the count lost
        n = self.unsaved_steps
        answer = QMessageBox.question(
            self, translate("closing", "Close rnnviz"),
            translate("closing", "Save the run before closing?\n\n{n} steps were trained since it was last "
                      "saved; Discard loses them.").format(n=f"{n:,}"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save and self._save_before_close():
            return True
        if answer in (QMessageBox.Save, QMessageBox.Cancel):
            if training:
                self.play()                     # as it was before the question
            return False
        return True

    def _save_before_close(self, timeout: float = 60.0) -> bool:
        """Save through the usual dialog and wait for the worker to confirm; False if the user
        cancelled the file dialog or the save failed (its dialog says why)."""
        errors = len(self.messages)
        if not self.save_checkpoint():
            return False
        self.drain_until(lambda: not self.unsaved_steps or len(self.messages) > errors, timeout)
        return self.unsaved_steps == 0

    def _may_close_lab(self, timeout: float = 60.0) -> bool:
        """The same question for each lab's run, when it has unsaved steps."""
        return (self._may_close_one_lab(self.seq2seq_lab, self.save_seq2seq_run, translate(
                    "closing", "Save the seq2seq lab's run before closing?\n\n{n} steps were trained since "
                    "it was last saved; Discard loses them."), timeout)
                and self._may_close_one_lab(self.classify_lab, self.save_classify_run, translate(
                    "closing", "Save the classifier lab's run before closing?\n\n{n} steps were trained since "
                    "it was last saved; Discard loses them."), timeout)
                and self._may_close_one_lab(self.compare_lab, self.save_compare_run, translate(
                    "closing", "Save the compared models before closing?\n\n{n} steps of each were trained since "
                    "they were last saved; Discard loses them."), timeout))

    def _may_close_one_lab(self, lab, save, question: str, timeout: float) -> bool:
        if not self.interactive or lab.unsaved_steps == 0:
            return True
        training = lab.state == TRAINING
        lab.pause()
        answer = QMessageBox.question(
            self, translate("closing", "Close rnnviz"), question.format(n=f"{lab.unsaved_steps:,}"),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Discard:
            return True
        if answer == QMessageBox.Save and save():
            self.drain_until(lambda: lab.unsaved_steps == 0 or bool(lab.error_text), timeout)
            if lab.unsaved_steps == 0:
                return True
        if training:
            lab.play()
        return False

    def closeEvent(self, event) -> None:  # noqa: N802
        if not (self._may_close() and self._may_close_lab()):
            event.ignore()
            return
        self.clear_autosave()                   # saved, discarded on purpose, or nothing to lose
        if self.restore_layout and self._sized:
            self.settings.setValue("window/state", self.saveState(state_version()))
            self.settings.setValue("window/arrangement", self.arrangement.name)
            self.settings.setValue("window/geometry", self.saveGeometry())
        try:
            self.shutdown_worker()
        except Exception:  # noqa: BLE001 - closing must never be stopped by a failure here
            traceback.print_exc()
        super().closeEvent(event)
