"""The training thread: owns the :class:`~rnnviz.engine.trainer.Session`, takes commands, posts frames.

The GUI never touches the session. It calls the methods of :class:`TrainingWorker` (each one
only puts a command on a queue) and drains :attr:`TrainingWorker.mailbox` on its own timer.
Commands and events are plain data, so the same interface could later run over a process
pipe (DESIGN.md section 2).

Events posted besides the engine's snapshots (:class:`StepSnapshot`, :class:`EvalResult`,
:class:`Divergence`, :class:`SampleToken`, :class:`SampleResult`): :class:`RunReady` (a new
or reset run), :class:`StateChanged`, :class:`WorkerError`, :class:`SampleFailed`,
:class:`Saved` and :class:`Progress` (loading, building, evaluating, saving).

Run ``python -m rnnviz.gui.worker`` to train the default run headless through the worker and
print its throughput.
"""
from __future__ import annotations

import contextlib
import dataclasses
import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.snapshots import Divergence, SampleResult, SampleToken, StepSnapshot
from rnnviz.runtime.history import History

from rnnviz.runtime.mailbox import Mailbox
from rnnviz.runtime.messages import (_SHUTDOWN, DIVERGED, FINISHED, PAUSED, TRAINING, Command, Notice, Progress, RunControl,
                       RunInfo, RunReady, SampleFailed, Saved, StateChanged, WorkerCommands, WorkerError,
                       user_message)

SPLIT_NAMES = {"valid": "validation", "test": "test"}

def load_corpus_from(data: dict[str, Any]):
    """Load the corpus a data dict describes (the keys :class:`Session` stores in checkpoints)."""
    from rnnviz.engine.data import load_corpus
    return load_corpus(data["source"], data.get("level", "char"), normalize=bool(data.get("normalize")),
                       limit_tokens=data.get("limit_tokens") or None, valid_source=data.get("valid"),
                       test_source=data.get("test"))


def corpus_label(source: str) -> str:
    """The file a corpus source names, for "Loading corpus ptb.train.txt" (a PTB folder: its train file)."""
    path = Path(str(source))
    if path.is_dir():
        path = path / "ptb.train.txt"
    return path.name or str(source)


def run_info(session) -> RunInfo:
    """Copy what the GUI shows about a session (plain data: safe to hand across the thread)."""
    return RunInfo(
        corpus_name=session.corpus.name, level=session.corpus.level, vocab=session.corpus.vocab,
        data=dict(session.data), model_config=session.model_config, train_config=session.train_config,
        iteration=session.iteration, iters_per_epoch=session.iters_per_epoch,
        total_steps=session.total_steps, tokens_per_step=session.tokens_per_step,
        param_shapes={k: tuple(v.shape) for k, v in session.model.params.items()},
        num_parameters=int(session.model.num_parameters), description=session.describe(),
        lr=float(session.optimizer.lr), clip=float(session.clip))


class TrainingWorker(WorkerCommands, RunControl, threading.Thread):
    """A thread that trains, steps and samples a session on command.

    Every public method except :meth:`shutdown` only enqueues a command and returns at once;
    results arrive in :attr:`mailbox`. Commands run between steps, in order. Exceptions
    never end the thread: they are posted as :class:`WorkerError` and the session stays as
    it was.

    Parameters
    ----------
    mailbox : Mailbox, optional
        Where events go; a new one by default.
    """

    def __init__(self, mailbox: Mailbox | None = None, *, commands=None, stopping=None,
                 stop_sample=None) -> None:
        super().__init__(name="rnnviz-training", daemon=False)
        self.mailbox = mailbox if mailbox is not None else Mailbox()
        self.session = None                 # owned by this thread; tests may read it while paused
        # A process worker (worker_process.py) passes multiprocessing's queue and events, which
        # have the same methods, and runs this same loop in its child process.
        self._queue = commands if commands is not None else queue.Queue()
        self._stopping = stopping if stopping is not None else threading.Event()
        self._stop_sample = stop_sample if stop_sample is not None else threading.Event()
        self._run: Iterator | None = None   # the generator being played (run / run_epoch / run(n))
        self._run_kind = ""
        self._state = PAUSED
        self._probe_every = 10
        self._speed_cap = 0.0               # steps per second, 0 = as fast as possible
        self._next_step_at = 0.0
        self._eval_percent = -1             # the last evaluation percentage posted

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop after the current step (or sample token) and join; True if the thread ended."""
        self._stop_sample.set()
        return super().shutdown(timeout)

    # -- the thread ------------------------------------------------------------------------
    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                command = self._next_command()
            except queue.Empty:
                command = None
            if command is not None:
                # Compared by name: from a process worker the sentinel arrives as a copy.
                if command.name != _SHUTDOWN.name:
                    self._execute(command)
                continue            # run every queued command before the next step
            if self._run is not None:
                self._advance()
        self._close_run()

    def _next_command(self) -> Command:
        if self._run is None:
            return self._queue.get()                        # idle: sleep until told
        if self._speed_cap > 0:
            wait = self._next_step_at - time.perf_counter()
            if wait > 0:
                return self._queue.get(timeout=wait)       # paced, yet still responsive
        return self._queue.get_nowait()

    def _execute(self, command: Command) -> None:
        handler = getattr(self, f"_do_{command.name}")
        try:
            handler(*command.args)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a dialog, the thread lives on
            self.mailbox.post(WorkerError(command.name, user_message(exc)))

    def _advance(self) -> None:
        """Take one item from the run being played and post it."""
        started = time.perf_counter()
        try:
            item = next(self._run)
        except StopIteration:
            finished = self.session is not None and self.session.finished and self._run_kind == "play"
            self._close_run()
            self._set_state(FINISHED if finished else PAUSED)
            return
        except Exception as exc:  # noqa: BLE001
            self._close_run()
            record = getattr(exc, "record", None)
            if isinstance(record, Divergence):
                self.mailbox.post(record)
                self._set_state(DIVERGED)
            else:
                self.mailbox.post(WorkerError(self._run_kind, user_message(exc)))
                self._set_state(PAUSED)
            return
        self.mailbox.post(item)
        if isinstance(item, Divergence):
            self._close_run()
            self._set_state(DIVERGED)
        elif isinstance(item, StepSnapshot) and self._speed_cap > 0:
            self._next_step_at = started + 1.0 / self._speed_cap

    def _start_run(self, kind: str, run: Iterator) -> None:
        self._next_step_at = 0.0
        super()._start_run(kind, run)

    @contextlib.contextmanager
    def _busy(self, task: str, text: str):
        """Post a :class:`Progress` of unknown length around a part of a command."""
        self.mailbox.post(Progress(task, text))
        try:
            yield
        finally:
            self.mailbox.post(Progress(task, text, finished=True))

    def _eval_progress(self, split: str, done: int, total: int) -> None:
        """The session's evaluation hook: the start, each new whole percent, and the end."""
        percent = 100 * done // max(total, 1)
        if done == 0 or done >= total or percent > self._eval_percent:
            self._eval_percent = -1 if done >= total else percent
            self.mailbox.post(Progress("evaluate", f"Evaluating {SPLIT_NAMES.get(split, split)}", done,
                                       total, finished=done >= total))

    def _require_session(self):
        if self.session is None:
            raise ValueError("no model yet: choose a corpus and press Apply")
        return self.session

    # -- handlers (run on this thread) -----------------------------------------------------
    def _do_build(self, data, model_config, train_config) -> None:
        from rnnviz.engine.trainer import Session
        with self._busy("build", f"Loading corpus {corpus_label(data['source'])}"):
            corpus = load_corpus_from(data)
        with self._busy("build", "Building the model"):
            model_config = dataclasses.replace(model_config, vocab_size=len(corpus.vocab))
            session = Session(corpus, model_config, train_config, data=data)
        self._install(session, "build")

    def _do_load_checkpoint(self, path: str) -> None:
        from rnnviz.engine.checkpoint import load_checkpoint
        from rnnviz.engine.trainer import Session
        with self._busy("load_checkpoint", f"Opening checkpoint {Path(path).name}"):
            ckpt = load_checkpoint(path)
        with self._busy("load_checkpoint", f"Loading corpus {corpus_label(ckpt.data.get('source', ''))}"):
            corpus = load_corpus_from(ckpt.data)
        session = Session.from_checkpoint(ckpt, corpus)
        try:
            history = History.from_arrays(ckpt.extra)
        except (ValueError, TypeError, IndexError) as exc:
            # The weights are fine; only the curves are unreadable: open the run without them.
            history = History()
            self.mailbox.post(Notice(f"{Path(path).name}: its curves could not be read ({exc}); "
                                     "the run opened without them."))
        self._install(session, "load", history, path)

    def _install(self, session, reason: str, history: History | None = None, path: str | None = None) -> None:
        # Only now, with everything loaded and validated, is the previous run replaced.
        session.probe_every = self._probe_every
        session.eval_progress = self._eval_progress
        self._close_run()
        self.session = session
        self._state = PAUSED
        self.mailbox.post(RunReady(run_info(session), reason, history, path))
        self.mailbox.post(self._state_changed())

    def _do_play(self) -> None:
        session = self._require_session()
        if self._run is not None and self._run_kind in ("play", "more"):
            return
        if session.finished:
            # Past the planned epochs Play keeps going: a learner may want to watch longer.
            self._start_run("more", session.run(steps=10**12))
        else:
            self._start_run("play", session.run())

    def _do_pause(self) -> None:
        if self._run is not None:
            self._close_run()
        if self._state == TRAINING:
            self._set_state(PAUSED)

    def _do_step(self) -> None:
        self._paused_call(lambda session: session.step(probe=True))

    def _do_substep(self, kind: str) -> None:
        from rnnviz.engine.stepper import SubstepNotAllowed
        try:
            self._paused_call(lambda session: session.substep(kind))
        except SubstepNotAllowed as exc:
            # A click queued before the block moved on (a fast double click past the end of
            # the forward pass): ignored, and the status bar says why; no dialog.
            phase = str(exc).split("next is ")[-1]
            self.mailbox.post(Notice(f"Ignored a click: this block's next sub-step is {phase}."))

    def _paused_call(self, call) -> None:
        """Pause, run ``call(session)`` and post its snapshot; a divergence is posted as such."""
        session = self._require_session()
        self._do_pause()
        try:
            snapshot = call(session)
        except Exception as exc:
            record = getattr(exc, "record", None)
            if not isinstance(record, Divergence):
                raise
            self.mailbox.post(record)
            self._set_state(DIVERGED)
            return
        self.mailbox.post(snapshot)
        if self._state == DIVERGED:
            self._set_state(PAUSED)

    def _do_step_epoch(self) -> None:
        self._start_run("epoch", self._require_session().run_epoch())

    def _do_train_steps(self, n: int) -> None:
        self._start_run("steps", self._require_session().run(steps=n))

    def _do_reset(self) -> None:
        session = self._require_session()
        self._close_run()
        session.reset()
        self._state = PAUSED
        self.mailbox.post(RunReady(run_info(session), "reset"))
        self.mailbox.post(self._state_changed())

    def _do_rewind(self, iteration: int | None, lr: float | None) -> None:
        session = self._require_session()
        self._close_run()
        if lr is not None:
            session.set_lr(lr)          # checked first: a bad rate leaves the run where it was
        session.rewind(iteration)
        self._state = PAUSED
        self.mailbox.post(RunReady(run_info(session), "rewind"))
        self.mailbox.post(self._state_changed())

    def _do_evaluate(self) -> None:
        self.mailbox.post(self._require_session().evaluate())

    def _do_set_lr(self, lr: float) -> None:
        if self.session is not None:
            self.session.set_lr(lr)

    def _do_set_clip(self, clip: float) -> None:
        if not clip >= 0.0:
            raise ValueError(f"clip must be >= 0 (0 disables it), got {clip!r}")
        if self.session is not None:
            self.session.set_clip(clip)

    def _do_set_eval_every(self, k: int) -> None:
        if k < 0:
            raise ValueError(f"evaluate every k steps needs k >= 0 (0: once per epoch), got {k}")
        if self.session is not None:
            self.session.set_eval_every(k)

    def _do_set_probe_every(self, k: int) -> None:
        if k < 1:
            raise ValueError(f"probe cadence must be at least 1 step, got {k}")
        self._probe_every = k
        if self.session is not None:
            self.session.probe_every = k

    def _do_set_speed_cap(self, steps_per_second: float) -> None:
        self._speed_cap = max(0.0, steps_per_second)
        self._next_step_at = 0.0

    def _do_sample(self, settings: dict[str, Any]) -> None:
        """Stream a sample; training waits, since the weights must not change under it."""
        try:
            session = self._require_session()
            tokens = session.iter_sample(
                str(settings.get("prefix", "")), int(settings.get("length", 100)),
                temperature=float(settings.get("temperature", 1.0)), top_k=int(settings.get("top_k", 0)),
                greedy=bool(settings.get("greedy", False)), seed=settings.get("seed"))
        except Exception as exc:  # noqa: BLE001 - a bad prefix is the user's to fix, not a crash
            self.mailbox.post(SampleFailed(user_message(exc)))
            return
        with contextlib.closing(tokens):    # closing restores the model's state on an early stop
            try:
                for item in tokens:
                    self.mailbox.post(item)
                    if isinstance(item, SampleResult):
                        return
                    if self._stop_sample.is_set() or self._stopping.is_set():
                        self.mailbox.post(SampleFailed(None))
                        return
            except Exception as exc:  # noqa: BLE001
                self.mailbox.post(SampleFailed(user_message(exc)))
                return
        self.mailbox.post(SampleFailed("the sampler ended without a result"))

    def _do_save(self, path: str, extra: dict | None) -> None:
        session = self._require_session()
        with self._busy("save", "Saving checkpoint"):
            written = session.save(path, extra=extra)
        self.mailbox.post(Saved(str(written), session.iteration))

    def _do_autosave(self, path: str, extra: dict | None) -> None:
        if self.session is None:
            return
        try:
            written = self.session.save(path, extra=extra)
        except Exception as exc:  # noqa: BLE001 - every few minutes: a line, not a dialog
            self.mailbox.post(Notice(f"Autosave failed: {user_message(exc)}"))
            return
        self.mailbox.post(Saved(str(written), self.session.iteration, auto=True))


__all__ = ["TrainingWorker", "Mailbox", "RunInfo", "RunReady", "StateChanged", "WorkerError",
           "SampleFailed", "Saved", "Notice", "Progress", "SampleToken", "TRAINING", "PAUSED", "DIVERGED", "FINISHED"]


if __name__ == "__main__":
    from rnnviz.engine.presets import PRESETS
    preset = PRESETS["tale-lstm"]
    worker = TrainingWorker()
    worker.start()
    data = {"source": preset.corpus, "level": "char", "normalize": False, "limit_tokens": None,
            "valid": None, "test": None, **preset.data}
    worker.build(data, ModelConfig(vocab_size=2, **preset.model), TrainConfig(**preset.train))
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
