"""Training keys that work while a number field has the focus, as in a media player.

A spin box takes every key it is given, so after a teacher types a new learning rate, Space
would go into the field (and be refused) instead of playing. This application-wide event filter
gives the training shortcuts (Play, Step, Step epoch, BPTT stepper) back to the window while a
spin box of the main window has the focus: the field's edit is committed first, exactly as Enter
would, so the new value reaches the worker before the command does. Escape commits the field
and hands the focus back to the window.

Text fields keep every key: a sample prefix or a seq2seq question is typed, spaces and all.
The labs (seq2seq, classifier) train models of their own, so their fields are left alone too.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget

# The actions whose keys a number field gives up (objectNames in actions.py).
TRAINING_ACTIONS = ("actionPlay", "actionStep", "actionStepEpoch", "actionShowStepper")


class FieldKeys(QObject):
    """The filter; :func:`install` puts one on the application for ``window``."""

    def __init__(self, window, actions) -> None:
        super().__init__(window)
        self._window = window
        # Shortcuts without modifiers (keypad arrows match their plain key).
        self._keys = {seq[0].key() for action in actions for seq in action.shortcuts()
                      if seq.count() == 1 and seq[0].keyboardModifiers() == Qt.NoModifier}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind != QEvent.ShortcutOverride and kind != QEvent.KeyPress:
            return False
        field = self._number_field(watched)
        if field is None:
            return False
        if kind == QEvent.KeyPress:
            if event.key() != Qt.Key_Escape or event.modifiers() & ~Qt.KeypadModifier:
                return False
            field.interpretText()               # as on focus-out, explicitly: focus may not move
            field.clearFocus()
            self._window.setFocus(Qt.OtherFocusReason)
            return True
        if event.key() not in self._keys or event.modifiers() & ~Qt.KeypadModifier:
            return False
        # Commit now (valueChanged -> the worker's set_lr ...), then leave the override
        # unaccepted so the window's shortcut fires instead of the field taking the key.
        field.interpretText()
        event.ignore()
        return True

    def _number_field(self, watched: QObject) -> QAbstractSpinBox | None:
        """The main window's spin box that ``watched`` is (or edits), outside the labs."""
        if not isinstance(watched, QWidget):
            return None
        field = watched if isinstance(watched, QAbstractSpinBox) else watched.parentWidget()
        if not isinstance(field, QAbstractSpinBox) or not field.hasFocus():
            return None
        labs = [getattr(self._window, name, None) for name in ("seq2seq_dock", "classify_dock")]
        widget = field
        while widget is not None:
            if any(widget is lab for lab in labs if lab is not None):
                return None
            if widget is self._window:
                return field
            widget = widget.parentWidget()
        return None


def install(window) -> FieldKeys:
    """Filter the application's key events on behalf of ``window`` (removed with the window)."""
    actions = [a for a in (window.findChild(QAction, name) for name in TRAINING_ACTIONS) if a is not None]
    keys = FieldKeys(window, actions)
    QApplication.instance().installEventFilter(keys)
    return keys
