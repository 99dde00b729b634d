"""Qt-free accumulation of training snapshots into growable arrays (the GUI and exports share it).

Per-step scalars live in arrays that double when full, so appending is amortised O(1) and a
plot reads one contiguous slice. :meth:`History.series` gives (x, y) downsampled for drawing;
:meth:`History.to_csv` exports every step; :meth:`History.to_arrays` / :meth:`from_arrays`
round-trip through a checkpoint's ``extra`` arrays (plain .npz, no pickle).

One schema for every metrics file: the window's export and ``rnnviz train``'s ``metrics.csv``
are both :meth:`History.csv_header` and :meth:`History.csv_row` (the command line writes the row
of each step as it comes, the window all rows at once). Evaluations go to a file of their own,
``evals.csv`` (:meth:`History.eval_csv_header`, :meth:`History.eval_csv_row`): one row per
validation, with the training perplexity of the steps since the previous one beside it.
"""
from __future__ import annotations

import csv
import math
import os
from collections import deque

import numpy as np

from rnnviz.engine.snapshots import (Divergence, EvalResult, GraphFrame, Probe, SampleResult, Snapshot, StepSnapshot,
                               StepStats, StreamMap)
from rnnviz.engine.texts import message_of, translate

from .probe_archive import ProbeArchive

STEP_FIELDS = ("iteration", "epoch_fraction", "loss", "perplexity", "lr", "grad_norm",
               "grad_norm_clipped", "clip", "clipped", "seconds", "tokens")
# EMA of the loss and its exp, kept incrementally so redraws stay O(1) and views compute nothing
DERIVED_FIELDS = ("loss_smooth", "perplexity_smooth")
SMOOTHING = 0.95        # weight of the past in every loss curve's moving average (LossAverage)
EVAL_FIELDS = ("iteration", "epoch_fraction", "perplexity")
EVAL_CSV_COLUMNS = ("iteration", "epoch_fraction", "train_perplexity", "valid_perplexity")
INT_FIELDS = ("iteration", "tokens")   # written without a decimal point
FLOW_KEPT = 8   # dh_t curves kept for the gradient-flow view (latest + fading predecessors)


class Growable:
    """A 1-D or 2-D float64 array that appends rows and doubles its capacity when full."""

    def __init__(self, width: int | None = None, capacity: int = 1024):
        shape = (capacity,) if width is None else (capacity, width)
        self._data = np.zeros(shape, np.float64)
        self.n = 0

    def append(self, value) -> None:
        if self.n == len(self._data):
            grown = np.zeros((2 * len(self._data),) + self._data.shape[1:], np.float64)
            grown[:self.n] = self._data
            self._data = grown
        self._data[self.n] = value
        self.n += 1

    @classmethod
    def of(cls, values) -> "Growable":
        """A 1-D one holding ``values`` (float64), room to grow."""
        values = np.asarray(values, np.float64).ravel()
        g = cls(capacity=max(1024, 2 * len(values)))
        g._data[:len(values)] = values
        g.n = len(values)
        return g

    @property
    def values(self) -> np.ndarray:
        """The filled part (a view: copy it before keeping it across appends)."""
        return self._data[:self.n]

    def __getstate__(self) -> dict:
        # Pickled without its spare capacity: an opened run's history crosses the pipe once, and
        # 40 steps would otherwise travel as 1,024 rows of every column.
        return {"values": self.values}

    def __setstate__(self, state: dict) -> None:
        values = state["values"]
        self._data = np.zeros((max(len(values), 1),) + values.shape[1:], np.float64)
        self._data[:len(values)] = values
        self.n = len(values)


class LossAverage:
    """The one loss-smoothing rule of every curve (the language model's and the seq2seq lab's).

    An exponential moving average with weight :data:`SMOOTHING` on the past, debiased as
    TensorBoard's is (divided by the weights' sum so far), so the first points are not pulled
    towards 0 or held at the first loss; a non-finite loss leaves the average where it was.
    Call it with each loss in turn; it returns the average so far.
    """

    def __init__(self, weight: float = SMOOTHING) -> None:
        self.weight = weight
        self._acc = self._norm = 0.0

    def __call__(self, loss: float) -> float:
        b = self.weight
        if not np.isfinite(loss):
            return self._acc / self._norm if self._norm else float("nan")
        self._acc, self._norm = b * self._acc + (1 - b) * loss, b * self._norm + (1 - b)
        return self._acc / self._norm


class History:
    """Everything a run produced so far, appended snapshot by snapshot.

    ``version`` increases with every change, so a view can tell whether to redraw.
    """

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self.steps = {name: Growable() for name in STEP_FIELDS + DERIVED_FIELDS}
        self._average = LossAverage()
        self.evals = {name: Growable() for name in EVAL_FIELDS}
        self.param_names: tuple[str, ...] = ()
        self.param_grad_norms: Growable | None = None    # (n, P)
        self.param_norms: Growable | None = None         # (n, P)
        self._param_start = 0                            # step row where the per-parameter series begin
        self.flow: deque[tuple[int, np.ndarray]] = deque(maxlen=FLOW_KEPT)   # (iteration, (L, T))
        self.latest_stats: StepStats | None = None
        self.latest_probe: Probe | None = None
        self.latest_graph: GraphFrame | None = None      # a step's graph, or the stepper's last frame
        self.latest_stream: StreamMap | None = None      # where the last block trained lies in the corpus
        self.latest_sample: SampleResult | None = None
        self.divergences: list[Divergence] = []
        self.archive = ProbeArchive()                    # every probe and its graph, for scrubbing back
        self.archive_error: str | None = None            # why a checkpoint's saved probes were dropped
        self.version = 0

    def __len__(self) -> int:
        return self.steps["iteration"].n

    # -- adding ----------------------------------------------------------------------------
    def add(self, snapshot: Snapshot) -> None:
        """Append one snapshot of any kind (:meth:`keeps` says which)."""
        adder = self._ADDERS.get(type(snapshot))
        if adder is None:
            raise TypeError(f"not a snapshot: {type(snapshot).__name__}")
        adder(self, snapshot)
        self.version += 1

    @classmethod
    def keeps(cls, item: object) -> bool:
        """Whether :meth:`add` takes ``item`` (the engine's records; a worker's events are not)."""
        return type(item) in cls._ADDERS

    def extend(self, snapshots) -> None:
        for s in snapshots:
            self.add(s)

    def _add_snapshot(self, snapshot: StepSnapshot) -> None:
        self._add_step(snapshot.stats)
        if snapshot.probe is not None:
            self.latest_probe = snapshot.probe
            self.archive.add(snapshot.probe, snapshot.graph)
        if snapshot.graph is not None:
            self.latest_graph = snapshot.graph
        if snapshot.stream is not None:
            self.latest_stream = snapshot.stream

    def _add_graph(self, frame: GraphFrame) -> None:
        self.latest_graph = frame
        self.latest_stream = frame.stream

    def _add_eval(self, result: EvalResult) -> None:
        for name in EVAL_FIELDS:
            self.evals[name].append(getattr(result, name))

    def _add_divergence(self, record: Divergence) -> None:
        self.divergences.append(record)

    def _add_sample(self, result: SampleResult) -> None:
        self.latest_sample = result

    _ADDERS = {StepSnapshot: _add_snapshot, GraphFrame: _add_graph, EvalResult: _add_eval,
               Divergence: _add_divergence, SampleResult: _add_sample}

    def _add_step(self, stats: StepStats) -> None:
        for name in STEP_FIELDS:
            self.steps[name].append(float(getattr(stats, name)))
        self._append_smooth(stats.loss)
        if stats.param_names != self.param_names or self.param_grad_norms is None:
            # A rebuilt model (other parameters) starts its per-parameter series afresh.
            self.param_names = stats.param_names
            self.param_grad_norms = Growable(len(stats.param_names))
            self.param_norms = Growable(len(stats.param_names))
            self._param_start = len(self) - 1
        self.param_grad_norms.append(stats.param_grad_norms)
        self.param_norms.append(stats.param_norms)
        self.flow.append((stats.iteration, stats.dh_norms))
        self.archive.add_flow(stats.iteration, stats.dh_norms)
        self.latest_stats = stats

    def _append_smooth(self, loss: float) -> None:
        smooth = self._average(loss)
        self.steps["loss_smooth"].append(smooth)
        self.steps["perplexity_smooth"].append(np.exp(min(smooth, 700.0)))

    # -- reading ---------------------------------------------------------------------------
    def column(self, name: str) -> np.ndarray:
        """All values of a per-step field (a view)."""
        return self.steps[name].values

    def eval_column(self, name: str) -> np.ndarray:
        return self.evals[name].values

    def param_iterations(self) -> np.ndarray:
        """Iterations that the per-parameter series cover."""
        return self.column("iteration")[self._param_start:]

    def series(self, name: str, max_points: int = 4000) -> tuple[np.ndarray, np.ndarray]:
        """(iterations, values) of a per-step field, downsampled to at most ``max_points``.

        Downsampling keeps each bucket's min and max, so a spike stays visible however long
        the run. ``"loss_smooth"`` is the loss's exponential moving average (weight 0.95) and
        ``"perplexity_smooth"`` its exp.
        """
        return downsample(self.column("iteration"), self.column(name), max_points)

    # -- persistence -----------------------------------------------------------------------
    def csv_header(self) -> list[str]:
        """Column names of :meth:`csv_row` (:func:`metrics_header` of this history's parameters)."""
        return metrics_header(self.param_names)

    def csv_row(self, i: int) -> list[str]:
        """Step row ``i`` as CSV fields (``repr`` keeps every float exactly)."""
        row = [repr(int(self.steps[n].values[i])) if n in INT_FIELDS else repr(float(self.steps[n].values[i]))
               for n in STEP_FIELDS]
        if self.param_grad_norms is not None and i >= self._param_start:
            row += [repr(float(v)) for v in self.param_grad_norms.values[i - self._param_start]]
        return row

    def eval_csv_header(self) -> list[str]:
        return list(EVAL_CSV_COLUMNS)

    def eval_csv_row(self, j: int) -> list[str]:
        """Evaluation ``j`` as CSV fields, with the training perplexity since the one before."""
        it = self.eval_column("iteration")
        since = it[j - 1] if j > 0 else -math.inf
        return [repr(int(it[j])), repr(float(self.eval_column("epoch_fraction")[j])),
                repr(self.train_perplexity(since, it[j])), repr(float(self.eval_column("perplexity")[j]))]

    def train_perplexity(self, after: float, upto: float) -> float:
        """exp of the mean loss of the steps after iteration ``after`` up to ``upto`` (nan if none)."""
        steps = self.column("iteration")
        lo, hi = np.searchsorted(steps, [after, upto], side="right")
        if hi <= lo:
            return float("nan")
        return math.exp(min(float(np.mean(self.column("loss")[lo:hi])), 700.0))

    def to_csv(self, path: str | os.PathLike) -> None:
        """Every step as one CSV row (:meth:`csv_header`, :meth:`csv_row`)."""
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(self.csv_header())
            w.writerows(self.csv_row(i) for i in range(len(self)))

    def evals_to_csv(self, path: str | os.PathLike) -> None:
        """Every evaluation as one CSV row (:meth:`eval_csv_header`, :meth:`eval_csv_row`)."""
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(self.eval_csv_header())
            w.writerows(self.eval_csv_row(j) for j in range(len(self.eval_column("iteration"))))

    def to_arrays(self, archive: bool = True) -> dict[str, np.ndarray]:
        """Plain arrays for a checkpoint's ``extra`` entries (with the probes kept, unless not asked)."""
        out = self.archive.to_arrays() if archive else {}
        out.update({f"history.step.{n}": self.column(n).copy() for n in STEP_FIELDS})
        out.update({f"history.eval.{n}": self.eval_column(n).copy() for n in EVAL_FIELDS})
        if self.param_grad_norms is not None:
            out["history.param_grad_norms"] = self.param_grad_norms.values.copy()
            out["history.param_norms"] = self.param_norms.values.copy()
            out["history.param_names"] = np.array(self.param_names, dtype=np.str_)
        return out

    def truncated(self, iteration: int) -> "History":
        """A new history of what happened up to step ``iteration`` (where a rewind went back to).

        The latest probe, graph and sample belong to the steps that were undone, so they go.
        """
        h = self._curves_until(iteration)
        h.flow.extend((it, dh) for it, dh in self.flow if it <= iteration)
        h.archive = self.archive.truncated(iteration)
        return h

    def view_at(self, step: int) -> "History":
        """The run as it was at ``step``, for the window's timeline: the curves up to it, and the
        probe, graph and gradient-flow curves kept at or before it. Shares this history's
        archive (read it, do not add to it)."""
        h = self._curves_until(step)
        entry = self.archive.at(step)
        h.latest_probe, h.latest_graph = entry if entry is not None else (None, None)
        h.latest_stream = h.latest_graph.stream if h.latest_graph is not None else None
        h.flow.extend(self.archive.flow_before(step, FLOW_KEPT))
        h.archive = self.archive
        return h

    def _curves_until(self, iteration: int) -> "History":
        arrays = self.to_arrays(archive=False)
        keep = arrays["history.step.iteration"] <= iteration
        for n in STEP_FIELDS:
            arrays[f"history.step.{n}"] = arrays[f"history.step.{n}"][keep]
        kept_evals = arrays["history.eval.iteration"] <= iteration
        for n in EVAL_FIELDS:
            arrays[f"history.eval.{n}"] = arrays[f"history.eval.{n}"][kept_evals]
        if "history.param_names" in arrays:
            tail = keep[self._param_start:]
            for key in ("history.param_grad_norms", "history.param_norms"):
                arrays[key] = arrays[key][tail]
        h = History.from_arrays(arrays)
        h.divergences = [d for d in self.divergences if d.iteration <= iteration]
        h.version = self.version + 1
        return h

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "History":
        """Rebuild what :meth:`to_arrays` wrote (missing entries give an empty history).

        Raises
        ------
        ValueError
            If the columns do not fit together (a forged or damaged checkpoint): the window
            would otherwise open it and fail later, inside a redraw.
        """
        _check_arrays(arrays)
        h = cls()
        for n in STEP_FIELDS:
            h.steps[n] = Growable.of(arrays.get(f"history.step.{n}", ()))
        for v in h.column("loss"):
            h._append_smooth(float(v))
        for n in EVAL_FIELDS:
            h.evals[n] = Growable.of(arrays.get(f"history.eval.{n}", ()))
        if "history.param_names" in arrays:
            h.param_names = tuple(str(s) for s in arrays["history.param_names"])
            h.param_grad_norms = Growable(len(h.param_names))
            h.param_norms = Growable(len(h.param_names))
            for g, p in zip(arrays["history.param_grad_norms"], arrays["history.param_norms"]):
                h.param_grad_norms.append(g)
                h.param_norms.append(p)
            h._param_start = len(h) - h.param_grad_norms.n
        try:
            h.archive = ProbeArchive.from_arrays(arrays)
        except (ValueError, TypeError) as exc:
            # The curves are fine; only the probes kept for the timeline are not: keep the curves.
            h.archive_error = message_of(exc)
        h.version = 1
        return h


def metrics_header(param_names: tuple[str, ...]) -> list[str]:
    """The metrics CSV's columns: the step fields, then one gradient norm per parameter."""
    return list(STEP_FIELDS) + [f"grad_norm[{p}]" for p in param_names]


def _check_arrays(arrays: dict[str, np.ndarray]) -> None:
    """Every history column present, 1-D (2-D per parameter) and as long as its group."""
    def column(key: str, ndim: int = 1) -> np.ndarray | None:
        if key not in arrays:
            return None
        a = np.asarray(arrays[key])
        if a.ndim != ndim or (a.dtype.kind not in "fiub" and key != "history.param_names"):
            raise ValueError(translate("history", "history entry {key} has shape {shape} and dtype {dtype}")
                             .format(key=key, shape=str(a.shape), dtype=str(a.dtype)))
        return a
    for group, names in (("step", STEP_FIELDS), ("eval", EVAL_FIELDS)):
        cols = {n: column(f"history.{group}.{n}") for n in names}
        lengths = {len(c) for c in cols.values() if c is not None}
        if len(lengths) > 1 or (lengths and any(c is None for c in cols.values())):
            raise ValueError(translate("history", "the {group} history columns differ in length ({lengths})")
                             .format(group=group, lengths=str(sorted(lengths))))
    names = column("history.param_names")
    if names is not None:
        steps = len(arrays.get("history.step.iteration", ()))
        for key in ("history.param_grad_norms", "history.param_norms"):
            table = column(key, 2)
            if table is None or table.shape[1] != len(names) or len(table) > steps:
                raise ValueError(translate("history", "history entry {key} does not match {count} parameters "
                                           "over at most {steps} steps").format(key=key, count=len(names),
                                                                                steps=steps))


def downsample(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """Min/max decimation to at most ``max_points`` points (copies)."""
    n = len(x)
    if n <= max_points:
        return x.copy(), y.copy()
    buckets = max_points // 2
    edges = np.linspace(0, n, buckets + 1).astype(np.int64)
    lo = np.minimum.reduceat(y, edges[:-1])
    hi = np.maximum.reduceat(y, edges[:-1])
    xs = np.repeat(x[edges[:-1]], 2)
    ys = np.empty(2 * buckets, np.float64)
    ys[0::2], ys[1::2] = lo, hi
    return xs, ys
