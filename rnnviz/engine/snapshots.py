"""What the engine hands to views: frozen records of plain data.

Every array here is a copy made for the snapshot (never a view of a live parameter, cache or
buffer), so a snapshot can cross a thread, or a process, and be kept in a history while
training goes on. Each dataclass is frozen; treat the arrays inside as read-only too.

A training run (:meth:`rnnviz.engine.trainer.Session.run`) yields, in order:

* one :class:`StepSnapshot` per truncated-BPTT step, whose ``probe`` is a :class:`Probe` every
  ``probe_every`` steps (and after every single step the user asks for), else ``None``;
* an :class:`EvalResult` whenever validation perplexity is measured;
* a :class:`Divergence` (and then nothing more) if a step's loss or gradients blow up.

:meth:`~rnnviz.engine.trainer.Session.sample` returns a :class:`SampleResult`.

Sizes: a probe stays under about ``PROBE_BUDGET`` bytes. Per-unit arrays are float16 (three
significant digits are plenty for a heatmap) and hold every hidden unit up to ``MAX_UNITS``;
past that, or when T x layers x (h, c, gates) would exceed the budget, the probe keeps evenly
spaced units instead and ``LayerProbe.units`` says which (the book's ch.6 LSTM, H = 100,
T = 35, keeps all of them in about 90 KB).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

MAX_UNITS = 256          # hidden units per layer kept in a probe, at most
PROBE_BUDGET = 100_000   # bytes a probe aims to stay under
TOP_K = 10        # next-token candidates kept per time step


@dataclass(frozen=True)
class StepStats:
    """Scalars and small vectors of one step."""

    iteration: int                          # steps done, this one included (1-based)
    epoch: int                              # 0-based epoch of this step
    epoch_fraction: float                   # iteration / iters_per_epoch
    loss: float                             # mean cross-entropy of the block
    perplexity: float                       # exp(loss)
    lr: float                               # learning rate used for this update
    grad_norm: float                        # global gradient norm before clipping
    grad_norm_clipped: float                # global norm after clipping (== grad_norm if not clipped)
    clip: float                             # threshold in force (0 = off)
    clipped: bool                           # clipping scaled the gradients
    param_names: tuple[str, ...]            # order of the two arrays below
    param_grad_norms: np.ndarray            # (P,) float64 per-parameter gradient norm, before clipping
    param_norms: np.ndarray                 # (P,) float64 per-parameter weight norm, after the update
    dh_norms: np.ndarray                    # (L, T) float64 ||dL/dh_t|| per recurrent layer (batch), t = 0..T-1
    seconds: float                          # wall time of this step (forward to update)
    tokens: int                             # N * T tokens this step trained on


@dataclass(frozen=True)
class LayerProbe:
    """One recurrent layer's internals for the probed batch row, time-major."""

    name: str                               # "lstm0", "gru1", ...
    units: np.ndarray                       # (U,) int64 which hidden units are shown (U <= MAX_UNITS)
    hidden: np.ndarray                      # (T, U) float16 h_t
    cell: np.ndarray | None                 # (T, U) float16 c_t (LSTM only)
    gates: dict[str, np.ndarray]            # name -> (T, U) float16: LSTM i, f, o, g; GRU r, z, n; RNN empty


@dataclass(frozen=True)
class Probe:
    """What one batch row looked like inside the network at one step (forward of that step)."""

    iteration: int                          # the step it was taken at
    row: int                                # batch row probed
    input_ids: np.ndarray                   # (T,) int64
    target_ids: np.ndarray                  # (T,) int64
    input_tokens: tuple[str, ...]           # (T,) the inputs as text
    target_tokens: tuple[str, ...]          # (T,)
    layers: tuple[LayerProbe, ...]          # one per recurrent layer, bottom first
    top_ids: np.ndarray                     # (T, K) int64 most likely next ids, best first
    top_probs: np.ndarray                   # (T, K) float32 their probabilities
    target_probs: np.ndarray                # (T,) float32 probability given to the target
    step_losses: np.ndarray                 # (T,) float32 -log p(target)
    dh_norms: np.ndarray                    # (L, T) float32 ||dL/dh_t|| of this row alone

    @property
    def nbytes(self) -> int:
        """Bytes held in arrays, to check the ~100 KB budget."""
        arrays = [self.input_ids, self.target_ids, self.top_ids, self.top_probs,
                  self.target_probs, self.step_losses, self.dh_norms]
        for layer in self.layers:
            arrays += [layer.units, layer.hidden, *layer.gates.values()]
            if layer.cell is not None:
                arrays.append(layer.cell)
        return int(sum(a.nbytes for a in arrays))


@dataclass(frozen=True)
class StepSnapshot:
    """One step: its stats and, when due, a probe."""

    stats: StepStats
    probe: Probe | None = None


@dataclass(frozen=True)
class EvalResult:
    """Validation (or test) perplexity measured after ``iteration`` steps."""

    iteration: int
    epoch_fraction: float
    split: str                              # "valid" or "test"
    perplexity: float
    seconds: float


@dataclass(frozen=True)
class Divergence:
    """A step that was refused: non-finite or exploding loss or gradients."""

    iteration: int                          # the step that failed (not applied)
    loss: float
    grad_norm: float
    parameter: str | None                   # first parameter whose gradient was not finite
    message: str                            # one paragraph for a dialog, with advice


@dataclass(frozen=True)
class SampleResult:
    """Text generated on request, with the model's probability for every token."""

    iteration: int                          # model state it was sampled from
    prefix: str
    text: str                               # prefix + generated, <eos> shown as a newline
    tokens: tuple[str, ...]                 # generated tokens
    probs: np.ndarray                       # (L,) float64 model probability of each chosen token
    top_ids: np.ndarray                     # (L, K) int64 alternatives per step, best first
    top_tokens: tuple[tuple[str, ...], ...] # (L, K) the same as text
    top_probs: np.ndarray                   # (L, K) float64
    settings: dict[str, object] = field(default_factory=dict)   # temperature, top_k, greedy, seed, length


@dataclass(frozen=True)
class SampleToken:
    """One token of a sample being streamed (:meth:`Session.iter_sample`), before the whole
    :class:`SampleResult` arrives."""

    index: int                              # 0-based position among the generated tokens
    token: str                              # the token; "<eos>" arrives as "<eos>"
    prob: float                             # model probability of this token
    top_tokens: tuple[str, ...]             # (K,) the likeliest alternatives, best first
    top_probs: np.ndarray                   # (K,) float64


Snapshot = StepSnapshot | EvalResult | Divergence | SampleResult
