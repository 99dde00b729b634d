"""The fields the experiment form is made of: integer and decimal spin boxes and choice boxes,
each named (objectName) and explained (tooltip) where it is made."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox


def spin(lo: int, hi: int, name: str, tip: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setObjectName(name)
    box.setToolTip(tip)
    box.setAccelerated(True)
    return box


class FloatSpin(QDoubleSpinBox):
    """A double spin box that shows 20 and 0.005, not 20.00000 and 0.00500."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        text = f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")
        return text or "0"


def dspin(lo: float, hi: float, decimals: int, step: float, name: str, tip: str = "") -> QDoubleSpinBox:
    box = FloatSpin()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setObjectName(name)
    box.setToolTip(tip)
    return box


def combo(items, name: str, tip: str = "") -> QComboBox:
    box = QComboBox()
    for item in items:
        box.addItem(item, item)
    box.setObjectName(name)
    box.setToolTip(tip)
    return box
