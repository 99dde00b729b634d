"""What crosses between the window and a worker: states, events and commands (plain data).

A worker (:mod:`rnnviz.runtime.loop`: a thread; :mod:`rnnviz.runtime.process`: a child process)
takes :class:`Command` records and posts these events besides the engine's snapshots; a task's
own events live beside its handlers (:mod:`rnnviz.runtime.seq2seq`). Everything here is a frozen
dataclass of plain values, so it can cross a process pipe unchanged.

The words meant for a user (``WorkerError.message``, ``WorkerDied.message``,
``SampleFailed.message``, ``Notice.text``, ``Progress.text``) are usually
:class:`rnnviz.engine.texts.Text`: English ``str`` that the window shows through
:func:`rnnviz.localize.localize`, in the user's language.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.texts import Text, translate

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
    reason: str                             # "build" | "load" | "import" | "reset"
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
    line naming the file or option; one that is a :class:`~rnnviz.engine.texts.Text` is returned
    as it is, so the window can say it in the user's language. Memory and the OS get a sentence
    of their own; anything else is a bug in rnnviz, said as such, with its traceback printed to
    the terminal. The sentences are :class:`~rnnviz.engine.texts.Text` (show them through
    :func:`rnnviz.localize.localize`).
    """
    if isinstance(exc, MemoryError):
        return translate("messages", "There is not enough memory for this: choose a smaller hidden "
                         "size, batch size or corpus.")
    if isinstance(exc, OSError):
        why = os_reason(exc)
        if exc.filename:
            return translate("messages", "Could not access {path}: {reason}.").format(
                path=str(exc.filename), reason=why)
        return translate("messages", "Could not access: {reason}.").format(reason=why)
    if isinstance(exc, ValueError):
        if exc.args and isinstance(exc.args[0], Text):
            return exc.args[0]
        return " ".join(str(exc).split()) or type(exc).__name__
    import sys
    import traceback
    traceback.print_exception(exc, file=sys.stderr)
    return translate("messages", "Something went wrong inside rnnviz ({error}); the run is as it was. "
                     "The details are printed in the terminal.").format(error=type(exc).__name__)


def os_reason(exc: OSError) -> str:
    """The system's words for an OS error, translatable for the common ones (the English is
    the C library's own ``strerror``)."""
    import errno
    reasons = {errno.EACCES: translate("messages", "Permission denied"),
               errno.EPERM: translate("messages", "Operation not permitted"),
               errno.ENOENT: translate("messages", "No such file or directory"),
               errno.ENOSPC: translate("messages", "No space left on device"),
               errno.EROFS: translate("messages", "Read-only file system"),
               errno.EISDIR: translate("messages", "Is a directory"),
               errno.ENOTDIR: translate("messages", "Not a directory")}
    if exc.errno in reasons and (exc.strerror is None or exc.strerror == str(reasons[exc.errno])):
        return reasons[exc.errno]
    return exc.strerror or type(exc).__name__


# --- commands --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Command:
    """One command for a worker's loop: a handler's name and its arguments."""

    name: str
    args: tuple = ()
