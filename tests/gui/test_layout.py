"""The window on a student's laptop: it fits 1280 x 720 and 1366 x 768, and every visible
panel keeps a readable plot area (the compact arrangement), as well as 1600 x 1000 (wide)."""
from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QWidget

from rnnviz.gui.layout import ARRANGEMENTS, LAB_DOCKS, screen_class
from rnnviz.gui.main_window import MainWindow

# Least height (px) of a visible panel's data area: the curve plots the issue names at 120.
PLOT_MIN = {"perplexityPanel": 120, "gradientPanel": 120, "gradFlowPanel": 120,
            "hiddenStatePanel": 60, "softmaxPanel": 60}


@pytest.mark.parametrize("available, expected", [
    (QSize(1280, 720), "compact"), (QSize(1366, 768), "compact"),
    (QSize(1280, 720), "compact"),          # 1920 x 1080 at 150 % scaling, in logical pixels
    (QSize(1600, 1000), "wide"), (QSize(1920, 1080), "wide")])
def test_the_screen_chooses_the_arrangement(available, expected):
    assert screen_class(available) == expected


def test_every_panel_has_a_place_in_every_arrangement():
    from rnnviz.gui.panels import REGISTRY as PANELS
    names = {spec.name for spec in PANELS} | set(LAB_DOCKS)
    for arrangement in ARRANGEMENTS.values():
        placed = [name for row in arrangement.rows for column in row for name in column]
        assert sorted(placed) == sorted(names), arrangement.name
        assert len(arrangement.heights) == len(arrangement.rows) == len(arrangement.widths)


@pytest.fixture
def trained(qtbot, tmp_path):
    """A window with a few probed steps, for a given size and layout choice."""
    windows = []

    def make(size: tuple[int, int], choice: str) -> MainWindow:
        settings = QSettings(str(tmp_path / f"{choice}.ini"), QSettings.IniFormat)
        settings.setValue("window/layout", choice)
        win = MainWindow(settings, interactive=False, restore_layout=False, worker="thread")
        qtbot.addWidget(win)
        windows.append(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        assert win.start()
        qtbot.waitUntil(lambda: win.info is not None, timeout=20_000)
        win.train_steps(4)
        qtbot.waitUntil(lambda: win.iteration >= 4 and win.state != "training", timeout=20_000)
        win.step()                          # a Step always probes: the probe panels have data
        qtbot.waitUntil(lambda: win.iteration >= 5 and win.history.latest_probe is not None, timeout=20_000)
        qtbot.wait(200)
        win.tick()
        qtbot.wait(50)
        return win

    yield make
    for win in windows:
        win.close()


def visible_docks(win: MainWindow):
    # A dock behind another tab stays "visible" to Qt, parked off the window with nothing shown.
    return {name: dock for name, dock in win.docks.items()
            if dock.isVisible() and not dock.visibleRegion().isEmpty()}


def outside(win: MainWindow) -> list[str]:
    """Visible widgets that reach past the window's edges (a scroll area's content excepted:
    it is clipped by its viewport, which is itself checked)."""
    bounds = win.rect()
    bad = []
    for widget in win.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or widget.visibleRegion().isEmpty():
            continue        # hidden, floating, or parked off the window behind another tab
        parent, in_scroll = widget.parentWidget(), False
        while parent is not None and parent is not win:
            if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport() \
                    and parent.viewport().isAncestorOf(widget):
                in_scroll = True
                break
            parent = parent.parentWidget()
        if in_scroll:
            continue
        rect = QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())
        if not bounds.contains(rect):
            bad.append(f"{type(widget).__name__} {widget.objectName()!r} at {rect.getRect()}")
    return bad


def plot_heights(panel: QWidget) -> list[float]:
    return [box.sceneBoundingRect().height() for view in panel.findChildren(pg.GraphicsView)
            for box in view.scene().items() if isinstance(box, pg.ViewBox) and box.isVisible()]


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_the_compact_layout_fits_a_laptop_screen(trained, size):
    win = trained(size, "auto" if screen_class(QSize(*size)) == "compact" else "compact")
    assert win.arrangement.name == "compact"
    assert win.minimumSizeHint().width() <= 1024 and win.minimumSizeHint().height() <= 640
    assert outside(win) == []
    _check_panels(win)
    # Every panel of the middle tab group, brought to the front in turn, is readable too.
    for name in ("gradFlowPanel", "hiddenStatePanel"):
        win.docks[name].raise_()
        win.tick()
        _check_panels(win)


def test_the_wide_layout_at_1600_by_1000(trained):
    win = trained((1600, 1000), "wide")
    # Chosen by hand on a small screen, the wide layout still lets the window shrink to fit.
    assert win.minimumSizeHint().width() <= 1024 and win.minimumSizeHint().height() <= 640
    assert set(visible_docks(win)) >= {"perplexityPanel", "gradientPanel", "gradFlowPanel",
                                       "hiddenStatePanel", "softmaxPanel", "samplePanel", "tbpttMapPanel"}
    assert outside(win) == []
    _check_panels(win)


def _check_panels(win: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()
    for name, dock in visible_docks(win).items():
        scroll = dock.widget()
        assert isinstance(scroll, QScrollArea)
        # At these sizes no panel needs its scroll bars: its controls are all in view.
        assert scroll.widget().height() <= scroll.viewport().height() + 1, (name, scroll.widget().height(),
                                                                          scroll.viewport().height())
        if name in PLOT_MIN:
            heights = plot_heights(win.panels[name])
            assert heights and max(heights) >= PLOT_MIN[name], (name, heights)
    assert win.statusBar().isVisible()
    status = QRect(win.statusBar().mapTo(win, QPoint(0, 0)), win.statusBar().size())
    assert win.rect().contains(status)


def test_a_panel_behind_another_tab_is_not_redrawn_until_shown(trained, qtbot):
    win = trained((1280, 720), "compact")
    flow = win.panels["gradFlowPanel"]                  # in the middle tab group, behind Hidden states
    calls = []
    refresh = flow.refresh
    flow.refresh = lambda history: (calls.append(win.iteration), refresh(history))
    done = win.iteration + 1
    win.step()
    qtbot.waitUntil(lambda: win.iteration >= done, timeout=20_000)
    for _ in range(5):
        win.tick()
    assert calls == []
    win.docks["gradFlowPanel"].raise_()
    qtbot.wait(20)
    win.tick()
    assert calls == [win.iteration]


def test_view_layout_switches_the_arrangement_at_once_and_remembers_it(trained):
    win = trained((1280, 720), "compact")
    flow, hidden = win.docks["gradFlowPanel"], win.docks["hiddenStatePanel"]
    assert flow in win.tabifiedDockWidgets(hidden)                # compact: a tab behind Hidden states
    assert not win.panels["perplexityPanel"].caption.isVisible()  # captions folded
    win.layout_actions["wide"].trigger()
    assert win.arrangement.name == "wide" and win.settings.value("window/layout") == "wide"
    assert flow not in win.tabifiedDockWidgets(hidden)            # wide: beside the curve plots
    assert win.panels["perplexityPanel"].caption.isVisible()
    assert win.layout_actions["wide"].isChecked() and not win.layout_actions["auto"].isChecked()
    toggle = win.docks["perplexityPanel"].titleBarWidget().toggle
    toggle.click()                                                # folds that one caption
    assert not win.panels["perplexityPanel"].caption.isVisible()
