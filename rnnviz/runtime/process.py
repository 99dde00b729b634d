"""Any task's command loop in a child process: the same loop, the GIL no longer shared.

A loop on a thread shares the interpreter lock with the GUI: every millisecond pyqtgraph spends
painting in Python is a millisecond training waits, and measured on two cores the window cost
training about a third of its speed. Here the very same :class:`~rnnviz.runtime.loop.CommandLoop`
runs in a child process (started with ``spawn``, never ``fork``, since the parent has Qt
running); commands go down a :class:`multiprocessing.Queue`, events come back up another, and a
small pump thread moves them into the same :class:`Mailbox` the window drains. Events and
commands are plain dataclasses, so they cross the pipe as they are (pickled in memory between
our own two processes; nothing here is ever written to a file).

The child does not pickle what the window would throw away: its :class:`Outbox` gathers events
in a mailbox of its own, which keeps only the newest probe of an interval, and ships them once per
:data:`SEND_SECONDS` (the window's redraw tick), the graph frames packed by
:mod:`rnnviz.runtime.wire` so that each record stays under its ~100 KB budget.

The child watches its parent and exits with it, however it went (``kill -9`` included); a child
that dies unasked is reported once, as :class:`WorkerDied`, with what its exit code says.
"""
from __future__ import annotations

import contextlib
import importlib.util
import multiprocessing as mp
import queue
import sys
import threading
import time
from typing import Any

from rnnviz.engine.texts import translate

from . import wire
from .loop import SHUTDOWN, CommandLoop, Commands, Interrupt
from .mailbox import Mailbox
from .messages import WorkerDied

_DONE = "rnnviz-worker-exited"      # the child's last event: the pump thread may stop
SEND_SECONDS = 0.03                 # the child ships its events at most this often (the window redraws every 30 ms)


@contextlib.contextmanager
def _child_skips_main():
    """Keep ``spawn`` from re-running the parent's main script in the child.

    ``spawn`` normally imports the parent's ``__main__`` again in the child, which breaks a
    script that opens the window without an ``if __name__ == "__main__"`` guard (it would try to
    open another window from the child) and costs start-up time for nothing: the child needs only
    this module. While the child starts, the main module is presented as this module's name.
    """
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = getattr(main, "__spec__", None)
    main.__spec__ = importlib.util.find_spec(__name__)
    try:
        yield
    finally:
        main.__spec__ = saved


class Outbox:
    """The child's side of the pipe: posts gather here and leave once per ``interval``, packed.

    A post is a mailbox post (a lock and an append) and wakes the sender thread, which lets an
    interval's worth gather, then sends every event in order. Between two sends the mailbox
    keeps only the newest probe (and its graph), so at most one heavy record is pickled per
    interval however many steps were probed, and none that the window would only drop.
    """

    def __init__(self, events, interval: float = SEND_SECONDS) -> None:
        self._events = events
        self._interval = interval
        self._pending = Mailbox(newest_probe_only=True)
        self._wake = threading.Event()
        self._closing = False
        self._sender = threading.Thread(target=self._send_loop, name="rnnviz-sender", daemon=True)
        self._sender.start()

    def post(self, item: Any) -> None:
        self._pending.post(item)
        self._wake.set()

    def close(self) -> None:
        """Send what is pending and stop the sender (the child is about to exit)."""
        self._closing = True
        self._wake.set()
        self._sender.join(1.0)
        self._send()

    def _send_loop(self) -> None:
        while True:
            self._wake.wait()
            if self._closing:
                return
            time.sleep(self._interval)
            self._wake.clear()          # before draining: a post from now on wakes the next round
            self._send()

    def _send(self) -> None:
        for item in self._pending.drain():
            self._events.put(wire.pack(item))


def _exit_with_parent() -> None:
    """End this process as soon as the window's process is gone, however it went (kill -9
    included): an orphan would go on training, at a core's worth of CPU, under PID 1. The child
    holds nothing a user would lose (checkpoints are written atomically), so it simply exits."""
    import os
    from multiprocessing.connection import wait
    parent = mp.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])             # ready when the parent process has exited
        os._exit(0)
    threading.Thread(target=watch, name="rnnviz-parent-watch", daemon=True).start()


def _child_main(task: type, commands, events, stopping, stop_sample, threads: int) -> None:
    """Entry point of the child process: serve ``task`` until told to stop."""
    import os
    _exit_with_parent()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    # At exit, do not wait for a parent that stopped reading to drain the pipe.
    events.cancel_join_thread()
    outbox = Outbox(events)
    loop = CommandLoop(outbox.post, commands, Interrupt(stopping))
    loop.serve(task(loop, Interrupt(stop_sample, stopping)))
    try:
        loop.run()                          # the thread's loop, on the child's main thread
    finally:
        outbox.close()
        events.put(_DONE)


def death_cause(exitcode: int | None) -> str:
    """What a child's exit code says, for a user: a signal's name and its usual reason (a
    :class:`~rnnviz.engine.texts.Text`, shown through :func:`rnnviz.localize.localize`)."""
    import signal
    if exitcode is None or exitcode >= 0:
        return translate("process", "The training process exited on its own (status {status}).").format(
            status=str(exitcode))
    try:
        name = signal.Signals(-exitcode).name
    except ValueError:
        name = translate("process", "signal {number}").format(number=-exitcode)
    if name == "SIGKILL":
        return translate("process", "The training process was ended by {signal}, which usually means "
                         "the system ran out of memory (or someone ended it).").format(signal=name)
    if name == "SIGSEGV":
        return translate("process", "The training process was ended by {signal}: it crashed (a fault "
                         "in a native library).").format(signal=name)
    if name == "SIGTERM":
        return translate("process", "The training process was ended by {signal}: something asked it "
                         "to stop.").format(signal=name)
    return translate("process", "The training process was ended by {signal}.").format(signal=name)


class ProcessWorker(Commands):
    """A task's command loop in a child process, with the thread worker's interface.

    Parameters
    ----------
    task : type
        The task class; the child imports it by its module and name.
    mailbox : Mailbox, optional
        Where the pump thread puts the child's events; a new one by default.
    threads : int
        BLAS threads in the child.
    """

    def __init__(self, task: type, mailbox: Mailbox | None = None, threads: int = 1) -> None:
        ctx = mp.get_context("spawn")
        self.mailbox = mailbox if mailbox is not None else Mailbox()
        self.session = None                 # lives in the child; the window reads events only
        self._queue = ctx.Queue()
        self._events = ctx.Queue()
        self._stopping = ctx.Event()
        self._stop_sample = ctx.Event()
        self._process = ctx.Process(
            target=_child_main, name=f"rnnviz-{task.NAME}",
            args=(task, self._queue, self._events, self._stopping, self._stop_sample, threads),
            daemon=True)
        self._pump = threading.Thread(target=self._pump_events, name="rnnviz-pump", daemon=True)

    # -- lifetime --------------------------------------------------------------------------
    def start(self) -> None:
        with _child_skips_main():
            self._process.start()
        self._pump.start()

    def is_alive(self) -> bool:
        return self._process.is_alive()

    @property
    def pid(self) -> int | None:
        """The child's process id (None before :meth:`start`)."""
        return self._process.pid

    def ask_to_stop(self) -> None:
        """Ask the child to end after its current step, without waiting: a window closing
        several workers asks them all first, so they wind down together."""
        self._stopping.set()
        self._stop_sample.set()
        self._queue.put(SHUTDOWN)

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop after the current step and wait up to ``timeout`` s; terminate if still busy.

        A step or a sample token ends in milliseconds; only a long evaluation could outlast
        the timeout, and the child holds nothing a user would lose (checkpoints are written
        atomically), so it is then terminated rather than waited for.
        """
        self.ask_to_stop()
        if self._process.is_alive():
            self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(1.0)
        self._queue.cancel_join_thread()
        # Nothing is put on the events queue from this side: with unread frames filling its
        # pipe (the child gone), a put's feeder thread would block, and the interpreter waits
        # for it at exit - forever. The pump ends by itself within its 0.5 s poll once the child
        # has gone and stopping is set; it is joined here so it is not still reading when the
        # interpreter closes the queue at exit.
        if self._pump.is_alive() and self._pump is not threading.current_thread():
            self._pump.join(2.0)
        return not self._process.is_alive()

    def _pump_events(self) -> None:
        while True:
            try:
                item = self._events.get(timeout=0.5)
            except queue.Empty:
                if not self._process.is_alive():
                    if not self._stopping.is_set():
                        self.mailbox.post(WorkerDied(death_cause(self._process.exitcode)))
                    return
                continue
            except (EOFError, OSError, TypeError, ValueError):
                # The pipe is gone: closed under us at exit (multiprocessing then reads from a
                # None handle: TypeError) or by a child that died.
                return
            if isinstance(item, str) and item == _DONE:
                return
            self.mailbox.post(wire.unpack(item))
