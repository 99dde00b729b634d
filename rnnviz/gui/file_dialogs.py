"""File dialogs that open in the folder last used, remembered in the window's QSettings.

Every dialog of the window goes through these (the corpus, a PTB folder, checkpoints, exports),
so a user who keeps a project's files together finds them where they left them. The dialogs
are looked up on :class:`QFileDialog` at call time, so tests can replace them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/lastFolder"


def last_folder(settings: QSettings) -> str:
    """The folder the last dialog ended in, or "" (the dialog's own default) when it is gone."""
    folder = str(settings.value(LAST_FOLDER_KEY, "") or "")
    return folder if folder and Path(folder).is_dir() else ""


def remember_folder(settings: QSettings, path: str, *, is_folder: bool = False) -> None:
    """Remember where ``path`` (a chosen file, or a chosen folder) lies for the next dialog."""
    settings.setValue(LAST_FOLDER_KEY, str(Path(path) if is_folder else Path(path).parent))


def open_file(parent: QWidget, settings: QSettings, title: str, filters: str) -> str | None:
    """Ask for an existing file; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, last_folder(settings), filters)
    if not path:
        return None
    remember_folder(settings, path)
    return path


def open_folder(parent: QWidget, settings: QSettings, title: str) -> str | None:
    """Ask for an existing folder; None when cancelled."""
    path = QFileDialog.getExistingDirectory(parent, title, last_folder(settings))
    if not path:
        return None
    remember_folder(settings, path, is_folder=True)
    return path


def save_file(parent: QWidget, settings: QSettings, title: str, name: str, filters: str) -> str | None:
    """Ask where to write ``name`` (proposed in the last folder); None when cancelled."""
    folder = last_folder(settings)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / name) if folder else name,
                                          filters)
    if not path:
        return None
    remember_folder(settings, path)
    return path
