"""Adding a panel is its module and one registry line: the window docks it, places it, lists it
in the View and Export menus and redraws it when the data it reads changes."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from rnnviz.gui import panels
from rnnviz.gui.layout import state_version
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.panels.common import Panel
from rnnviz.gui.panels.registry import PanelSpec
from rnnviz.runtime.messages import PAUSED


class StepCountPanel(Panel):
    """The smallest real panel: how many steps History holds."""

    TITLE = "Step count"
    CAPTION = "How many steps the run has trained."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.set_content(self.label)
        self.refreshes = 0

    def refresh(self, history) -> None:
        self.refreshes += 1
        self.label.setText(f"{len(history)} steps")
        self.show_content()

    def clear(self) -> None:
        self.show_placeholder()

    def export(self, path: str) -> None:
        self.grab().save(path)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    before = state_version()
    monkeypatch.setattr(panels, "REGISTRY", (*panels.REGISTRY, PanelSpec(StepCountPanel, "stepCountPanel")))
    assert state_version() != before            # a layout saved without the panel is not restored
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker="thread")
    # Not qtbot.addWidget: qtbot would close it before this fixture could say not to ask.
    win.experiment.hidden_spin.setValue(16)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=10_000)
    yield win
    win.interactive = False
    win.close()
    win.deleteLater()


def test_one_registry_line_docks_places_lists_and_redraws_a_panel(window, qtbot):
    panel = window.panels["stepCountPanel"]
    dock = window.docks["stepCountPanel"]
    assert dock.objectName() == "dock_stepCountPanel" and dock.windowTitle() == "Step count"
    # Placed where its spec says: behind the middle row's tab group.
    assert dock in window.tabifiedDockWidgets(window.docks["hiddenStatePanel"])
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert "Step count" in [a.text() for a in view.actions()]
    assert window.findChild(type(window.play_action), "actionExport_stepCountPanel_png") is not None
    window.train_steps(5)
    qtbot.waitUntil(lambda: window.iteration == 5 and window.state == PAUSED, timeout=10_000)
    dock.raise_()
    qtbot.waitUntil(lambda: panel.label.text() == "5 steps", timeout=5_000)
    seen = panel.refreshes
    for _ in range(5):
        window.tick()                           # nothing new: no redraw
    assert panel.refreshes == seen
