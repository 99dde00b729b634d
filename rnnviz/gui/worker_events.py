"""What the window does with each event from its worker, mixed into
:class:`~rnnviz.gui.main_window.MainWindow`: the engine's records go into the history, and one
table (:meth:`WorkerEvents._make_event_handlers`) says what else each kind asks for: a new run
replaces the history and clears the panels, a failed command is a dialog under its own title, a
save is a status-bar line.
"""
from __future__ import annotations

from typing import Any

from rnnviz.engine.grad_report import GradCheckReport
from rnnviz.engine.snapshots import Divergence, SampleResult, SampleToken, StepSnapshot
from rnnviz.engine.spectrum import SpectrumReport
from rnnviz.localize import localize
from rnnviz.runtime.history import History
from rnnviz.runtime.messages import (PAUSED, Notice, Progress, RunReady, SampleFailed, Saved, StateChanged,
                                     WorkerDied, WorkerError)

from .i18n import QT_TRANSLATE_NOOP, translate

# Dialog titles for a failed command, shown through translate("main_window", ...).
ERROR_TITLES = {"build": QT_TRANSLATE_NOOP("worker_events", "Could not build the model"),
                "load_checkpoint": QT_TRANSLATE_NOOP("worker_events", "Could not open the checkpoint"),
                "save": QT_TRANSLATE_NOOP("worker_events", "Could not save the checkpoint"),
                "reset": QT_TRANSLATE_NOOP("worker_events", "Could not reset"),
                "evaluate": QT_TRANSLATE_NOOP("worker_events", "Could not evaluate"),
                "apply_scale": QT_TRANSLATE_NOOP("worker_events", "Could not scale W_h"),
                "import_weights": QT_TRANSLATE_NOOP("worker_events", "Could not import the weights"),
                "export_weights": QT_TRANSLATE_NOOP("worker_events", "Could not export the weights"),
                "check_gradients": QT_TRANSLATE_NOOP("worker_events", "Could not check the gradients")}


class WorkerEvents:
    """``_dispatch`` and the handlers of the worker's events."""

    def _dispatch(self, event: Any) -> int:
        """Take one event from the worker: the engine's records into the history, then whatever
        else its type asks for (one table). Returns 1 for a training step, else 0."""
        if History.keeps(event):
            self.history.add(event)
        handler = self._event_handlers.get(type(event))
        if handler is not None:
            handler(event)
        return int(type(event) is StepSnapshot)

    def _make_event_handlers(self) -> dict[type, Any]:
        """What each kind of event does besides being kept in the history."""
        console = self.panels["samplePanel"]
        finish = getattr(console, "finish_sample", None)
        return {
            StepSnapshot: self._count_tokens,
            SampleToken: getattr(console, "append_token", None),
            SampleResult: finish,
            SampleFailed: (lambda event: finish(None, event.message)) if finish else None,
            Divergence: self._diverged,
            StateChanged: self._state_changed,
            RunReady: self._new_run,
            Progress: self.busy.report,
            WorkerDied: self._worker_died,
            WorkerError: self._worker_error,
            Saved: self._saved,
            Notice: lambda event: self.statusBar().showMessage(localize(event.text), 5000),
            SpectrumReport: self._spectrum_report,
            **self._lens_handlers(),
            GradCheckReport: self._grad_check_report,
        }

    def _count_tokens(self, event: StepSnapshot) -> None:
        self._tokens += event.stats.tokens

    def _state_changed(self, event: StateChanged) -> None:
        self.rewind_points = event.rewind_points
        self._set_state(event.state)

    def _worker_error(self, event: WorkerError) -> None:
        self.busy.clear()           # the failed command is doing nothing any more
        title = ERROR_TITLES.get(event.command)
        self.show_message("critical", translate("main_window", title) if title
                          else translate("worker_events", "Training error"), event.message)
        if event.command in ("build", "load_checkpoint") and self.info is None and self._fallback:
            self._build_fallback()
        if event.command in ("play", "more", "epoch", "steps"):
            self._set_state(PAUSED)
        if event.command == "check_gradients":
            self._grad_check_failed(event.message)

    def _saved(self, event: Saved) -> None:
        if event.auto:
            self._autosaved(event.path, event.iteration)
            return
        self.saved_iteration = event.iteration
        self.add_recent_checkpoint(event.path)
        self.statusBar().showMessage(translate("worker_events", "Saved {path} (step {step})")
                                     .format(path=event.path, step=f"{event.iteration:,}"), 8000)

    def _new_run(self, event: RunReady) -> None:
        info = self.info = event.info
        self.experiment.show_live(info.lr, info.clip)
        if event.reason == "rewind":
            self.history = self.history.truncated(info.iteration)
            self.statusBar().showMessage(
                translate("worker_events", "Rewound to step {step}; training goes on at learning rate {lr}")
                .format(step=f"{info.iteration:,}", lr=f"{info.lr:g}"), 8000)
        else:
            self.saved_iteration = info.iteration   # opened at its saved step; built or reset at 0
            self.history = event.history if event.history is not None else History()
        self.go_live()
        self._seen.clear()
        self._rate.clear()
        for panel in self.panels.values():
            panel.clear()
            panel.set_vocab(info.vocab)
        if event.reason == "import":
            self.weights_imported(event)            # gui/weights_actions.py
        if event.reason == "load":
            self.experiment.set_config(info.data, info.model_config, info.train_config)
            self.experiment.show_live(info.lr, info.clip)
            if event.path == str(self.autosave_path):
                self.saved_iteration = 0        # restored from recovery: still saved nowhere else
                self.statusBar().showMessage(translate("worker_events", "Restored the unsaved run at step {step}")
                                             .format(step=f"{info.iteration:,}"), 8000)
            else:
                self.add_recent_checkpoint(event.path)
                self.statusBar().showMessage(translate("worker_events", "Opened {path} at step {step}")
                                             .format(path=event.path, step=f"{info.iteration:,}"), 8000)
        self._describe_run()
