"""The seq2seq lab's task: its commands, its events, and the handlers that carry them out.

The lab never touches the :class:`~rnnviz.engine.seq2seq_session.Seq2seqSession`. Each method of
:class:`Seq2seqCommands` only enqueues a command; :class:`Seq2seqTask` carries it out on the
worker, which is the same :class:`~rnnviz.runtime.loop.CommandLoop` as the language model's, in a
child process (:class:`Seq2seqProcessWorker`, the lab's default) or on a thread
(:class:`Seq2seqWorker`). Besides the engine's records (:class:`StepSnapshot`,
:class:`AccuracyResult`, :class:`Divergence`) it posts :class:`Seq2seqReady`, :class:`Decoded`,
:class:`DecodeFailed`, :class:`Unrolled`, and the shared :class:`StateChanged`, :class:`Saved`
and :class:`WorkerError`.

The run's :class:`~rnnviz.runtime.history.Seq2seqCurves` are kept here, from the records the
worker posts, and saved with the model; an opened run's curves go up once, in its
:class:`Seq2seqReady`. The lab keeps its own, built from the same records, to draw.

Run ``python -m rnnviz.runtime.seq2seq`` to train one epoch of the addition task headless.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rnnviz.engine.config import Seq2seqConfig, TrainConfig
from rnnviz.engine.snapshots import AccuracyResult, DecodeTrace, GraphFrame
from rnnviz.engine.texts import translate

from .seq2seq_curves import Seq2seqCurves
from .lab_task import LabCommands, LabTask
from .loop import CommandLoop, Interrupt, ThreadWorker
from .mailbox import Mailbox
from .messages import (DIVERGED, FINISHED, PAUSED, TRAINING, Saved, StateChanged, WorkerError,
                       user_message)
from .process import ProcessWorker

GENERATED = ("addition", "date")     # task names load_pairs generates; anything else is a file
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


# --- the commands (any thread) ---------------------------------------------------------------

class Seq2seqCommands(LabCommands):
    """The commands the lab sends; each only enqueues and returns at once."""

    def build(self, task: str, config: Seq2seqConfig, train: TrainConfig, *, n: int = 50_000,
              seed: int = 1984) -> None:
        """Load (or generate) ``task``'s pairs and build a fresh model; ``config.vocab_size`` is
        replaced by the data's. ``task`` is ``"addition"``, ``"date"`` or a file path."""
        self._put("build", str(task), config, train, int(n), int(seed))

    def decode(self, question: str | int) -> None:
        """Decode typed text, or test example number ``question``, between two steps."""
        self._put("decode", question if isinstance(question, int) else str(question))

    def graph(self, example: int | tuple[str, str]) -> None:
        """Unroll test example number ``example``, or a typed (question, answer), between two steps."""
        self._put("graph", example if isinstance(example, int) else (str(example[0]), str(example[1])))


# --- the handlers (the worker's thread) ------------------------------------------------------

class Seq2seqTask(LabTask):
    """A seq2seq session and the handlers of :class:`Seq2seqCommands` (the shared ones in
    :class:`~rnnviz.runtime.lab_task.LabTask`)."""

    NAME = "seq2seq"
    NO_MODEL = translate("seq2seq", "no model yet: choose a task")
    curves_type = Seq2seqCurves

    def __init__(self, loop: CommandLoop, stop_sample: Interrupt) -> None:
        super().__init__(loop, stop_sample)
        self._task = ""
        self._sets: dict[tuple, object] = {}    # (task, n, seed) -> PairData, newest last

    def handlers(self) -> dict:
        return {**super().handlers(), "decode": self.decode, "graph": self.graph}

    def _pairs(self, task: str, n: int, seed: int):
        from rnnviz.engine.pairs import load_pairs
        key = (task, n, seed)
        if key not in self._sets:
            source = task if task in GENERATED else Path(task)
            self._sets[key] = load_pairs(source, seed=seed, n=n)
            while len(self._sets) > _CACHED_SETS:
                self._sets.pop(next(iter(self._sets)))
        return self._sets[key]

    # -- a run comes and goes ----------------------------------------------------------------
    def build(self, task: str, config: Seq2seqConfig, train: TrainConfig, n: int, seed: int) -> None:
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        self.loop.pause()           # a build takes a moment (generating dates): stop training first
        data = self._pairs(task, n, seed)
        config = dataclasses.replace(config, vocab_size=len(data.vocab))
        # source: what a saved run loads again (the generated set's name or the file's path).
        self._install(Seq2seqSession(data, config, train, source=task), task)

    def reset(self) -> None:
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        session = self._require_session()
        self.loop.close_run()
        self._install(Seq2seqSession(session.data, session.config, session.train_config,
                                     source=session.source), self._task)

    def load(self, path: str) -> None:
        from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint
        from rnnviz.engine.seq2seq_session import Seq2seqSession
        self.loop.pause()
        checkpoint = load_seq2seq_checkpoint(path)
        session = Seq2seqSession.from_checkpoint(checkpoint)
        self._install(session, str(session.source), self.saved_curves(checkpoint.extra, path), path)

    def _install(self, session, task: str, curves=None, path: str | None = None) -> None:
        # Only now, with everything loaded and valid, is the previous session replaced.
        data = session.data
        self.session, self._task = session, task
        self.curves = curves if curves is not None else Seq2seqCurves(session.iters_per_epoch,
                                                                      data.answer_width - 1)
        self.loop.new_run(Seq2seqReady(
            task=task, name=data.name, config=session.config, train=session.train_config,
            question_width=data.question_width, answer_width=data.answer_width - 1,
            train_pairs=len(data.x_train), test_pairs=len(data.x_test),
            iters_per_epoch=session.iters_per_epoch, total_steps=session.total_steps,
            num_parameters=int(sum(p.size for p in session.model.params.values())),
            example_question=data.decode(data.x_test[0], strip=True),
            # The lab gets its own copy: on a thread it would otherwise add to this one.
            iteration=session.iteration, curves=None if curves is None else curves.copy(), path=path))

    # -- questions -----------------------------------------------------------------------------
    def _test_example_session(self, example: int | object):
        """The session, once a test example number (if ``example`` is one) is known to exist."""
        session = self._require_session()
        if isinstance(example, int) and not 0 <= example < len(session.data.x_test):
            raise ValueError(translate("seq2seq", "test example {example} does not exist (there are {count})")
                             .format(example=example, count=len(session.data.x_test)))
        return session

    def decode(self, question: str | int) -> None:
        from rnnviz.engine.data import CorpusError
        session = self._test_example_session(question)
        try:
            trace = session.decode(question)
        except CorpusError as exc:      # the user's typing, not a failure of the lab
            self.loop.post(DecodeFailed(question, user_message(exc)))
            return
        self.loop.post(Decoded(question, trace))

    def graph(self, example: int | tuple[str, str]) -> None:
        # Any failure (a typed character the model does not know) is a WorkerError("graph", ...).
        frame = self._test_example_session(example).graph(example)
        self.loop.post(Unrolled(example, frame))


# --- the workers -----------------------------------------------------------------------------

class Seq2seqWorker(Seq2seqCommands, ThreadWorker):
    """The lab's model trained on a thread of this process (tests read its ``session``)."""

    def __init__(self, mailbox: Mailbox | None = None) -> None:
        super().__init__(Seq2seqTask, mailbox)


class Seq2seqProcessWorker(Seq2seqCommands, ProcessWorker):
    """The lab's model trained in a child process (the lab's default)."""

    def __init__(self, mailbox: Mailbox | None = None, threads: int = 1) -> None:
        super().__init__(Seq2seqTask, mailbox, threads)


def make_worker(kind: str = "thread", mailbox: Mailbox | None = None):
    """A seq2seq worker, not started: ``kind`` "process" or "thread"."""
    return Seq2seqProcessWorker(mailbox) if kind == "process" else Seq2seqWorker(mailbox)


__all__ = ["Seq2seqWorker", "Seq2seqProcessWorker", "make_worker", "Seq2seqReady", "Decoded", "DecodeFailed",
           "Unrolled", "StateChanged", "WorkerError", "Saved", "AccuracyResult", "TRAINING", "PAUSED",
           "DIVERGED", "FINISHED", "GENERATED"]


if __name__ == "__main__":
    from rnnviz.engine.snapshots import StepSnapshot
    # Imported by its name, not as __main__: the child process finds the task class by module.
    from rnnviz.runtime.seq2seq import make_worker as make
    worker = make("process")
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
