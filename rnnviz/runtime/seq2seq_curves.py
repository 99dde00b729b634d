"""The seq2seq lab's curves: loss per step and test accuracy per epoch, whole answers and per
position, with the same loss average as :class:`~rnnviz.runtime.history.History`."""
from __future__ import annotations

import numpy as np

from rnnviz.engine.snapshots import AccuracyResult, StepSnapshot
from rnnviz.engine.texts import translate

from .lab_curves import StepLosses


class Seq2seqCurves(StepLosses):
    """The seq2seq lab's curves of one run: loss per step (:class:`StepLosses`) and test accuracy
    per evaluation, whole answers and per position."""

    def __init__(self, iters_per_epoch: int = 1, positions: int = 0) -> None:
        super().__init__(iters_per_epoch)
        self.positions = positions
        self.acc_epoch: list[float] = []
        self.accuracy: list[float] = []                # percent
        self.per_position: list[np.ndarray] = []       # (positions,) percent each
        self.latest: AccuracyResult | None = None

    def add(self, record: object) -> bool:
        """Keep what the curves need of a worker's record (a step's loss, an accuracy); True if kept."""
        if isinstance(record, StepSnapshot):
            self.add_loss(record.stats.iteration, record.stats.loss)
        elif isinstance(record, AccuracyResult):
            self.add_accuracy(record)
        else:
            return False
        return True

    def copy(self) -> "Seq2seqCurves":
        """An independent copy (for another thread to keep adding to)."""
        return Seq2seqCurves.from_arrays(self.to_arrays())

    def add_accuracy(self, result: AccuracyResult) -> None:
        self.acc_epoch.append(result.epoch_fraction)
        self.accuracy.append(100.0 * result.accuracy)
        self.per_position.append(100.0 * np.asarray(result.per_position, np.float64))
        self.latest = result

    # -- persistence (a seq2seq checkpoint's extra arrays) --------------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for a seq2seq checkpoint's ``extra`` entries (no pickle)."""
        per_position = (np.array(self.per_position, np.float64) if self.per_position
                        else np.zeros((0, self.positions), np.float64))
        return {"curves.iteration": self.iterations.copy(), "curves.loss": self.losses.copy(),
                "curves.acc_epoch": np.array(self.acc_epoch, np.float64),
                "curves.accuracy": np.array(self.accuracy, np.float64),
                "curves.per_position": per_position,
                "curves.shape": np.array([self.iters_per_epoch, self.positions], np.int64)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "Seq2seqCurves":
        """Rebuild what :meth:`to_arrays` wrote; missing entries give empty curves.

        Raises
        ------
        ValueError
            If the arrays do not fit together (a damaged or forged checkpoint).
        """
        if "curves.shape" not in arrays:
            return cls()
        shape = np.asarray(arrays["curves.shape"])
        if shape.shape != (2,) or shape.dtype.kind not in "iu" or shape[0] < 1 or shape[1] < 0:
            raise ValueError(translate("seq2seq_curves", "seq2seq curves: bad shape entry"))
        curves = cls(int(shape[0]), int(shape[1]))
        cols = {k: np.asarray(arrays.get(f"curves.{k}", ()), np.float64)
                for k in ("iteration", "loss", "acc_epoch", "accuracy")}
        per_position = np.asarray(arrays.get("curves.per_position", np.zeros((0, curves.positions))))
        if (len(cols["iteration"]) != len(cols["loss"]) or len(cols["acc_epoch"]) != len(cols["accuracy"])
                or per_position.ndim != 2 or per_position.shape != (len(cols["accuracy"]), curves.positions)
                or any(c.ndim != 1 for c in cols.values())):
            raise ValueError(translate("seq2seq_curves", "seq2seq curves: the columns differ in length"))
        for iteration, loss in zip(cols["iteration"], cols["loss"]):
            curves.add_loss(int(iteration), float(loss))
        curves.acc_epoch = [float(v) for v in cols["acc_epoch"]]
        curves.accuracy = [float(v) for v in cols["accuracy"]]
        curves.per_position = [row.astype(np.float64) for row in per_position]
        return curves

