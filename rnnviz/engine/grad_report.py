"""Run > Check gradients: a float64 central-difference check of a training model, on a copy.

The model trains in float32, where a central difference drowns in round-off, so the check
builds a float64 twin (same config, ``dtype="float64"``, the weights copied in), switches its
dropout off and asks it for the loss of one batch, the analytic gradient (one backward) and,
for each parameter,

* a few **random unit directions** ``u`` over the whole parameter: ``<grad, u>`` against
  ``(L(p + eps u) - L(p - eps u)) / 2 eps`` (every entry takes part, as in JAX's ``check_grads``);
* its **largest entries** one at a time, the book's ``numerical_gradient``: the entries that
  carry the gradient, where a relative error means something (most of a trained model's
  entries hold gradients near 1e-8, far below what a loss of ~2 resolves in float64).

Each comparison gives ``|a - n| / (|a| + |n|)``, shown as the relative error, and the part of
``|a - n|`` that float64 round-off cannot explain (:func:`rnnviz.engine.gradcheck.roundoff`:
8 ulps of the loss over ``2 eps``), which is what is judged: a parameter passes when that
part is at most :data:`TOLERANCE` of ``|a| + |n|``. The tolerance is the engine's own tests'
(tests/engine/test_models.py): truncation error with ``eps = 1e-5`` is about ``eps**2 = 1e-10``
relative, round-off is subtracted, so 1e-6 leaves four orders of margin for the numerics,
while a wrong derivative (a missing term, a transposed block, a scaled gradient) is off by
1e-4 to 1. Measured through the window on the tale preset (H = 128) after 100 steps, the worst
raw errors are 1.3e-8 (RNN), 5.7e-8 (LSTM), 5.8e-8 (GRU); at initialisation 6.8e-7, 1.2e-4, 2.3e-5,
where the book's tiny initial weights leave some directional derivatives near 1e-7 and round-off
explains every one of them (nothing is left beyond it).

The session is never touched: its parameters are read, never written; the batch is read from
the stream's ids at its position without advancing it (:func:`peek_batch`); the carried state
is a copy; no random generator of the session is drawn from.
"""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .gradcheck import ROUNDOFF_ULPS, losses_around, roundoff
from .models import RNNLM

EPS = 1e-5              # the nudge: small for truncation error (~eps**2), large for round-off
TOLERANCE = 1e-6        # error beyond round-off allowed, relative to |a| + |n| (see the docstring)
ENTRIES = 5             # single entries nudged per parameter (its largest gradients)
DIRECTIONS = 3          # random unit directions per parameter
FLOP_BUDGET = 4e8       # per loss evaluation: a bigger model is checked on fewer rows of the batch


@dataclass(frozen=True)
class ParamCheck:
    """The check of one parameter."""

    name: str                       # "embed.W", "lstm0.Wh", ...
    shape: tuple[int, ...]          # the parameter's shape
    entries: int                    # single entries compared (its largest analytic gradients)
    directions: int                 # random unit directions compared
    max_error: float                # worst |a - n| / (|a| + |n|) over those comparisons
    beyond_roundoff: float          # worst (|a - n| - round-off) / (|a| + |n|), 0 when round-off explains all
    grad_norm: float                # ‖analytic gradient‖ on the batch
    passed: bool                    # beyond_roundoff <= the report's tolerance


@dataclass(frozen=True)
class GradCheckReport:
    """What Run > Check gradients shows: one :class:`ParamCheck` per parameter, and how it was made."""

    cell: str                       # "rnn" | "lstm" | "gru"
    num_layers: int
    input: str                      # "embedding" | "onehot"
    tie_weights: bool
    iteration: int                  # the session's step: the batch is the one step iteration + 1 trains
    rows: int                       # batch rows the loss was computed on
    batch_rows: int                 # rows of the whole batch (N)
    bptt: int                       # T
    state: str                      # "carried": the session's carried hidden state; "zero": none
    dropout: float                  # the model's dropout ratio (off for the check)
    loss: float                     # the float64 copy's mean loss on the batch
    eps: float
    tolerance: float
    roundoff_ulps: float            # ulps of the loss each evaluation may carry (forgiven)
    params: tuple[ParamCheck, ...]
    seconds: float                  # wall time of the whole check

    @property
    def passed(self) -> bool:
        return all(p.passed for p in self.params)

    @property
    def max_error(self) -> float:
        """The worst raw relative error over every parameter."""
        return max((p.max_error for p in self.params), default=0.0)

    @property
    def evaluations(self) -> int:
        """Loss evaluations made: two per comparison, one more for the gradient."""
        return 1 + 2 * sum(p.entries + p.directions for p in self.params)


def float64_copy(model: RNNLM) -> RNNLM:
    """A new float64 model of ``model``'s class and config holding its weights, dropout off."""
    twin = type(model)(dataclasses.replace(model.config, dtype="float64"))
    for name, p in model.params.items():
        twin.params[name][...] = p          # in place: a tied decoder.W is a view of embed.W
    return twin.eval()


def peek_batch(stream) -> tuple[np.ndarray, np.ndarray]:
    """The (N, T) int64 ids and targets ``stream.next_batch()`` would return now, without
    advancing it or touching its buffers (the book's ``get_batch`` layout, as TBPTTStream)."""
    N, T, size = stream.batch_size, stream.bptt, stream.data_size
    jump = size // N
    idx = (np.arange(N)[:, None] * jump + np.arange(T)[None, :] + stream.time_idx % size) % size
    return np.asarray(stream.ids[idx], np.int64), np.asarray(stream.ids[idx + 1], np.int64)


def rows_within(config, rows: int, bptt: int, budget: float = FLOP_BUDGET) -> int:
    """How many of ``rows`` batch rows one loss evaluation may read within ``budget`` flops
    (at least one): the recurrent layers' matmuls and the decoder, per position."""
    G = {"rnn": 1, "lstm": 4, "gru": 3}.get(config.cell, 4)
    H, D, V = config.hidden_size, config.input_size, config.vocab_size
    per_position = 2 * (G * H * (D + H) + (config.num_layers - 1) * G * H * 2 * H + H * V)
    return int(max(1, min(rows, budget // (per_position * bptt))))


def check_model(model: RNNLM, xs: np.ndarray, ts: np.ndarray, *, state: dict[str, np.ndarray] | None = None,
                iteration: int = 0, entries: int = ENTRIES, directions: int = DIRECTIONS, eps: float = EPS,
                tolerance: float = TOLERANCE, seed: int = 0, batch_rows: int | None = None,
                progress: Callable[[int, int], None] | None = None,
                stop: Callable[[], bool] | None = None) -> GradCheckReport | None:
    """Check ``model``'s analytic gradient on the batch ``xs``, ``ts`` against central differences.

    Parameters
    ----------
    model : RNNLM
        Not changed: the check runs on :func:`float64_copy` (whatever its dtype; a float64
        model is copied too, so its gradients and state stay as they are).
    xs, ts : numpy.ndarray
        (N, T) ids and targets.
    state : dict, optional
        The carried hidden (and cell) state to start from, as :meth:`RNNLM.get_state` gives it
        (cut to the batch's rows here); None or empty: zeros.
    iteration : int
        The step the model is at, for the report.
    entries, directions : int
        Comparisons per parameter: its largest entries, random unit directions.
    eps, tolerance : float
        The central difference's step; the error beyond round-off allowed.
    batch_rows : int, optional
        Rows of the batch ``xs`` was cut from, for the report (default ``len(xs)``).
    progress : callable, optional
        ``progress(done, total)`` after the gradient and after each parameter (``total``
        is the number of parameters plus one).
    stop : callable, optional
        Checked between parameters; when it returns True the check ends and returns None.

    Returns
    -------
    GradCheckReport or None
        None only when ``stop`` ended it.
    """
    start = time.perf_counter()
    twin = float64_copy(model)
    rows = len(xs)
    carried = {k: v[:rows] for k, v in (state or {}).items()}

    def loss() -> float:
        twin.set_state(carried)             # the same start for every evaluation
        return twin.forward(xs, ts)

    total = len(twin.params) + 1
    base = loss()
    twin.backward()
    grads = twin.grads                  # only a backward writes them: the forwards below leave them be
    if progress is not None:
        progress(1, total)
    rng = np.random.default_rng(seed)
    checks = []
    for done, (name, p) in enumerate(twin.params.items(), start=2):
        if stop is not None and stop():
            return None
        checks.append(_check_param(loss, name, p, grads[name], entries, directions, eps, tolerance, rng))
        if progress is not None:
            progress(done, total)
    cfg = model.config
    return GradCheckReport(
        cell=cfg.cell, num_layers=cfg.num_layers, input=cfg.input, tie_weights=cfg.tie_weights,
        iteration=int(iteration), rows=rows, batch_rows=int(batch_rows or rows), bptt=int(xs.shape[1]),
        state="carried" if carried else "zero", dropout=float(cfg.dropout), loss=float(base), eps=eps,
        tolerance=tolerance, roundoff_ulps=ROUNDOFF_ULPS, params=tuple(checks),
        seconds=time.perf_counter() - start)


def _check_param(loss, name: str, p: np.ndarray, grad: np.ndarray, entries: int, directions: int,
                 eps: float, tolerance: float, rng: np.random.Generator) -> ParamCheck:
    """Compare ``grad`` with central differences along random directions and at its largest entries."""
    raw, beyond = [0.0], [0.0]

    def compare(analytic: float, plus: float, minus: float) -> None:
        numeric = (plus - minus) / (2 * eps)
        scale = abs(analytic) + abs(numeric)
        if scale == 0.0:                    # both exactly zero: an embedding row the batch never reads
            return
        gap = abs(analytic - numeric)
        raw.append(gap / scale)
        beyond.append(max(gap - roundoff(plus, minus, eps), 0.0) / scale)

    for _ in range(directions):
        u = rng.standard_normal(p.shape)
        u /= np.linalg.norm(u)
        compare(float(np.vdot(grad, u)), *losses_around(loss, p, ..., eps * u))
    count = min(entries, p.size)
    # The largest |gradient| first; a stable sort keeps ties (a tied row) in index order.
    for k in np.argsort(-np.abs(grad.ravel()), kind="stable")[:count]:
        index = np.unravel_index(k, p.shape)
        compare(float(grad[index]), *losses_around(loss, p, index, eps))
    worst = max(beyond)
    return ParamCheck(name=name, shape=tuple(p.shape), entries=count, directions=directions,
                      max_error=max(raw), beyond_roundoff=worst,
                      grad_norm=float(np.linalg.norm(grad)), passed=bool(worst <= tolerance))


def check_session(session, *, progress: Callable[[int, int], None] | None = None,
                  stop: Callable[[], bool] | None = None, **options) -> GradCheckReport | None:
    """:func:`check_model` of a :class:`~rnnviz.engine.trainer.Session`'s model on its current batch.

    The current batch is the block the next step would train (peeked, the stream stays where it
    is), from the state the model carries into it. A block being stepped by hand is checked on
    its own batch from a zero state (its forward pass has already moved the carried state on).
    A model too big to check quickly is checked on the batch's first rows (:func:`rows_within`).
    """
    block = session.block
    if block is not None:
        xs, ts, state = block.xs, block.ts, {}
    else:
        (xs, ts), state = peek_batch(session.stream), session.model.get_state()
    rows = rows_within(session.model.config, len(xs), xs.shape[1])
    return check_model(session.model, xs[:rows], ts[:rows], state=state, iteration=session.iteration,
                       batch_rows=len(xs), progress=progress, stop=stop, **options)
