"""The text lens's text: every token on its own tinted background, hover and click by token.

:class:`LensTextView` lays the tokens out once per reading (characters as they are, with a line
break after a newline; words with a space between, ``<eos>`` as "⏎" and a line break) and
remembers where each one starts and ends in the document, so a mouse position maps to a token
exactly and a repaint only changes formats (the scroll position stays). The tints are the colour
maps below; what is tinted (surprisal, connectivity, the change from another checkpoint) is the
panel's choice, and every number it tints by arrives from the worker.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from .common import TEXT

EOS = "<eos>"
# Surprisal in nats over ln V (a uniform guess): white when expected, warm when surprising.
SURPRISAL = pg.ColorMap([0.0, 0.2, 0.45, 0.7, 1.0], ["#ffffff", "#fff2c2", "#fdd08a", "#f9a066", "#ef6f50"])
# Connectivity on a log scale: 10^-3 of the largest and below white, the largest a clear blue.
CONNECTIVITY = pg.ColorMap([0.0, 0.34, 0.67, 1.0], ["#ffffff", "#deebf7", "#a5cdea", "#5fa3d6"])
# Change in surprisal from the other checkpoint: easier green, harder red, unchanged white.
CHANGE = pg.ColorMap([0.0, 0.3, 0.5, 0.7, 1.0], ["#5aae61", "#c7e9c0", "#ffffff", "#fdc9a8", "#ef6f50"])
CHOSEN = QColor("#ffcc00")          # the clicked token
AFTER = QColor("#9a9a9a")           # text after the clicked token: no part of its prediction
REACH = QColor("#d62728")           # the token at the 1 % distance: a red underline


def tint(colormap: pg.ColorMap, value: float) -> QColor:
    """The colour of ``value`` in [0, 1] (clipped; NaN: white)."""
    if not np.isfinite(value):
        return QColor("white")
    return colormap.map(float(np.clip(value, 0.0, 1.0)), mode="qcolor")


def shown_token(token: str, level: str) -> tuple[str, bool]:
    """(the text a token is drawn as, whether a line break follows it)."""
    if token == "\n":
        return "⏎", True
    if token == EOS:
        return "⏎", True
    if level == "char":
        return token.replace("\t", "⇥").replace("\r", "↵"), False
    return token, False


class LensTextView(QTextBrowser):
    """A read-only text of tokens; ``token_hovered(i)`` (-1 off the text) and ``token_clicked(i)``."""

    token_hovered = Signal(int)
    token_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lensText")
        self.setOpenLinks(False)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(f"QTextBrowser {{ color: {TEXT}; background: white; }}")
        font = QFont(self.font())
        font.setPointSize(11)
        self.document().setDefaultFont(font)
        self.starts = np.zeros(0, np.int64)     # (n,) document position where token i starts
        self.ends = np.zeros(0, np.int64)       # (n,) and where its drawn text ends
        self._hovered = -1

    # -- content -----------------------------------------------------------------------------------
    def set_tokens(self, tokens, level: str) -> None:
        """Lay out a new text (plain formats; :meth:`paint` tints it)."""
        self.clear()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        starts, ends = [], []
        plain = QTextCharFormat()
        for k, token in enumerate(tokens):
            text, line_break = shown_token(token, level)
            if level == "word" and k and not line_break_before(tokens, k):
                cursor.insertText(" ", plain)
            starts.append(cursor.position())
            cursor.insertText(text, plain)
            ends.append(cursor.position())
            if line_break:
                cursor.insertBlock()
        cursor.endEditBlock()
        self.starts, self.ends = np.array(starts, np.int64), np.array(ends, np.int64)
        self._hovered = -1
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def paint(self, backgrounds: list[QColor], *, chosen: int = -1, after_grey: bool = False,
              underline: int = -1) -> None:
        """Give token i the background ``backgrounds[i]``; the ``chosen`` token bold on yellow,
        the tokens after it grey (``after_grey``), the ``underline`` token red, bold and underlined."""
        bar = self.verticalScrollBar().value()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for k, colour in enumerate(backgrounds):
            fmt = QTextCharFormat()
            fmt.setBackground(CHOSEN if k == chosen else colour)
            fmt.setForeground(AFTER if after_grey and 0 <= chosen < k else QColor(TEXT))
            if k == chosen:
                fmt.setFontWeight(QFont.Weight.Bold)
            if k == underline:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(REACH)
                fmt.setForeground(REACH)
                fmt.setFontWeight(QFont.Weight.Bold)
            cursor.setPosition(int(self.starts[k]))
            cursor.setPosition(int(self.ends[k]), QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)
        cursor.endEditBlock()
        self.verticalScrollBar().setValue(bar)

    # -- from the mouse to a token -----------------------------------------------------------------
    def token_at(self, pos: QPoint) -> int:
        """The token under viewport point ``pos``, or -1 (between words, past a line's end)."""
        if not len(self.starts):
            return -1
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        hit = self.document().documentLayout().hitTest(pos + offset, Qt.HitTestAccuracy.ExactHit)
        if hit < 0:
            return -1
        k = int(np.searchsorted(self.starts, hit, side="right")) - 1
        return k if k >= 0 and hit < self.ends[k] else -1

    def token_rect(self, k: int) -> QRect:
        """Where token ``k``'s first character is drawn, in viewport coordinates."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(int(self.starts[k]))
        left = self.cursorRect(cursor)
        cursor.setPosition(int(self.starts[k]) + 1)
        right = self.cursorRect(cursor)
        return QRect(left.topLeft(), QPoint(max(right.left(), left.left() + 1), left.bottom()))

    def show_token(self, k: int) -> None:
        """Scroll token ``k`` to the middle of the view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(int(self.starts[k]))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).center().y() - self.viewport().height() // 2)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt name)
        k = self.token_at(event.position().toPoint())
        if k != self._hovered:
            self._hovered = k
            self.token_hovered.emit(k)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        k = self.token_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and k >= 0:
            self.token_clicked.emit(k)
            return              # no text selection starting on a token: a click picks it
        super().mousePressEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if self._hovered != -1:
            self._hovered = -1
            self.token_hovered.emit(-1)
        super().leaveEvent(event)


def line_break_before(tokens, k: int) -> bool:
    """Whether token ``k`` of a word-level text starts a line (it follows an ``<eos>``)."""
    return tokens[k - 1] == EOS
