"""What the engine hands to views: frozen records of plain data.

Every array here is a copy made for the snapshot (never a view of a live parameter, cache or
buffer), so a snapshot can cross a thread, or a process, and be kept in a history while
training goes on. Each dataclass is frozen; treat the arrays inside as read-only too.

A training run (:meth:`rnnviz.engine.trainer.Session.run`) yields, in order:

* one :class:`StepSnapshot` per truncated-BPTT step, whose ``probe`` is a :class:`Probe` every
  ``probe_every`` steps (and after every single step the user asks for), else ``None``, with
  the block's unrolled :class:`GraphFrame` beside the probe and its :class:`StreamMap` always;
* an :class:`EvalResult` whenever validation perplexity is measured;
* a :class:`Divergence` (and then nothing more) if a step's loss or gradients blow up.

:meth:`~rnnviz.engine.trainer.Session.sample` returns a :class:`SampleResult`, and
:meth:`~rnnviz.engine.trainer.Session.substep` (the BPTT stepper) a :class:`GraphFrame` per
sub-step, then the block's :class:`StepSnapshot` after its update.

Sizes: a probe stays under about ``PROBE_BUDGET`` bytes. Per-unit arrays are float16 (three
significant digits are plenty for a heatmap) and hold every hidden unit up to ``MAX_UNITS``;
past that, or when T x layers x (h, c, gates) would exceed the budget, the probe keeps evenly
spaced units instead and ``LayerProbe.units`` says which (the book's ch.6 LSTM, H = 100,
T = 35, keeps all of them in about 90 KB).
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field

import numpy as np

MAX_UNITS = 256          # hidden units per layer kept in a probe, at most
PROBE_BUDGET = 100_000   # bytes a probe aims to stay under
TOP_K = 10        # next-token candidates kept per time step
SATURATION_LOW, SATURATION_HIGH = 0.1, 0.9     # a gate below / above these is saturated (Karpathy et al. 2015)
SATURATION_BINS = 20     # histogram bins of a gate's activations over [0, 1]


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
class GateSaturation:
    """How often each unit of one sigmoid gate of one layer is saturated over a probed block.

    Karpathy, Johnson and Fei-Fei (2015), Fig. 3: per unit, the fraction of time steps below
    ``low`` ("left saturated") against above ``high`` ("right saturated"), read from the probe's
    own (T, U) gate array; ``counts`` is the histogram of that array's T x U activations.
    """

    layer: str                              # "lstm0", ... (the LayerProbe it was read from)
    gate: str                               # "i", "f", "o" (LSTM) or "r", "z" (GRU)
    units: np.ndarray                       # (U,) int64 the hidden units: the LayerProbe's own array
    left: np.ndarray                        # (U,) float32 fraction of time steps below ``low``
    right: np.ndarray                       # (U,) float32 fraction of time steps above ``high``
    counts: np.ndarray                      # (B,) int32 activations per bin of width 1/B over [0, 1]
    low: float = SATURATION_LOW
    high: float = SATURATION_HIGH

    @property
    def edges(self) -> np.ndarray:
        """(B + 1,) float64 the histogram's bin edges, 0 to 1."""
        return np.linspace(0.0, 1.0, len(self.counts) + 1)


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
    # Every sigmoid gate of every layer, layer by layer in the cell's gate order (empty for a
    # plain RNN, which has no gates): read from ``layers`` when the probe is taken.
    saturation: tuple[GateSaturation, ...] = ()
    # The whole next-token distribution, compact (rnnviz.engine.distribution); None in a probe
    # built without it. Ranks are 1-based among all ``vocab_size`` tokens.
    entropy: np.ndarray | None = None       # (T,) float32 nats, -sum p log p over all V
    target_ranks: np.ndarray | None = None  # (T,) int32 rank of the target (1 = the favourite)
    dist_starts: np.ndarray | None = None   # (B,) int32 first rank of each bin, B <= min(V, 256)
    dist_logp: np.ndarray | None = None     # (T, B) float16 log of the mean probability per bin
    vocab_size: int = 0                     # V the ranks run up to (0: no distribution)

    @property
    def nbytes(self) -> int:
        """Bytes held in arrays, to check the ~100 KB budget."""
        arrays = [self.input_ids, self.target_ids, self.top_ids, self.top_probs,
                  self.target_probs, self.step_losses, self.dh_norms]
        for layer in self.layers:
            arrays += [layer.units, layer.hidden, *layer.gates.values()]
            if layer.cell is not None:
                arrays.append(layer.cell)
        # A record's ``units`` is its layer's array, already counted (and pickled once).
        arrays += [a for s in self.saturation for a in (s.left, s.right, s.counts)]
        arrays += [a for a in (self.entropy, self.target_ranks, self.dist_starts, self.dist_logp)
                   if a is not None]
        return int(sum(a.nbytes for a in arrays))


@dataclass(frozen=True)
class StreamMap:
    """Where a truncated-BPTT block lies in the corpus (the book's ``get_batch`` layout).

    Stream ``i`` (batch row ``i``) reads the corpus from ``i * jump + time_idx``, wrapping at
    ``data_size``; each block advances every stream by ``T`` and carries its hidden state on.
    """

    N: int                                  # streams = batch rows
    T: int                                  # tokens per block
    jump: int                               # distance between the streams' starting offsets
    data_size: int                          # tokens the streams walk through before wrapping
    block_start: int                        # time_idx of this block (first token at i*jump + block_start)
    iters_per_epoch: int

    def starts(self, block_start: int | None = None) -> np.ndarray:
        """(N,) int64 corpus offset of each stream's first token in the block at ``block_start``."""
        start = self.block_start if block_start is None else block_start
        return (np.arange(self.N, dtype=np.int64) * self.jump + start) % self.data_size


@dataclass(frozen=True)
class GraphFrame:
    """The network unrolled over one truncated-BPTT block, seen through one batch row.

    Node rows run bottom to top as the book draws them: ``x`` (the input token), ``embed`` or
    ``onehot``, then per recurrent layer ``k`` the cell state ``c{k}`` (LSTM only: the gates
    feed it, and it feeds ``h``) and the hidden state ``h{k}``, then ``scores`` (Time Affine),
    ``probs`` (softmax) and ``loss``. Every (R, T) array is NaN where the pass has not reached
    that node yet in this block.
    """

    iteration: int                          # the step this block is (1-based)
    phase: str                              # "forward" | "backward" | "clipped" | "updated"
    stepping: bool                          # from the BPTT stepper (True) or a whole step's probe
    cursor: tuple[int, int] | None          # (layer, t) of the last recurrent sub-step done, if any
    next_substeps: tuple[str, ...]          # what the stepper can do next: "forward", "backward", "clip", "update"
    cell: str                               # "rnn" | "lstm" | "gru"
    sizes: dict[str, int]                   # the book's letters: N, T, D, H, V and L (layers)
    row: int                                # batch row shown
    input_tokens: tuple[str, ...]           # (T,)
    target_tokens: tuple[str, ...]          # (T,)
    nodes: tuple[str, ...]                  # (R,) node rows, bottom first
    values: np.ndarray                      # (R, T) float32 forward size: RMS of the vector; p(target) for probs; loss_t
    grads: np.ndarray                       # (R, T) float32 ||dL/d node|| for this row
    up_grads: np.ndarray                    # (R, T) float32 gradient norm on the edge to the node above
    right_grads: np.ndarray                 # (R, T) float32 gradient norm on the edge (r, t) -> (r, t+1); NaN at the cut
    carry_in: np.ndarray                    # (R,) float32 RMS of the state carried in (recurrent rows), else NaN
    vectors: dict[str, np.ndarray]          # node -> (T, U) float32 its vector (embed/onehot, h*, c*)
    grad_vectors: dict[str, np.ndarray]     # node -> (T, U) float32 its gradient
    units: dict[str, np.ndarray]            # node -> (U,) int64 which components ``vectors`` keeps
    top_tokens: tuple[tuple[str, ...], ...] # (T, K) likeliest next tokens, best first (empty before forward ends)
    top_probs: np.ndarray                   # (T, K) float32
    top_scores: np.ndarray                  # (T, K) float32 their scores (logits)
    loss: float                             # mean loss of the whole batch (NaN until forward ends)
    grad_norm: float                        # global gradient norm before clipping (NaN until clipped)
    clip: float                             # threshold in force (0 = off)
    clip_scale: float                       # factor the gradients were scaled by (NaN until clipped)
    lr: float                               # learning rate of the update
    update_norms: dict[str, float]          # parameter -> ||delta theta|| of the update (empty until updated)
    stream: StreamMap | None                # where this block lies in the corpus (None: seq2seq)
    # A seq2seq example instead of a block: its first ``encoder_steps`` columns are the encoder's,
    # the rest the decoder's; ``present`` marks the nodes that exist (the head only over the
    # decoder) and ``right_present`` the edges (r, t) -> (r, t+1) (none into the decoder's c_1).
    encoder_steps: int = 0                  # Tq (0: a language model's block)
    decoder: str = ""                       # seq2seq: plain | peeky | attention
    caption: str = ""                       # seq2seq: which example, e.g. "test example 3: 16+75 -> 91"
                                            # (a Text: localize() it to show it)
    present: np.ndarray | None = None       # (R, T) bool, None: every node
    right_present: np.ndarray | None = None # (R, T) bool, None: every recurrent row up to the cut
    # A classifier's text (many-to-one): the head exists only over the last column; ``pool`` says
    # what it reads ("last": h_T, "mean": the mean of h_t) and ``cut`` how many columns the
    # truncated backward pass never reaches (their gradients are NaN).
    pool: str = ""                          # "" unless a classifier's frame
    cut: int = 0

    @property
    def nbytes(self) -> int:
        arrays = [self.values, self.grads, self.up_grads, self.right_grads, self.carry_in,
                  self.top_probs, self.top_scores, *self.vectors.values(), *self.grad_vectors.values()]
        arrays += [a for a in (self.present, self.right_present) if a is not None]
        return int(sum(a.nbytes for a in arrays))


@dataclass(frozen=True)
class StepSnapshot:
    """One step: its stats and, when due, a probe and the unrolled graph of the block."""

    stats: StepStats
    probe: Probe | None = None
    graph: GraphFrame | None = None         # with every probe
    stream: StreamMap | None = None         # where the block just trained lies in the corpus


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
    message: str                            # one paragraph for a dialog, with advice: a Text
                                            # (rnnviz.engine.texts), shown through localize()
    lr: float = math.nan                    # the learning rate in force when it failed
    suggested_lr: float = math.nan          # what the advice suggests (a tenth of lr)
    rewind_to: int | None = None            # the kept step the advice suggests going back to


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
    settings: dict[str, object] = field(default_factory=dict)   # temperature, top_k, greedy, seed, length, stop_at_eos
    stopped_at_eos: bool = False            # asked to stop at <eos>, it did: the last token is <eos>


@dataclass(frozen=True)
class SampleToken:
    """One token of a sample being streamed (:meth:`Session.iter_sample`), before the whole
    :class:`SampleResult` arrives."""

    index: int                              # 0-based position among the generated tokens
    token: str                              # the token; "<eos>" arrives as "<eos>"
    prob: float                             # model probability of this token
    top_tokens: tuple[str, ...]             # (K,) the likeliest alternatives, best first
    top_probs: np.ndarray                   # (K,) float64


@dataclass(frozen=True)
class Seq2seqExample:
    """One test question with the model's greedy answer."""

    question: str                           # as written (padding stripped), never reversed
    answer: str                             # the true answer
    guess: str                              # the model's
    correct: bool                           # exact match


@dataclass(frozen=True)
class AccuracyResult:
    """Exact-match accuracy of a seq2seq model on its test set after ``iteration`` steps."""

    iteration: int
    epoch_fraction: float                   # iteration / iters_per_epoch
    accuracy: float                         # share of answers right in every character
    per_position: np.ndarray                # (Ta - 1,) float64 share right at each answer position
    examples: tuple[Seq2seqExample, ...]    # the first test examples, for a live list
    seconds: float                          # time the evaluation took


@dataclass(frozen=True)
class DecodeTrace:
    """One question decoded greedily, step by step (the seq2seq lab's decoder view)."""

    iteration: int                          # model state it was decoded with
    question: str                           # as typed or stored (padding stripped)
    input_tokens: tuple[str, ...]           # (Tq,) question characters as written, padding included
    reversed_input: bool                    # the encoder read them right to left
    answer: str                             # the true answer when known, else ""
    guess: str                              # the decoded answer (padding stripped)
    tokens: tuple[str, ...]                 # (L,) decoded characters, padding included
    top_tokens: tuple[tuple[str, ...], ...] # (L, K) likeliest characters per step, best first
    top_probs: np.ndarray                   # (L, K) float32
    hidden: np.ndarray                      # (L, H) float32 decoder hidden state after each step
    attention: np.ndarray | None            # (L, Tq) float32 weights over input_tokens (as written), or None


@dataclass(frozen=True)
class ClassifyExample:
    """One validation text with the classifier's verdict."""

    index: int                              # its row in the validation set
    text: str                               # as read (cut for display)
    label: int                              # the true class id
    guess: int                              # the class the model gives it
    prob: float                             # P(positive) with two classes, else P(guess)
    correct: bool


@dataclass(frozen=True)
class ClassifyResult:
    """A classifier's losses and accuracies after ``iteration`` steps (after every epoch)."""

    iteration: int
    epoch_fraction: float                   # iteration / iters_per_epoch
    train_loss: float                       # mean over the batches since the last result (NaN if none)
    train_accuracy: float                   # likewise, of the batches as they were trained
    valid_loss: float                       # the whole validation set, with the current weights
    valid_accuracy: float
    examples: tuple[ClassifyExample, ...]   # the first validation texts, for a live list
    seconds: float                          # time the validation pass took


@dataclass(frozen=True)
class ReviewTrace:
    """One text read by the classifier token by token (the lab's "type a review" view)."""

    iteration: int                          # model state it was read with
    text: str                               # as typed, or the validation example's
    tokens: tuple[str, ...]                 # (n,) the tokens the model read (unknowns as <unk>)
    classes: tuple[str, ...]                # (C,) class names
    probs: np.ndarray                       # (n, C) float32 class probabilities after each token
    hidden: np.ndarray                      # (n, H) float32 the top layer's h_t
    label: int                              # the class the gradient below is taken for
    label_known: bool                       # the text's own label (a validation example), else chosen
    dh_norms: np.ndarray                    # (L, n) float32 ||dL/dh_t|| as training computes it: 0 before the cut
    dh_norms_full: np.ndarray               # (L, n) float32 ||dL/dh_t|| with full BPTT, for comparison
    truncate: int                           # k in force (0: full BPTT)
    pool: str                               # "last" | "mean"

    @property
    def cut(self) -> int:
        """Tokens before the truncation point: the gradient never reaches them (0: none)."""
        n = len(self.tokens)
        return 0 if self.truncate <= 0 or self.truncate >= n else n - self.truncate


Snapshot = (StepSnapshot | EvalResult | Divergence | SampleResult | GraphFrame | ClassifyResult
            | ReviewTrace)
