"""A dock's title bar with a "What to look for" toggle beside the title.

Qt's own title bar has no room for a widget of ours, so this one redraws it: the title, the
caption toggle, and float and close buttons with the style's standard icons. Mouse presses it
does not handle fall through to the dock, which still moves on a drag and floats or docks on a
double-click. The toggle lives here, not in the panel, so a folded caption costs no height at
all (on a 720 px screen every row counts).
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from .i18n import live, translate


MIN_TITLE_PX = 48
MIN_TOGGLE_PX = 22      # the arrow alone


class DockTitle(QWidget):
    """Title, optional caption toggle, float and close buttons for ``dock``.

    Parameters
    ----------
    dock : QDockWidget
        The dock whose title this is; its ``windowTitle`` is shown and followed.
    caption : QWidget, optional
        The panel's caption; the toggle shows or hides it. Without one there is no toggle.
    """

    def __init__(self, dock: QDockWidget, caption: QWidget | None = None):
        super().__init__(dock)
        self.dock = dock
        self.caption = caption
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 1, 2, 1)
        row.setSpacing(4)
        self.title = QLabel(dock.windowTitle())
        self.title.setObjectName("dockTitle")
        # A narrow dock clips its title and toggle rather than widening the window (the title
        # bar would otherwise set the dock's minimum width: three of them past a laptop's).
        self.title.setMinimumWidth(MIN_TITLE_PX)
        row.addWidget(self.title)
        self.toggle: QToolButton | None = None
        if caption is not None:
            self.toggle = toggle = QToolButton(objectName="captionToggle")

            def toggle_texts() -> None:
                toggle.setText(translate("dock_title", "What to look for"))
                toggle.setToolTip(translate("dock_title", "Show or hide what this panel shows and what to watch for"))
            live(toggle, toggle_texts)
            self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.toggle.setAutoRaise(True)
            self.toggle.setCheckable(True)
            self.toggle.setStyleSheet("QToolButton { color: #555555; font-size: 8.5pt; padding: 0 2px; border: none; }"
                                      "QToolButton:hover { background: #e4e4e4; }")
            self.toggle.toggled.connect(self.show_caption)
            self.toggle.setMinimumWidth(MIN_TOGGLE_PX)
            row.addWidget(self.toggle)
        row.addStretch(1)
        style = self.style()
        for name, icon, tip, slot in (
                ("dockFloat", QStyle.SP_TitleBarNormalButton,
                 lambda: translate("dock_title", "Float or dock this panel (or double-click the title)"),
                 lambda: dock.setFloating(not dock.isFloating())),
                ("dockClose", QStyle.SP_TitleBarCloseButton,
                 lambda: translate("dock_title", "Hide this panel (View brings it back)"), dock.close)):
            button = QToolButton(objectName=name)
            button.setIcon(style.standardIcon(icon))
            button.setIconSize(QSize(12, 12))
            button.setAutoRaise(True)
            live(button, lambda button=button, tip=tip: button.setToolTip(tip()))
            button.clicked.connect(slot)
            row.addWidget(button)
        dock.windowTitleChanged.connect(self.title.setText)
        self.show_caption(False)

    def show_caption(self, shown: bool) -> None:
        """Show (True) or fold (False) the panel's caption; the toggle follows."""
        if self.toggle is None:
            return
        if self.toggle.isChecked() != shown:
            self.toggle.setChecked(shown)       # comes back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.caption.setVisible(shown)
