"""View > Language: the window changes language at once, without a restart, and back."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu

from rnnviz.gui import i18n

from .test_main_window import dialogs, window  # noqa: F401 - fixtures


@pytest.fixture
def worker():
    """The language is the window's own business: one worker kind is enough."""
    return "thread"


def shown(window) -> tuple[str, ...]:
    """Texts from each part of the chrome: an action, a menu, a dock (and its title bar), the status bar."""
    dock = window.docks["perplexityPanel"]
    return (window.play_action.text(), window.findChild(QMenu, "menuView").title(), dock.windowTitle(),
            dock.titleBarWidget().title.text(), window.findChild(QLabel, "statusState").text())


def test_view_language_switches_the_window_at_once_and_back(window):
    window.findChild(QAction, "actionLanguage_en").trigger()
    english = shown(window)
    assert english == ("Play", "&View", "Perplexity", "Perplexity", "paused")
    languages = window.findChild(QMenu, "menuLanguage")
    assert [a.text() for a in languages.actions()] == ["English", "한국어"]
    assert window.findChild(QAction, "actionLanguage_en").isChecked()
    korean = window.findChild(QAction, "actionLanguage_ko")
    try:
        korean.trigger()
        assert i18n.language() == "ko" and korean.isChecked()
        assert not window.findChild(QAction, "actionLanguage_en").isChecked()
        assert window.settings.value(i18n.SETTING) == "ko"          # remembered for the next start
        now = shown(window)
        # Every part changed at once, and the title bar follows its dock.
        assert all(ko != en for ko, en in zip(now, english)), now
        assert now[2] == now[3]
        assert window.windowTitle().startswith("rnnviz")
    finally:
        window.findChild(QAction, "actionLanguage_en").trigger()
    assert i18n.language() == "en"
    assert shown(window) == english
