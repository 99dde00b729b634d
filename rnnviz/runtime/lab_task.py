"""What the labs' tasks share: a session that is built, reset, saved and opened with its curves,
and played to its planned steps (or past them).

The seq2seq lab's task (:mod:`rnnviz.runtime.seq2seq`) and the classifier lab's
(:mod:`rnnviz.runtime.classify`) subclass :class:`LabTask` and add only what is theirs: how a
session is built from the lab's settings, the record that announces it (``..Ready``), and their
own questions (decode, read, graph). Their commands subclass :class:`LabCommands`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rnnviz.engine.texts import message_of, translate

from .loop import CommandLoop, Commands, Interrupt
from .messages import Saved, WorkerError


class LabCommands(Commands):
    """The commands every lab sends besides the shared ones; each only enqueues."""

    def save(self, path: str) -> None:
        """Write the run with its curves (pausing first; the worker keeps the curves)."""
        self._put("save", str(path))

    def load(self, path: str) -> None:
        """Continue a run saved by :meth:`save`: weights, optimizer, data order and curves."""
        self._put("load", str(path))


class LabTask:
    """A lab's session and the handlers every lab has; a subclass supplies the rest.

    Subclasses set :attr:`NAME`, :attr:`NO_MODEL` and :attr:`curves_type` (a curves class with
    ``add``, ``to_arrays`` and ``from_arrays``), and write ``build``, ``reset``, ``load`` and
    ``_install``.

    Parameters
    ----------
    loop : CommandLoop
        Posts events and plays runs; its ``interrupt`` (the worker shutting down) also stops an
        evaluation between two batches.
    stop_sample : Interrupt
        Unused: a lab streams nothing.
    """

    NAME = "lab"
    NO_MODEL = ""                           # the message when a command needs a model (a Text)
    curves_type: Any = None

    def __init__(self, loop: CommandLoop, stop_sample: Interrupt) -> None:
        self.loop = loop
        self.session = None                 # owned by the worker; tests may read it while paused
        self.curves = self.curves_type()    # what this run posted: what a saved run carries

    def handlers(self) -> dict:
        return {"build": self.build, "reset": self.reset, "save": self.save, "load": self.load,
                "play": self.play, "step_epoch": self.step_epoch}

    @property
    def finished(self) -> bool:
        return True                         # a "play" run ends only at the planned steps

    def record(self, item: Any) -> None:
        self.curves.add(item)

    def _require_session(self):
        if self.session is None:
            raise ValueError(self.NO_MODEL)
        return self.session

    # -- a run saved and opened ---------------------------------------------------------------
    def save(self, path: str) -> None:
        session = self._require_session()
        self.loop.pause()
        written = session.save(path, extra=self.curves.to_arrays())
        self.loop.post(Saved(str(written), session.iteration))

    def saved_curves(self, extra: dict, path: str):
        """The curves a checkpoint's ``extra`` arrays carry, or None (said in one line) when they
        cannot be read: the weights are fine, so the run opens without them."""
        try:
            return self.curves_type.from_arrays(extra)
        except ValueError as exc:
            self.loop.post(WorkerError("curves", translate(
                "lab_task", "{name}: its curves could not be read ({error}); the run opened without them.")
                .format(name=Path(path).name, error=message_of(exc))))
            return None

    # -- training ------------------------------------------------------------------------------
    def play(self) -> None:
        session = self._require_session()
        if self.loop.playing in ("play", "more"):
            return
        if session.iteration >= session.total_steps:
            # Past the planned epochs Play keeps going: a learner may want to watch longer.
            self.loop.start_run("more", session.run(steps=10**12, interrupt=self.loop.interrupt))
        else:
            self.loop.start_run("play", session.run(interrupt=self.loop.interrupt))

    def step_epoch(self) -> None:
        session = self._require_session()
        left = session.iters_per_epoch - session.iteration % session.iters_per_epoch
        # Closing the window stops an evaluation: the engine asks the interrupt between batches.
        self.loop.start_run("epoch", session.run(steps=left, interrupt=self.loop.interrupt))

    # -- what a subclass writes ----------------------------------------------------------------
    def build(self, *args) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        raise NotImplementedError

    def load(self, path: str) -> None:
        raise NotImplementedError
