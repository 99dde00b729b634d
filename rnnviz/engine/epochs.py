"""What the whole-batch sessions share (seq2seq, the classifier): epochs of shuffled mini-batches,
the planned length, and a run that evaluates after every epoch.

A session mixes in :class:`EpochSchedule` and keeps ``train_config``, ``iters_per_epoch``,
``iteration``, ``rng`` (the data-order stream), ``_order`` and ``data.x_train``, with its own
``step()`` and ``evaluate(interrupt)``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from . import training


class EvaluationStopped(RuntimeError):
    """A session's ``evaluate`` was asked to stop by its ``interrupt``; the model is unchanged."""


class EpochSchedule:
    """Epochs of mini-batches in a fresh random order, and :meth:`run` with an evaluation per epoch."""

    @property
    def total_steps(self) -> int:
        cfg = self.train_config
        return cfg.max_steps if cfg.max_steps > 0 else cfg.epochs * self.iters_per_epoch

    @property
    def epoch_fraction(self) -> float:
        return self.iteration / self.iters_per_epoch

    def next_rows(self) -> tuple[np.ndarray, bool]:
        """The training rows of the next step, and whether it begins an epoch (a new order is drawn
        then). The last batch of an epoch is shorter when the batch does not divide the set."""
        N, k = self.train_config.batch_size, self.iteration % self.iters_per_epoch
        if k == 0:
            self._order = self.rng.permutation(len(self.data.x_train))
        return self._order[k * N:(k + 1) * N], k == 0

    def run(self, steps: int | None = None, *, interrupt: Callable[[], bool] | None = None) -> Iterator[Any]:
        """Train ``steps`` steps (default: to the configured end), with :meth:`evaluate` after every
        epoch. A divergence is yielded and ends the run. ``interrupt`` is passed to ``evaluate``."""
        target = self.total_steps if steps is None else self.iteration + steps

        def due():
            return self.evaluate(interrupt) if self.iteration % self.iters_per_epoch == 0 else None
        return training.run_steps(self.step, lambda: self.iteration, target, due)
