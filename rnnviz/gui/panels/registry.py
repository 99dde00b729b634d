"""What the window needs to know about a panel, declared once: :class:`PanelSpec`.

A panel module defines the widget (its ``TITLE`` and ``CAPTION`` on the class); one line in
:data:`rnnviz.gui.panels.REGISTRY` adds it to the window: its object name, the History data its
redraw depends on (an accessor), and where it goes when an arrangement does not name it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rnnviz.gui.i18n import translate
from rnnviz.runtime.history import History

TABS = "tabs"               # the default place: a tab in the middle row's tab group


def steps(history: History) -> int:
    """Redraw whenever anything was added (the curves)."""
    return history.version


def latest_probe(history: History) -> Any:
    return history.latest_probe


def latest_graph(history: History) -> Any:
    return history.latest_graph


def latest_stream(history: History) -> Any:
    return history.latest_stream


@dataclass(frozen=True)
class PanelSpec:
    """One docked panel.

    ``reads(history)`` is what the panel draws from: the window refreshes the panel when that
    value changes (an int compared by value, a record by identity). None: the panel is fed
    through its own slots (the sample console), never refreshed from History.
    """

    cls: type
    name: str                                   # objectName; its dock is "dock_<name>"
    reads: Callable[[History], Any] | None = steps
    place: str = TABS                           # where it goes if an arrangement leaves it out

    @property
    def title(self) -> str:
        """The panel's name in the window's language (read it again after a switch)."""
        return translate("panels", self.cls.TITLE)

    def make(self):
        panel = self.cls()
        panel.setObjectName(self.name)
        return panel

    def changed(self, seen: Any, history: History) -> tuple[bool, Any]:
        """(whether ``history`` holds something new for this panel since ``seen``, the new key)."""
        key = (history, None if self.reads is None else self.reads(history))
        if seen is None or seen[0] is not history:
            return True, key
        old, new = seen[1], key[1]
        same = old == new if isinstance(new, int) else old is new
        return not same, key
