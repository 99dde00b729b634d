"""The fields the experiment form is made of: integer and decimal spin boxes and choice boxes,
each named (objectName) and explained (tooltip) where it is made.

A tooltip or an item's label given as a callable (``lambda: translate("experiment", "...")``) is
set through :func:`rnnviz.gui.i18n.live`, so it follows a switch of language.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QSpinBox, QWidget

from .i18n import live


def set_tip(widget: QWidget, tip: str | Callable[[], str]) -> None:
    """``widget``'s tooltip: a plain string, or a callable redone after each language switch."""
    if callable(tip):
        live(widget, lambda: widget.setToolTip(tip()))
    else:
        widget.setToolTip(tip)


def spin(lo: int, hi: int, name: str, tip: str | Callable[[], str] = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setObjectName(name)
    set_tip(box, tip)
    box.setAccelerated(True)
    return box


class FloatSpin(QDoubleSpinBox):
    """A double spin box that shows 20 and 0.005, not 20.00000 and 0.00500."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt name)
        text = f"{value:.{self.decimals()}f}".rstrip("0").rstrip(".")
        return text or "0"


def dspin(lo: float, hi: float, decimals: int, step: float, name: str,
          tip: str | Callable[[], str] = "") -> QDoubleSpinBox:
    box = FloatSpin()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setObjectName(name)
    set_tip(box, tip)
    return box


def combo(items: Iterable[str], name: str, tip: str | Callable[[], str] = "",
          labels: Callable[[], Mapping[str, str]] | None = None) -> QComboBox:
    """A choice box whose item data are ``items`` (what the code reads: ``currentData()``).

    Each item shows its data, or ``labels()[item]`` when ``labels`` names it (redone after each
    language switch, so a translated label never becomes a key).
    """
    box = QComboBox()
    for item in items:
        box.addItem(item, item)
    box.setObjectName(name)
    set_tip(box, tip)
    if labels is not None:
        def relabel() -> None:
            shown = labels()
            for index in range(box.count()):
                data = box.itemData(index)
                box.setItemText(index, shown.get(data, data))
        live(box, relabel)
    return box
