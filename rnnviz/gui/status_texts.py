"""What the window says about the run in words: the state, the counters, the run's summary and
title, all in the window's language, and redone after a language switch.

Mixed into :class:`~rnnviz.gui.main_window.MainWindow` (its ``play_action``, status-bar labels,
``history``, ``info`` and ``experiment``), so that module reads as the data path.
"""
from __future__ import annotations

import time

from rnnviz.runtime.messages import DIVERGED, FINISHED, PAUSED, TRAINING

from .i18n import QT_TRANSLATE_NOOP, translate

STOPPED = "stopped"         # shown in the status bar when the training process died (not a worker state)

# The status bar's word for each state (the states themselves stay English identifiers).
STATE_WORDS = {TRAINING: QT_TRANSLATE_NOOP("main_window", "training"),
               PAUSED: QT_TRANSLATE_NOOP("main_window", "paused"),
               DIVERGED: QT_TRANSLATE_NOOP("main_window", "diverged"),
               FINISHED: QT_TRANSLATE_NOOP("main_window", "finished (Play continues)"),
               STOPPED: QT_TRANSLATE_NOOP("main_window", "stopped")}


class StatusTexts:
    """The status bar's words and the run's summary, mixed into the main window."""

    def _set_state(self, state: str) -> None:
        self.state = state
        training = state == TRAINING
        if training:
            self.play_action.setText(translate("main_window", "Pause"))
            self.play_action.setToolTip(translate("main_window", "Pause training (Space)"))
        else:
            self.play_action.setText(translate("main_window", "Play"))
            self.play_action.setToolTip(translate("main_window", "Play training (Space)"))
        self.play_action.setStatusTip(self.play_action.toolTip())
        self.play_action.setIcon(self.pause_icon if training else self.play_icon)
        self.show_state(state)
        self.panels["graphPanel"].set_training(training)

    def show_state(self, state: str) -> None:
        """The status bar's state word: a worker state, or STOPPED (the process died)."""
        self.shown_state = state
        word = STATE_WORDS.get(state)
        self.state_label.setText(translate("main_window", word) if word else state)
        color = {TRAINING: "#1a7f37", DIVERGED: "#b00020"}.get(state, "#444444")
        self.state_label.setStyleSheet(f"color: {color}; font-weight: bold; padding: 0 6px;")

    def _describe_run(self) -> None:
        """The run's summary under the form and the window's title (again after a language switch)."""
        info = self.info
        if info is None:
            return
        m = info.model_config
        if m.input == "onehot":
            size = translate("main_window", "one-hot")
        else:
            size = translate("main_window", "embed {size}").format(size=m.embed_size)
        level = {"char": translate("main_window", "char"),
                 "word": translate("main_window", "word")}.get(info.level, info.level)
        self.experiment.set_run_summary(
            translate("main_window", "<b>Current run</b>: {corpus} ({level}, V = {vocab}), {cell} {layers}x{hidden}, "
                      "{input}; {parameters} parameters; {steps} steps per epoch of {tokens} tokens.")
            .format(corpus=info.corpus_name, level=level, vocab=f"{len(info.vocab):,}", cell=m.cell.upper(),
                    layers=m.num_layers, hidden=m.hidden_size, input=size,
                    parameters=f"{info.num_parameters:,}", steps=f"{info.iters_per_epoch:,}",
                    tokens=f"{info.tokens_per_step:,}"))
        self.setWindowTitle(translate("main_window", "rnnviz: {cell} on {corpus}")
                            .format(cell=m.cell.upper(), corpus=info.corpus_name))

    def _update_status(self, now: float) -> None:
        stats = self.history.latest_stats
        self.iteration_label.setText(translate("main_window", "iteration {n}").format(n=f"{self.iteration:,}"))
        if self.info is not None:
            epochs = self.info.train_config.epochs
            digits = 3 if self.info.iters_per_epoch >= 500 else 2   # PTB: 1,327 steps per epoch
            # An opened checkpoint's history holds no StepStats until the next step.
            fraction = (stats.epoch_fraction if stats is not None
                        else self.info.iteration / max(1, self.info.iters_per_epoch))
            self.epoch_label.setText(translate("main_window", "epoch {fraction} of {epochs}")
                                     .format(fraction=f"{fraction:.{digits}f}", epochs=epochs))
        else:
            self.epoch_label.setText(translate("main_window", "epoch {fraction}").format(fraction="0.00"))
        if self.state == TRAINING and len(self._rate) >= 2 and now - self._rate[0][0] > 0.25:
            rate = (self._tokens - self._rate[0][1]) / (now - self._rate[0][0])
            self.tokens_label.setText(translate("main_window", "{rate} tokens/s").format(rate=f"{rate:,.0f}"))
        elif self.state != TRAINING or not self.tokens_label.text():
            self.tokens_label.setText(translate("main_window", "– tokens/s"))

    def _language_changed(self, code: str) -> None:
        """View > Language (or a new window) switched the language: the live texts are redone
        already; redo what is made while running (status, state word, run summary) and have every
        panel draw again from the history on the next tick, so text made while drawing follows."""
        from shiboken6 import isValid
        if not isValid(self):
            return
        for lang, action in getattr(self, "language_actions", {}).items():
            action.setChecked(lang == code)
        shown = self.shown_state
        self._set_state(self.state)
        if shown != self.state:
            self.show_state(shown)
        self._describe_run()
        self._seen.clear()
        self.tokens_label.clear()               # said again at once, or at the next measured rate
        self._update_status(time.perf_counter())
        self.busy.retranslate()
        self._lab_tooltips()
