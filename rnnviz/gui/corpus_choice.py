"""The experiment dock's corpus box: bundled texts, python-docs, recent files and "Open file...".

Mixed into :class:`~rnnviz.gui.experiment.ExperimentPanel` (its ``corpus_combo``, ``settings``
and ``validate``). Entries are found by their item data (a name or a path), never by the text
they show, which is in the window's language.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from rnnviz import resources

from . import file_dialogs
from .i18n import QT_TRANSLATE_NOOP, translate

RECENT_KEY = "experiment/recentCorpora"
MAX_RECENT = 8
_OPEN_FILE = "\0open"           # item data of the "Open file..." entry (never a real path)
BUILTIN_LABELS = {"python-docs": QT_TRANSLATE_NOOP("experiment", "python-docs (Python's own documentation)")}


class CorpusChoice:
    """The corpus box's entries and the recent files, remembered in the settings."""

    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):          # QSettings returns a lone string for a 1-item list
            value = [value]
        return [str(v) for v in value or []][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])
        self._fill_corpora(select=path)

    def _fill_corpora(self, select: str | None = None) -> None:
        combo = self.corpus_combo
        current = select if select is not None else combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for name in resources.bundled_corpora():
            combo.addItem(name, name)
        for name in resources.BUILTIN_NAMES:
            combo.addItem(name, name)
        recent = self.recent_files()
        if recent:
            combo.insertSeparator(combo.count())
        for path in recent:
            combo.addItem(Path(path).name or path, path)
            combo.setItemData(combo.count() - 1, path, Qt.ToolTipRole)
        combo.insertSeparator(combo.count())
        combo.addItem("", _OPEN_FILE)
        self._relabel_corpora()
        combo.blockSignals(False)
        if current:
            self._select_corpus(current)

    def _relabel_corpora(self) -> None:
        """The corpus box's own entries in the current language (a recent file shows its name)."""
        combo, bundled = self.corpus_combo, resources.bundled_corpora()
        for index in range(combo.count()):
            name = combo.itemData(index)
            if name == _OPEN_FILE:
                combo.setItemText(index, translate("experiment", "Open file..."))
            elif name in bundled:
                combo.setItemText(index, translate("experiment", "{name} (bundled)").format(name=name))
            elif name in BUILTIN_LABELS:
                combo.setItemText(index, translate("experiment", BUILTIN_LABELS[name]))

    def _select_corpus(self, source: str) -> None:
        index = self.corpus_combo.findData(source)
        if index < 0:   # a path set by a preset or a checkpoint: list it with the recent ones
            self.corpus_combo.insertItem(self.corpus_combo.count() - 2, Path(source).name or source, source)
            index = self.corpus_combo.findData(source)
            self.corpus_combo.setItemData(index, source, Qt.ToolTipRole)
        self.corpus_combo.setCurrentIndex(index)
        self._corpus_index = index

    def corpus_source(self) -> str:
        return str(self.corpus_combo.currentData())

    def set_corpus(self, source: str) -> None:
        """Select a corpus by name or path (a path joins the recent files)."""
        if source in resources.bundled_corpora() or source in resources.BUILTIN_NAMES:
            self._select_corpus(source)
        else:
            self.add_recent(str(source))
        self.validate()

    def choose_corpus_file(self) -> str | None:
        """Ask for a text file; the chosen one is selected and remembered."""
        path = file_dialogs.open_file(self, self.settings, translate("experiment", "Open a text corpus"),
                                      translate("experiment", "Text files (*.txt);;All files (*)"))
        if path is None:
            return None
        self.set_corpus(path)
        return path

    def _corpus_chosen(self, index: int) -> None:
        if self.corpus_combo.itemData(index) == _OPEN_FILE:
            if self.choose_corpus_file() is None:
                self.corpus_combo.setCurrentIndex(self._corpus_index)   # cancelled: keep the old one
            return
        self._corpus_index = index
        self.validate()
