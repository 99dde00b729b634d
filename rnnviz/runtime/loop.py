"""One command loop for every task: commands in from a queue, the task's run played between them.

A task (:mod:`rnnviz.runtime.lm`, :mod:`rnnviz.runtime.seq2seq`) is a small object of named
handlers. :class:`CommandLoop` runs them one at a time, in the order they were sent, and between
commands advances the run the task started: a generator of snapshots, played the way superqt's
generator worker plays one, paced by the speed cap. Everything the task and the loop make goes to
``post``: the window's mailbox when the loop runs on a thread (:class:`ThreadWorker`), the pipe up
to the window when it runs in a child process (:mod:`rnnviz.runtime.process`).

A failed command never ends the loop: it is posted as a :class:`WorkerError` and the task stays as
it was. The loop ends only when told (:data:`SHUTDOWN`, or its interrupt), which is how the window's
``closeEvent`` ends it, then joins it. Interruption is passed in, as Orange's ``TaskState`` is: the
loop and a task's long handlers ask an :class:`Interrupt`'s ``requested``, never a flag patched
onto them from outside.
"""
from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from rnnviz.engine.snapshots import Divergence, StepSnapshot

from .mailbox import Mailbox
from .messages import (DIVERGED, FINISHED, PAUSED, TRAINING, Command, Progress, StateChanged, WorkerError,
                       user_message)

SHUTDOWN = Command("shutdown")      # compared by name: from a parent process it arrives as a copy


class Interrupt:
    """"Stop" asked for: true once any of ``events`` is set (threading or multiprocessing events).

    Handed to whatever must check it between two pieces of work; calling it is the same as
    reading :attr:`requested`, for hooks that take a callable.
    """

    def __init__(self, *events) -> None:
        self._events = events

    @property
    def requested(self) -> bool:
        return any(event.is_set() for event in self._events)

    def __call__(self) -> bool:
        return self.requested


class Task(Protocol):
    """What a task gives the loop. Its constructor takes ``(loop, stop_sample)``: the loop it
    posts through, and the :class:`Interrupt` a streamed result (a sample) checks between items."""

    NAME: str                           # names the thread or process: "training", "seq2seq"
    session: Any                        # None until built; the loop reads ``iteration`` and ``rewinds``

    def handlers(self) -> dict[str, Callable[..., None]]:
        """Command name -> the callable that carries it out (on the loop's thread)."""

    @property
    def finished(self) -> bool:
        """Whether the planned steps are done (a "play" run that ends is then FINISHED)."""

    def record(self, item: Any) -> None:
        """See every record the loop posts (before it leaves), to keep what a checkpoint needs."""


class CommandLoop:
    """Runs a task's commands and plays its run; the state it reports is the window's Play button.

    Parameters
    ----------
    post : callable
        Where every event goes (a :meth:`Mailbox.post`, or the child's outbox).
    commands : queue
        :class:`Command` records, from a :class:`queue.Queue` or a multiprocessing queue.
    interrupt : Interrupt
        Set when the worker is shut down: the loop ends after the current step.
    """

    def __init__(self, post: Callable[[Any], None], commands, interrupt: Interrupt) -> None:
        self._post = post
        self._queue = commands
        self.interrupt = interrupt
        self.task: Task | None = None
        # Commands every task has: they concern the run being played, not the task's model.
        self._handlers: dict[str, Callable[..., None]] = {"pause": self.pause,
                                                          "set_speed_cap": self.set_speed_cap}
        self._run: Iterator | None = None   # the generator being played
        self.run_kind = ""                  # "play", "more", "epoch", "steps": what started it
        self.state = PAUSED
        self._speed_cap = 0.0               # steps per second, 0 = as fast as possible
        self._next_step_at = 0.0

    def serve(self, task: Task) -> None:
        """Take ``task``'s handlers (before :meth:`run`)."""
        self.task = task
        self._handlers.update(task.handlers())

    @property
    def session(self):
        return self.task.session if self.task is not None else None

    # -- the loop ----------------------------------------------------------------------------
    def run(self) -> None:
        """Until shut down: every queued command, then one item of the run, and again."""
        while not self.interrupt.requested:
            try:
                command = self._next_command()
            except queue.Empty:
                command = None
            if command is not None:
                if command.name != SHUTDOWN.name:
                    self._execute(command)
                continue            # run every queued command before the next step
            if self._run is not None:
                self._advance()
        self.close_run()

    def _next_command(self) -> Command:
        if self._run is None:
            return self._queue.get()                        # idle: sleep until told
        if self._speed_cap > 0:
            wait = self._next_step_at - time.perf_counter()
            if wait > 0:
                return self._queue.get(timeout=wait)       # paced, yet still responsive
        return self._queue.get_nowait()

    def _execute(self, command: Command) -> None:
        try:
            self._handlers[command.name](*command.args)
        except Exception as exc:  # noqa: BLE001 - any failure becomes one line for the user, the loop lives on
            self.post(WorkerError(command.name, user_message(exc)))

    def _advance(self) -> None:
        """Take one item from the run being played and post it."""
        started = time.perf_counter()
        try:
            item = next(self._run)
        except StopIteration:
            finished = self.run_kind == "play" and self.task.finished
            self.close_run()
            self.set_state(FINISHED if finished else PAUSED)
            return
        except Exception as exc:  # noqa: BLE001
            kind = self.run_kind
            self.close_run()
            if not self._diverged(exc):
                self.post(WorkerError(kind, user_message(exc)))
                self.set_state(PAUSED)
            return
        self.post(item)
        if isinstance(item, Divergence):
            self.close_run()
            self.set_state(DIVERGED)
        elif self._speed_cap > 0 and (isinstance(item, StepSnapshot) or getattr(item, "ends_round", False)):
            # A lockstep comparison's round counts as one step: the cap paces what the eye follows.
            self._next_step_at = started + 1.0 / self._speed_cap

    def _diverged(self, exc: Exception) -> bool:
        """Post the :class:`Divergence` an engine error carries (``exc.record``), if it carries one."""
        record = getattr(exc, "record", None)
        if not isinstance(record, Divergence):
            return False
        self.post(record)
        self.set_state(DIVERGED)
        return True

    # -- what handlers use -------------------------------------------------------------------
    def post(self, item: Any) -> None:
        """Send one record or event on its way, letting the task keep what it needs first."""
        if self.task is not None:
            self.task.record(item)
        self._post(item)

    def start_run(self, kind: str, run: Iterator) -> None:
        """Play ``run`` between commands from now on (replacing one being played)."""
        self.close_run()
        self._run, self.run_kind = run, kind
        self._next_step_at = 0.0
        self.set_state(TRAINING)

    @property
    def playing(self) -> str:
        """The kind of run being played ("" when none)."""
        return self.run_kind if self._run is not None else ""

    def close_run(self) -> None:
        if self._run is not None:
            with contextlib.suppress(Exception):
                self._run.close()       # lets the generator's finally blocks run
            self._run, self.run_kind = None, ""

    def pause(self) -> None:
        """Stop the run after the current step (the ``pause`` command)."""
        self.close_run()
        if self.state == TRAINING:
            self.set_state(PAUSED)

    def set_speed_cap(self, steps_per_second: float) -> None:
        """At most this many steps per second from now on (0: no cap)."""
        self._speed_cap = max(0.0, steps_per_second)
        self._next_step_at = 0.0

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.post(self.state_changed())

    def state_changed(self) -> StateChanged:
        session = self.session
        ring = getattr(session, "rewinds", None)
        return StateChanged(self.state, session.iteration if session else 0,
                            tuple(ring.iterations) if ring is not None else ())

    def new_run(self, ready: Any) -> None:
        """A run was built, opened, reset or rewound: stop playing, post ``ready``, then "paused"."""
        self.close_run()
        self.state = PAUSED
        self.post(ready)
        self.post(self.state_changed())

    def call_paused(self, call: Callable[[], Any]) -> None:
        """Pause, post what ``call()`` returns (one step, one sub-step); a divergence is posted as such."""
        self.pause()
        try:
            snapshot = call()
        except Exception as exc:
            if not self._diverged(exc):
                raise
            return
        self.post(snapshot)
        if self.state == DIVERGED:
            self.set_state(PAUSED)

    @contextlib.contextmanager
    def busy(self, task: str, text: str):
        """Post a :class:`Progress` of unknown length around a part of a command."""
        self.post(Progress(task, text))
        try:
            yield
        finally:
            self.post(Progress(task, text, finished=True))


# --- the commands a window sends -----------------------------------------------------------------

class Commands:
    """The commands every task takes; each only enqueues and returns at once.

    A transport (:class:`ThreadWorker`, :class:`~rnnviz.runtime.process.ProcessWorker`) gives the
    ``_queue`` of commands and the ``_stop_sample`` event; a task's own commands are a subclass.
    """

    _queue: Any
    _stop_sample: Any

    def _put(self, name: str, *args: Any) -> None:
        self._queue.put(Command(name, args))

    def play(self) -> None:
        """Train until paused (past the planned epochs too, once they are done)."""
        self._put("play")

    def pause(self) -> None:
        """Stop after the current step."""
        self._put("pause")

    def step_epoch(self) -> None:
        """Train to the end of the current epoch, then pause."""
        self._put("step_epoch")

    def reset(self) -> None:
        """Start the same model again from step 0."""
        self._put("reset")

    def set_speed_cap(self, steps_per_second: float) -> None:
        """Cap training at this many steps per second (0 = no cap), for classroom pacing."""
        self._put("set_speed_cap", float(steps_per_second))


class ThreadWorker(Commands, threading.Thread):
    """A task's command loop on a thread of this process.

    The window's default is a child process (:class:`~rnnviz.runtime.process.ProcessWorker`);
    a thread lets tests and scripts read :attr:`session` directly (while it is paused).

    Parameters
    ----------
    task : type
        The task class (:class:`~rnnviz.runtime.lm.LMTask`, ...), built here with its loop.
    mailbox : Mailbox, optional
        Where events go; a new one by default.
    """

    def __init__(self, task: type, mailbox: Mailbox | None = None) -> None:
        threading.Thread.__init__(self, name=f"rnnviz-{task.NAME}", daemon=False)
        self.mailbox = mailbox if mailbox is not None else Mailbox()
        self._queue: queue.Queue[Command] = queue.Queue()
        self._stopping = threading.Event()
        self._stop_sample = threading.Event()
        self.loop = CommandLoop(self.mailbox.post, self._queue, Interrupt(self._stopping))
        self.task = task(self.loop, Interrupt(self._stop_sample, self._stopping))
        self.loop.serve(self.task)

    @property
    def session(self):
        """The task's session, owned by the thread: read it only while the worker is paused."""
        return self.task.session

    @property
    def state(self) -> str:
        """What the loop last reported (TRAINING, PAUSED, ...), for tests on the same process."""
        return self.loop.state

    def run(self) -> None:
        self.loop.run()

    def ask_to_stop(self) -> None:
        """Ask the loop to end after its current step, without waiting (see :meth:`shutdown`)."""
        self._stopping.set()
        self._stop_sample.set()
        self._queue.put(SHUTDOWN)

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop after the current step (or sample token) and join; True if the thread ended."""
        self.ask_to_stop()
        if self.is_alive():
            self.join(timeout)
        return not self.is_alive()


def worker_kind(choice: str | None = None) -> str:
    """"process" (the default) or "thread": ``choice``, else ``$RNNVIZ_WORKER``."""
    import os
    kind = choice or os.environ.get("RNNVIZ_WORKER", "process")
    return "thread" if kind == "thread" else "process"
