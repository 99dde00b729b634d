"""Which panels the window docks, how they are found, and where they go for each screen class.

:data:`ARRANGEMENTS` is the one declarative place that says where panels go. Two screen classes:

* ``wide`` (a screen with at least 1500 x 900 available): the experiment form on the left; Perplexity,
  Gradients and Gradient flow side by side on top; Hidden states in the middle with Next token
  beside it (Unrolled graph and the two labs in tabs behind it: the same T columns); the
  Sample console along the bottom with the Truncated BPTT map beside it. Captions are shown.
* ``compact`` (a 13-inch laptop, 1280 x 720 to 1366 x 768, or 1920 x 1080 at 150 %): three
  rows again, but Gradient flow and the Truncated BPTT map join the middle tab group, so the top
  row's two curve plots keep their height and the Sample console spans the bottom with its
  settings on one line; a narrower form, captions folded behind "What to look for" (in each
  dock's title bar), tighter margins.

The class is chosen from the screen's available size (:func:`screen_class`); View > Layout
switches it. View > BPTT stepper gives the middle row more height in either.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMainWindow

from . import panels
from .panels.registry import TABS

LAB = "seq2seqPanel"        # the labs' docks are arranged like panels
CLASSIFY_LAB = "classifyPanel"
COMPARE_LAB = "comparePanel"
LAB_DOCKS = {LAB: "seq2seq_dock", CLASSIFY_LAB: "classify_dock",    # dock name -> the window's attribute
             COMPARE_LAB: "compare_dock"}
LAYOUT_FORMAT = 5           # bumped when the way docks are arranged changes (4: classifier lab, 5: comparison)


def state_version() -> int:
    """The version saved dock layouts carry: another dock set (a new panel) gives another one,
    so a layout saved without a panel is not restored over a window that has it."""
    names = ",".join(spec.name for spec in panels.REGISTRY)
    return LAYOUT_FORMAT << 20 | zlib.crc32(names.encode()) & 0xFFFFF


@dataclass(frozen=True)
class Arrangement:
    """Where every dock goes for one screen class.

    ``rows`` run top to bottom; each row is a tuple of columns, left to right; each column is a
    tab group whose first panel is the one in front. ``heights`` (per row) and ``widths`` (per
    column of each row) are percentages of the space right of the experiment form.
    """

    name: str
    experiment_width: int                   # px
    rows: tuple[tuple[tuple[str, ...], ...], ...]
    heights: tuple[int, ...]
    widths: tuple[tuple[int, ...], ...]
    stepper_heights: tuple[int, ...]        # View > BPTT stepper: the middle row taller
    captions_folded: bool
    margin: int                             # px around each panel's content


WIDE = Arrangement(
    "wide", 345,
    rows=((("perplexityPanel",), ("gradientPanel",), ("gradFlowPanel",)),
          (("hiddenStatePanel", "gateSaturationPanel", "graphPanel", "whSpectrumPanel", "textLensPanel", LAB,
            CLASSIFY_LAB, COMPARE_LAB), ("softmaxPanel",)),
          (("samplePanel",), ("tbpttMapPanel",))),
    heights=(29, 39, 26), widths=((36, 32, 32), (64, 36), (58, 42)),
    stepper_heights=(28, 46, 20), captions_folded=False, margin=4)

COMPACT = Arrangement(
    "compact", 300,
    rows=((("perplexityPanel",), ("gradientPanel",)),
          (("hiddenStatePanel", "gateSaturationPanel", "gradFlowPanel", "graphPanel", "tbpttMapPanel", LAB,
            "whSpectrumPanel", "textLensPanel", CLASSIFY_LAB, COMPARE_LAB),
           ("softmaxPanel",)),
          (("samplePanel",),)),
    heights=(36, 40, 24), widths=((52, 48), (64, 36), (100,)),
    stepper_heights=(30, 50, 20), captions_folded=True, margin=2)

ARRANGEMENTS = {a.name: a for a in (WIDE, COMPACT)}


def placed_rows(arrangement: Arrangement) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``arrangement.rows`` with every registered panel it does not name added where its spec
    says (:data:`~rnnviz.gui.panels.registry.TABS`: behind the tab group)."""
    named = {name for row in arrangement.rows for column in row for name in column}
    extra = [spec.name for spec in panels.REGISTRY if spec.name not in named and spec.place == TABS]
    if not extra:
        return arrangement.rows
    return tuple(tuple(column + tuple(extra) if len(column) > 1 else column for column in row)
                 for row in arrangement.rows)
WIDE_SCREEN = (1500, 900)   # available px at or above which the wide arrangement fits
DEFAULT_SIZE = (1600, 1000)  # the window on a screen with room for it


def screen_class(available: QSize) -> str:
    """``"wide"`` when ``available`` (a screen's available size) holds the wide layout, else
    ``"compact"``."""
    wide = available.width() >= WIDE_SCREEN[0] and available.height() >= WIDE_SCREEN[1]
    return "wide" if wide else "compact"


def _dock(window: QMainWindow, name: str):
    return getattr(window, LAB_DOCKS[name]) if name in LAB_DOCKS else window.docks[name]


def arrange(window: QMainWindow, arrangement: Arrangement) -> None:
    """Dock every panel where ``arrangement`` puts it (shown, not floating)."""
    every = [window.experiment_dock, *(getattr(window, d) for d in LAB_DOCKS.values()), *window.docks.values()]
    for dock in every:
        dock.setFloating(False)
        dock.show()
    window.addDockWidget(Qt.LeftDockWidgetArea, window.experiment_dock)
    rows = placed_rows(arrangement)
    fronts = [[_dock(window, column[0]) for column in row] for row in rows]
    window.addDockWidget(Qt.RightDockWidgetArea, fronts[0][0])
    # Rows first, down the first column (so the bottom row spans the full width), then each
    # row's columns, then the tab groups.
    for above, below in zip(fronts, fronts[1:]):
        window.splitDockWidget(above[0], below[0], Qt.Vertical)
    for row in fronts:
        for left, right in zip(row, row[1:]):
            window.splitDockWidget(left, right, Qt.Horizontal)
    # One tab group only: with Qt 6.11 a second tabifyDockWidget group leaves a stale, visible
    # copy of its tab bar drawn over a neighbouring panel.
    groups = [column for row in rows for column in row if len(column) > 1]
    assert len(groups) <= 1, "Qt 6.11 draws a second tab group's bar twice"
    for column in groups:
        for front, behind in zip(column, column[1:]):
            window.tabifyDockWidget(_dock(window, front), _dock(window, behind))
        _dock(window, column[0]).raise_()


def size_docks(window: QMainWindow, arrangement: Arrangement, heights: tuple[int, ...] | None = None) -> None:
    """Proportions of ``arrangement``; needs the window's real size, so it runs at show."""
    width, height = max(window.width(), 640), max(window.height(), 480)
    rest = width - arrangement.experiment_width
    window.resizeDocks([window.experiment_dock], [arrangement.experiment_width], Qt.Horizontal)
    fronts = [[_dock(window, column[0]) for column in row] for row in arrangement.rows]
    for row, widths in zip(fronts, arrangement.widths):
        window.resizeDocks(row, [rest * w // 100 for w in widths], Qt.Horizontal)
    window.resizeDocks([row[0] for row in fronts],
                       [height * h // 100 for h in heights or arrangement.heights], Qt.Vertical)


def float_lab(window: QMainWindow, dock=None) -> None:
    """Open a lab (the seq2seq lab's ``dock`` by default) as its own window over the main one (up
    to 1300 x 680, never past the screen's available area): its controls, curves, example list
    and views need more room than a tab of the main layout has. Docking it back (double-click
    its title, or View > Reset layout) makes it a tab again."""
    dock = window.seq2seq_dock if dock is None else dock
    screen = (window.screen() or dock.screen()).availableGeometry()
    geo = window.geometry()
    # The title bar a window manager adds is not part of the geometry: leave room for it.
    width = min(1300, max(geo.width() - 40, 900), screen.width() - 16)
    height = min(680, max(geo.height() - 80, 560), screen.height() - 48)
    x = min(max(geo.x() + (geo.width() - width) // 2, screen.x()), screen.right() - width)
    y = min(max(geo.y() + (geo.height() - height) // 2, screen.y() + 32), screen.bottom() - height)
    dock.setFloating(True)
    dock.setGeometry(x, y, width, height)


def float_graph_over_lab(window: QMainWindow, lab=None) -> None:
    """Float the unrolled graph above a floating lab (the seq2seq lab's dock by default), over its
    lower left (curves and example list), so an example sent from the lab is seen, not hidden
    under the lab's window; the lab's own input box stays in view. Docking it back works as for
    the lab."""
    dock, lab = window.docks["graphPanel"], window.seq2seq_dock if lab is None else lab
    geo = lab.geometry()
    screen = (window.screen() or lab.screen()).availableGeometry()
    width = min(980, max(geo.width() - 120, 700), screen.width())
    height = min(560, max(geo.height() - 60, 440), screen.height())
    x, y = geo.x() - 20, geo.bottom() - height + 40
    x = min(max(x, screen.x()), screen.x() + screen.width() - width)
    y = min(max(y, screen.y()), screen.y() + screen.height() - height)
    dock.setFloating(True)
    dock.setGeometry(x, y, width, height)
