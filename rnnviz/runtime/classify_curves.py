"""The classifier lab's curves: loss per step, and per epoch the training and validation loss and
accuracy, with the same loss average as :class:`~rnnviz.runtime.history.History`."""
from __future__ import annotations

import numpy as np

from rnnviz.engine.snapshots import ClassifyResult, StepSnapshot
from rnnviz.engine.texts import translate

from .lab_curves import StepLosses

EPOCH_COLUMNS = ("epoch", "train_loss", "train_accuracy", "valid_loss", "valid_accuracy")


class ClassifyCurves(StepLosses):
    """One classifier run's curves: every step's loss (:class:`StepLosses`) and, per
    :class:`ClassifyResult`, the five columns of :data:`EPOCH_COLUMNS` (accuracies in percent)."""

    def __init__(self, iters_per_epoch: int = 1) -> None:
        super().__init__(iters_per_epoch)
        self.columns: dict[str, list[float]] = {name: [] for name in EPOCH_COLUMNS}
        self.latest: ClassifyResult | None = None

    def add(self, record: object) -> bool:
        """Keep what the curves need of a worker's record (a step's loss, a result); True if kept."""
        if isinstance(record, StepSnapshot):
            self.add_loss(record.stats.iteration, record.stats.loss)
        elif isinstance(record, ClassifyResult):
            self.add_result(record)
        else:
            return False
        return True

    def add_result(self, result: ClassifyResult) -> None:
        row = (result.epoch_fraction, result.train_loss, 100.0 * result.train_accuracy, result.valid_loss,
               100.0 * result.valid_accuracy)
        for name, value in zip(EPOCH_COLUMNS, row):
            self.columns[name].append(float(value))
        self.latest = result

    def copy(self) -> "ClassifyCurves":
        """An independent copy (for another thread to keep adding to)."""
        return ClassifyCurves.from_arrays(self.to_arrays())

    def column(self, name: str) -> np.ndarray:
        """One of :data:`EPOCH_COLUMNS` as a float64 array (one entry per result)."""
        return np.array(self.columns[name], np.float64)

    # -- persistence (a classifier checkpoint's extra arrays) -----------------------------------
    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays for a checkpoint's ``extra`` entries (no pickle)."""
        arrays = {"curves.iteration": self.iterations.copy(), "curves.loss": self.losses.copy(),
                  "curves.iters_per_epoch": np.array([self.iters_per_epoch], np.int64)}
        arrays.update({f"curves.{name}": self.column(name) for name in EPOCH_COLUMNS})
        return arrays

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "ClassifyCurves":
        """Rebuild what :meth:`to_arrays` wrote; missing entries give empty curves.

        Raises
        ------
        ValueError
            If the arrays do not fit together (a damaged or forged checkpoint).
        """
        if "curves.iters_per_epoch" not in arrays:
            return cls()
        per = np.asarray(arrays["curves.iters_per_epoch"])
        if per.shape != (1,) or per.dtype.kind not in "iu" or per[0] < 1:
            raise ValueError(translate("classify_curves", "classifier curves: bad iters_per_epoch entry"))
        curves = cls(int(per[0]))
        steps = [np.asarray(arrays.get(f"curves.{k}", ()), np.float64) for k in ("iteration", "loss")]
        epochs = [np.asarray(arrays.get(f"curves.{k}", ()), np.float64) for k in EPOCH_COLUMNS]
        if (any(c.ndim != 1 for c in steps + epochs) or len(steps[0]) != len(steps[1])
                or len({len(c) for c in epochs}) != 1):
            raise ValueError(translate("classify_curves", "classifier curves: the columns differ in length"))
        for iteration, loss in zip(*steps):
            curves.add_loss(int(iteration), float(loss))
        for name, values in zip(EPOCH_COLUMNS, epochs):
            curves.columns[name] = [float(v) for v in values]
        return curves
