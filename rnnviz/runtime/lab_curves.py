"""The loss curve every lab draws: each step's loss, its moving average (the rule every curve in
rnnviz uses, :class:`~rnnviz.runtime.history.LossAverage`, so a view computes nothing) and the
epoch each step ends, kept in growable arrays. The labs' curves (:mod:`rnnviz.runtime.seq2seq_curves`,
:mod:`rnnviz.runtime.classify_curves`) add their per-epoch figures to it."""
from __future__ import annotations

import numpy as np

from .history import Growable, LossAverage


class StepLosses:
    """Every step's loss of one run, with its moving average."""

    def __init__(self, iters_per_epoch: int = 1) -> None:
        self.iters_per_epoch = max(1, iters_per_epoch)
        self._iteration, self._loss, self._smooth = Growable(), Growable(), Growable()
        self._average = LossAverage()

    @property
    def n(self) -> int:
        return self._loss.n

    def add_loss(self, iteration: int, loss: float) -> None:
        self._iteration.append(iteration)
        self._loss.append(loss)
        self._smooth.append(self._average(loss))

    @property
    def iterations(self) -> np.ndarray:
        return self._iteration.values

    @property
    def epochs(self) -> np.ndarray:
        return self._iteration.values / self.iters_per_epoch

    @property
    def losses(self) -> np.ndarray:
        return self._loss.values

    @property
    def smoothed(self) -> np.ndarray:
        return self._smooth.values

    @property
    def last_loss(self) -> float:
        return float(self._loss.values[-1]) if self.n else float("nan")
