"""The window's side of the text lens, mixed into :class:`~rnnviz.gui.main_window.MainWindow`.

The panel (:mod:`rnnviz.gui.panels.text_lens`) asks; the window passes its requests to the worker
(:mod:`rnnviz.runtime.lens`), asks which file to read or which checkpoint to compare with (its
dialogs remember the folder), hands the worker's answers back, and tells the panel the step the
model is at on every tick (the panel reads the validation split the first time it is seen).
"""
from __future__ import annotations

from rnnviz.engine.lens import LensComparison, LensConnectivity, LensReading
from rnnviz.runtime.lens import LensFailed

from .file_dialogs import open_file
from .i18n import translate

PANEL = "textLensPanel"


class LensLink:
    """Connects the text lens panel to the worker (a mixin of the main window)."""

    def _connect_lens(self) -> None:
        panel = self.panels.get(PANEL)
        if panel is None:
            return
        # Through lambdas: a restarted worker (recovery.py) is a new object.
        panel.read_requested.connect(lambda source, text, unknown: self.worker.lens(source, text, unknown))
        panel.connectivity_requested.connect(lambda t: self.worker.lens_connectivity(t))
        panel.compare_requested.connect(lambda path: self.worker.lens_compare(path))
        panel.open_file_requested.connect(self.open_lens_file)
        panel.compare_file_requested.connect(self.compare_lens_checkpoint)

    def _lens_handlers(self) -> dict[type, object]:
        """The worker's lens records, for the window's table of event handlers."""
        return dict.fromkeys((LensReading, LensConnectivity, LensComparison, LensFailed), self._lens_record)

    def _lens_record(self, record) -> None:
        panel = self.panels.get(PANEL)
        if panel is not None:
            panel.show_record(record)

    def _follow_lens(self) -> None:
        """Once a tick: the step the model is at (the panel says when its reading is older)."""
        panel = self.panels.get(PANEL)
        if panel is not None and self.info is not None:
            panel.follow(self.iteration)

    def open_lens_file(self) -> None:
        """Ask for a text file and read its first tokens in the lens."""
        path = open_file(self, self.settings, translate("lens_link", "Read a text file"),
                         translate("lens_link", "Text files (*.txt *.md);;All files (*)"))
        if path:
            self.panels[PANEL].read_file(path)

    def compare_lens_checkpoint(self) -> None:
        """Ask for a checkpoint of this corpus and compare its reading of the text with this model's."""
        path = open_file(self, self.settings, translate("lens_link", "Compare with checkpoint"),
                         translate("lens_link", "rnnviz checkpoints (*.npz);;All files (*)"))
        if path:
            self.panels[PANEL].compare_with(path)
