"""The painter behind the unrolled-graph panel: a QWidget drawn with QPainter (graph_view.py scrolls it).

A :class:`~rnnviz.engine.snapshots.GraphFrame` is turned into colour indices once, when it
arrives (:meth:`GraphCanvas.set_frame`), and into pens and coordinates once per zoom
(:meth:`GraphCanvas.set_pitch`); ``paintEvent`` only looks them up, for the visible columns.
A QGraphicsScene would cost an item per node and edge, several hundred per frame.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

from ...engine.snapshots import GraphFrame
from ..i18n import translate
from .common import MUTED, TEXT, display_token
from .graph_style import (ALIGN_CENTRE, ALIGN_LEFT, ALIGN_RIGHT, FILL_LUT, GRAD_LUT, GROUP_BANDS,
                          MAX_COL, MAX_ROW, MIN_COL, MIN_ROW, PHASE_COLOURS, STUB_W,
                          fill_indices, grad_indices, grad_range, is_recurrent, label_font, row_label,
                          short_token)
from .graph_lines import CutLines
from .graph_sprites import NodeSprites


class GraphCanvas(CutLines, QWidget):
    """The unrolled network: columns t = 1..T, node rows bottom to top, edges between them."""

    node_selected = Signal(int, int)        # (row, t) clicked or reached with the arrow keys
    selection_cleared = Signal()            # Escape
    zoom_requested = Signal(float)          # "+" / "-" keys

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.frame: GraphFrame | None = None
        self.selected: tuple[int, int] | None = None
        self.col_w, self.row_h = 24.0, 30.0
        self.label_font, self.token_font, self.small_font = label_font(9), label_font(8), label_font(7.5)
        small = QFontMetricsF(self.small_font).height()
        self.numbers_h = small + 8              # column numbers
        self.titles_h = small + 4               # seq2seq: "encoder" / "decoder" above them
        self.header_h = self.numbers_h
        self.cut_room = small + 14              # right of the last column: the cut and its label
        self.label_w = 80.0                     # row labels, measured per frame
        self.grad_lo_hi: tuple[float, float] | None = None
        self._sprites: NodeSprites | None = None
        self._strips: dict[bool, tuple[tuple, QPixmap]] = {}
        self._lines_key: tuple | None = None   # above? -> (key, image) of the token bands
        self._advances: dict[str, float] = {}

    # -- data --------------------------------------------------------------------------------
    def set_frame(self, frame: GraphFrame, layout: bool = True) -> None:
        """Turn the frame's numbers into colour indices (once per frame, never in paintEvent).

        ``layout=False`` leaves the layout to a :meth:`set_pitch` call that follows (a fit).
        """
        self.frame = frame
        R, T = frame.values.shape
        self.grad_lo_hi = grad_range(frame)
        fill, carry = fill_indices(frame)
        self._fill, self._carry = fill.tolist(), carry.tolist()
        self._ring, self._up, self._right = (grad_indices(g, self.grad_lo_hi).tolist()
                                             for g in (frame.grads, frame.up_grads, frame.right_grads))
        self._recurrent = [r for r, n in enumerate(frame.nodes) if is_recurrent(n)]
        # seq2seq: encoder columns, then decoder columns, each numbered from 1; some nodes absent.
        self.split = frame.encoder_steps
        self._present = frame.present.tolist() if frame.present is not None else None
        self._right_ok = frame.right_present.tolist() if frame.right_present is not None else None
        self._numbers = [str(t + 1 if t < self.split or not self.split else t - self.split + 1) for t in range(T)]
        self.header_h = self.numbers_h + (self.titles_h if self.split else 0)
        self._labels = [row_label(n, frame.cell) for n in frame.nodes]
        self._inputs = [short_token(tok) for tok in frame.input_tokens]
        self._targets = [short_token(tok) for tok in frame.target_tokens]
        self._widest_token = max((self._advance(s) for s in self._inputs + self._targets), default=0.0)
        self.label_w = max(QFontMetricsF(self.label_font).horizontalAdvance(s) for s in self._labels) + 14
        if self.selected is not None:
            r, t = self.selected
            self.selected = (r, min(t, T - 1)) if r < R else None
        if layout:
            self.set_pitch(self.col_w, self.row_h)

    def _advance(self, token: str) -> float:
        """Width of a token label; remembered, since a vocabulary's tokens come back every block."""
        if token not in self._advances:
            self._advances[token] = QFontMetricsF(self.token_font).horizontalAdvance(token)
        return self._advances[token]

    def set_selected(self, cell: tuple[int, int] | None) -> None:
        self.selected = cell
        self.update()

    # -- geometry ----------------------------------------------------------------------------
    def _token_band(self, col_w: float) -> tuple[float, bool]:
        """Height of a token band and whether its tokens stand upright at this column pitch."""
        rotated = self._widest_token > col_w - 3
        return (self._widest_token if rotated else QFontMetricsF(self.token_font).height()) + 8, rotated

    def _fixed_size(self, col_w: float) -> tuple[float, float]:
        """Width and height the canvas needs besides its T columns and R rows."""
        band, _ = self._token_band(col_w)
        return self.label_w + STUB_W + self.cut_room, self.header_h + 2 * band + 4

    def fit_pitch(self, width: float, height: float, scrollbar: float = 0.0) -> tuple[float, float]:
        """Column and row pitch that fit the whole graph into ``width`` x ``height`` (clamped).

        Where a clamp means scrolling one way, that scroll bar's strip is taken from the other
        direction, so showing it does not push the graph into scrolling both ways.
        """
        if self.frame is None:
            return self.col_w, self.row_h
        R, T = self.frame.values.shape
        fixed_w, _ = self._fixed_size(self.col_w)
        col_w = (width - fixed_w) / T
        if col_w < MIN_COL:
            height -= scrollbar
        _, fixed_h = self._fixed_size(min(max(col_w, MIN_COL), MAX_COL))
        row_h = (height - fixed_h) / R
        if row_h < MIN_ROW:
            col_w = (width - scrollbar - fixed_w) / T
        return min(max(col_w, MIN_COL), MAX_COL), min(max(row_h, MIN_ROW), MAX_ROW)

    def set_pitch(self, col_w: float, row_h: float) -> None:
        """Lay the graph out at this column and row pitch (px): coordinates, pens, node images."""
        self.col_w, self.row_h = col_w, row_h
        if self.frame is None:
            return
        R, T = self.frame.values.shape
        self.band_h, self.rotated = self._token_band(col_w)
        self.x0 = self.label_w + STUB_W + col_w / 2            # centre of column t = 0
        self.y_rows = self.header_h + self.band_h              # top of the top (loss) row
        self.radius = max(3.0, min(col_w * 0.34, row_h * 0.3))
        self.cut_x = self.x0 + (T - 0.5) * col_w + 2
        # Whole pixels, so the node images land exactly where the edges end.
        self._xs = [round(self.x0 + t * col_w) for t in range(T)]
        self._ys = [round(self.y_rows + (R - 1 - r + 0.5) * row_h) for r in range(R)]
        self._edge_pens = [QPen(c, max(1.5, self.radius * 0.26)) for c in GRAD_LUT]
        self._pending_pen = QPen(QColor("#d2d2d2"), 1.0)
        xs, ys, rad = self._xs, self._ys, self.radius
        key = (tuple(xs), tuple(ys), rad, self.frame.nodes)
        if key != self._lines_key:          # the stepper's frames of one block share the layout
            self._lines_key = key
            reach = [rad * 0.75 if n == "x" else rad for n in self.frame.nodes]
            self._up_lines = [[QLineF(x, ys[r] - reach[r], x, ys[r + 1] + reach[r + 1]) for x in xs]
                              for r in range(R - 1)]
            self._right_lines = {r: [QLineF(xs[t] + rad, ys[r], xs[t + 1] - rad, ys[r]) for t in range(T - 1)]
                                 for r in self._recurrent}
        self.resize(QSize(math.ceil(self.cut_x + self.cut_room - 2),
                          math.ceil(self.y_rows + R * row_h + self.band_h + 4)))
        self._build_sprites()
        self._top_strip = self._strip(self._targets, above=True)
        self._bottom_strip = self._strip(self._inputs, above=False)
        self.update()

    def _build_sprites(self) -> None:
        rad, dpr = self.radius, self.devicePixelRatioF()
        if self._sprites is None or (self._sprites.radius, self._sprites.dpr) != (rad, dpr):
            self._sprites = NodeSprites(rad, dpr)

    def _strip(self, tokens: list[str], above: bool) -> QPixmap:
        """One token band as an image (with the column numbers above the targets): text is the
        slowest thing to draw, and it changes only with the block or the zoom (the stepper's
        frames of one block reuse it)."""
        dpr, cw = self.devicePixelRatioF(), self.col_w
        # The seq2seq titles are part of the image: a language switch draws it again.
        key = (tuple(tokens), cw, self.band_h, self.rotated, self.width(), self.header_h, self.split, dpr,
               self._titles() if self.split else ())
        cached = self._strips.get(above)
        if cached is not None and cached[0] == key:
            return cached[1]
        pixmap = self._draw_strip(tokens, above, dpr, cw)
        self._strips[above] = (key, pixmap)
        return pixmap

    def _draw_strip(self, tokens: list[str], above: bool, dpr: float, cw: float) -> QPixmap:
        height = self.header_h + self.band_h if above else self.band_h
        pixmap = QPixmap(math.ceil(self.width() * dpr), math.ceil(height * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)     # the selected column's highlight shows through
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        top = self.header_h if above else 0.0
        if above:
            p.setFont(self.small_font)
            p.setPen(QColor(MUTED))
            every = 1 if QFontMetricsF(self.small_font).horizontalAdvance(str(len(tokens))) + 4 < cw else 5
            numbers_top = self.header_h - self.numbers_h
            for t, x in enumerate(self._xs):
                number = self._numbers[t]
                if int(number) % every == 0 or number == "1":
                    p.drawText(QRectF(x - 20, numbers_top + 2, 40, self.numbers_h - 4), ALIGN_CENTRE, number)
            if self.split:
                self._draw_titles(p)
        p.setFont(self.token_font)
        p.setPen(QColor(TEXT))
        h = QFontMetricsF(self.token_font).height()
        step = max(1, math.ceil((h + 1) / cw)) if self.rotated else 1
        for t, x in enumerate(self._xs):
            if t % step:
                continue
            if not self.rotated:
                p.drawText(QRectF(x - cw / 2, top + 4, cw, h), ALIGN_CENTRE, tokens[t])
                continue
            # Upright, reading bottom to top, the end that touches the graph aligned.
            p.save()
            p.translate(x - h / 2, top + self.band_h - 4 if above else top + 4)
            p.rotate(-90)
            if above:
                p.drawText(QRectF(0, 0, self.band_h, h), ALIGN_LEFT, tokens[t])
            else:
                p.drawText(QRectF(-self.band_h, 0, self.band_h, h), ALIGN_RIGHT, tokens[t])
            p.restore()
        p.end()
        return pixmap

    @staticmethod
    def _titles() -> tuple[str, str]:
        return translate("graph_canvas", "encoder"), translate("graph_canvas", "decoder")

    def _draw_titles(self, p: QPainter) -> None:
        """seq2seq: "encoder" and "decoder" over their columns."""
        xs, cw, T = self._xs, self.col_w, len(self._xs)
        p.setPen(QColor(TEXT))
        encoder, decoder = self._titles()
        for text, first, last in ((encoder, 0, self.split - 1), (decoder, self.split, T - 1)):
            p.drawText(QRectF(xs[first] - cw / 2, 2, xs[last] - xs[first] + cw, self.titles_h),
                       ALIGN_CENTRE, text)

    def present(self, r: int, t: int) -> bool:
        """Whether node (r, t) exists (a seq2seq encoder column has no head)."""
        return self._present is None or self._present[r][t]

    def node_center(self, r: int, t: int) -> QPointF:
        """Where node (row r, time step t) is drawn, in canvas coordinates."""
        return QPointF(self._xs[t], self._ys[r])

    def node_at(self, pos: QPointF) -> tuple[int, int] | None:
        """The node whose cell (one column by one row) contains ``pos``, if any."""
        if self.frame is None:
            return None
        R, T = self.frame.values.shape
        t = math.floor((pos.x() - self.x0) / self.col_w + 0.5)
        r = R - 1 - math.floor((pos.y() - self.y_rows) / self.row_h)
        return (r, t) if 0 <= t < T and 0 <= r < R and self.present(r, t) else None

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        area = QRectF(event.rect())
        p.fillRect(area, Qt.GlobalColor.white)
        if self.frame is None:
            return
        nodes = self.frame.nodes
        R, T = self.frame.values.shape
        cw, xs, ys = self.col_w, self._xs, self._ys
        cols = range(max(0, math.floor((area.left() - self.x0) / cw) - 1),
                     min(T, math.ceil((area.right() - self.x0) / cw) + 2))
        self._paint_bands(p, area)
        if self.selected is not None:
            p.fillRect(QRectF(xs[self.selected[1]] - cw / 2, self.header_h, cw, self.height() - self.header_h - 4),
                       QColor(255, 236, 160, 130))
        p.drawPixmap(QPointF(0, 0), self._top_strip)
        p.drawPixmap(QPointF(0, self.y_rows + R * self.row_h), self._bottom_strip)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Edges first, so the nodes cover their ends; one drawLines per colour, since a Python
        # call per edge was most of the paint time.
        by_colour: dict[int, list[QLineF]] = {}
        up_lines, right_lines, present, right_ok = self._up_lines, self._right_lines, self._present, self._right_ok
        for r in range(R - 1):
            up, lines = self._up[r], up_lines[r]
            for t in cols:
                if present is None or (present[r][t] and present[r + 1][t]):
                    by_colour.setdefault(up[t], []).append(lines[t])
        for r in self._recurrent:
            right, lines = self._right[r], right_lines[r]
            for t in cols:
                if t < T - 1 and (right_ok is None or right_ok[r][t]):
                    by_colour.setdefault(right[t], []).append(lines[t])
        pens = self._edge_pens
        for i, lines in by_colour.items():
            p.setPen(pens[i] if i >= 0 else self._pending_pen)
            p.drawLines(lines)
        # Nodes: fill = forward size, ring = gradient norm, one image per (fill, ring) pair.
        half, node_image = self._sprites.half, self._sprites.image
        for r in range(R):
            y = ys[r] - half
            if nodes[r] == "x":
                for t in cols:
                    p.drawPixmap(xs[t] - half, y, self._sprites.box)
                continue
            fill, ring = self._fill[r], self._ring[r]
            for t in cols:
                if present is None or present[r][t]:
                    p.drawPixmap(xs[t] - half, y, node_image(fill[t], ring[t]))
        self._paint_markers(p)
        if area.left() < self.x0:
            self._paint_left(p)
        shift = self._label_shift()
        if shift > 0:
            self._paint_sticky_labels(p, shift)
        if self.split:
            self._paint_hand_over(p)
        elif self.frame.pool:
            if self.frame.cut:
                self._paint_truncation(p)
        elif area.right() > self.cut_x - cw:
            self._paint_cut(p)

    def _paint_bands(self, p: QPainter, area: QRectF) -> None:
        """Faint alternating backgrounds: the input rows, each recurrent layer, the head."""
        groups = [n[1:] if is_recurrent(n) else "in" if n in ("x", "embed", "onehot") else "out"
                  for n in self.frame.nodes]
        band, start = 0, 0
        for r in range(1, len(groups) + 1):
            if r == len(groups) or groups[r] != groups[start]:
                top = self._ys[r - 1] - self.row_h / 2
                p.fillRect(QRectF(area.left(), top, area.width(), (r - start) * self.row_h),
                           QColor(GROUP_BANDS[band % 2]))
                band, start = band + 1, r

    def _paint_markers(self, p: QPainter) -> None:
        """The stepper's cursor (where the last sub-step ran) and the selected node."""
        frame, rad, xs, ys = self.frame, self.radius, self._xs, self._ys
        p.setBrush(Qt.BrushStyle.NoBrush)
        if frame.cursor is not None and frame.stepping:
            layer, t = frame.cursor
            rows = [r for r, n in enumerate(frame.nodes) if is_recurrent(n) and int(n[1:]) == layer]
            if rows and 0 <= t < len(xs):
                p.setPen(QPen(QColor(PHASE_COLOURS.get(frame.phase, TEXT)), 2.0, Qt.PenStyle.DashLine))
                top, bottom = ys[max(rows)] - rad - 4, ys[min(rows)] + rad + 4
                p.drawRoundedRect(QRectF(xs[t] - rad - 4, top, 2 * rad + 8, bottom - top), 4, 4)
        if self.selected is not None:
            r, t = self.selected
            p.setPen(QPen(QColor(TEXT), 2.0))
            p.drawEllipse(QPointF(xs[t], ys[r]), rad + 3.5, rad + 3.5)

    def _paint_left(self, p: QPainter) -> None:
        """Row labels, the token bands' names, and the state carried in from the previous block
        (a dashed edge: no gradient flows back into it)."""
        R, ys = len(self._ys), self._ys
        p.setPen(QColor(TEXT))
        p.setFont(self.label_font)
        for r, label in enumerate(self._labels):
            p.drawText(QRectF(0, ys[r] - self.row_h / 2, self.label_w - 6, self.row_h), ALIGN_RIGHT, label)
        p.setFont(self.small_font)
        p.setPen(QColor(MUTED))
        p.drawText(QRectF(4, self.header_h, self.label_w, self.band_h), ALIGN_LEFT,
                   translate("graph_canvas", "target"))
        p.drawText(QRectF(4, self.y_rows + R * self.row_h, self.label_w, self.band_h), ALIGN_LEFT,
                   translate("graph_canvas", "input"))
        if self.split or self.frame.pool:
            return                          # an encoder or a classifier starts from zeros: nothing carried in
        # Two short lines right-aligned over the stubs; the left edge keeps room for "target".
        p.drawText(QRectF(0, 2, self.x0 - self.col_w / 2 - 2, 2 * self.header_h),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                   translate("graph_canvas", "carried in:\nno gradient ↓"))
        stub, rad = self.x0 - STUB_W + 4, self.radius * 0.7
        p.setPen(QPen(QColor("#8a8a8a"), 1.3, Qt.PenStyle.DashLine))
        for r in self._recurrent:
            i = self._carry[r]
            p.drawLine(QPointF(stub + rad, ys[r]), QPointF(self._xs[0] - self.radius, ys[r]))
            p.setBrush(QBrush(FILL_LUT[i]) if i >= 0 else QBrush(Qt.GlobalColor.white))
            p.drawEllipse(QPointF(stub, ys[r]), rad, rad)

    def _label_shift(self) -> float:
        """How far the canvas is scrolled right in its scroll area (0 when its left is in view)."""
        return max(0.0, float(-self.x()))

    def _paint_sticky_labels(self, p: QPainter, shift: float) -> None:
        """The row labels again at the visible left edge, on a white card: scrolled right (zoomed
        in, or narrowed by the node view), the graph's rows stay named."""
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.fillRect(QRectF(shift, self.y_rows, self.label_w, len(self._ys) * self.row_h),
                   QColor(255, 255, 255, 235))
        p.setPen(QColor("#cccccc"))
        p.drawLine(QPointF(shift + self.label_w, self.y_rows),
                   QPointF(shift + self.label_w, self.y_rows + len(self._ys) * self.row_h))
        p.setPen(QColor(TEXT))
        p.setFont(self.label_font)
        for r, label in enumerate(self._labels):
            p.drawText(QRectF(shift, self._ys[r] - self.row_h / 2, self.label_w - 6, self.row_h), ALIGN_RIGHT, label)
        p.restore()

    # -- interaction -------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.setFocus()
        cell = self.node_at(event.position())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(cell)
            self.node_selected.emit(*cell)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            self.zoom_requested.emit(0.8 if key == Qt.Key.Key_Minus else 1.25)
            return
        if key == Qt.Key.Key_Escape and self.selected is not None:
            self.set_selected(None)
            self.selection_cleared.emit()
            return
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (1, 0), Qt.Key.Key_Down: (-1, 0)}
        if self.frame is None or key not in moves:
            super().keyPressEvent(event)
            return
        R, T = self.frame.values.shape
        dr, dt = moves[key]
        # With nothing selected, the first arrow lands on the lowest hidden state at t = 1.
        r, t = self.selected or ((self._recurrent or [0])[0] - dr, -dt if dt else 0)
        cell = (min(max(r + dr, 0), R - 1), min(max(t + dt, 0), T - 1))
        if not self.present(*cell):
            return                          # above a seq2seq encoder's h: nothing there
        self.set_selected(cell)
        self.node_selected.emit(*cell)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.frame is not None:
            cell = self.node_at(QPointF(event.pos()))
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(*cell), self)
            return True
        return super().event(event)

    def describe(self, r: int, t: int) -> str:
        """A few lines about a node, for its tooltip."""
        frame = self.frame
        node = frame.nodes[r]
        text = f"{row_label(node, frame.cell)}, t = {t + 1}: “{display_token(frame.input_tokens[t])}”"
        if node == "x":
            return text
        value, grad = float(frame.values[r, t]), float(frame.grads[r, t])
        pending = translate("graph_canvas", "not computed yet")
        text += "\n" + translate("graph_canvas", "forward: {value}").format(
            value=pending if math.isnan(value) else f"{value:.4g}")
        return text + "\n" + translate("graph_canvas", "‖gradient‖: {value}").format(
            value=pending if math.isnan(grad) else f"{grad:.3g}")
