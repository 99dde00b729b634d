"""What crosses between the window and the worker: states, events and commands (plain data).

Both workers (:class:`~rnnviz.gui.worker.TrainingWorker`, a thread, and
:class:`~rnnviz.gui.worker_process.ProcessWorker`, a child process) take the commands of
:class:`WorkerCommands` and post these events besides the engine's snapshots. Everything here
is a frozen dataclass of plain values, so it can cross a process pipe unchanged.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rnnviz.engine.config import ModelConfig, TrainConfig

if TYPE_CHECKING:
    from .history import History

# States reported in StateChanged.state (and shown in the status bar).
TRAINING, PAUSED, DIVERGED, FINISHED = "training", "paused", "diverged", "finished"


# --- events ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunInfo:
    """What the window needs to know about the session, copied out of it."""

    corpus_name: str
    level: str
    vocab: Any                              # rnnviz.engine.data.Vocab (frozen)
    data: dict[str, Any]                    # how the corpus was loaded
    model_config: ModelConfig               # vocab_size filled in from the corpus
    train_config: TrainConfig
    iteration: int
    iters_per_epoch: int
    total_steps: int
    tokens_per_step: int
    param_shapes: dict[str, tuple[int, ...]]
    num_parameters: int
    description: dict[str, Any]             # session.describe(), for the config JSON export
    lr: float = 0.0                         # the learning rate in force (may differ from train_config's)
    clip: float = 0.0                       # the clipping threshold in force


@dataclass(frozen=True)
class RunReady:
    """A run was built, loaded from a checkpoint or reset; its history starts as given."""

    info: RunInfo
    reason: str                             # "build" | "load" | "reset"
    history: History | None = None          # restored history (load), else None: start empty
    path: str | None = None                 # the checkpoint opened
    # "rewind" keeps the window's history up to info.iteration; the others replace it.


@dataclass(frozen=True)
class StateChanged:
    state: str                              # training | paused | diverged | finished
    iteration: int
    rewind_points: tuple[int, ...] = ()     # steps Run > Rewind can go back to, oldest first


@dataclass(frozen=True)
class WorkerError:
    """A command failed; ``message`` is one line for a dialog. The previous run is intact."""

    command: str
    message: str


@dataclass(frozen=True)
class WorkerDied:
    """The training process ended without being asked to (killed, out of memory, a crash)."""

    message: str                            # the cause, as one sentence


@dataclass(frozen=True)
class SampleFailed:
    """A sample ended without a result: ``message`` says why, None when the user stopped it."""

    message: str | None


@dataclass(frozen=True)
class Saved:
    path: str
    iteration: int
    auto: bool = False                      # an autosave to the recovery folder, not the user's save


@dataclass(frozen=True)
class Notice:
    """A command that did nothing, and why, for the status bar (not worth a dialog)."""

    text: str


@dataclass(frozen=True)
class Progress:
    """What a long command is doing, for the status bar's busy indicator.

    Posted when a part of a command starts (``done`` 0), between its batches where they can be
    counted (an evaluation), and when it ends (``finished``). A failed command ends with its
    :class:`WorkerError` instead, which also clears the indicator.
    """

    task: str                               # build | load_checkpoint | evaluate | save
    text: str                               # "Loading corpus ptb.train.txt", "Evaluating valid"
    done: int = 0
    total: int | None = None                # None: unknown, the indicator only says it is busy
    finished: bool = False


def user_message(exc: BaseException) -> str:
    """One sentence for a dialog about a failed command: never a traceback or a bare
    "IndexError: list index out of range".

    The engine's own errors (corpus, checkpoint, config: all ValueErrors) already read as one
    line naming the file or option. Memory and the OS get a sentence of their own; anything
    else is a bug in rnnviz, said as such, with its traceback printed to the terminal.
    """
    if isinstance(exc, MemoryError):
        return ("There is not enough memory for this: choose a smaller hidden size, batch size "
                "or corpus.")
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"Could not access{where}: {exc.strerror or type(exc).__name__}."
    if isinstance(exc, ValueError):
        return " ".join(str(exc).split()) or type(exc).__name__
    import sys
    import traceback
    traceback.print_exception(exc, file=sys.stderr)
    return (f"Something went wrong inside rnnviz ({type(exc).__name__}); the run is as it was. "
            "The details are printed in the terminal.")


# --- commands --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Command:
    name: str
    args: tuple = ()


_SHUTDOWN = Command("shutdown")


class WorkerCommands:
    """The commands a window sends; each only enqueues and returns at once.

    Shared by :class:`TrainingWorker` (a thread) and
    :class:`~rnnviz.gui.worker_process.ProcessWorker` (a child process): both provide
    ``_queue`` (commands) and ``_stop_sample`` (an event checked between sampled tokens).
    """

    _queue: Any
    _stop_sample: Any

    def _put(self, name: str, *args: Any) -> None:
        self._queue.put(Command(name, args))

    def build(self, data: dict[str, Any], model_config: ModelConfig, train_config: TrainConfig) -> None:
        """Load ``data``'s corpus and build a fresh session (model vocab_size taken from the corpus)."""
        self._put("build", dict(data), model_config, train_config)

    def load_checkpoint(self, path: str) -> None:
        """Continue a saved run: its weights, optimizer, position and history."""
        self._put("load_checkpoint", str(path))

    def play(self) -> None:
        """Train until paused (past the planned epochs too, once they are done)."""
        self._put("play")

    def pause(self) -> None:
        """Stop after the current step."""
        self._put("pause")

    def step(self) -> None:
        """One truncated-BPTT block, always with a probe; pauses a run that was playing."""
        self._put("step")

    def substep(self, kind: str) -> None:
        """The BPTT stepper: ``forward`` / ``backward`` one time step of one layer,
        ``forward_all`` / ``backward_all``, ``clip`` or ``update``; pauses a run that was playing.
        Posts the block's :class:`GraphFrame` (after the update, its :class:`StepSnapshot`)."""
        self._put("substep", str(kind))

    def step_epoch(self) -> None:
        """Train to the end of the current epoch, then pause."""
        self._put("step_epoch")

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

    def set_speed_cap(self, steps_per_second: float) -> None:
        """Cap training at this many steps per second (0 = no cap), for classroom pacing."""
        self._put("set_speed_cap", float(steps_per_second))

    def sample(self, settings: dict[str, Any]) -> None:
        """Generate text; keys prefix, length, temperature, top_k, greedy, seed (None = random)."""
        self._stop_sample.clear()
        self._put("sample", dict(settings))

    def stop_sample(self) -> None:
        # An event, not a queued command: the sampling loop checks it between tokens.
        self._stop_sample.set()

    def save(self, path: str, extra: dict | None = None) -> None:
        """Write a checkpoint; ``extra`` is the GUI's ``history.to_arrays()``."""
        self._put("save", str(path), extra)

    def autosave(self, path: str, extra: dict | None = None) -> None:
        """As :meth:`save`, quietly: a failure is a :class:`Notice` for the status bar."""
        self._put("autosave", str(path), extra)


class RunControl:
    """The run being played, shared by both training threads (language model and seq2seq lab).

    A run is a generator of snapshots the thread advances between commands; ``_state`` is what
    the window shows, posted as :class:`StateChanged` when it changes. Expects ``mailbox`` and
    ``session`` attributes (and, for :meth:`shutdown`, a thread's ``_stopping`` and ``_queue``).
    """

    _run: Any = None
    _run_kind = ""
    _state = PAUSED

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop after the current step and join; True if the thread ended. Expects the thread's
        ``_stopping`` event and ``_queue`` of commands."""
        self._stopping.set()
        self._queue.put(_SHUTDOWN)
        if self.is_alive():
            self.join(timeout)
        return not self.is_alive()

    def _start_run(self, kind: str, run: Any) -> None:
        self._close_run()
        self._run, self._run_kind = run, kind
        self._set_state(TRAINING)

    def _close_run(self) -> None:
        if self._run is not None:
            with contextlib.suppress(Exception):
                self._run.close()       # lets the generator's finally blocks run
            self._run, self._run_kind = None, ""

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.mailbox.post(self._state_changed())

    def _state_changed(self) -> StateChanged:
        session = self.session
        ring = getattr(session, "rewinds", None)
        return StateChanged(self._state, session.iteration if session else 0,
                            tuple(ring.iterations) if ring is not None else ())
