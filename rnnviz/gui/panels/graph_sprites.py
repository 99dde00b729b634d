"""The unrolled graph's node images, drawn once per radius and blitted: stroking ellipses one
by one was several times slower."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap

from .graph_style import FILL_LUT, GRAD_LUT, NO_GRAD, PENDING


class NodeSprites:
    """Fill discs, gradient rings, the pending and no-gradient looks and the token box at one
    radius and device pixel ratio; :meth:`image` composes a (fill, ring) pair on first use."""

    def __init__(self, radius: float, dpr: float):
        self.radius, self.dpr = radius, dpr
        ring = 2.0 if radius < 6 else radius * 0.32
        self.half = math.ceil(radius + ring / 2 + 1)          # a sprite is 2 * half px square
        no_pen, no_brush = QPen(Qt.PenStyle.NoPen), QBrush(Qt.BrushStyle.NoBrush)
        self._discs = [self._sprite(no_pen, QBrush(c)) for c in FILL_LUT]
        self._rings = [self._sprite(QPen(c, ring), no_brush) for c in GRAD_LUT]
        dashed = QPen(PENDING, 1.2, Qt.PenStyle.CustomDashLine)
        dashed.setDashPattern([2.5, 2.0])
        self._pending = self._sprite(dashed, QBrush(Qt.GlobalColor.white))
        self._no_grad = self._sprite(QPen(NO_GRAD, 1.0), no_brush)
        self.box = self._sprite(QPen(QColor("#777777"), 1.0), QBrush(QColor("#e6e6e6")), box=True)
        self._pairs: dict[tuple[int, int], QPixmap] = {}

    def _sprite(self, pen: QPen, brush: QBrush, box: bool = False) -> QPixmap:
        half, rad, dpr = self.half, self.radius, self.dpr
        pixmap = QPixmap(math.ceil(2 * half * dpr), math.ceil(2 * half * dpr))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(pen)
        p.setBrush(brush)
        if box:
            p.drawRect(QRectF(half - 0.75 * rad, half - 0.75 * rad, 1.5 * rad, 1.5 * rad))
        else:
            p.drawEllipse(QPointF(half, half), rad, rad)
        p.end()
        return pixmap

    def image(self, fill: int, ring: int) -> QPixmap:
        """A node's image for a (fill, ring) colour pair (-1: not computed), made on first use."""
        image = self._pairs.get((fill, ring))
        if image is None:
            if fill < 0:
                image = self._pending
            else:
                image = self._discs[fill].copy()
                p = QPainter(image)
                p.drawPixmap(0, 0, self._rings[ring] if ring >= 0 else self._no_grad)
                p.end()
            if len(self._pairs) >= 1024:    # a few MB of images at most
                self._pairs.clear()
            self._pairs[(fill, ring)] = image
        return image
