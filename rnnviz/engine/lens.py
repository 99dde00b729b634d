"""The text lens: what a language model finds surprising in a text, and how far back it looks.

* :func:`read_text` runs the model over a text as **one stream**, the way the book's
  ``eval_perplexity`` runs it with ``batch_size = 1``: windows of ``bptt`` tokens, the state
  carried from one window to the next, dropout off, from a zero state. Token 0 has no context,
  so tokens 1..n-1 are predicted; each gets its surprisal ``-log p(token_t | tokens < t)``
  (nats), the running perplexity up to it and the model's top guesses for it. The windows are
  the very ``model.forward`` calls :func:`~rnnviz.engine.trainer.perplexity` makes with
  ``batch_size = 1``, so the surprisals of the tokens that evaluation counts (the first
  ``(n - 1) // bptt * bptt``) sum to its loss times their number; the lens also reads the last,
  shorter window that evaluation drops. (The Perplexity panel's validation number splits the
  split into 10 rows that each start from a zero state, so it differs a little.)
* :func:`connectivity` is Distill's "connectivity": ``‖∂ log p(token_t) / ∂ x_s‖`` for every
  input position ``s < t``, where ``x_s`` is what the first recurrent layer reads at ``s`` (the
  embedding row, or the one-hot vector). One forward over tokens 0..t-1 and one backward from
  position t-1's log-probability alone, through the whole prefix (no truncation), on a float64
  copy of the model: the model itself is not touched.
* :func:`compare` sets two readings of the same text side by side: which tokens got easier.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .data import CorpusError, Vocab
from .texts import translate

MAX_TOKENS = 2_000          # the lens reads at most this many tokens (the records stay ~100 KB)
TOP_GUESSES = 5             # the model's guesses kept per token
REACH_FRACTION = 0.01       # connectivity's reach: where it stays below 1 % of its largest value


@dataclass(frozen=True)
class LensReading:
    """A model's reading of one text (arrays are copies; token 0 has no prediction: NaN, -1)."""

    serial: int                     # which reading this is (the worker numbers them)
    source: str                     # "valid", "text" or a file's name
    iteration: int                  # the step the model was at
    tokens: tuple[str, ...]         # (n,) as shown: the text's own tokens (an unknown one too)
    ids: np.ndarray                 # (n,) uint16 or int32, what the model read (<unk> for unknowns)
    surprisal: np.ndarray           # (n,) float32, -log p(token_t | tokens < t) in nats
    prob: np.ndarray                # (n,) float32, p(token_t | tokens < t)
    running_perplexity: np.ndarray  # (n,) float32, exp of the mean surprisal of tokens 1..t
    top_ids: np.ndarray             # (n, TOP_GUESSES) uint16 or int32, the likeliest tokens first
    top_probs: np.ndarray           # (n, TOP_GUESSES) float16
    loss: float                     # mean surprisal over tokens 1..n-1 (float64 sums)
    bptt: int                       # the window the state was carried across
    total_tokens: int               # tokens in the source (more than n when it was cut)
    vocab_size: int                 # V: a uniform guess has surprisal ln V
    unknown: int = 0                # tokens read as <unk>
    dropped: int = 0                # unknown tokens left out (the "drop" policy)

    @property
    def perplexity(self) -> float:
        return math.exp(self.loss) if self.loss < 709.0 else math.inf

    @property
    def uniform_surprisal(self) -> float:
        """ln V, the surprisal of a uniform guess: the top of the view's tint."""
        return math.log(self.vocab_size)

    @property
    def predicted(self) -> int:
        """Tokens with a prediction (all but the first)."""
        return len(self.tokens) - 1

    @property
    def truncated(self) -> bool:
        return self.total_tokens > len(self.tokens)


@dataclass(frozen=True)
class LensConnectivity:
    """How much each earlier input moves the log-probability of one token."""

    serial: int                     # the reading it belongs to
    t: int                          # the token whose log-probability is differentiated (>= 1)
    norms: np.ndarray               # (t,) float32, ‖∂ log p(token_t) / ∂ x_s‖ for s = 0..t-1
    reach: int | None               # distance t - s from which every norm is below 1 % of the
                                    # largest; None: not within the t tokens before
    iteration: int

    @property
    def by_distance(self) -> np.ndarray:
        """(t,) the norms at distance d = t - s = 1..t (index d - 1)."""
        return self.norms[::-1]

    @property
    def largest(self) -> float:
        return float(self.norms.max())

    @property
    def threshold(self) -> float:
        """The 1 % line: :data:`REACH_FRACTION` of the largest norm."""
        return REACH_FRACTION * self.largest

    @property
    def relative(self) -> np.ndarray:
        """(t,) float64, each norm over the largest (what the view tints by)."""
        largest = self.largest
        return self.norms / largest if largest > 0 else np.zeros(len(self.norms))


@dataclass(frozen=True)
class LensComparison:
    """This model's reading beside another checkpoint's, token by token."""

    serial: int                     # this model's reading
    label: str                      # the other checkpoint's file name
    other_iteration: int
    other_surprisal: np.ndarray     # (n,) float32
    other_running_perplexity: np.ndarray    # (n,) float32
    delta: np.ndarray               # (n,) float32, this model's surprisal minus the other's
    perplexity: float               # this model's, over tokens 1..n-1
    other_perplexity: float
    easier: int                     # tokens this model finds less surprising
    harder: int                     # more surprising


# --- from text to ids ------------------------------------------------------------------------------

def encode_text(vocab: Vocab, text: str, *, unknown: str = "error",
                max_tokens: int | None = MAX_TOKENS) -> tuple[list[str], np.ndarray, int, int]:
    """Tokenise ``text`` as the vocabulary's corpus was and give (tokens, ids, unknown, dropped).

    Tokens the vocabulary does not hold are read as ``<unk>`` when it has one (counted in
    ``unknown``); otherwise ``unknown="drop"`` leaves them out (counted in ``dropped``) and
    ``"error"`` refuses the text, naming a few.

    Raises
    ------
    CorpusError
        Empty text (fewer than 2 tokens: nothing to predict), unknown tokens under ``"error"``,
        or more than ``max_tokens`` tokens. Each message is one line.
    """
    return encode_tokens(vocab, vocab.tokenize(text), unknown=unknown, max_tokens=max_tokens)


def encode_tokens(vocab: Vocab, tokens: list[str], *, unknown: str = "error",
                  max_tokens: int | None = MAX_TOKENS) -> tuple[list[str], np.ndarray, int, int]:
    """:func:`encode_text` of tokens already split (a file's first tokens)."""
    if unknown not in ("error", "drop"):
        raise ValueError(f"unknown must be 'error' or 'drop', got {unknown!r}")
    tokens = list(tokens)
    missing = [t for t in tokens if t not in vocab]
    dropped = 0
    if missing and vocab.unk_id is None:
        if unknown == "error":
            shown = ", ".join(repr(t) for t in list(dict.fromkeys(missing))[:5])
            raise CorpusError(translate("lens", "the model's vocabulary, which has no <unk>, lacks {count} of the "
                                        "text's tokens ({tokens}): remove them, or choose to skip them")
                              .format(count=f"{len(missing):,}", tokens=shown))
        tokens = [t for t in tokens if t in vocab]
        dropped = len(missing)
    if len(tokens) < 2:
        raise CorpusError(translate("lens", "the text has {count} tokens; the lens needs at least 2 (the "
                                    "first one is only read)").format(count=len(tokens)))
    if max_tokens is not None and len(tokens) > max_tokens:
        raise CorpusError(translate("lens", "the text has {count} tokens; the lens reads at most {limit}: "
                                    "shorten it").format(count=f"{len(tokens):,}", limit=f"{max_tokens:,}"))
    ids = vocab.encode(tokens)
    return tokens, ids, len(missing) - dropped, dropped


def id_array(ids: np.ndarray, vocab_size: int) -> np.ndarray:
    """Ids in the smallest integer type that holds them (uint16 up to 65,536 tokens)."""
    return np.asarray(ids, np.uint16 if vocab_size <= 65_536 else np.int32)


# --- reading ----------------------------------------------------------------------------------------

def read_text(model, vocab: Vocab, ids: np.ndarray, *, tokens: list[str] | None = None, bptt: int = 35,
              serial: int = 0, source: str = "text", iteration: int = 0, total_tokens: int | None = None,
              unknown: int = 0, dropped: int = 0) -> LensReading:
    """Surprisal, running perplexity and top guesses of every token of ``ids``, read as one stream.

    Parameters
    ----------
    model : RNNLM
        Read in evaluation mode; its carried state and train/eval mode are restored afterwards,
        as :func:`~rnnviz.engine.trainer.perplexity` restores them.
    vocab : Vocab
        The model's vocabulary (for ``tokens`` when they are not given).
    ids : numpy.ndarray
        (n,) token ids, n >= 2.
    bptt : int
        Tokens per forward call; the state is carried across, so only round-off depends on it.
    """
    ids = np.asarray(ids, np.int64)
    n = len(ids)
    if n < 2:
        raise CorpusError(translate("lens", "the text has {count} tokens; the lens needs at least 2 (the "
                                    "first one is only read)").format(count=n))
    bptt = max(1, min(int(bptt), n - 1))
    losses = np.full(n, np.nan)                                  # (n,) float64
    top_ids = np.full((n, TOP_GUESSES), -1, np.int64)
    top_probs = np.zeros((n, TOP_GUESSES), np.float64)
    saved, was_training = model.get_state(), model.training
    model.eval()
    model.reset_state()
    try:
        for start in range(0, n - 1, bptt):
            stop = min(start + bptt, n - 1)                      # the last window may be shorter
            xs, ts = ids[None, start:stop], ids[None, start + 1:stop + 1]
            model.forward(xs, ts)
            layer = model.loss_layer
            losses[start + 1:stop + 1] = layer.losses
            probs = layer.probabilities(slice(None))             # (w, V) float64
            k = min(TOP_GUESSES, probs.shape[1])
            best = np.argpartition(-probs, k - 1, axis=1)[:, :k]
            order = np.argsort(-np.take_along_axis(probs, best, axis=1), axis=1, kind="stable")
            best = np.take_along_axis(best, order, axis=1)
            top_ids[start + 1:stop + 1, :k] = best
            top_probs[start + 1:stop + 1, :k] = np.take_along_axis(probs, best, axis=1)
    finally:
        model.set_state(saved)
        if was_training:
            model.train()
    counted = losses[1:]
    running = np.full(n, np.nan)
    with np.errstate(over="ignore"):
        running[1:] = np.exp(np.cumsum(counted) / np.arange(1, n))
    V = len(vocab)
    return LensReading(
        serial=serial, source=source, iteration=iteration,
        tokens=tuple(tokens) if tokens is not None else tuple(vocab.decode(ids)),
        ids=id_array(ids, V), surprisal=losses.astype(np.float32), prob=np.exp(-losses).astype(np.float32),
        running_perplexity=running.astype(np.float32),
        top_ids=np.where(top_ids < 0, 0, top_ids).astype(id_array(ids[:1], V).dtype),
        top_probs=top_probs.astype(np.float16), loss=float(counted.mean()), bptt=bptt,
        total_tokens=n if total_tokens is None else int(total_tokens), vocab_size=V, unknown=unknown, dropped=dropped)


# --- connectivity -------------------------------------------------------------------------------

def frozen_copy(model, dtype: str | None = None):
    """A new model holding ``model``'s weights (in ``dtype``, by default the model's), dropout off.

    The lens keeps one per reading, so a click answers for the weights the text was read with
    while training goes on.
    """
    import dataclasses
    config = model.config if dtype is None else dataclasses.replace(model.config, dtype=dtype)
    twin = type(model)(config)
    for name, p in model.params.items():
        twin.params[name][...] = p                              # in place: a tied view stays a view
    return twin.eval()


def log_prob_gradient(model, ids: np.ndarray, t: int) -> tuple[float, np.ndarray]:
    """log p(ids[t] | ids[:t]) and its gradient with respect to the inputs x_0..x_{t-1}, (t, D).

    ``model`` must be in evaluation mode (dropout off); its carried state and gradients are
    overwritten, so pass a copy (:func:`frozen_copy`). The decoder and the softmax act at the last
    position only, so a long text over a large vocabulary costs one row of scores, not t.
    """
    ids = np.asarray(ids, np.int64)
    if not 1 <= t < len(ids):
        raise ValueError(translate("lens", "position {t} has no prediction to explain: choose one of "
                                   "1..{last}").format(t=t, last=len(ids) - 1))
    x = model.embed.forward(ids[None, :t])                       # (1, t, D)
    h = x
    for rnn in model.rnns:
        rnn.reset_state()
        h = rnn.forward(h)                                       # (1, t, H)
    scores = model.decoder.forward(h[:, -1:].copy()).astype(np.float64)[0, 0]     # (V,)
    shifted = scores - scores.max()
    log_softmax = shifted - np.log(np.exp(shifted).sum())
    target = int(ids[t])
    d_scores = -np.exp(log_softmax)                              # d log p_target / d scores
    d_scores[target] += 1.0
    dh_last = model.decoder.backward(d_scores[None, None, :].astype(h.dtype))    # (1, 1, H)
    dh = np.zeros(h.shape, h.dtype)
    dh[:, -1] = dh_last[:, 0]
    for rnn in reversed(model.rnns):
        dh = rnn.backward(dh)                                    # (1, t, D) below the first layer
    return float(log_softmax[target]), np.array(dh[0])


def reach(norms: np.ndarray, fraction: float = REACH_FRACTION) -> int | None:
    """The distance ``d = t - s`` from which every norm (s = 0..t-1) is below ``fraction`` of
    the largest; None when even the first token is above it (the reach is the whole prefix)."""
    norms = np.asarray(norms, np.float64)
    above = np.flatnonzero(norms >= fraction * norms.max()) if norms.size and norms.max() > 0 else []
    if len(above) == 0:
        return 1
    farthest = len(norms) - int(above[0])                         # the farthest distance still above
    return None if farthest == len(norms) else farthest + 1


def connectivity(model, ids: np.ndarray, t: int, *, serial: int = 0, iteration: int = 0,
                 dtype: str = "float64") -> LensConnectivity:
    """‖∂ log p(token_t) / ∂ x_s‖ for s = 0..t-1, on a ``dtype`` copy of ``model`` (not touched).

    Parameters
    ----------
    model : RNNLM
    ids : numpy.ndarray
        (n,) the text's ids; only ``ids[:t + 1]`` matter.
    t : int
        The token explained, 1 <= t < n (token 0 is never predicted).
    """
    twin = frozen_copy(model, dtype)
    _, grad = log_prob_gradient(twin, ids, t)
    norms = np.sqrt(np.einsum("sd,sd->s", grad, grad))
    return LensConnectivity(serial=serial, t=int(t), norms=norms.astype(np.float32), reach=reach(norms),
                            iteration=iteration)


# --- two checkpoints ----------------------------------------------------------------------------

def compare(reading: LensReading, other: LensReading, *, label: str = "", other_iteration: int = 0) -> LensComparison:
    """``reading`` (this model) against ``other`` (another checkpoint) on the same tokens.

    Raises
    ------
    ValueError
        If the two readings are of different texts.
    """
    if not np.array_equal(reading.ids, other.ids):
        raise ValueError(translate("lens", "the two readings are of different texts"))
    delta = reading.surprisal.astype(np.float64) - other.surprisal
    counted = delta[1:]
    return LensComparison(
        serial=reading.serial, label=label, other_iteration=other_iteration,
        other_surprisal=other.surprisal.copy(), other_running_perplexity=other.running_perplexity.copy(),
        delta=delta.astype(np.float32),
        perplexity=reading.perplexity, other_perplexity=other.perplexity,
        easier=int(np.sum(counted < 0)), harder=int(np.sum(counted > 0)))
