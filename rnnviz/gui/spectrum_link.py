"""The window's side of the W_h spectrum view, mixed into :class:`~rnnviz.gui.main_window.MainWindow`.

The panel (:mod:`rnnviz.gui.panels.wh_spectrum`) asks; the window passes its requests to the worker,
hands the worker's :class:`~rnnviz.engine.spectrum.SpectrumReport` back, tells the panel the step
the model is at on every tick (the panel decides whether that is worth a new report), and asks
before "Apply s to the model…" multiplies the training model's W_h.
"""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rnnviz.engine.spectrum import SpectrumReport

from .i18n import translate

PANEL = "whSpectrumPanel"


class SpectrumLink:
    """Connects the W_h spectrum panel to the worker (a mixin of the main window)."""

    def _connect_spectrum(self) -> None:
        panel = self.panels.get(PANEL)
        if panel is None:
            return
        # Through lambdas: a restarted worker (recovery.py) is a new object.
        panel.spectrum_requested.connect(lambda scale, book, sweep: self.worker.spectrum(scale, book, sweep))
        panel.apply_requested.connect(self.apply_wh_scale)

    def _spectrum_report(self, report: SpectrumReport) -> None:
        panel = self.panels.get(PANEL)
        if panel is not None:
            panel.show_report(report)

    def _follow_spectrum(self) -> None:
        """Once a tick: the step the model is at, for the panel to ask again if it moved on."""
        panel = self.panels.get(PANEL)
        if panel is not None and self.info is not None:
            panel.follow(self.iteration)

    def apply_wh_scale(self, scale: float) -> None:
        """Multiply every recurrent W_h of the training model by ``scale``, after asking."""
        if self.info is None:
            return
        if self.interactive:
            answer = QMessageBox.question(
                self, translate("spectrum_link", "Scale W_h"),
                translate("spectrum_link", "Multiply every W_h of the model by {scale} at step {step}?\n\n"
                          "Training goes on from the scaled weights; Run > Rewind... to step {step} "
                          "puts the weights of before back.").format(scale=f"{scale:.2f}", step=f"{self.iteration:,}"),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        self.worker.apply_scale(scale)
        self.panels[PANEL].scale_applied()
