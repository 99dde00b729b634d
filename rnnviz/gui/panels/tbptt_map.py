"""Where the truncated-BPTT batch reads: the corpus as the N parallel streams of ``get_batch``.

The corpus is drawn as N rows of ``jump`` tokens, row i being where stream (batch row) i
starts. Each stream's current block, the block before it and what it has read this epoch are
placed at their real offsets, which the engine's :class:`StreamMap` gives; nothing is computed
here beyond turning offsets into rows and pixels.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ...engine.snapshots import GraphFrame, StreamMap
from ..i18n import QT_TRANSLATE_NOOP, translate
from .common import MUTED, PALETTE, TEXT, Panel, display_token, export_widget, format_number, tick_font

MIN_BLOCK_PX = 12       # a 35-token block in a 46k-token row is under a pixel: draw it at least this wide
AXIS_H = 18
ROWS_MIN_H = 60         # the streams' rows get at least this, however short the dock
CURRENT = QColor(PALETTE[0])
SHOWN = QColor(PALETTE[1])      # the stream the graph panel is unrolling
READ = QColor(31, 119, 180, 60)
READ_SHOWN = QColor(255, 127, 14, 70)
SHOWN_ROW = QColor(255, 127, 14, 28)
PREVIOUS = QColor("#333333")
ROW_BG = (QColor("#f1f1f1"), QColor("#f8f8f8"))
FILLS = {"current": CURRENT, "shown": SHOWN, "read": READ}     # legend swatches that are plain fills


def segments(m: StreamMap, start: int, length: int) -> list[tuple[int, int, int]]:
    """Corpus span [start, start + length), wrapping at ``data_size``, cut into (row, col0, col1).

    Rows 0..N-2 hold ``jump`` tokens each; the last row also takes the few tokens that
    ``data_size // N`` leaves over, so every offset belongs to exactly one row.
    """
    jump, N, size = max(m.jump, 1), m.N, max(m.data_size, 1)
    out, p, left = [], int(start) % size, min(int(length), size)
    while left > 0:
        row = min(p // jump, N - 1)
        end = size if row == N - 1 else (row + 1) * jump
        n = min(left, end - p)
        out.append((row, p - row * jump, p - row * jump + n))
        left -= n
        p = (p + n) % size
    return out


def block_position(m: StreamMap) -> tuple[int, int, int]:
    """(block within epoch, 1-based; epoch, 1-based; time_idx where this epoch began)."""
    T, ipe = max(m.T, 1), max(m.iters_per_epoch, 1)
    k = m.block_start // T                      # blocks done before this one since training began
    return k % ipe + 1, k // ipe + 1, (k // ipe) * ipe * T


class _ElidedLabel(QLabel):
    """A one-line label that cuts its text with "…" to fit (the full text is its tooltip)."""

    def __init__(self):
        super().__init__()
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self.resizeEvent(None)

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                   max(self.width() - 8, 20)))


class StreamMapView(QWidget):
    """The painted map; :meth:`set_stream` is all it needs (a few rects per stream, cheap to redraw)."""

    def __init__(self):
        super().__init__()
        self.setObjectName("tbpttMapView")
        self.setMinimumHeight(110)          # raised by _fit_legend when the legend wraps
        self.stream: StreamMap | None = None
        self.shown_row: int | None = None

    def set_stream(self, stream: StreamMap | None, shown_row: int | None = None) -> None:
        self.stream, self.shown_row = stream, shown_row
        self._fit_legend()
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        """Ask for room for rows, axis and every legend line, so a short dock never overlaps them."""
        fm = QFontMetricsF(tick_font())
        lines = self._legend(fm)[-1][2].y() + fm.height()
        need = int(4 + ROWS_MIN_H + AXIS_H + lines + 4)
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    # -- geometry ----------------------------------------------------------------------------
    def _legend(self, fm: QFontMetricsF) -> list[tuple[str, str, QPointF]]:
        """Legend entries (kind, text, top-left), flowed into as many lines as the width needs."""
        items = [("current", translate("tbptt_map", "current block")),
                 ("previous", translate("tbptt_map", "previous block")),
                 ("read", translate("tbptt_map", "read this epoch (h carried through it)")),
                 ("arrow", translate("tbptt_map", "h carried (no gradient)"))]
        if self.shown_row is not None:
            items.append(("shown", translate("tbptt_map", "stream {row} (graph panel)").format(row=self.shown_row)))
        x, y, out = 4.0, 0.0, []
        for kind, text in items:
            w = 22 + fm.horizontalAdvance(text) + 14
            if x > 4 and x + w > self.width() - 4:
                x, y = 4.0, y + fm.height() + 2
            out.append((kind, text, QPointF(x, y)))
            x += w
        return out

    def row_streams(self) -> list[list[int]]:
        """Per row, the streams whose current block starts in it.

        In epoch 1 that is stream r in row r. The streams never go back to their start (the
        book's ``time_idx`` runs on across epochs), so from epoch 2 stream r reads in row r + 1,
        and later further on: a row is named after the stream reading it now.
        """
        m = self.stream
        rows: list[list[int]] = [[] for _ in range(m.N)]
        for i, q in enumerate(m.starts()):
            rows[segments(m, q, 1)[0][0]].append(i)
        return rows

    def row_labels(self) -> list[str]:
        """The label drawn left of each row: the stream(s) reading there now, or ""."""
        one = translate("tbptt_map", "stream {i}")
        two = translate("tbptt_map", "streams {i}, {j}")
        many = translate("tbptt_map", "streams {first}–{last}")
        return [one.format(i=s[0]) if len(s) == 1 else two.format(i=s[0], j=s[1]) if len(s) == 2
                else many.format(first=s[0], last=s[-1]) if s else "" for s in self.row_streams()]

    def shown_at(self) -> int | None:
        """The row where the graph panel's stream reads its current block."""
        if self.stream is None or self.shown_row is None:
            return None
        return next(r for r, s in enumerate(self.row_streams()) if self.shown_row in s)

    def plot_rect(self) -> QRectF:
        """Where the rows are drawn (below them: the token axis, then the legend)."""
        fm = QFontMetricsF(tick_font())
        legend = self._legend(fm)
        bold = QFont(tick_font())
        bold.setBold(True)
        labels = self.row_labels() if self.stream is not None else []
        label_w = max((QFontMetricsF(bold).horizontalAdvance(t) for t in labels), default=0) + 10
        return QRectF(label_w, 4, max(self.width() - label_w - 10, 10),
                      max(self.height() - 4 - AXIS_H - legend[-1][2].y() - fm.height() - 4, 10))

    def _width_tokens(self) -> int:
        m = self.stream
        return max(m.jump, m.data_size - (m.N - 1) * m.jump, 1)

    def token_rect(self, plot: QRectF, row: int, c0: float, c1: float, grow: str = "") -> QRectF:
        """Pixels of tokens [c0, c1) of a row; ``grow`` widens a thin block away from its neighbour."""
        scale = plot.width() / self._width_tokens()
        row_h = plot.height() / self.stream.N
        x0, x1 = plot.left() + c0 * scale, plot.left() + c1 * scale
        if grow and x1 - x0 < MIN_BLOCK_PX:
            x0, x1 = (x0, x0 + MIN_BLOCK_PX) if grow == "right" else (x1 - MIN_BLOCK_PX, x1)
            shift = max(plot.left() - x0, 0) - max(x1 - plot.right(), 0)
            x0, x1 = x0 + shift, x1 + shift
        gap = 1 if row_h >= 4 else 0
        return QRectF(x0, plot.top() + row * row_h + gap, x1 - x0, row_h - 2 * gap)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        m = self.stream
        if m is None:
            return
        p.setFont(tick_font())
        fm = QFontMetricsF(p.font())
        plot = self.plot_rect()
        row_h = plot.height() / m.N
        self._draw_rows(p, fm, plot, row_h)
        _, _, epoch_start = block_position(m)
        starts, begun = m.starts(), m.starts(epoch_start)
        read = m.block_start - epoch_start
        for i in range(m.N):
            for r, c0, c1 in segments(m, begun[i], read):
                p.fillRect(self.token_rect(plot, r, c0, c1), READ_SHOWN if i == self.shown_row else READ)
        current = [[self.token_rect(plot, *s, grow="right") for s in segments(m, q, m.T)] for q in starts]
        previous = [[self.token_rect(plot, *s, grow="left") for s in segments(m, q - m.T, m.T)]
                    for q in starts] if m.block_start >= m.T else []
        for before, now in zip(previous, current):
            # A widened block pushed back from a row end would hide the one before it.
            if abs(before[-1].top() - now[0].top()) < 0.5 and before[-1].right() > now[0].left():
                before[-1].moveRight(now[0].left())
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if row_h >= 3:              # thinner rows have no room for an outline
            p.setPen(QPen(PREVIOUS, 1))
            p.setBrush(QColor(255, 255, 255, 200))
            p.drawRects([rect for rects in previous for rect in rects])
        p.setPen(Qt.PenStyle.NoPen)
        for i, rects in enumerate(current):
            for rect in rects:
                if i == self.shown_row and rect.height() < 5:       # findable among 100+ thin rows
                    rect = rect.adjusted(0, rect.height() / 2 - 2.5, 0, 2.5 - rect.height() / 2)
                p.fillRect(rect, SHOWN if i == self.shown_row else CURRENT)
        if previous and row_h >= 5:
            for before, now in zip(previous, current):
                self._draw_carry(p, plot, before[-1], now[0])
        self._draw_axis(p, fm, plot)
        self._draw_legend(p, fm, plot)

    def _draw_rows(self, p: QPainter, fm: QFontMetricsF, plot: QRectF, row_h: float) -> None:
        m = self.stream
        every = next(k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10 ** 9)
                     if k * row_h >= fm.height() + 1 or k >= m.N)
        scale = plot.width() / self._width_tokens()
        streams, labels, shown = self.row_streams(), self.row_labels(), self.shown_at()
        for r in range(m.N):
            tokens = m.jump if r < m.N - 1 else m.data_size - r * m.jump
            y = plot.top() + r * row_h
            p.fillRect(QRectF(plot.left(), y, tokens * scale, row_h), ROW_BG[r % 2])
            if r == shown:
                p.fillRect(QRectF(plot.left(), y, tokens * scale, row_h), SHOWN_ROW)
            near_shown = shown is not None and 0 < abs(r - shown) * row_h < fm.height()
            # Thinned by stream number, so the labels left read stream 0, 5, 10, ... in any epoch.
            if r != shown and (not streams[r] or streams[r][0] % every or near_shown):
                continue
            font = QFont(p.font())
            font.setBold(r == shown)
            p.setFont(font)
            p.setPen(SHOWN if r == shown else QColor(TEXT))
            p.drawText(QRectF(0, y + row_h / 2 - fm.height() / 2, plot.left() - 6, fm.height()),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), labels[r])
        p.setFont(tick_font())

    def _draw_carry(self, p: QPainter, plot: QRectF, before: QRectF, now: QRectF) -> None:
        """An arrow from the previous block's end into the current one (two stubs if it wraps a row)."""
        p.setPen(QPen(QColor(TEXT), 1.2))
        p.setBrush(QColor(TEXT))
        head = min(3.0, now.height() / 2)
        if abs(before.center().y() - now.center().y()) < 0.5:
            spans = [(before.center().x(), now.left() + 3, now.center().y())]
        else:                       # the stream ran off a row end and continues at the next start
            spans = [(before.center().x(), plot.right() + 5, before.center().y()),
                     (plot.left() - 3, now.left() + 3, now.center().y())]
        for x0, x1, y in spans:
            p.drawLine(QPointF(x0, y), QPointF(x1 - head, y))
            p.drawPolygon(QPolygonF([QPointF(x1, y), QPointF(x1 - 1.5 * head, y - head),
                                     QPointF(x1 - 1.5 * head, y + head)]))

    def _draw_axis(self, p: QPainter, fm: QFontMetricsF, plot: QRectF) -> None:
        # The end of a stream's row is labelled at jump (the last row may run a few tokens past it).
        width, jump = self._width_tokens(), self.stream.jump
        end = translate("tbptt_map", "{n} tokens").format(n=f"{jump:,}")
        end_w, end_x = fm.horizontalAdvance(end), plot.left() + jump / width * plot.width()
        raw = width / max(plot.width() / 70, 1)
        base = 10 ** np.floor(np.log10(max(raw, 1)))
        step = int(base * next(k for k in (1, 2, 5, 10) if k * base >= raw))
        y = plot.bottom() + 2
        p.setPen(QColor(MUTED))
        for value in range(0, width, max(step, 1)):
            x = plot.left() + value / width * plot.width()
            label = format_number(value) if value else "0"
            if x + fm.horizontalAdvance(label) / 2 > end_x - end_w - 8:
                break
            p.drawLine(QPointF(x, y - 2), QPointF(x, y + 1))
            p.drawText(QRectF(x - 40, y, 80, fm.height()), int(Qt.AlignmentFlag.AlignHCenter), label)
        p.drawLine(QPointF(end_x, y - 2), QPointF(end_x, y + 1))
        right = min(end_x + 4, self.width() - 3)
        p.drawText(QRectF(right - end_w - 2, y, end_w + 2, fm.height()),
                   int(Qt.AlignmentFlag.AlignRight), end)

    def _draw_legend(self, p: QPainter, fm: QFontMetricsF, plot: QRectF) -> None:
        top = plot.bottom() + AXIS_H + 2
        for kind, text, at in self._legend(fm):
            x, y, h = at.x(), top + at.y(), fm.height()
            swatch = QRectF(x, y + h / 2 - 5, 16, 10)
            if kind in FILLS:
                p.fillRect(swatch, FILLS[kind])
            elif kind == "previous":
                p.setPen(QPen(PREVIOUS, 1.2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(swatch)
            else:
                self._draw_carry(p, plot, QRectF(x, swatch.top(), 0, 10), QRectF(x + 13, swatch.top(), 0, 10))
            p.setPen(QColor(TEXT))
            p.drawText(QRectF(x + 22, y, fm.horizontalAdvance(text) + 4, h), 0, text)

    # -- hover -------------------------------------------------------------------------------
    def event(self, event):
        if event.type() == QEvent.Type.ToolTip and self.stream is not None:
            text = self.row_tooltip(event.position().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def row_tooltip(self, y: float) -> str:
        """What row ``y`` (pixels) holds: its corpus offsets and the blocks that now lie in it."""
        m, plot = self.stream, self.plot_rect()
        if m is None or not plot.top() <= y < plot.bottom():
            return ""
        r = int((y - plot.top()) / (plot.height() / m.N))
        end = m.data_size if r == m.N - 1 else (r + 1) * m.jump
        lines = [translate("tbptt_map", "row {row}: corpus offsets {first} to {last} (where stream {row} started)")
                 .format(row=r, first=f"{r * m.jump:,}", last=f"{end - 1:,}")]
        for i, q in enumerate(m.starts()):
            if segments(m, q, m.T)[0][0] == r:
                first, last = f"{q:,}", f"{(q + m.T - 1) % m.data_size:,}"
                if m.block_start >= m.T:
                    line = translate("tbptt_map", "stream {i}: current block {first} to {last}, previous from "
                                                  "{previous}").format(i=i, first=first, last=last,
                                                                       previous=f"{(q - m.T) % m.data_size:,}")
                else:
                    line = translate("tbptt_map", "stream {i}: current block {first} to {last}").format(
                        i=i, first=first, last=last)
                lines.append(line)
        return "\n".join(lines[:12] + (["…"] if len(lines) > 12 else []))


class TbpttMapPanel(Panel):
    """The corpus as the batch's N parallel streams, with every stream's current block, the
    block before it and the hidden state carried between them; it moves on as training runs."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Truncated BPTT map")
    CAPTION = QT_TRANSLATE_NOOP("panels", "Each row a stretch of the corpus, named after the batch row (stream) "
                                          "reading it now; each step every stream reads T more.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "Train or step to see where the batch reads")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tbpttMapPanel")
        self.stream: StreamMap | None = None
        self.graph: GraphFrame | None = None
        self.status = QLabel()
        self.status.setObjectName("tbpttMapStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {TEXT}; font-size: 9pt; padding: 0 4px;")
        self.map = StreamMapView()
        self.graph_label = _ElidedLabel()
        self.graph_label.setObjectName("tbpttMapGraphRow")
        self.graph_label.setStyleSheet(f"color: {TEXT}; font-size: 9pt; padding: 0 4px;")
        self.content = QWidget()
        box = QVBoxLayout(self.content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(self.status)
        box.addWidget(self.map, 1)
        box.addWidget(self.graph_label)
        self.set_content(self.content)

    def refresh(self, history) -> None:
        """Redraw if ``history.latest_stream`` or ``history.latest_graph`` is a new object."""
        stream, graph = history.latest_stream, history.latest_graph
        if stream is None:
            self.clear()
            return
        if stream is self.stream and graph is self.graph:
            return
        self.stream, self.graph = stream, graph
        self._show()

    def retranslate(self) -> None:
        """After a language switch: the caption and placeholder, and the status lines said again."""
        super().retranslate()
        if getattr(self, "stream", None) is not None:
            self._show()

    def _show(self) -> None:
        """Fill the status lines and the map from :attr:`stream` and :attr:`graph`."""
        stream, graph = self.stream, self.graph
        block, epoch, _ = block_position(stream)
        if stream.iters_per_epoch:
            where = translate("tbptt_map", "block {block} of {blocks} in epoch {epoch}").format(
                block=f"{block:,}", blocks=f"{stream.iters_per_epoch:,}", epoch=epoch)
        else:
            where = translate("tbptt_map", "block {block} (N × T exceeds the corpus: the streams overlap)").format(
                block=f"{stream.block_start // max(stream.T, 1) + 1:,}")
        self.status.setText(translate("tbptt_map", "{where}; each step every stream advances T = {T} tokens; "
                                                   "streams start jump = {jump} tokens apart").format(
            where=where, T=f"{stream.T:,}", jump=f"{stream.jump:,}"))
        row = graph.row if graph is not None and 0 <= graph.row < stream.N else None
        self.map.set_stream(stream, row)
        text = ""
        if row is not None:
            sep = "" if all(len(t) == 1 for t in graph.input_tokens) else " "   # characters read as text
            text = (translate("tbptt_map", "Graph panel: stream {row}, block {block}: ").format(
                        row=row, block=f"{block_position(graph.stream)[0]:,}")
                    + sep.join(display_token(t) for t in graph.input_tokens))
        self.graph_label.set_full_text(text)
        self.graph_label.setVisible(row is not None)
        self.show_content()

    def clear(self) -> None:
        """Forget the run: the placeholder text."""
        self.stream = self.graph = None
        self.map.set_stream(None)
        self.status.clear()
        self.graph_label.set_full_text("")
        self.show_placeholder()

    def export(self, path: str) -> None:
        """Save the map with its text lines as PNG or SVG (by the file suffix)."""
        export_widget(self.content, path)
