"""The classifier lab's task: its commands, its events, and the handlers that carry them out.

The third task on the shared :class:`~rnnviz.runtime.loop.CommandLoop`, beside the language model
(:mod:`rnnviz.runtime.lm`) and seq2seq (:mod:`rnnviz.runtime.seq2seq`): the lab only enqueues
commands (:class:`ClassifyCommands`); :class:`ClassifyTask` carries them out on the worker, in a
child process (:class:`ClassifyProcessWorker`, the default) or on a thread
(:class:`ClassifyWorker`). Besides the engine's records (:class:`StepSnapshot`,
:class:`ClassifyResult`, :class:`Divergence`) it posts :class:`ClassifyReady`, :class:`Read`,
:class:`ReadFailed`, :class:`Unrolled`, and the shared :class:`StateChanged`, :class:`Saved`,
:class:`Progress` and :class:`WorkerError`.

Run ``python -m rnnviz.runtime.classify`` to train the "first token" task headless for a few epochs.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

from rnnviz.engine.classify_data import ClassDataSpec
from rnnviz.engine.config import ClassifierConfig, TrainConfig
from rnnviz.engine.snapshots import ClassifyResult, GraphFrame, ReviewTrace
from rnnviz.engine.texts import translate

from .classify_curves import ClassifyCurves
from .lab_task import LabCommands, LabTask
from .loop import CommandLoop, Interrupt, ThreadWorker
from .mailbox import Mailbox
from .messages import FINISHED, PAUSED, TRAINING, Saved, StateChanged, WorkerError, user_message
from .process import ProcessWorker

_CACHED_SETS = 2                     # data sets kept, so toggling the cell or k does not reload


# --- events ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClassifyReady:
    """A model was built (or rebuilt by Reset, or opened); training goes on from ``iteration``."""

    spec: ClassDataSpec             # the data as asked for
    name: str                       # the data set's name for display
    classes: tuple[str, ...]
    config: ClassifierConfig        # vocab_size and num_classes filled in from the data
    train: TrainConfig
    max_len: int                    # T
    vocab_size: int                 # V, <pad> and <unk> included
    train_texts: int
    valid_texts: int
    iters_per_epoch: int
    total_steps: int
    num_parameters: int
    example_text: str               # the first validation text, a hint for what to type
    iteration: int = 0
    curves: Any = None              # an opened run's ClassifyCurves; None: start empty
    path: str | None = None         # the run file opened


@dataclass(frozen=True)
class Read:
    """One text read token by token; ``request`` is the typed text or the validation example's index."""

    request: str | int
    trace: ReviewTrace


@dataclass(frozen=True)
class ReadFailed:
    """A typed text the model cannot read (nothing of it is in the vocabulary): one line."""

    request: str | int
    message: str


@dataclass(frozen=True)
class Unrolled:
    """One text unrolled for the graph panel."""

    request: str | int
    frame: GraphFrame


# --- the commands (any thread) ---------------------------------------------------------------

class ClassifyCommands(LabCommands):
    """The commands the lab (or a script) sends; each only enqueues and returns at once."""

    def build(self, spec: ClassDataSpec, config: ClassifierConfig, train: TrainConfig) -> None:
        """Load (or generate) the data ``spec`` describes and build a fresh model;
        ``config.vocab_size`` and ``num_classes`` are replaced by the data's."""
        self._put("build", spec, config, train)

    def step(self) -> None:
        """Train one mini-batch, then pause."""
        self._put("step")

    def set_truncate(self, k: int) -> None:
        """Backpropagate through the last ``k`` steps from the next step on (0: all of them)."""
        self._put("set_truncate", int(k))

    def read(self, text: str | int, label: int | None = None) -> None:
        """Read typed text, or validation example number ``text``, token by token, between two
        steps; ``label`` is the class the gradient is taken for when the text has none."""
        self._put("read", text if isinstance(text, int) else str(text), label)

    def graph(self, text: str | int, label: int | None = None) -> None:
        """Unroll validation example ``text``, or a typed text, between two steps."""
        self._put("graph", text if isinstance(text, int) else str(text), label)


# --- the handlers (the worker's thread) ------------------------------------------------------

class ClassifyTask(LabTask):
    """A classifier session and the handlers of :class:`ClassifyCommands` (the shared ones in
    :class:`~rnnviz.runtime.lab_task.LabTask`; its ``loop``'s interrupt also stops a validation pass)."""

    NAME = "classify"
    NO_MODEL = translate("classify", "no model yet: choose a data set")
    curves_type = ClassifyCurves

    def __init__(self, loop: CommandLoop, stop_sample: Interrupt) -> None:
        super().__init__(loop, stop_sample)
        self._sets: dict[ClassDataSpec, object] = {}     # newest last

    def handlers(self) -> dict:
        return {**super().handlers(), "step": self.step, "set_truncate": self.set_truncate, "read": self.read,
                "graph": self.graph}

    def _data(self, spec: ClassDataSpec):
        from rnnviz.engine.classify_data import load_classes
        if spec not in self._sets:
            with self.loop.busy("classify", translate("classify", "reading {source} …").format(source=spec.source)):
                self._sets[spec] = load_classes(spec)
            while len(self._sets) > _CACHED_SETS:
                self._sets.pop(next(iter(self._sets)))
        return self._sets[spec]

    # -- a run comes and goes ----------------------------------------------------------------
    def build(self, spec: ClassDataSpec, config: ClassifierConfig, train: TrainConfig) -> None:
        from rnnviz.engine.classify_session import ClassifySession
        self.loop.pause()
        data = self._data(spec)
        config = dataclasses.replace(config, vocab_size=len(data.vocab), num_classes=data.num_classes)
        self._install(ClassifySession(data, config, train))

    def reset(self) -> None:
        from rnnviz.engine.classify_session import ClassifySession
        session = self._require_session()
        self.loop.close_run()
        config = dataclasses.replace(session.config, truncate=session.truncate)
        self._install(ClassifySession(session.data, config, session.train_config))

    def load(self, path: str) -> None:
        from rnnviz.engine.classify_checkpoint import load_classify_checkpoint
        from rnnviz.engine.classify_session import ClassifySession
        self.loop.pause()
        checkpoint = load_classify_checkpoint(path)
        with self.loop.busy("classify", translate("classify", "reading the run's data …")):
            session = ClassifySession.from_checkpoint(checkpoint)
        self._install(session, self.saved_curves(checkpoint.extra, path), path)

    def _install(self, session, curves=None, path: str | None = None) -> None:
        # Only now, with everything loaded and valid, is the previous session replaced.
        data = session.data
        self.session = session
        self.curves = curves if curves is not None else ClassifyCurves(session.iters_per_epoch)
        self.loop.new_run(ClassifyReady(
            spec=data.spec, name=data.name, classes=data.classes, config=session.config,
            train=session.train_config, max_len=data.max_len, vocab_size=len(data.vocab),
            train_texts=len(data.x_train), valid_texts=len(data.x_valid),
            iters_per_epoch=session.iters_per_epoch, total_steps=session.total_steps,
            num_parameters=int(sum(p.size for p in session.model.params.values())),
            example_text=data.valid_texts[0] if data.valid_texts else "",
            iteration=session.iteration, curves=None if curves is None else curves.copy(), path=path))

    # -- training and questions ----------------------------------------------------------------
    def step(self) -> None:
        session = self._require_session()
        # One step, and the epoch's result when it ends one.
        self.loop.start_run("steps", session.run(steps=1, interrupt=self.loop.interrupt))

    def set_truncate(self, k: int) -> None:
        self._require_session().set_truncate(k)

    def read(self, text: str | int, label: int | None) -> None:
        from rnnviz.engine.data import CorpusError
        session = self._require_session()
        try:
            trace = session.read(text, label)
        except CorpusError as exc:          # the user's typing, not a failure of the lab
            self.loop.post(ReadFailed(text, user_message(exc)))
            return
        self.loop.post(Read(text, trace))

    def graph(self, text: str | int, label: int | None) -> None:
        # Any failure (nothing readable in a typed text) is a WorkerError("graph", ...).
        self.loop.post(Unrolled(text, self._require_session().graph(text, label)))


# --- the workers -----------------------------------------------------------------------------

class ClassifyWorker(ClassifyCommands, ThreadWorker):
    """The lab's model trained on a thread of this process (tests read its ``session``)."""

    def __init__(self, mailbox: Mailbox | None = None) -> None:
        super().__init__(ClassifyTask, mailbox)


class ClassifyProcessWorker(ClassifyCommands, ProcessWorker):
    """The lab's model trained in a child process (the lab's default)."""

    def __init__(self, mailbox: Mailbox | None = None, threads: int = 1) -> None:
        super().__init__(ClassifyTask, mailbox, threads)


def make_worker(kind: str = "thread", mailbox: Mailbox | None = None):
    """A classifier worker, not started: ``kind`` "process" or "thread"."""
    return ClassifyProcessWorker(mailbox) if kind == "process" else ClassifyWorker(mailbox)


__all__ = ["ClassifyWorker", "ClassifyProcessWorker", "make_worker", "ClassifyReady", "Read", "ReadFailed",
           "Unrolled", "StateChanged", "WorkerError", "Saved", "ClassifyResult", "TRAINING", "PAUSED", "FINISHED"]


if __name__ == "__main__":
    from rnnviz.engine.snapshots import StepSnapshot
    # Imported by its name, not as __main__: the child process finds the task class by module.
    from rnnviz.runtime.classify import make_worker as make
    worker = make("process")
    worker.start()
    worker.build(ClassDataSpec("first-token", max_len=50), ClassifierConfig(vocab_size=2, cell="lstm"),
                 TrainConfig(batch_size=32, optimizer="adam", lr=0.001, epochs=3))
    worker.play()
    t0, steps, results = time.perf_counter(), 0, 0
    while results < 3:
        time.sleep(0.03)
        for event in worker.mailbox.drain():
            if isinstance(event, WorkerError):
                raise SystemExit(event.message)
            steps += isinstance(event, StepSnapshot)
            if isinstance(event, ClassifyResult):
                results += 1
                print(f"epoch {results}: validation accuracy {event.valid_accuracy:.1%}")
    print(f"{steps} steps in {time.perf_counter() - t0:.1f} s")
    worker.shutdown()
