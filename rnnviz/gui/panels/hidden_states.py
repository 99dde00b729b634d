"""Heatmap of one recurrent layer's hidden units (rows) over the time steps of the probed row."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...engine.cells import CELL_TYPES
from ...engine.snapshots import LayerProbe, Probe
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.runtime.history import History
from .common import (LABEL_STYLE, MUTED, TEXT, Panel, TokenAxis, display_token, export_item, make_readout,
                     place_readout, style_plot, tick_font)

DIVERGING = pg.colormap.get("CET-D1")      # blue - white - red: the sign of tanh-like values
SEQUENTIAL = pg.colormap.get("viridis")    # gates: 0 = closed, 1 = open
# English, marked for the catalogue: shown through gate_name().
GATE_NAMES = {"i": QT_TRANSLATE_NOOP("hidden_states", "input gate i"),
              "f": QT_TRANSLATE_NOOP("hidden_states", "forget gate f"),
              "o": QT_TRANSLATE_NOOP("hidden_states", "output gate o"),
              "g": QT_TRANSLATE_NOOP("hidden_states", "candidate g"),
              "r": QT_TRANSLATE_NOOP("hidden_states", "reset gate r"),
              "z": QT_TRANSLATE_NOOP("hidden_states", "update gate z"),
              "n": QT_TRANSLATE_NOOP("hidden_states", "candidate n")}
# In [-1, 1]; the other gates are sigmoids in [0, 1]. Read from the cells' descriptors, so a new
# cell type needs nothing here.
TANH_GATES = frozenset(g for cell in CELL_TYPES.values() for g in cell.tanh_gates)
SHORT_PANEL_PX = 300     # below this height the x axis keeps its tokens but drops its title


def gate_name(key: str) -> str:
    """A gate's name in the window's language ("forget gate f"); an unknown key as it is."""
    return translate("hidden_states", GATE_NAMES[key]) if key in GATE_NAMES else key


def quantity_name(key: str) -> str:
    """What the "show" combo calls ``key``: "hidden", "cell" or a gate."""
    if key == "hidden":
        return translate("hidden_states", "h  (hidden state)")
    if key == "cell":
        return translate("hidden_states", "c  (cell state)")
    return gate_name(key)

class HiddenStatesPanel(Panel):
    """Units x time heatmap of h, c or a gate of one layer, from the latest probe.

    Hovering shows unit, time, token and value; clicking a column selects that time step
    (``time_selected``) so the next-token panel can show what the model predicted there.
    :meth:`select_unit` outlines one unit's row (the gate saturation panel's click).
    """

    TITLE = QT_TRANSLATE_NOOP("panels", "Hidden states")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Each row a hidden unit, each column an input token: look for units "
                                "that switch at spaces or line ends. Click a column to inspect that time step.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No probe yet.\nPress Step (or Play) to look inside the recurrent "
                                    "layers.")

    time_selected = Signal(int)
    LINKS_TIME = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hiddenStatePanel")
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("hiddenLayerCombo")
        self.quantity_combo = QComboBox()
        self.quantity_combo.setObjectName("hiddenQuantityCombo")
        self.quantity_combo.setMinimumContentsLength(16)
        controls = QHBoxLayout()
        controls.setContentsMargins(2, 0, 2, 0)
        self.layer_label, self.quantity_label = QLabel(), QLabel()
        for label, combo in ((self.layer_label, self.layer_combo), (self.quantity_label, self.quantity_combo)):
            label.setStyleSheet(f"color: {MUTED};")
            controls.addWidget(label)
            controls.addWidget(combo)
        controls.addStretch(1)
        # Beside the controls, not in the plot title: a longer title widens the plot's layout
        # and pushes the colour bar out of a small dock.
        self.units_label = QLabel()
        self.units_label.setObjectName("hiddenUnitsShown")
        self.units_label.setStyleSheet(f"color: {TEXT}; font-weight: bold;")
        controls.addWidget(self.units_label)
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setObjectName("hiddenStatesPlot")
        self.token_axis = TokenAxis()
        self.plot = self.layout_widget.addPlot(row=0, col=0, axisItems={"bottom": self.token_axis})
        style_plot(self.plot, bottom="", left="")     # axis titles: _retranslate_texts
        self.plot.showGrid(x=False, y=False)
        self.plot.invertY(True)                 # unit 0 on top, as in a matrix
        self.plot.setTitle("", color=MUTED, size="9pt")
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(-1, 1), colorMap=DIVERGING, interactive=False,
                                        width=16, pen="#888888", colorMapMenu=False)
        # Inside the plot's own grid, so the bar spans the heatmap and not its token axis.
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        self.colorbar.axis.setTickFont(tick_font())
        self.colorbar.axis.setTextPen(TEXT)
        self.colorbar.axis.setWidth(50)       # room between "-0.5" and the bar's title
        self.highlight = QGraphicsRectItem()
        self.highlight.setPen(pg.mkPen("#111111", width=2.5, cosmetic=True))
        self.highlight.setZValue(20)
        self.highlight.setVisible(False)
        self.plot.addItem(self.highlight, ignoreBounds=True)
        # Dashed, so a selected unit's row never reads as the selected time step's column.
        self.unit_mark = QGraphicsRectItem()
        self.unit_mark.setPen(pg.mkPen("#111111", width=2, style=Qt.PenStyle.DashLine, cosmetic=True))
        self.unit_mark.setZValue(21)
        self.unit_mark.setVisible(False)
        self.plot.addItem(self.unit_mark, ignoreBounds=True)
        self.readout = make_readout()
        self.plot.addItem(self.readout, ignoreBounds=True)
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(controls)
        box.addWidget(self.layout_widget, 1)
        self.set_content(content)

        self.probe: Probe | None = None
        self.selected_time: int | None = None
        self.selected_unit: tuple[str, int] | None = None    # (layer name, hidden unit) to outline
        self._unit_layer_due = False                         # switch to that layer at the next probe
        self._data = np.zeros((0, 0), np.float32)        # (U, T) what the image shows
        self._structure: tuple = ()
        self._shown_shape = (0, 0)
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.quantity_combo.currentIndexChanged.connect(self._show_quantity)
        scene = self.layout_widget.scene()
        self._mouse_proxy = pg.SignalProxy(scene.sigMouseMoved, rateLimit=30, slot=self._on_mouse_moved)
        # A mouse that leaves the plot sends no move to say so, only a Leave to the viewport.
        self.layout_widget.viewport().installEventFilter(self)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.plot.vb.sigResized.connect(self.token_axis.update_layout)
        self.plot.vb.sigXRangeChanged.connect(self.token_axis.update_layout)
        live(self, self._retranslate_texts)

    def _retranslate_texts(self) -> None:
        """Labels, axis titles, the choices and what the probe shows, in the window's language."""
        self.layer_label.setText(translate("hidden_states", "layer"))
        self.quantity_label.setText(translate("hidden_states", "show"))
        self.units_label.setToolTip(translate(
            "hidden_states", "A probe keeps at most about 100 KB, so for a large model it holds evenly spaced "
            "units; the axis numbers are the units' own indices."))
        self.plot.setLabel("bottom", translate("hidden_states", "input token (time step t)"), **LABEL_STYLE)
        self.plot.setLabel("left", translate("hidden_states", "hidden unit"), **LABEL_STYLE)
        self.plot.getAxis("bottom").showLabel(self.height() >= SHORT_PANEL_PX)   # setLabel showed it
        for i in range(self.quantity_combo.count()):
            self.quantity_combo.setItemText(i, quantity_name(self.quantity_combo.itemData(i)))
        if self.probe is not None:
            self._show_quantity()

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Show the latest probe; a no-op while the probe is unchanged."""
        probe = history.latest_probe
        if probe is None:
            self.clear()
            return
        if probe is self.probe:
            return
        self.probe = probe
        structure = tuple((layer.name, layer.cell is not None, tuple(layer.gates)) for layer in probe.layers)
        if structure != self._structure:           # a new model: rebuild the choices, keep the index
            self._structure = structure
            layer = max(self.layer_combo.currentIndex(), 0)
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            self.layer_combo.addItems([f"{k} ({lp.name})" for k, lp in enumerate(probe.layers)])
            self.layer_combo.setCurrentIndex(min(layer, len(probe.layers) - 1))
            self.layer_combo.blockSignals(False)
            self._fill_quantities()
        T = len(probe.input_tokens)
        if self.selected_time is not None and self.selected_time >= T:
            self.selected_time = T - 1
        self._switch_to_unit_layer()
        self._show_quantity()
        self.show_content()

    def _layer(self) -> LayerProbe:
        return self.probe.layers[max(self.layer_combo.currentIndex(), 0)]

    def _fill_quantities(self) -> None:
        layer = self._layer()
        previous = self.quantity_combo.currentData()
        self.quantity_combo.blockSignals(True)
        self.quantity_combo.clear()
        keys = ["hidden"] + (["cell"] if layer.cell is not None else []) + list(layer.gates)
        for key in keys:
            self.quantity_combo.addItem(quantity_name(key), key)
        index = self.quantity_combo.findData(previous)
        self.quantity_combo.setCurrentIndex(max(index, 0))
        self.quantity_combo.blockSignals(False)

    def _on_layer_changed(self) -> None:
        if self.probe is not None:
            self._fill_quantities()
            self._show_quantity()

    def _show_quantity(self) -> None:
        if self.probe is None:
            return
        layer, key = self._layer(), self.quantity_combo.currentData() or "hidden"
        values = {"hidden": layer.hidden, "cell": layer.cell}.get(key, layer.gates.get(key))
        if values is None:
            key, values = "hidden", layer.hidden
        self.readout.setVisible(False)          # its number was read from the image replaced here
        self._data = np.ascontiguousarray(values.T)          # (U, T): units down, time across
        U, T = self._data.shape
        if key == "cell":
            # c is unbounded: a symmetric range keeps white at 0 so the sign stays readable.
            bound = max(float(np.abs(self._data).max()), 1e-6)
            levels, cmap, label = (-bound, bound), DIVERGING, translate("hidden_states", "cₜ (cell state)")
        elif key == "hidden" or key in TANH_GATES:
            levels, cmap = (-1.0, 1.0), DIVERGING
            label = translate("hidden_states", "hₜ (hidden state)") if key == "hidden" else gate_name(key)
        else:
            levels, cmap, label = (0.0, 1.0), SEQUENTIAL, gate_name(key)
        self.image.setImage(self._data, autoLevels=False)
        self.image.setRect(QRectF(-0.5, -0.5, T, U))      # pixel centres on integer t and unit
        self.colorbar.setColorMap(cmap)
        self.colorbar.setLevels(levels)
        self.colorbar.axis.setLabel(label, color=TEXT)
        self._set_unit_ticks(layer.units)
        # The engine keeps evenly spaced units from 0 to H - 1 (engine.probe.shown_units), so the
        # last one tells H.
        H = int(layer.units[-1]) + 1 if len(layer.units) else 0
        self.units_label.setText("" if U == H else translate("hidden_states", "{shown} of {total} units shown")
                                 .format(shown=U, total=H))
        if (U, T) != self._shown_shape:
            # Reframe only for a new shape, so a zoom survives the probes that stream in.
            self._shown_shape = (U, T)
            self.plot.vb.setLimits(xMin=-0.5, xMax=T - 0.5, yMin=-0.5, yMax=U - 0.5)
            self.plot.vb.setRange(xRange=(-0.5, T - 0.5), yRange=(-0.5, U - 0.5), padding=0)
        self.token_axis.set_tokens(self.probe.input_tokens)
        self._update_selection()
        self._update_unit_mark()

    def _set_unit_ticks(self, units: np.ndarray) -> None:
        axis = self.plot.getAxis("left")
        if np.array_equal(units, np.arange(len(units))):
            axis.setTicks(None)                            # rows are the units themselves
            return
        step = max(1, len(units) // 8)
        axis.setTicks([[(float(r), str(int(units[r]))) for r in range(0, len(units), step)]])

    # -- time selection ------------------------------------------------------------------------
    def set_selected_time(self, t: int) -> None:
        """Highlight time step ``t`` (no signal: the window calls this to sync panels)."""
        self.selected_time = int(t)
        self._update_selection()

    def _update_selection(self) -> None:
        if self.probe is None:
            return
        U, T = self._data.shape
        t = self.selected_time
        title = translate("hidden_states", "probe of step {step}, batch row {row}").format(
            step=f"{self.probe.iteration:,}", row=self.probe.row)
        if t is None or not 0 <= t < T:
            self.highlight.setVisible(False)
            hint = translate("hidden_states", "click a column to select a time step")
            self.plot.setTitle(f"{title}   ·   {hint}", color=MUTED, size="9pt")
            return
        self.highlight.setRect(QRectF(t - 0.5, -0.5, 1.0, U))
        self.highlight.setVisible(True)
        src, tgt = display_token(self.probe.input_tokens[t]), display_token(self.probe.target_tokens[t])
        self.plot.setTitle(f"{title}   ·   t = {t}: '{src}' → '{tgt}'", color=TEXT, size="9pt")

    # -- unit selection ------------------------------------------------------------------------
    def select_unit(self, layer: str, unit: int) -> None:
        """Show layer ``layer`` ("lstm0") and outline hidden unit ``unit``'s row, with a readout
        naming it (no signal: the window calls this for the gate saturation panel's click).

        Before a probe, the layer is chosen when one arrives; a unit the probe does not keep
        (a large model's probe keeps evenly spaced units) gets no outline.
        """
        self.selected_unit = (layer, int(unit))
        self._unit_layer_due = True
        if self.probe is None:
            return
        self._switch_to_unit_layer()
        self._show_quantity()
        row = self._unit_row()
        if row is not None:
            U, T = self._data.shape
            t = self.selected_time if self.selected_time is not None and 0 <= self.selected_time < T else 0
            text = translate("hidden_states", "unit {unit} ({layer})").format(unit=unit, layer=layer)
            if self.selected_time is not None and 0 <= self.selected_time < T:
                text += f"\nt = {t}: {self._symbol()} = {self._data[row, t]:+.3f}"
            place_readout(self.readout, self.plot.vb, t, row, text)

    def _switch_to_unit_layer(self) -> None:
        """Once per :meth:`select_unit`: the layer combo to the selected unit's layer."""
        if not self._unit_layer_due or self.probe is None:
            return
        names = [layer.name for layer in self.probe.layers]
        if self.selected_unit[0] in names:
            self._unit_layer_due = False
            index = names.index(self.selected_unit[0])
            if index != self.layer_combo.currentIndex():
                self.layer_combo.blockSignals(True)
                self.layer_combo.setCurrentIndex(index)
                self.layer_combo.blockSignals(False)
                self._fill_quantities()

    def _unit_row(self) -> int | None:
        """Row of the selected unit in the image shown, or None (another layer, not kept, none)."""
        if self.selected_unit is None or self.probe is None or self._layer().name != self.selected_unit[0]:
            return None
        rows = np.flatnonzero(self._layer().units == self.selected_unit[1])
        return int(rows[0]) if len(rows) and rows[0] < self._data.shape[0] else None

    def _update_unit_mark(self) -> None:
        row = self._unit_row()
        if row is None:
            self.unit_mark.setVisible(False)
            return
        self.unit_mark.setRect(QRectF(-0.5, row - 0.5, self._data.shape[1], 1.0))
        self.unit_mark.setVisible(True)

    def _cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(unit row, t) under a scene point, or None outside the image."""
        if self.probe is None or not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.plot.vb.mapSceneToView(scene_pos)
        row, t = int(round(point.y())), int(round(point.x()))
        U, T = self._data.shape
        return (row, t) if 0 <= row < U and 0 <= t < T else None

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self._cell_at(event.scenePos())
        if cell is not None:
            self.set_selected_time(cell[1])
            self.time_selected.emit(cell[1])

    def _on_mouse_moved(self, event: tuple[QPointF]) -> None:
        """Readout of the cell under the mouse; ``event`` is the SignalProxy tuple (scene pos,)."""
        cell = self._cell_at(event[0])
        if cell is None:
            self.readout.setVisible(False)
            return
        row, t = cell
        unit = int(self._layer().units[row])
        src, tgt = display_token(self.probe.input_tokens[t]), display_token(self.probe.target_tokens[t])
        where = translate("hidden_states", "unit {unit}, t = {t}").format(unit=unit, t=t)
        text = f"{where}\n'{src}' → '{tgt}'\n{self._symbol()} = {self._data[row, t]:+.3f}"
        place_readout(self.readout, self.plot.vb, t, row, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Leave:
            self._mouse_proxy.flush()           # a move still queued would bring the box back
            self.readout.setVisible(False)
        return super().eventFilter(watched, event)

    def _symbol(self) -> str:
        key = self.quantity_combo.currentData() or "hidden"
        return {"hidden": "h", "cell": "c"}.get(key, key)

    @property
    def hover_text(self) -> str:
        """The readout's text, empty when hidden."""
        return self.readout.toPlainText() if self.readout.isVisible() else ""

    # -- state ---------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        # In a short (laptop) dock the tokens under the heatmap say what its x axis is; the
        # axis title's line goes to the heatmap instead.
        self.plot.getAxis("bottom").showLabel(self.height() >= SHORT_PANEL_PX)

    def clear(self) -> None:
        """Forget the run: no image, the placeholder text."""
        self.probe = None
        self._structure = ()
        self.selected_time = None
        self.selected_unit = None
        self._unit_layer_due = False
        self._data = np.zeros((0, 0), np.float32)
        self._shown_shape = (0, 0)
        self.image.clear()
        self.highlight.setVisible(False)
        self.unit_mark.setVisible(False)
        self.readout.setVisible(False)
        self.units_label.clear()
        self.layer_combo.clear()
        self.quantity_combo.clear()
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the heatmap with its colour bar as PNG or SVG (by the file suffix)."""
        export_item(self.plot, path)
