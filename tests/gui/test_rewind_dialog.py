"""The rewind dialog as a user meets it: the kept steps, the suggested rate, the buttons."""
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from rnnviz.gui.rewind_dialog import RESET, REWIND, RewindChoice, RewindDialog


def click_later(qtbot, dialog, name, before=None):
    """Click a button once the modal loop runs (exec() blocks until then)."""
    def go():
        if before:
            before()
        qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.LeftButton)
    QTimer.singleShot(0, go)


def test_divergence_dialog_suggests_a_step_and_a_rate(qtbot):
    dialog = RewindDialog([0, 25, 50, 75], 50, 10.0, "training diverged at step 80 ...")
    qtbot.addWidget(dialog)
    combo = dialog.step_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [75, 50, 25, 0]
    assert combo.currentData() == 50 and dialog.lr_spin.value() == 10.0
    assert dialog.findChild(QPushButton, "rewindButton").isDefault()

    def edit():
        combo.setCurrentIndex(combo.findData(25))
        dialog.lr_spin.setValue(0.5)
    click_later(qtbot, dialog, "rewindButton", edit)
    assert dialog.choice(dialog.exec()) == RewindChoice(REWIND, 25, 0.5)


def test_reset_and_close(qtbot):
    dialog = RewindDialog([0], 0, 1.0, "diverged")
    qtbot.addWidget(dialog)
    click_later(qtbot, dialog, "resetButton")
    assert dialog.choice(dialog.exec()).action == RESET
    click_later(qtbot, dialog, "closeButton")
    assert dialog.choice(dialog.exec()) is None


def test_menu_rewind_has_no_reset_and_a_tiny_rate_is_kept(qtbot):
    dialog = RewindDialog([0, 25], None, 0.00002)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QPushButton, "resetButton") is None
    assert dialog.step_combo.currentData() == 25 and dialog.lr_spin.value() == 0.00002
