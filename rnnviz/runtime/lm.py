"""The language-model task: its commands, and the handlers that carry them out on the worker.

The window never touches the :class:`~rnnviz.engine.trainer.Session`. It calls the methods of
:class:`LMCommands` (each only puts a :class:`~rnnviz.runtime.messages.Command` on a queue) and
drains the worker's mailbox on its own timer. :class:`LMTask` is the other end: one handler per
command, run one at a time by the :class:`~rnnviz.runtime.loop.CommandLoop`, on a thread
(:class:`TrainingWorker`) or in a child process (:class:`LMProcessWorker`, the window's default).

Events posted besides the engine's snapshots (:class:`StepSnapshot`, :class:`EvalResult`,
:class:`Divergence`, :class:`GraphFrame`, :class:`SampleToken`, :class:`SampleResult`, and the W_h
spectrum view's :class:`~rnnviz.engine.spectrum.SpectrumReport` and the text lens's records of
:mod:`rnnviz.runtime.lens`, which History does not keep):
:class:`RunReady` (a new, opened, reset or rewound run), :class:`StateChanged`,
:class:`WorkerError`, :class:`SampleFailed`, :class:`Saved`, :class:`Notice` and
:class:`Progress` (loading, building, evaluating, saving).

The run's :class:`History` is kept here, on the worker's side, from the very records it posts:
a save writes it into the checkpoint without it ever crossing from the window, and an opened
checkpoint's history goes up once, in its :class:`RunReady`. The window keeps its own, built
from the same records, to draw.

Run ``python -m rnnviz.runtime.lm`` to train the default run headless through a worker and print
its throughput.
"""
from __future__ import annotations

import contextlib
import dataclasses
import time
from pathlib import Path
from typing import Any

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus_from
from rnnviz.engine.snapshots import SampleResult, StepSnapshot
from rnnviz.engine.texts import message_of, translate
from rnnviz.engine.vocab_file import corpus_in_vocab

from .grad_check import check_gradients
from .history import History
from .run_info import corpus_label, run_info
from .lens import LensCommands, LensHandlers
from .loop import CommandLoop, Commands, Interrupt, ThreadWorker
from .mailbox import Mailbox
from .messages import (Notice, Progress, RunReady, SampleFailed, Saved, WorkerError,
                       user_message)
from .process import ProcessWorker
from .weights import WeightsCommands, WeightsHandlers


def evaluating(split: str) -> str:
    """The busy indicator's text while ``split`` ("valid", "test") is evaluated."""
    if split == "valid":
        return translate("lm", "Evaluating validation")
    if split == "test":
        return translate("lm", "Evaluating test")
    return translate("lm", "Evaluating {split}").format(split=split)


# --- the commands (any thread) -------------------------------------------------------------------

class LMCommands(LensCommands, WeightsCommands, Commands):
    """The commands the window sends a language model; each only enqueues and returns at once."""

    def build(self, data: dict[str, Any], model_config: ModelConfig, train_config: TrainConfig) -> None:
        """Load ``data``'s corpus and build a fresh session (model vocab_size taken from the corpus)."""
        self._put("build", dict(data), model_config, train_config)

    def load_checkpoint(self, path: str) -> None:
        """Continue a saved run: its weights, optimizer, position and history."""
        self._put("load_checkpoint", str(path))

    def step(self) -> None:
        """One truncated-BPTT block, always with a probe; pauses a run that was playing."""
        self._put("step")

    def substep(self, kind: str) -> None:
        """The BPTT stepper: ``forward`` / ``backward`` one time step of one layer,
        ``forward_all`` / ``backward_all``, ``clip`` or ``update``; pauses a run that was playing.
        Posts the block's :class:`GraphFrame` (after the update, its :class:`StepSnapshot`)."""
        self._put("substep", str(kind))

    def train_steps(self, n: int) -> None:
        """Train exactly ``n`` steps, then pause (the scripted screenshot uses this)."""
        self._put("train_steps", int(n))

    def reset(self) -> None:
        """Fresh weights from the config seed, iteration 0."""
        self._put("reset")

    def rewind(self, iteration: int | None = None, lr: float | None = None) -> None:
        """Go back to a kept step (None: the newest safe one) and train on at ``lr`` (None: as now)."""
        self._put("rewind", iteration, lr)

    def evaluate(self) -> None:
        """Measure validation perplexity now (an EvalResult)."""
        self._put("evaluate")

    def set_lr(self, lr: float) -> None:
        """Change the running optimizer's learning rate, no rebuild."""
        self._put("set_lr", float(lr))

    def set_clip(self, clip: float) -> None:
        """Change the gradient-norm clipping threshold (0 = off), no rebuild."""
        self._put("set_clip", float(clip))

    def set_eval_every(self, k: int) -> None:
        """Validate every ``k`` steps (0: once per epoch), no rebuild; a playing run follows at once."""
        self._put("set_eval_every", int(k))

    def set_probe_every(self, k: int) -> None:
        """Probe every ``k`` steps (kept for later runs too)."""
        self._put("set_probe_every", int(k))

    def sample(self, settings: dict[str, Any]) -> None:
        """Generate text; keys prefix, length, temperature, top_k, greedy, seed (None = random),
        stop_at_eos (end after the first ``<eos>``; default False)."""
        self._stop_sample.clear()
        self._put("sample", dict(settings))

    def stop_sample(self) -> None:
        # An event, not a queued command: the sampling loop checks it between tokens.
        self._stop_sample.set()

    def spectrum(self, scale: float, book: bool = False, sweep: bool = False) -> None:
        """The W_h spectrum view's :class:`~rnnviz.engine.spectrum.SpectrumReport` at ``scale``:
        of the model (on a fixed batch), or with ``book`` of ch06/rnn_gradient_graph.py; ``sweep``
        adds the growth over the slider's range. Answered between steps; a playing run goes on."""
        self._put("spectrum", float(scale), bool(book), bool(sweep))

    def apply_scale(self, scale: float) -> None:
        """Multiply every recurrent W_h of the model by ``scale`` (Run > Rewind undoes it)."""
        self._put("apply_scale", float(scale))

    def check_gradients(self) -> None:
        """Run > Check gradients: a GradCheckReport of a float64 copy (runtime/grad_check.py)."""
        self._put("check_gradients")

    def save(self, path: str) -> None:
        """Write a checkpoint with the run's history (kept by the worker: it is not sent)."""
        self._put("save", str(path))

    def autosave(self, path: str) -> None:
        """As :meth:`save`, quietly: a failure is a :class:`Notice` for the status bar."""
        self._put("autosave", str(path))


# --- the handlers (the worker's thread) ----------------------------------------------------------

class LMTask:
    """A language model's session and the handlers of :class:`LMCommands`.

    Parameters
    ----------
    loop : CommandLoop
        Posts events and plays runs; its ``interrupt`` is set when the worker shuts down.
    stop_sample : Interrupt
        Set by Stop (or shutdown): a streamed sample ends at the next token.
    """

    NAME = "training"

    def __init__(self, loop: CommandLoop, stop_sample: Interrupt) -> None:
        self.loop = loop
        self.stop_sample = stop_sample
        self.session = None                 # owned by the worker; tests may read it while paused
        self.history = History()            # what this run posted: what a checkpoint carries
        self._probe_every = 10
        self._eval_percent = -1             # the last evaluation percentage posted
        self.lens = LensHandlers(self)      # the text lens's reading and its weights (runtime/lens.py)
        self.weights = WeightsHandlers(self)    # File > Import / Export weights (runtime/weights.py)

    def handlers(self) -> dict:
        return {"build": self.build, "load_checkpoint": self.load_checkpoint, "play": self.play,
                "step": self.step, "substep": self.substep, "step_epoch": self.step_epoch,
                "train_steps": self.train_steps, "reset": self.reset, "rewind": self.rewind,
                "evaluate": self.evaluate, "set_lr": self.set_lr, "set_clip": self.set_clip,
                "set_eval_every": self.set_eval_every, "set_probe_every": self.set_probe_every,
                "sample": self.sample, "save": self.save, "autosave": self.autosave,
                "check_gradients": lambda: check_gradients(self.loop, self._require_session()),
                "spectrum": self.spectrum, "apply_scale": self.apply_scale, **self.lens.handlers(),
                **self.weights.handlers()}

    @property
    def finished(self) -> bool:
        return self.session is not None and self.session.finished

    def record(self, item: Any) -> None:
        if History.keeps(item):
            self.history.add(item)

    def _require_session(self):
        if self.session is None:
            raise ValueError(translate("lm", "no model yet: choose a corpus and press Apply"))
        return self.session

    def _eval_progress(self, split: str, done: int, total: int) -> None:
        """The session's evaluation hook: the start, each new whole percent, and the end."""
        percent = 100 * done // max(total, 1)
        if done == 0 or done >= total or percent > self._eval_percent:
            self._eval_percent = -1 if done >= total else percent
            self.loop.post(Progress("evaluate", evaluating(split), done, total, finished=done >= total))

    # -- a run comes and goes ----------------------------------------------------------------------
    def build(self, data, model_config, train_config) -> None:
        from rnnviz.engine.trainer import Session
        with self.loop.busy("build", translate("lm", "Loading corpus {name}").format(
                name=corpus_label(data["source"]))):
            corpus = load_corpus_from(data)
        with self.loop.busy("build", translate("lm", "Building the model")):
            model_config = dataclasses.replace(model_config, vocab_size=len(corpus.vocab))
            session = Session(corpus, model_config, train_config, data=data)
        self._install(session, "build")

    def load_checkpoint(self, path: str) -> None:
        from rnnviz.engine.checkpoint import load_checkpoint
        from rnnviz.engine.trainer import Session
        with self.loop.busy("load_checkpoint", translate("lm", "Opening checkpoint {name}").format(
                name=Path(path).name)):
            ckpt = load_checkpoint(path)
        with self.loop.busy("load_checkpoint", translate("lm", "Loading corpus {name}").format(
                name=corpus_label(ckpt.data.get("source", "")))):
            corpus = corpus_in_vocab(ckpt.data, ckpt.vocab)     # imported weights keep their vocabulary
        session = Session.from_checkpoint(ckpt, corpus)
        try:
            history = History.from_arrays(ckpt.extra)
        except (ValueError, TypeError, IndexError) as exc:
            # The weights are fine; only the curves are unreadable: open the run without them.
            history = History()
            self.loop.post(Notice(translate("lm", "{name}: its curves could not be read ({error}); "
                                            "the run opened without them.").format(
                name=Path(path).name, error=message_of(exc))))
        if history.archive_error:
            self.loop.post(Notice(translate("lm", "{name}: its saved probes could not be read ({error}); the "
                                            "timeline starts empty.").format(name=Path(path).name,
                                                                            error=history.archive_error)))
        self._install(session, "load", history, path)

    def _install(self, session, reason: str, history: History | None = None, path: str | None = None) -> None:
        # Only now, with everything loaded and validated, is the previous run replaced.
        session.probe_every = self._probe_every
        self.loop.close_run()
        self.session = session
        self.history = history if history is not None else History()
        # The window gets its own copy: on a thread it would otherwise add to this one.
        shown = History.from_arrays(history.to_arrays()) if history is not None else None
        self.loop.new_run(RunReady(run_info(session), reason, shown, path))

    def reset(self) -> None:
        session = self._require_session()
        self.loop.close_run()
        session.reset()
        self.history = History()
        self.loop.new_run(RunReady(run_info(session), "reset"))

    def rewind(self, iteration: int | None, lr: float | None) -> None:
        session = self._require_session()
        self.loop.close_run()
        if lr is not None:
            session.set_lr(lr)          # checked first: a bad rate leaves the run where it was
        session.rewind(iteration)
        # The window cuts its own copy back to the same step when the RunReady arrives.
        self.history = self.history.truncated(session.iteration)
        self.loop.new_run(RunReady(run_info(session), "rewind"))

    # -- training ----------------------------------------------------------------------------------
    def play(self) -> None:
        session = self._require_session()
        if self.loop.playing in ("play", "more"):
            return
        if session.finished:
            # Past the planned epochs Play keeps going: a learner may want to watch longer.
            self.loop.start_run("more", session.run(steps=10**12, eval_progress=self._eval_progress))
        else:
            self.loop.start_run("play", session.run(eval_progress=self._eval_progress))

    def step(self) -> None:
        session = self._require_session()
        self.loop.call_paused(lambda: session.step(probe=True))

    def substep(self, kind: str) -> None:
        from rnnviz.engine.stepper import SubstepNotAllowed
        session = self._require_session()
        try:
            self.loop.call_paused(lambda: session.substep(kind))
        except SubstepNotAllowed as exc:
            # A click queued before the block moved on (a fast double click past the end of
            # the forward pass): ignored, and the status bar says why; no dialog.
            phase = str(exc).split("next is ")[-1]
            self.loop.post(Notice(translate("lm", "Ignored a click: this block's next sub-step is {phase}.")
                                  .format(phase=phase)))

    def step_epoch(self) -> None:
        self.loop.start_run("epoch", self._require_session().run_epoch(eval_progress=self._eval_progress))

    def train_steps(self, n: int) -> None:
        self.loop.start_run("steps", self._require_session().run(steps=n, eval_progress=self._eval_progress))

    def evaluate(self) -> None:
        self.loop.post(self._require_session().evaluate(progress=self._eval_progress))

    # -- settings that apply at once ---------------------------------------------------------------
    def set_lr(self, lr: float) -> None:
        if self.session is not None:
            self.session.set_lr(lr)

    def set_clip(self, clip: float) -> None:
        if not clip >= 0.0:
            raise ValueError(translate("lm", "clip must be >= 0 (0 disables it), got {value}").format(
                value=repr(clip)))
        if self.session is not None:
            self.session.set_clip(clip)

    def set_eval_every(self, k: int) -> None:
        if k < 0:
            raise ValueError(translate("lm", "evaluate every k steps needs k >= 0 (0: once per epoch), "
                                       "got {value}").format(value=k))
        if self.session is not None:
            self.session.set_eval_every(k)

    def set_probe_every(self, k: int) -> None:
        if k < 1:
            raise ValueError(translate("lm", "probe cadence must be at least 1 step, got {value}").format(
                value=k))
        self._probe_every = k
        if self.session is not None:
            self.session.probe_every = k

    # -- W_h, DLFS2 ch.6 ------------------------------------------------------------------------------
    def spectrum(self, scale: float, book: bool, sweep: bool) -> None:
        """Post a :class:`SpectrumReport`; not kept in the history, and a playing run is not paused."""
        from rnnviz.engine import spectrum as sp
        session = self.session
        if book:
            report = sp.book_report(scale, sweep=sweep)
        elif session is None:
            report = sp.no_model_report(scale)
        else:
            train = session.train_config
            xs, ts = sp.first_window(session.corpus.train, train.batch_size, train.bptt)
            report = sp.model_report(session.model, xs, ts, scale, iteration=session.iteration, sweep=sweep)
        self.loop.post(report)

    def apply_scale(self, scale: float) -> None:
        """Scale every W_h between two steps; the new rewind point reaches the window at once."""
        session = self._require_session()
        session.scale_recurrent(scale)
        self.loop.post(self.loop.state_changed())
        self.loop.post(Notice(translate("lm", "W_h scaled by {scale} at step {step}; Rewind undoes it").format(
            scale=f"{scale:.2f}", step=f"{session.iteration:,}")))

    # -- sampling and saving -----------------------------------------------------------------------
    def sample(self, settings: dict[str, Any]) -> None:
        """Stream a sample; training waits, since the weights must not change under it."""
        try:
            session = self._require_session()
            tokens = session.iter_sample(
                str(settings.get("prefix", "")), int(settings.get("length", 100)),
                temperature=float(settings.get("temperature", 1.0)), top_k=int(settings.get("top_k", 0)),
                greedy=bool(settings.get("greedy", False)), seed=settings.get("seed"),
                stop_at_eos=bool(settings.get("stop_at_eos", False)))
        except Exception as exc:  # noqa: BLE001 - a bad prefix is the user's to fix, not a crash
            self.loop.post(SampleFailed(user_message(exc)))
            return
        with contextlib.closing(tokens):    # closing restores the model's state on an early stop
            try:
                for item in tokens:
                    self.loop.post(item)
                    if isinstance(item, SampleResult):
                        return
                    if self.stop_sample.requested:
                        self.loop.post(SampleFailed(None))
                        return
            except Exception as exc:  # noqa: BLE001
                self.loop.post(SampleFailed(user_message(exc)))
                return
        self.loop.post(SampleFailed(translate("lm", "the sampler ended without a result")))

    def save(self, path: str) -> None:
        session = self._require_session()
        with self.loop.busy("save", translate("lm", "Saving checkpoint")):
            written = session.save(path, extra=self.history.to_arrays())
        self.loop.post(Saved(str(written), session.iteration))

    def autosave(self, path: str) -> None:
        if self.session is None:
            return
        try:
            written = self.session.save(path, extra=self.history.to_arrays())
        except Exception as exc:  # noqa: BLE001 - every few minutes: a line, not a dialog
            self.loop.post(Notice(translate("lm", "Autosave failed: {reason}").format(reason=user_message(exc))))
            return
        self.loop.post(Saved(str(written), self.session.iteration, auto=True))


# --- the workers ---------------------------------------------------------------------------------

class TrainingWorker(LMCommands, ThreadWorker):
    """A language model trained on a thread of this process (tests read its ``session``)."""

    def __init__(self, mailbox: Mailbox | None = None) -> None:
        super().__init__(LMTask, mailbox)


class LMProcessWorker(LMCommands, ProcessWorker):
    """A language model trained in a child process (the window's default)."""

    def __init__(self, mailbox: Mailbox | None = None, threads: int = 1) -> None:
        super().__init__(LMTask, mailbox, threads)


def make_worker(kind: str = "thread", mailbox: Mailbox | None = None):
    """A language-model worker, not started: ``kind`` "process" or "thread"."""
    return LMProcessWorker(mailbox) if kind == "process" else TrainingWorker(mailbox)


if __name__ == "__main__":
    from rnnviz.engine.presets import PRESETS
    # Imported by its name, not as __main__: the child process finds the task class by module.
    from rnnviz.runtime.lm import make_worker as make
    preset = PRESETS["tale-lstm"]
    worker = make("process")
    worker.start()
    worker.build(preset.corpus_spec(), ModelConfig(vocab_size=2, **preset.model), TrainConfig(**preset.train))
    worker.train_steps(100)
    t0, steps, tokens = time.perf_counter(), 0, 0
    while steps < 100:
        time.sleep(0.03)
        for event in worker.mailbox.drain():
            if isinstance(event, WorkerError):
                raise SystemExit(event.message)
            if isinstance(event, StepSnapshot):
                steps, tokens = steps + 1, tokens + event.stats.tokens
    elapsed = time.perf_counter() - t0
    print(f"{steps} steps in {elapsed:.2f} s: {tokens / elapsed:,.0f} tokens/s")
    worker.shutdown()
