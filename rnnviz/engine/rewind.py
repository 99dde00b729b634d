"""A bounded ring of recent good training states, so a diverged run can go back instead of over.

By the time the divergence guard trips, the weights have usually been drifting for a while:
lowering the rate and going on from there diverges again at the same step. The ring keeps what
a step needs to be replayed exactly (parameters, optimizer slots, carried hidden state, stream
position, dropout generator) every ``every`` steps, within a byte budget, and
:meth:`RewindRing.restore` puts one of them back.

Keeping a point copies the parameters and optimizer slots once per ``every`` steps: for the
book's models that is well under 1 % of the steps' own work (``rnnviz bench`` measures it).
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .texts import translate

if TYPE_CHECKING:
    from .trainer import Session

REWIND_EVERY = 25               # steps between kept points
REWIND_DEPTH = 8                # points kept at most
REWIND_BUDGET = 256 * 2 ** 20   # bytes all points may take together


@dataclass(frozen=True)
class RewindPoint:
    """One kept state: what :meth:`RewindRing.restore` puts back. Arrays are private copies."""

    iteration: int
    loss: float                         # the loss of the step that led here (nan at step 0)
    params: dict[str, np.ndarray]
    optimizer: dict[str, np.ndarray]
    state: dict[str, np.ndarray]        # carried hidden (and cell) state
    stream: dict[str, int]
    dropout_rng: dict[str, Any]

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for table in (self.params, self.optimizer, self.state)
                   for a in table.values())


class RewindRing:
    """The last few good states of a :class:`~rnnviz.engine.trainer.Session`.

    Parameters
    ----------
    every : int
        Keep a point after every ``every``-th step (and at step 0).
    depth : int
        Points kept at most; the oldest goes first.
    budget : int
        Bytes all points may take; a big model keeps fewer points (always at least one).
    """

    def __init__(self, every: int = REWIND_EVERY, depth: int = REWIND_DEPTH,
                 budget: int = REWIND_BUDGET):
        if every < 1 or depth < 1:
            raise ValueError(f"rewind every and depth must be >= 1, got {every} and {depth}")
        self.every, self.depth, self.budget = every, depth, budget
        self._points: deque[RewindPoint] = deque()

    def __len__(self) -> int:
        return len(self._points)

    @property
    def iterations(self) -> list[int]:
        """The steps one can rewind to, oldest first."""
        return [p.iteration for p in self._points]

    @property
    def points(self) -> list[RewindPoint]:
        return list(self._points)

    def clear(self) -> None:
        self._points.clear()

    def after_step(self, session: "Session", loss: float) -> None:
        """Keep the session's state if this step is one to keep (call after an applied update)."""
        if session.iteration % self.every == 0:
            self.keep(session, loss)

    def keep(self, session: "Session", loss: float = float("nan")) -> RewindPoint:
        """Copy the session's state into the ring now, replacing a point of the same step."""
        model = session.model
        point = RewindPoint(
            iteration=session.iteration, loss=float(loss),
            params={k: p.copy() for k, p in model.params.items()},
            optimizer=session.optimizer.state_dict(),       # already copies
            state=model.get_state(),                        # already copies
            stream=dict(session.stream.state_dict()),
            dropout_rng=model.dropout_rng.bit_generator.state)
        while self._points and self._points[-1].iteration >= point.iteration:
            self._points.pop()                  # a rewind went back: its future is gone
        self._points.append(point)
        limit = max(1, min(self.depth, self.budget // max(point.nbytes, 1)))
        while len(self._points) > limit:
            self._points.popleft()
        return point

    def choose(self, before: int, ceiling: float = math.inf) -> RewindPoint | None:
        """The newest point at least one interval before step ``before`` whose loss was at most
        ``ceiling`` (the oldest point if none is).

        By the time the guard trips the weights have usually been climbing for a while, so the
        point just before is rarely a safe place; a loss already worse than a uniform guess
        (the session's ``ceiling``) marks a point that is ruined too.
        """
        if not self._points:
            return None
        safe = [p for p in self._points if p.iteration <= before - self.every
                and not p.loss > ceiling]           # nan (step 0, a fresh start) counts as safe
        return safe[-1] if safe else self._points[0]

    def find(self, iteration: int) -> RewindPoint:
        for point in self._points:
            if point.iteration == iteration:
                return point
        kept = ", ".join(map(str, self.iterations)) or translate("rewind", "none")
        raise ValueError(translate("rewind", "no rewind point at step {step} (kept: {kept})")
                         .format(step=iteration, kept=kept))

    def restore(self, session: "Session", point: RewindPoint) -> None:
        """Put ``point`` back into the session; later points are dropped, ``point`` stays."""
        model = session.model
        for key, target in model.params.items():
            target[...] = point.params[key]             # in place: tied weights share memory
        lr = session.optimizer.lr
        session.optimizer.load_state_dict(point.optimizer)      # copies
        session.optimizer.lr = lr                       # the rate is the user's, not the past's
        model.set_state(point.state)                    # copies
        session.stream.load_state_dict(point.stream)
        model.dropout_rng.bit_generator.state = point.dropout_rng
        session.iteration = point.iteration
        while self._points and self._points[-1].iteration > point.iteration:
            self._points.pop()
