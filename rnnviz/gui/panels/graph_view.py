"""The unrolled graph's scroll area: fits the dock by default, zooms with ctrl+wheel or +/-."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from ...engine.snapshots import GraphFrame
from .graph_canvas import GraphCanvas


class GraphView(QScrollArea):
    """The canvas in a scroll area: fits the window by default, zooms with ctrl+wheel or +/-."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphScroll")
        self.canvas = GraphCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setStyleSheet("QScrollArea { background: white; border: none; }")
        self.fitting = True                     # follow the viewport's size until the user zooms
        self.canvas.zoom_requested.connect(self.zoom)
        # Scrolling only moves pixels; the sticky row labels must be painted at the new edge.
        self.horizontalScrollBar().valueChanged.connect(lambda _: self.canvas.update())

    def set_frame(self, frame: GraphFrame) -> None:
        """Show ``frame``, laid out once: at the fitted pitch, or at the user's zoom."""
        self.canvas.set_frame(frame, layout=not self.fitting)
        if self.fitting:
            self.fit()

    def fit(self) -> None:
        """Choose the pitch that shows the whole graph (within readable limits)."""
        self.fitting = True
        size = self.viewport().size()
        bar = self.horizontalScrollBar().sizeHint().height()
        self.canvas.set_pitch(*self.canvas.fit_pitch(size.width() - 2, size.height() - 2, bar))

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Scale the pitch by ``factor``, keeping the graph point under ``anchor`` (viewport px)."""
        canvas = self.canvas
        if canvas.frame is None:
            return
        self.fitting = False
        anchor = anchor or QPointF(self.viewport().width() / 2, self.viewport().height() / 2)
        at = anchor - QPointF(canvas.pos())                 # the canvas point under the anchor
        col = (at.x() - canvas.x0) / canvas.col_w
        row = (at.y() - canvas.y_rows) / canvas.row_h
        canvas.set_pitch(min(max(canvas.col_w * factor, 6.0), 160.0), min(max(canvas.row_h * factor, 12.0), 180.0))
        self.horizontalScrollBar().setValue(round(canvas.x0 + col * canvas.col_w - anchor.x()))
        self.verticalScrollBar().setValue(round(canvas.y_rows + row * canvas.row_h - anchor.y()))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self.fitting:
            self.fit()

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 ** (event.angleDelta().y() / 120), event.position())
            event.accept()
            return
        super().wheelEvent(event)
