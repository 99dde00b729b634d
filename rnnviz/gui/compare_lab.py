"""The comparison lab (DLFS2 ch.6): two or three language models trained in lockstep, side by side.

RNN against LSTM against GRU, clipping on against off, or two learning rates: the models share
the Experiment form's corpus, sizes, batches and seed, read the very same batch at every step,
and differ only where the lab's rows say. Play, Step, Step epoch and Reset drive all of them;
their perplexity curves are overlaid in the models' colours, and their gradient flow, hidden
states and samples (one prefix, one seed) stand side by side. Training runs in one worker
(:mod:`rnnviz.runtime.compare`), a child process unless a thread is asked for, so memory and time
per round grow with the number of models, and the status line says by how much.

Run ``python -m rnnviz.gui.compare_lab`` to open the lab alone in a window.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec
from rnnviz.engine.lockstep import Tagged
from rnnviz.engine.memory import format_bytes
from rnnviz.engine.snapshots import Divergence, StepSnapshot
from rnnviz.localize import localize
from rnnviz.runtime import compare
from rnnviz.runtime.compare import CompareReady
from rnnviz.runtime.compare_curves import CompareCurves
from rnnviz.runtime.messages import Progress, SampleFailed, WorkerError

from .i18n import QT_TRANSLATE_NOOP, live, translate
from .lab_base import LabBase, LabWords, run_alone
from .panels.common import MUTED
from .panels.compare_controls import CompareControls, Model, variants_text
from .panels.compare_views import CurvesOverlay, SideBySide, model_title

SPLIT = (480, 770)              # curves, side by side at the dock's 1250 px
Settings = tuple[dict[str, Any], ModelConfig, TrainConfig, str]


def default_base() -> tuple[dict[str, Any], ModelConfig, TrainConfig]:
    """The lab alone: the bundled tale, character level, a small model."""
    return (corpus_spec("tale", level="char"), ModelConfig(vocab_size=2, embed_size=32, hidden_size=64),
            TrainConfig(batch_size=16, bptt=32, optimizer="adam", lr=0.005, clip=1.0, epochs=20))


class CompareLab(LabBase):
    """Train two or three models in lockstep and watch them side by side.

    Parameters
    ----------
    parent : QWidget, optional
    base : callable, optional
        Returns what the models share: (corpus spec, ModelConfig, TrainConfig), as the
        Experiment form's ``config()`` does; default :func:`default_base`.
    start : bool
        Build RNN, LSTM and GRU at once, or only when :meth:`start` is called.
    worker : str, optional
        "process" or "thread"; default ``$RNNVIZ_WORKER``, else "process".
    """

    TITLE = QT_TRANSLATE_NOOP("compare_lab", "Compare models")
    HIDE_EMPTY_ERROR = True

    def __init__(self, parent: QWidget | None = None, *, base: Callable[[], tuple] | None = None,
                 start: bool = True, worker: str | None = None):
        super().__init__(parent, make_worker=compare.make_worker, worker=worker)
        self.setObjectName("comparePanel")
        self.base = base or default_base
        self.settings: Settings | None = None       # what the current models were built with
        self._pending: Settings | None = None       # what the build under way asked for
        self.ready: CompareReady | None = None
        self.curves = CompareCurves()
        self.controls = CompareControls()
        status_row = self._make_lines("compareStatus", "compareError")
        self.note = QLabel(objectName="compareNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED}; font-size: 9pt;")
        self.overlay = CurvesOverlay()
        self.side = SideBySide()
        self._lay_out(status_row, self.note, ((self.overlay, 4), (self.side, 6)), SPLIT)
        live(self, self.retranslate)
        self.choose_recipe("cells")

        self.controls.play_button.clicked.connect(self.toggle_play)
        self.controls.step_button.clicked.connect(self.step)
        self.controls.epoch_button.clicked.connect(self.step_epoch)
        self.controls.reset_button.clicked.connect(self.reset)
        self.controls.build_requested.connect(self.apply)
        self.controls.recipe_chosen.connect(self.choose_recipe)
        self.side.sample_requested.connect(self.sample)
        if start:
            self.start()

    # -- what the models are -------------------------------------------------------------------
    def _model_settings(self) -> Settings | None:
        return self.settings

    def _forget_model(self) -> None:
        self.settings, self.ready = None, None

    def _controls_settings(self) -> Settings:
        data, model_config, train_config = self.base()
        models = self.controls.models()
        first = models[0]
        # The shared values are the first row's; the variants name only what differs.
        model_config = dataclasses.replace(model_config, cell=first.cell)
        train_config = dataclasses.replace(train_config, lr=first.lr, clip=first.clip)
        return data, model_config, train_config, variants_text(models)

    def choose_recipe(self, key: str) -> None:
        """Fill the rows with one of ch.6's comparisons, from the Experiment form's settings."""
        _, model_config, train = self.base()
        clip = train.clip if train.clip > 0 else 1.0
        if key == "clip":
            models = [Model(model_config.cell, train.lr, clip), Model(model_config.cell, train.lr, 0.0)]
        elif key == "lr":
            models = [Model(model_config.cell, train.lr, train.clip), Model(model_config.cell, train.lr * 10, train.clip)]
        else:
            models = [Model(cell, train.lr, train.clip) for cell in ("rnn", "lstm", "gru")]
        self.controls.show_models(models)

    def apply(self) -> None:
        """Build the models the rows show (asks first when trained steps would be lost)."""
        settings = self._controls_settings()
        if any(not label for label in settings[3].split(",")):
            self._set_error(lambda: translate("compare_lab", "The models are the same: change a cell, a learning "
                                              "rate or the clipping of one of them."))
            return
        if self.confirm_discard(translate("compare_lab", "Build new models?")):
            self._build(settings)

    def _build(self, settings: Settings) -> None:
        self._pending = settings
        count = len(settings[3].split(","))
        self._begin_build(lambda: translate("compare_lab", "building {count} models …").format(count=count))
        self.worker.build(*settings)

    # -- commands ------------------------------------------------------------------------------
    def step(self) -> None:
        """One step of every model on the same batch, then pause."""
        self._set_error("")
        self.worker.step()

    def sample(self, settings: dict) -> None:
        if self.settings is not None:
            self.worker.sample(settings)

    def set_graph_available(self, available: bool) -> None:
        """The window offers its graph panel to every lab; the comparison unrolls nothing."""

    def export(self, path: str) -> None:
        """The whole lab as PNG or SVG (by suffix)."""
        self._export(self, path, [])

    # -- events from the worker ----------------------------------------------------------------
    def _words(self) -> LabWords:
        return LabWords(
            discard=translate("compare_lab", "Discard {steps} steps of training?\n\nEvery model starts again from "
                              "its first weights, and the curves are cleared (File > Save compared models... "
                              "keeps them)."),
            saved=translate("compare_lab", "Saved each compared model as a checkpoint in {path} (step {step})"),
            died=translate("compare_lab", "{message} A new one builds the models again."),
            open_title=translate("compare_lab", "Build new models?"),
            reset_title=translate("compare_lab", "Reset the models?"))

    def _make_event_handlers(self) -> dict:
        return {**super()._make_event_handlers(), CompareReady: self._on_ready, Tagged: self._on_tagged,
                SampleFailed: lambda event: self.side.sample_failed(localize(event.message) if event.message else ""),
                Progress: self._on_progress, WorkerError: self._on_error}

    def _on_ready(self, event: CompareReady) -> None:
        self.ready, self.builds = event, self.builds + 1
        self.settings = self._pending or self.settings
        self.iteration = self.saved_iteration = 0
        self.side.show_models(self.curves)
        self._set_error("")
        self._update_note()
        self._update_status()

    def _on_tagged(self, event: Tagged) -> None:
        item = event.item
        if isinstance(item, StepSnapshot) and event.ends_round:
            self._on_step(item)
        elif isinstance(item, Divergence):
            name = model_title(self.curves, event.index)
            self._set_error(lambda: translate("compare_lab", "{model} diverged at step {step} and stops there; the "
                                              "others go on.").format(model=name, step=item.iteration))

    def _on_progress(self, event: Progress) -> None:
        if not event.finished:
            self._set_status(lambda: localize(event.text))

    def _on_error(self, event: WorkerError) -> None:
        if event.command == "build" and self.settings is not None:
            self.iteration = self._steps_before_build
        self._set_error(lambda: localize(event.message))
        self._update_status()

    def _redraw(self) -> None:
        self.overlay.refresh(self.curves)
        self.side.refresh(self.curves)
        if self.ready is not None:
            self._update_status()

    # -- the lines -----------------------------------------------------------------------------
    def _update_note(self) -> None:
        if self.ready is None:
            return
        info = self.ready.infos[0]
        m, t = info.model_config, info.train_config
        self.note.setText(translate("compare_lab", "Shared by every model: {corpus} ({level}), H = {H}, N = {N}, "
                                    "T = {T}, {optimizer}, seed {seed}; each reads the same batch at every step.")
                          .format(corpus=info.corpus_name, level=info.level, H=m.hidden_size, N=t.batch_size,
                                  T=t.bptt, optimizer=t.optimizer, seed=m.seed))

    def _update_status(self) -> None:
        if self.ready is not None:
            self._set_status(self._status_line)

    def _status_line(self) -> str:
        """How many models, what they cost together, and how fast the rounds go."""
        ready = self.ready
        n = len(ready.labels)
        text = translate("compare_lab", "{count} models in lockstep, step {step}: {memory} of memory in all and "
                         "{count} steps per round, about {count}× one model's").format(
            count=n, step=f"{self.iteration:,}", memory=format_bytes(sum(ready.memory)))
        rate = self.steps_per_second()
        if math.isfinite(rate):
            text += " · " + translate("compare_lab", "{rate} rounds/s ({steps} steps/s)").format(
                rate=f"{rate:.1f}", steps=f"{rate * n:.1f}")
        return text

if __name__ == "__main__":
    import sys
    sys.exit(run_alone(CompareLab, "compare_lab", (1250, 620)))
