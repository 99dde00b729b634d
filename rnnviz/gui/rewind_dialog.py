"""The way out of a divergence: go back to a kept step and train on at a lower rate.

One dialog serves both doors. After a divergence it leads with what happened and offers
"Rewind and lower the rate" as the default button, Reset as the other way out; Run > Rewind...
opens it without the story. The steps offered are the ones the worker keeps
(:class:`~rnnviz.engine.rewind.RewindRing`), newest first.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass

from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QLabel, QVBoxLayout, QWidget)

from rnnviz.engine.snapshots import Divergence
from rnnviz.localize import localize

from .i18n import translate

REWIND, RESET = "rewind", "reset"


@dataclass(frozen=True)
class RewindChoice:
    """What the user chose: ``action`` is "rewind" (to ``step`` at ``lr``) or "reset"."""

    action: str
    step: int | None = None
    lr: float | None = None


class RewindDialog(QDialog):
    """Pick a kept step and the learning rate to go on with.

    Parameters
    ----------
    points : sequence of int
        Steps one can rewind to (any order).
    step : int or None
        The one to select first (the engine's suggestion); default the newest.
    lr : float
        The rate to show first (after a divergence, the suggested lower one).
    message : str, optional
        What went wrong (a message from the engine, said in the window's language); with it the
        dialog also offers Reset.
    """

    def __init__(self, points, step: int | None, lr: float, message: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rewindDialog")
        if message:
            self.setWindowTitle(translate("rewind_dialog", "Training diverged"))
        else:
            self.setWindowTitle(translate("rewind_dialog", "Rewind"))
        layout = QVBoxLayout(self)
        if message:
            message = localize(message)
            text = QLabel(message[:1].upper() + message[1:], objectName="rewindMessage")
            text.setWordWrap(True)
            layout.addWidget(text)
        form = QFormLayout()
        self.step_combo = QComboBox(objectName="rewindStep")
        for point in sorted(set(points), reverse=True):
            if point == 0:
                label = translate("rewind_dialog", "step {step} (fresh weights)")
            else:
                label = translate("rewind_dialog", "step {step}")
            self.step_combo.addItem(label.format(step=f"{point:,}"), point)
        if step is not None and self.step_combo.findData(step) >= 0:
            self.step_combo.setCurrentIndex(self.step_combo.findData(step))
        form.addRow(translate("rewind_dialog", "Go back to"), self.step_combo)
        self.lr_spin = QDoubleSpinBox(objectName="rewindLr")
        self.lr_spin.setDecimals(5)            # as the experiment form's learning-rate box
        self.lr_spin.setRange(1e-5, 100.0)
        self.lr_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.lr_spin.setValue(lr if math.isfinite(lr) and lr > 0 else 0.001)
        form.addRow(translate("rewind_dialog", "then train at learning rate"), self.lr_spin)
        layout.addLayout(form)
        note = QLabel(translate("rewind_dialog", "Training after the rewind repeats the same batches, now at this rate."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)

        self.buttons = QDialogButtonBox(objectName="rewindButtons")
        rewind = self.buttons.addButton(translate("rewind_dialog", "Rewind and lower the rate") if message
                                        else translate("rewind_dialog", "Rewind"), QDialogButtonBox.AcceptRole)
        rewind.setObjectName("rewindButton")
        rewind.setDefault(True)
        rewind.setEnabled(self.step_combo.count() > 0)
        if message:
            reset = self.buttons.addButton(translate("rewind_dialog", "Reset (start over)"),
                                           QDialogButtonBox.DestructiveRole)
            reset.setObjectName("resetButton")
            reset.clicked.connect(lambda: self.done(2))
            self.buttons.addButton(translate("rewind_dialog", "Close"),
                                   QDialogButtonBox.RejectRole).setObjectName("closeButton")
        else:
            self.buttons.addButton(QDialogButtonBox.Cancel).setObjectName("closeButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(560, max(420, self.sizeHint().width())))

    def choice(self, result: int) -> RewindChoice | None:
        """What ``exec()``'s ``result`` means: a rewind, a reset, or None (closed)."""
        if result == QDialog.Accepted and self.step_combo.count():
            return RewindChoice(REWIND, int(self.step_combo.currentData()), float(self.lr_spin.value()))
        if result == 2:
            return RewindChoice(RESET)
        return None

    @staticmethod
    def ask(parent: QWidget | None, points, step: int | None, lr: float,
            message: str | None = None) -> RewindChoice | None:
        """Show the dialog modally and return the choice (tests replace this, as QMessageBox's)."""
        dialog = RewindDialog(points, step, lr, message, parent)
        try:
            return dialog.choice(dialog.exec())
        finally:
            dialog.deleteLater()


class Rewinding:
    """The window's side of rewinding, mixed into :class:`~rnnviz.gui.main_window.MainWindow`:
    a divergence asks what to do, Run > Rewind... asks where to go."""

    def _diverged(self, record: Divergence) -> None:
        title = translate("rewind_dialog", "Training diverged")
        self.messages.append((title, localize(record.message)))
        if not self.interactive:
            print(f"rnnviz: {title}: {localize(record.message)}", file=sys.stderr)
            return
        self._pending_dialogs.append(("divergence", title, record))

    def _ask_rewind(self, record: Divergence | None = None) -> None:
        """The rewind dialog: after ``record``'s divergence, or from Run > Rewind..."""
        points = set(self.rewind_points)
        if record is not None and record.rewind_to is not None:
            points.add(record.rewind_to)    # the state event may still be on its way
        if record is not None:
            step, lr, message = record.rewind_to, record.suggested_lr, record.message
        else:
            step, lr, message = None, self.experiment.lr_spin.value(), None
        choice = RewindDialog.ask(self, sorted(points), step, lr, message)
        if choice is None:
            return
        if choice.action == REWIND:
            self.worker.rewind(choice.step, choice.lr)
        elif choice.action == RESET:
            self.keep_discarded()
            self.worker.reset()

    def rewind(self) -> None:
        """Run > Rewind...: pause, then offer the kept steps."""
        if self.info is None:
            self.show_message("information", translate("rewind_dialog", "Nothing to rewind"),
                              translate("rewind_dialog", "Build a model first (Apply)."))
            return
        self._pause_and_sync()
        if not self.interactive:
            return
        self._ask_rewind()

