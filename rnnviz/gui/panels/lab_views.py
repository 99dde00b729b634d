"""What the seq2seq lab's and the classifier lab's panels share.

- :class:`CurvesBase`: accuracy after every epoch above the loss of every step, on one epoch
  axis, with a hover box that tells what was measured at the epoch nearest the mouse;
- :class:`ExamplesBase`: the first held-out examples in a table, a ✓ or ✗ for each, the
  selected row kept across refreshes, a click emitting the example's index;
- :class:`ControlsBase`: Play (Pause while training), Step epoch and Reset, the hidden size's
  settling timer and the row that wraps; :func:`pair`, :func:`muted` and :func:`separator`
  for the fields in it.

As in :mod:`rnnviz.gui.lab_base`, nothing here holds a translatable string: each lab's module
says its words in its own translation context (``seq2seq_curves``, ``classify_controls``, ...).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..flow_layout import FlowLayout
from ..i18n import live
from .common import MUTED, PALETTE, TEXT, LogAxis, Panel, make_readout, place_readout, style_plot

RIGHT = "#1e8449"       # the ✓ green and the ✗ red of the examples lists
WRONG = "#c0392b"
HIDDEN_SETTLE_MS = 700  # arrow clicks on H rebuild once, this long after the last one


# -- the curves ----------------------------------------------------------------------------------
def curve_key(name: str) -> QLabel:
    """A key above a plot: coloured swatches and the curves' names, in rich text that wraps."""
    key = QLabel(objectName=name)
    key.setTextFormat(Qt.TextFormat.RichText)
    key.setWordWrap(True)
    key.setStyleSheet(f"color: {TEXT}; font-size: 9pt; padding: 0 4px;")
    return key


def step_loss_curves(plot: pg.PlotItem, alpha: int) -> tuple[pg.PlotDataItem, pg.PlotDataItem]:
    """The loss of every step (faint: ``alpha`` of 255) and its moving average, added to ``plot``."""
    faint = QColor(PALETTE[7])
    faint.setAlpha(alpha)
    curves = (plot.plot(pen=pg.mkPen(faint, width=1), connect="finite"),
              plot.plot(pen=pg.mkPen(PALETTE[7], width=2), connect="finite"))
    for curve in curves:
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
    return curves


class CurvesBase(Panel):
    """Accuracy after every epoch (0 to 100 %, :attr:`plot`) above the loss of every step (log
    scale, :attr:`loss_plot`), the two sharing their epoch axis, and the hover box
    :attr:`readout` over the accuracy.

    A lab's view adds its curves (:func:`step_loss_curves` for the loss of every step), keys
    (:func:`curve_key`) and axis titles, lays them out with :meth:`_lay_out`, keeps its data in
    :attr:`curves`, and provides ``_measured_epochs()``, the epochs :attr:`curves` has
    measurements of (a list), and ``epoch_text(i)``, what the hover box says of the i-th.

    Parameters
    ----------
    parent : QWidget, optional
    accuracy_name, loss_name : str
        The two plots' object names.
    """

    def __init__(self, parent: QWidget | None = None, *, accuracy_name: str, loss_name: str):
        super().__init__(parent)
        self.curves = None
        self.acc_widget = pg.PlotWidget()
        self.acc_widget.setObjectName(accuracy_name)
        self.plot = self.acc_widget.getPlotItem()
        style_plot(self.plot, bottom="", left="")
        self.plot.getAxis("bottom").setStyle(showValues=False)
        self.plot.setYRange(0, 100, padding=0.04)
        self.plot.setLimits(yMin=-5, yMax=105, xMin=0)
        self.plot.vb.enableAutoRange(y=False)
        self.plot.vb.enableAutoRange(x=False)           # the loss plot below sets the epochs shown
        self.loss_widget = pg.PlotWidget(axisItems={"left": LogAxis("left")})
        self.loss_widget.setObjectName(loss_name)
        self.loss_plot = self.loss_widget.getPlotItem()
        style_plot(self.loss_plot, bottom="", left="")
        self.loss_plot.setLogMode(y=True)
        self.loss_plot.setLimits(xMin=0)
        self.plot.setXLink(self.loss_plot)
        for plot in (self.plot, self.loss_plot):
            plot.getAxis("left").setWidth(48)           # equal widths keep the two x axes aligned
        self.readout = make_readout()
        self.plot.addItem(self.readout, ignoreBounds=True)
        self._mouse_proxy = pg.SignalProxy(self.acc_widget.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_mouse_moved)

    def _lay_out(self, *rows: tuple[QWidget, int]) -> None:
        """The panel's content: ``rows`` of (widget, stretch), top to bottom."""
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        for widget, stretch in rows:
            box.addWidget(widget, stretch)
        self.set_content(content)

    def clear(self) -> None:
        """No data: every curve of both plots emptied, the placeholder shown."""
        self.curves = None
        for curve in (*self.plot.listDataItems(), *self.loss_plot.listDataItems()):
            curve.setData([], [])
        self.readout.setVisible(False)
        self.show_placeholder()

    def _on_mouse_moved(self, event: tuple) -> None:
        """Readout of the epoch nearest the mouse; ``event`` is the SignalProxy tuple (scene pos,)."""
        pos, vb = event[0], self.plot.vb
        epochs = self._measured_epochs() if self.curves is not None else []
        if not epochs or not vb.sceneBoundingRect().contains(pos):
            self.readout.setVisible(False)
            return
        point = vb.mapSceneToView(pos)
        i = int(np.argmin(np.abs(np.asarray(epochs, np.float64) - point.x())))
        place_readout(self.readout, vb, epochs[i], point.y(), self.epoch_text(i))

    @property
    def hover_text(self) -> str:
        """The readout's text, empty when hidden."""
        return self.readout.toPlainText() if self.readout.isVisible() else ""


# -- the examples --------------------------------------------------------------------------------
class ExamplesBase(Panel):
    """A lab's first held-out examples, one a row, the first column a ✓ or ✗: the model right or
    wrong now. The selected row stays selected across refreshes.

    Emits :attr:`example_clicked` with the clicked example's index in its set
    (:meth:`example_index`). A lab's view names, sizes and styles the columns of :attr:`table`,
    then shows it with ``set_content`` (a table styled once shown would size its header
    otherwise), and provides ``_cells(example, color)``: the row's items after the mark
    (``color``, the mark's, for those that say right or wrong too).

    Parameters
    ----------
    parent : QWidget, optional
    name, table_name : str
        The panel's and the table's object names.
    modes : sequence of QHeaderView.ResizeMode
        How each column is sized, the mark's first.
    """

    example_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, name: str, table_name: str,
                 modes: Sequence[QHeaderView.ResizeMode]):
        super().__init__(parent)
        self.setObjectName(name)
        self.examples: tuple = ()
        table = self.table = QTableWidget(0, len(modes), objectName=table_name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(21)
        for column, mode in enumerate(modes):
            table.horizontalHeader().setSectionResizeMode(column, mode)
        table.cellClicked.connect(self._on_clicked)

    def example_index(self, row: int) -> int:
        """The index in its set of the example in ``row``: row i is example i."""
        return row

    def refresh(self, examples: tuple) -> None:
        """Show these examples; the selected row stays selected."""
        self.examples = tuple(examples)
        table = self.table
        selected = table.currentRow()
        table.setRowCount(len(self.examples))
        for row, ex in enumerate(self.examples):
            color = QBrush(QColor(RIGHT if ex.correct else WRONG))
            mark = QTableWidgetItem("✓" if ex.correct else "✗")
            mark.setForeground(color)
            mark.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for column, item in enumerate((mark, *self._cells(ex, color))):
                table.setItem(row, column, item)
        if 0 <= selected < len(self.examples):
            table.selectRow(selected)
        if self.examples:
            self.show_content()
        else:
            self.show_placeholder()

    def marks(self) -> list[str]:
        """The ✓ / ✗ column, top to bottom (for tests and scripting)."""
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def clear(self) -> None:
        self.examples = ()
        self.table.setRowCount(0)
        self.show_placeholder()

    def _on_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.examples):
            self.example_clicked.emit(self.example_index(row))


# -- the controls --------------------------------------------------------------------------------
class ControlsBase(QWidget):
    """A lab's control bar: Play (Pause while training, :meth:`set_training`), Step epoch, Reset
    and the lab's own fields, in one row that wraps (:meth:`_lay_out`).

    :attr:`changed` fires when the user asks for another model; the hidden size's arrows fire it
    once, :data:`HIDDEN_SETTLE_MS` after the last click (connect the spin's ``valueChanged`` to
    :meth:`_on_hidden_changed`). Changes made :meth:`_quietly` fire nothing. A lab's controls
    name their buttons and provide ``_name_play()``: Play's word, "Pause" while
    :attr:`_training`.

    Parameters
    ----------
    parent : QWidget, optional
    play, epoch, reset : str
        The buttons' object names (the tours and the tests find them by these).
    play_width : int
        Play's least width, so that it keeps its size when it says Pause.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, play: str, epoch: str, reset: str, play_width: int):
        super().__init__(parent)
        self._syncing = False           # True while the controls change quietly
        self._training = False
        # Icons from the style, not ▶/⏸ characters: a font may lack them and draw a box.
        self.play_button = QPushButton(self._icon(QStyle.SP_MediaPlay), "", objectName=play)
        self.play_button.setMinimumWidth(play_width)
        live(self.play_button, self._name_play)
        self.epoch_button = QPushButton(objectName=epoch)
        self.reset_button = QPushButton(objectName=reset)
        self._hidden_settle = QTimer(self, singleShot=True, interval=HIDDEN_SETTLE_MS)
        self._hidden_settle.timeout.connect(self._on_changed)

    def _lay_out(self, *items: QWidget) -> None:
        """Put ``items`` in one row that wraps. The buttons go first and the settings after:
        docked as a tab of a laptop's layout the lab is ~650 px wide, and Play and Reset must
        not scroll out of reach."""
        row = FlowLayout(self, spacing=8)
        for item in items:
            row.addWidget(item)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_training(self, training: bool) -> None:
        self._training = training
        self._name_play()
        self.play_button.setIcon(self._icon(QStyle.SP_MediaPause if training else QStyle.SP_MediaPlay))

    def _icon(self, which: QStyle.StandardPixmap):
        return self.style().standardIcon(which)

    @contextmanager
    def _quietly(self) -> Iterator[None]:
        """Change the controls (show settings, list a file) without firing :attr:`changed`."""
        syncing, self._syncing = self._syncing, True
        try:
            yield
        finally:
            self._syncing = syncing

    def _on_changed(self, *_args) -> None:
        if not self._syncing:
            self._hidden_settle.stop()
            self.changed.emit()

    def _on_hidden_changed(self, _value: int) -> None:
        if not self._syncing:
            self._hidden_settle.start()                    # restarts: only the last click counts


def pair(*widgets: QWidget) -> QWidget:
    """A label and its field (or a few fields) as one piece, so a wrapped line never parts them."""
    piece = QWidget()
    row = QHBoxLayout(piece)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    for widget in widgets:
        row.addWidget(widget)
    return piece


def muted(text: Callable[[], str]) -> QLabel:
    """A grey label whose ``text()`` is said again after a language switch."""
    label = QLabel()
    label.setStyleSheet(f"color: {MUTED};")
    live(label, lambda: label.setText(text()))
    return label


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #cccccc;")
    return line
