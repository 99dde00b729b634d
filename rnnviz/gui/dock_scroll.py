"""A panel in a dock, scrolled only when the dock is smaller than the panel's minimum.

A dock made smaller than its panel would otherwise raise the window's minimum size past a
laptop screen; in a scroll area it scrolls instead, and at any usual size it simply fills
the dock.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class FillLayout(QVBoxLayout):
    """A column that never asks for height-for-width: with wrapped captions it would, and a
    scroll area holding it would then size it by their preferred height (taller than the
    window) instead of filling what is visible."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        return False


def scrolled(panel: QWidget) -> QScrollArea:
    """``panel`` filling a frameless scroll area that scrolls only below its minimum size."""
    holder = QWidget()
    column = FillLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(panel)
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName()}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setWidget(holder)
    return area
