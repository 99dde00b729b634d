"""Where a pass stops or hands over, drawn across the unrolled graph: the truncated-BPTT cut at a
language model's block end, a classifier's truncation point (the state crosses it, the gradient
does not), and the seq2seq hand-over from encoder to decoder. Mixed into
:class:`~rnnviz.gui.panels.graph_canvas.GraphCanvas`, whose geometry (``_xs``, ``_ys``,
``y_rows``, ``row_h``, ``cut_x``, ...) they read."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from ..i18n import translate
from .common import MUTED
from .graph_style import ALIGN_LEFT, CUT


class CutLines:
    """``_paint_cut``, ``_paint_truncation`` and ``_paint_hand_over``."""

    def _paint_cut(self, p: QPainter) -> None:
        """Truncated BPTT: the state goes on to the next block, the gradient stops here."""
        xs, ys = self._xs, self._ys
        top, bottom = self.y_rows + 2, self.y_rows + len(ys) * self.row_h - 2
        p.setPen(QPen(CUT, 1.6, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(self.cut_x, top), QPointF(self.cut_x, bottom))
        for r in self._recurrent:
            p.drawLine(QPointF(xs[-1] + self.radius, ys[r]), QPointF(self.cut_x + 4, ys[r]))
        rows = [ys[r] for r in self._recurrent] or [(top + bottom) / 2]
        p.setFont(self.small_font)
        p.setPen(CUT)
        p.save()
        p.translate(self.cut_x + 7, (min(rows) + max(rows)) / 2)
        p.rotate(-90)
        p.drawText(QRectF(-60, 0, 120, QFontMetricsF(self.small_font).height() + 2),
                   Qt.AlignmentFlag.AlignCenter, translate("graph_lines", "BPTT cut"))
        p.restore()

    def _paint_truncation(self, p: QPainter) -> None:
        """A classifier's truncated backward pass: the state crosses this line, the gradient does not."""
        cut = self.frame.cut
        x = (self._xs[cut - 1] + self._xs[cut]) / 2
        top, bottom = self.y_rows + 2, self.y_rows + len(self._ys) * self.row_h - 2
        p.setPen(QPen(CUT, 1.6, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, top), QPointF(x, bottom))
        p.setFont(self.small_font)
        p.drawText(QRectF(x + 4, top, 220, QFontMetricsF(self.small_font).height() + 2), ALIGN_LEFT,
                   translate("graph_lines", "the gradient stops here (k = {k})").format(k=len(self._xs) - cut))

    def _paint_hand_over(self, p: QPainter) -> None:
        """seq2seq: the line between encoder and decoder; only h crosses it."""
        x = (self._xs[self.split - 1] + self._xs[self.split]) / 2
        p.setPen(QPen(QColor(MUTED), 1.2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(x, 2), QPointF(x, self.y_rows + len(self._ys) * self.row_h + self.band_h))
