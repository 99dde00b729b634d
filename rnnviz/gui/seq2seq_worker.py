"""The seq2seq lab's thread: owns a :class:`~rnnviz.engine.seq2seq_session.Seq2seqSession`,
takes commands from a queue and posts what it made in a :class:`~rnnviz.runtime.mailbox.Mailbox`.

The lab never touches the session. Each public method of :class:`Seq2seqWorker` (except
:meth:`~Seq2seqWorker.shutdown`) only enqueues a command; the lab drains the mailbox on its own
~30 Hz timer. Besides the engine's records (:class:`StepSnapshot`, :class:`AccuracyResult`,
:class:`Divergence`) the worker posts :class:`Seq2seqReady`, :class:`Decoded`,
:class:`DecodeFailed`, and the LM worker's :class:`StateChanged` and :class:`WorkerError`.

Run ``python -m rnnviz.gui.seq2seq_worker`` to train one epoch of the addition task headless.
"""
from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.snapshots import AccuracyResult, DecodeTrace, Divergence, GraphFrame

from rnnviz.runtime.mailbox import Mailbox
from rnnviz.runtime.messages import (DIVERGED, FINISHED, PAUSED, TRAINING, Command, RunControl, Saved, StateChanged,
                       WorkerError, user_message)

GENERATED = ("addition", "date")     # task names load_pairs generates; anything else is a file
_SHUTDOWN = Command("shutdown")
_CACHED_SETS = 2                     # data sets kept, so toggling a variant does not regenerate


# --- events ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seq2seqReady:
    """A model was built (or rebuilt by Reset); training starts from step 0."""

    task: str                       # "addition", "date" or the file's path
    name: str                       # the data set's name for display ("addition", "date.txt")
    config: Seq2seqConfig           # vocab_size filled in from the data
    train: TrainConfig
    question_width: int             # Tq
    answer_width: int               # Ta - 1 characters written by the decoder (no "_")
    train_pairs: int
    test_pairs: int
    iters_per_epoch: int
    total_steps: int
    num_parameters: int
    example_question: str           # the first test question, a hint for what to type
    iteration: int = 0              # steps trained (an opened run's; 0 for a new model)
    curves: Any = None              # an opened run's Seq2seqCurves; None: start empty
    path: str | None = None         # the run file opened


@dataclass(frozen=True)
class Decoded:
    """The trace of one decode; ``request`` is the typed text or the test example's index."""

    request: str | int
    trace: DecodeTrace


@dataclass(frozen=True)
class DecodeFailed:
    """A typed question the model cannot read (unknown character, too long): one line."""

    request: str | int
    message: str


@dataclass(frozen=True)
class Unrolled:
    """One example unrolled for the graph panel; ``request`` is the example's index or the
    typed (question, answer)."""

    request: int | tuple[str, str]
    frame: GraphFrame


# --- the thread ------------------------------------------------------------------------------

class Seq2seqWorker(RunControl, threading.Thread):
    """Builds, trains and decodes a seq2seq session on command, one command at a time.

    Exceptions never end the thread: a failed command is posted as :class:`WorkerError` and the
    previous session stays as it was.

    Parameters
    ----------
    mailbox : Mailbox, optional
        Where events go; a new one by default.
    """

    def __init__(self, mailbox: Mailbox | None = None) -> None:
        super().__init__(name="rnnviz-seq2seq", daemon=False)
        self.mailbox = mailbox if mailbox is not None else Mailbox()
        self.session = None                 # owned by this thread; tests may read it while paused
        self._queue: queue.Queue[Command] = queue.Queue()
        self._stopping = threading.Event()
        self._run: Iterator | None = None
        self._run_kind = ""
        self._state = PAUSED
        self._task = ""
        self._sets: dict[tuple, object] = {}    # (task, n, seed) -> PairData, newest last

    # -- commands (any thread) -----------------------------------------------------------------
    def _put(self, name: str, *args) -> None:
        self._queue.put(Command(name, args))

    def build(self, task: str, config: Seq2seqConfig, train: TrainConfig, *, n: int = 50_000,
              seed: int = 1984) -> None:
        """Load (or generate) ``task``'s pairs and build a fresh model; ``config.vocab_size`` is
        replaced by the data's. ``task`` is ``"addition"``, ``"date"`` or a file path."""
        self._put("build", str(task), config, train, int(n), int(seed))

    def play(self) -> None:
        """Train until paused (past the planned epochs too, once they are done)."""
        self._put("play")

    def pause(self) -> None:
        """Stop after the current step."""
        self._put("pause")

    def step_epoch(self) -> None:
        """Train to the end of the current epoch (its accuracy included), then pause."""
        self._put("step_epoch")

    def reset(self) -> None:
        """Rebuild the current model from its config (the same weights again), step 0."""
        self._put("reset")

    def save(self, path: str, extra: dict | None = None) -> None:
        """Write the run (pausing first); ``extra`` is the lab's ``curves.to_arrays()``."""
        self._put("save", str(path), extra)

    def load(self, path: str) -> None:
        """Continue a run saved by :meth:`save`: weights, optimizer, data order and curves."""
        self._put("load", str(path))

    def decode(self, question: str | int) -> None:
        """Decode typed text, or test example number ``question``, between two steps."""
        self._put("decode", question if isinstance(question, int) else str(question))

    def graph(self, example: int | tuple[str, str]) -> None:
        """Unroll test example number ``example``, or a typed (question, answer), between two steps."""
        self._put("graph", example if isinstance(example, int) else (str(example[0]), str(example[1])))

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                command = self._queue.get() if self._run is None else self._queue.get_nowait()
            except queue.Empty:
                command = None
            if command is not None:
                if command.name != _SHUTDOWN.name:
                    self._execute(command)
                continue                # every queued command runs before the next step
            if self._run is not None:
                self._advance()
        self._close_run()

    def _execute(self, command: Command) -> None:
        try:
            getattr(self, f"_do_{command.name}")(*command.args)
        except Exception as exc:  # noqa: BLE001 - any failure is one line in the lab, the thread lives on
            self.mailbox.post(WorkerError(command.name, user_message(exc)))

    def _advance(self) -> None:
        try:
            item = next(self._run)
        except StopIteration:
            finished = self._run_kind == "play"
            self._close_run()
            self._set_state(FINISHED if finished else PAUSED)
            return
        except Exception as exc:  # noqa: BLE001
            self._close_run()
            self.mailbox.post(WorkerError(self._run_kind, user_message(exc)))
            self._set_state(PAUSED)
            return
        self.mailbox.post(item)
        if isinstance(item, Divergence):
            self._close_run()
            self._set_state(DIVERGED)

    def _require_session(self):
        if self.session is None:
            raise ValueError("no model yet: choose a task")
        return self.session

    # -- handlers (this thread) ----------------------------------------------------------------
    def _interruptible(self, session):
        session.interrupt = self._stopping.is_set        # closing the window stops an evaluation
        return session

    def _pairs(self, task: str, n: int, seed: int):
        from rnnviz.engine.pairs import load_pairs
        key = (task, n, seed)
        if key not in self._sets:
            source = task if task in GENERATED else Path(task)
            self._sets[key] = load_pairs(source, seed=seed, n=n)
            while len(self._sets) > _CACHED_SETS:
                self._sets.pop(next(iter(self._sets)))
        return self._sets[key]

    def _do_build(self, task: str, config: Seq2seqConfig, train: TrainConfig, n: int, seed: int) -> None:
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        self._do_pause()            # a build takes a moment (generating dates): stop training first
        data = self._pairs(task, n, seed)
        config = dataclasses.replace(config, vocab_size=len(data.vocab))
        # source: what a saved run loads again (the generated set's name or the file's path).
        self._install(self._interruptible(Seq2seqSession(data, config, train, source=task)), task)

    def _do_reset(self) -> None:
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        session = self._require_session()
        self._close_run()
        self._install(self._interruptible(Seq2seqSession(session.data, session.config, session.train_config,
                                                         source=session.source)), self._task)

    def _do_save(self, path: str, extra: dict | None) -> None:
        session = self._require_session()
        self._do_pause()
        written = session.save(path, extra=extra)
        self.mailbox.post(Saved(str(written), session.iteration))

    def _do_load(self, path: str) -> None:
        from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        from rnnviz.runtime.history import Seq2seqCurves
        self._do_pause()
        checkpoint = load_seq2seq_checkpoint(path)
        session = Seq2seqSession.from_checkpoint(checkpoint)
        try:
            curves = Seq2seqCurves.from_arrays(checkpoint.extra)
        except ValueError as exc:           # the weights are fine; only the curves are not
            curves = None
            self.mailbox.post(WorkerError("curves", f"{Path(path).name}: its curves could not be read "
                                          f"({exc}); the run opened without them."))
        self._install(self._interruptible(session), str(session.source), curves, path)

    def _install(self, session, task: str, curves=None, path: str | None = None) -> None:
        # Only now, with everything loaded and valid, is the previous session replaced.
        data = session.data
        self.session, self._task = session, task
        self._state = PAUSED
        self.mailbox.post(Seq2seqReady(
            task=task, name=data.name, config=session.config, train=session.train_config,
            question_width=data.question_width, answer_width=data.answer_width - 1,
            train_pairs=len(data.x_train), test_pairs=len(data.x_test),
            iters_per_epoch=session.iters_per_epoch, total_steps=session.total_steps,
            num_parameters=int(sum(p.size for p in session.model.params.values())),
            example_question=data.decode(data.x_test[0], strip=True),
            iteration=session.iteration, curves=curves, path=path))
        self.mailbox.post(StateChanged(PAUSED, session.iteration))

    def _do_play(self) -> None:
        session = self._require_session()
        if self._run is not None and self._run_kind in ("play", "more"):
            return
        if session.iteration >= session.total_steps:
            # Past the planned epochs Play keeps going: a learner may want to watch longer.
            self._start_run("more", session.run(steps=10**12))
        else:
            self._start_run("play", session.run())

    def _do_pause(self) -> None:
        self._close_run()
        if self._state == TRAINING:
            self._set_state(PAUSED)

    def _do_step_epoch(self) -> None:
        session = self._require_session()
        left = session.iters_per_epoch - session.iteration % session.iters_per_epoch
        self._start_run("epoch", session.run(steps=left))

    def _test_example_session(self, example: int | object):
        """The session, once a test example number (if ``example`` is one) is known to exist."""
        session = self._require_session()
        if isinstance(example, int) and not 0 <= example < len(session.data.x_test):
            raise ValueError(f"test example {example} does not exist (there are {len(session.data.x_test)})")
        return session

    def _do_decode(self, question: str | int) -> None:
        from rnnviz.engine.data import CorpusError
        session = self._test_example_session(question)
        try:
            trace = session.decode(question)
        except CorpusError as exc:      # the user's typing, not a failure of the lab
            self.mailbox.post(DecodeFailed(question, user_message(exc)))
            return
        self.mailbox.post(Decoded(question, trace))

    def _do_graph(self, example: int | tuple[str, str]) -> None:
        # Any failure (a typed character the model does not know) is a WorkerError("graph", ...).
        frame = self._test_example_session(example).graph(example)
        self.mailbox.post(Unrolled(example, frame))


__all__ = ["Seq2seqWorker", "Seq2seqReady", "Decoded", "DecodeFailed", "StateChanged", "WorkerError", "Saved",
           "AccuracyResult", "TRAINING", "PAUSED", "DIVERGED", "FINISHED", "GENERATED"]


if __name__ == "__main__":
    from rnnviz.engine.snapshots import StepSnapshot
    worker = Seq2seqWorker()
    worker.start()
    worker.build("addition", Seq2seqConfig(vocab_size=2, decoder="peeky", reverse=True),
                 TrainConfig(batch_size=128, optimizer="adam", lr=1e-3, clip=5.0, epochs=25))
    worker.step_epoch()
    t0, steps, done = time.perf_counter(), 0, None
    while done is None:
        time.sleep(0.03)
        for event in worker.mailbox.drain():
            if isinstance(event, WorkerError):
                raise SystemExit(event.message)
            steps += isinstance(event, StepSnapshot)
            done = event if isinstance(event, AccuracyResult) else done
    print(f"{steps} steps in {time.perf_counter() - t0:.1f} s, test accuracy {done.accuracy:.1%}")
    worker.shutdown()
