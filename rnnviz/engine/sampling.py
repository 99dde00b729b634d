"""Text generation from a language model: greedy, temperature and top-k sampling.

The book's ch. 7 ``RnnlmGen.generate`` and d2l's ``predict_ch8`` in one function::

    prefix ids (P,) -> predict (1, P) once (warm-up) -> p = softmax(scores[-1])
        -> choose id -> predict (1, 1) -> p -> choose id -> ...

:func:`iter_generate` yields one token at a time so a caller (the GUI) can stream tokens and
stop between them; :func:`generate` collects the whole run into a :class:`Sample`.

Generation borrows the model: it saves the carried hidden state and the train/eval mode, runs
in eval mode (so dropout draws no random numbers) from a fresh state, and restores both at the
end, on an early stop and on an error. Training that resumes afterwards is bit-identical to
training that never sampled. The layers' forward caches are overwritten, though: read any
probe of the last training step *before* sampling.

Run ``python -m rnnviz.engine.sampling`` to time sampling on a random word-level model.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from .data import EOS, Vocab
from .models import RNNLM
from .texts import translate

MAX_LENGTH = 100_000    # tokens per call; keeps a typo (1e9) from hanging the worker
TOP_SHOWN = 5           # K of Sample.top_ids: the alternatives a view lists beside each token

# (id, token, probability at temperature 1, top ids (K,), top probabilities (K,))
Step = tuple[int, str, float, np.ndarray, np.ndarray]
OnToken = Callable[[int, str, float], "bool | None"]


@dataclass(frozen=True)
class Sample:
    """One generated text, with the model's probabilities at every step.

    All probabilities are the model's own (temperature 1, before ``top_k`` and ``skip_ids``),
    so a view shows how sure the model was, not how the sampler was tuned.
    """

    prefix_ids: np.ndarray          # (P,) int64 ids of the typed prefix (P = 0 for an empty one)
    ids: np.ndarray                 # (L,) int64 generated ids, prefix excluded
    tokens: tuple[str, ...]         # (L,) generated tokens
    probs: np.ndarray               # (L,) float64 p[chosen id] at each step
    top_ids: np.ndarray             # (L, K) int64 the K most likely ids per step, best first
    top_probs: np.ndarray           # (L, K) float64 their probabilities
    text: str                       # prefix + generated tokens, as render_text shows them
    stopped_at_eos: bool            # the last token is <eos> and stop_at_eos ended the run


def render_text(vocab: Vocab, tokens: Sequence[str]) -> str:
    """Tokens as display text: ``<eos>`` becomes a line break.

    Characters are concatenated (:meth:`Vocab.join`). Words are joined with single spaces
    within a line and no space on either side of a line break, so
    ``["the", "cat", "<eos>", "a"]`` reads ``"the cat\\na"``.
    """
    if vocab.level == "char":
        return "".join("\n" if token == EOS else token for token in tokens)
    lines: list[list[str]] = [[]]
    for token in tokens:
        if token == EOS:
            lines.append([])
        else:
            lines[-1].append(token)
    return "\n".join(" ".join(line) for line in lines)


def generate(model: RNNLM, vocab: Vocab, prefix: str | Sequence[int], length: int, *,
             temperature: float = 1.0, top_k: int = 0, greedy: bool = False,
             seed: int | np.random.Generator | None = None, skip_ids: Iterable[int] = (),
             stop_at_eos: bool = True, on_token: OnToken | None = None) -> Sample:
    """Continue ``prefix`` by up to ``length`` tokens.

    Parameters
    ----------
    model : RNNLM
        The language model; its carried state and train/eval mode are restored afterwards.
    vocab : Vocab
        The model's vocabulary (``len(vocab) == model.config.vocab_size``).
    prefix : str or sequence of int
        Text, tokenised with ``vocab.tokenize``, or token ids used as given. Unknown tokens
        become ``<unk>`` when the vocabulary has it. An empty prefix starts a new sentence
        from ``<eos>`` and needs a vocabulary that has one.
    length : int
        Tokens to generate, 0 to 100,000.
    temperature : float
        Scores are divided by it before the softmax that is sampled from: below 1 sharpens,
        above 1 flattens. Must be > 0; ignored when ``greedy``.
    top_k : int
        Sample only among the ``top_k`` most likely allowed tokens (0: all of them).
    greedy : bool
        Take the most likely allowed token at every step (deterministic; draws no random numbers).
    seed : int, numpy.random.Generator or None
        Randomness for sampling: the same seed gives the same text. A Generator is used (and
        advanced) as given.
    skip_ids : iterable of int
        Ids never to generate (``<unk>``, say); their probability is shared among the rest.
    stop_at_eos : bool
        End the run after emitting ``<eos>``, if the vocabulary has it.
    on_token : callable, optional
        Called as ``on_token(id, token, prob)`` after each token; returning True stops the run
        after that token.

    Returns
    -------
    Sample

    Raises
    ------
    ValueError
        For any argument that cannot be used, with a message naming it.

    Examples
    --------
    >>> sample = generate(model, vocab, "the ", 50, temperature=0.8, seed=0)  # doctest: +SKIP
    >>> print(sample.text)                                                    # doctest: +SKIP
    """
    plan = _plan(model, vocab, prefix, length, temperature, top_k, greedy, seed, skip_ids)
    steps = list(_steps(model, vocab, plan, stop_at_eos, on_token))
    L, K = len(steps), plan.K
    ids = np.fromiter((s[0] for s in steps), dtype=np.int64, count=L)
    tokens = tuple(s[1] for s in steps)
    probs = np.fromiter((s[2] for s in steps), dtype=np.float64, count=L)
    top_ids = np.array([s[3] for s in steps], dtype=np.int64).reshape(L, K)
    top_probs = np.array([s[4] for s in steps], dtype=np.float64).reshape(L, K)
    eos = vocab.eos_id
    stopped = bool(stop_at_eos and eos is not None and L > 0 and ids[-1] == eos)
    text = render_text(vocab, vocab.decode(plan.prefix_ids) + list(tokens))
    return Sample(plan.prefix_ids, ids, tokens, probs, top_ids, top_probs, text, stopped)


def iter_generate(model: RNNLM, vocab: Vocab, prefix: str | Sequence[int], length: int, *,
                  temperature: float = 1.0, top_k: int = 0, greedy: bool = False,
                  seed: int | np.random.Generator | None = None, skip_ids: Iterable[int] = (),
                  stop_at_eos: bool = True, on_token: OnToken | None = None) -> Iterator[Step]:
    """Generate one token per ``next()``: yields ``(id, token, prob, top_ids, top_probs)``.

    Same arguments and meaning as :func:`generate` (``on_token`` is called before each
    token is yielded). Arguments are checked at once, when this is called; the model is
    touched only from the first ``next()``. Until the iterator is exhausted or closed, the
    model is borrowed (eval mode, sampling state), so do not train while one is suspended.
    To stop between tokens call its ``.close()``, which restores the model; breaking out of a
    ``for`` loop does not close it, so wrap it in ``contextlib.closing``.

    Yields
    ------
    id : int
    token : str
    prob : float
        The model's probability of this token (temperature 1, before top-k and skip_ids).
    top_ids : numpy.ndarray
        (K,) int64, K = min(5, V): the most likely ids, best first.
    top_probs : numpy.ndarray
        (K,) float64 their probabilities.
    """
    plan = _plan(model, vocab, prefix, length, temperature, top_k, greedy, seed, skip_ids)
    return _steps(model, vocab, plan, stop_at_eos, on_token)


# --- checking the arguments ------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    """Checked arguments of one run."""

    prefix_ids: np.ndarray          # (P,) as typed
    warmup_ids: np.ndarray          # (P,) or [<eos>] for an empty prefix
    length: int
    temperature: float
    top_k: int                      # 0 when it would keep every allowed token
    greedy: bool
    rng: np.random.Generator | None
    skip: np.ndarray                # sorted unique ids never to choose
    K: int


def _plan(model: RNNLM, vocab: Vocab, prefix, length, temperature, top_k, greedy, seed,
          skip_ids) -> _Plan:
    V = model.config.vocab_size
    if len(vocab) != V:
        raise ValueError(translate("sampling", "the vocabulary has {count} tokens but the model was built for "
                                   "{size}").format(count=len(vocab), size=V))
    if not _is_int(length) or not 0 <= length <= MAX_LENGTH:
        raise ValueError(translate("sampling", "length must be an integer from 0 to {most}, got {value}")
                         .format(most=f"{MAX_LENGTH:,}", value=repr(length)))
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)) \
            or not (math.isfinite(temperature) and temperature > 0):
        raise ValueError(translate("sampling", "temperature must be a positive finite number, got {value}")
                         .format(value=repr(temperature)))
    if not _is_int(top_k) or top_k < 0:
        raise ValueError(translate("sampling", "top_k must be a non-negative integer (0 keeps every token), got "
                                   "{value}").format(value=repr(top_k)))

    prefix_ids = _prefix_ids(vocab, prefix)
    if len(prefix_ids) == 0:
        if vocab.eos_id is None:
            raise ValueError(translate("sampling", "give a prefix of at least one token (this vocabulary has no "
                                       "<eos> to start a new sentence from)"))
        # An empty prefix means "a new sentence", and <eos> is what ends the previous one.
        warmup_ids = np.array([vocab.eos_id], dtype=np.int64)
    else:
        warmup_ids = prefix_ids

    skip = _ids_array(skip_ids, V, "skip_ids")
    skip = np.unique(skip)
    allowed = V - len(skip)
    if allowed == 0:
        raise ValueError(translate("sampling", "skip_ids removes all {count} tokens; nothing is left to generate")
                         .format(count=V))

    rng = None
    if not greedy:
        if isinstance(seed, np.random.Generator):
            rng = seed
        else:
            if seed is not None and not _is_int(seed):
                raise ValueError(translate("sampling", "seed must be an integer, a numpy Generator or None, got "
                                           "{value}").format(value=repr(seed)))
            try:
                rng = np.random.default_rng(seed)
            except (TypeError, ValueError) as exc:
                raise ValueError(translate("sampling", "seed {value} cannot seed a random generator: {error}")
                                 .format(value=repr(seed), error=str(exc))) from None

    return _Plan(prefix_ids=prefix_ids, warmup_ids=warmup_ids, length=int(length),
                 temperature=float(temperature), top_k=int(top_k) if top_k < allowed else 0,
                 greedy=bool(greedy), rng=rng, skip=skip, K=min(TOP_SHOWN, V))


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _prefix_ids(vocab: Vocab, prefix) -> np.ndarray:
    if isinstance(prefix, str):
        tokens = vocab.tokenize(prefix)
        if vocab.unk_id is None:
            unknown = [t for t in dict.fromkeys(tokens) if t not in vocab]
            if unknown:
                shown = ", ".join(repr(t) for t in unknown[:10])
                if len(unknown) > 10:
                    shown = translate("sampling", "{tokens} and {count} more").format(tokens=shown,
                                                                                     count=len(unknown) - 10)
                raise ValueError(translate("sampling", "the prefix has {count} token(s) not in the vocabulary, "
                                           "which has no <unk>: {tokens}").format(count=len(unknown), tokens=shown))
        return vocab.encode(tokens)
    if isinstance(prefix, (bytes, bytearray)):
        raise ValueError(translate("sampling", "prefix must be text (str) or a sequence of token ids, not bytes"))
    return _ids_array(prefix, len(vocab), "prefix")


def _ids_array(values, V: int, name: str) -> np.ndarray:
    """Token ids as a (n,) int64 array, each in [0, V), or a ValueError naming ``name``."""
    try:
        items = list(values)
    except TypeError:
        raise ValueError(translate("sampling", "{name} must be a sequence of token ids, got {type}")
                         .format(name=name, type=type(values).__name__)) from None
    bad = [v for v in items if not _is_int(v)]
    if bad:
        raise ValueError(translate("sampling", "{name} must hold integer token ids, got {value}")
                         .format(name=name, value=repr(bad[0])))
    ids = np.array(items, dtype=np.int64)
    out = ids[(ids < 0) | (ids >= V)]
    if out.size:
        raise ValueError(translate("sampling", "{name} has id {id}, out of range for a vocabulary of {size} "
                                   "(0..{last})").format(name=name, id=int(out[0]), size=V, last=V - 1))
    return ids


# --- the loop --------------------------------------------------------------------------------

class _Chooser:
    """Per-step distribution and choice, in three reused (V,) float64 buffers."""

    def __init__(self, V: int, plan: _Plan):
        self.V, self.plan = V, plan
        self.p = np.empty(V, np.float64)    # softmax(scores), the model's distribution
        self.q = np.empty(V, np.float64)    # the sampler's weights, then their running sum
        self.work = np.empty(V, np.float64) # scratch that _largest may overwrite

    def distribution(self, scores: np.ndarray) -> np.ndarray:
        """p = softmax(scores) in float64, whatever the model's dtype."""
        p = self.p
        np.copyto(p, scores)
        top = p.max()
        # NaN propagates through max and +inf is the max, so one test covers a diverged model.
        if not math.isfinite(top):
            raise ValueError(translate("sampling", "the model's scores are not finite (NaN or inf): training has "
                                       "diverged; lower the learning rate or reset the model"))
        p -= top
        np.exp(p, out=p)
        p /= p.sum()
        return p

    def top(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The K most likely ids, best first (ties: lower id first), and their probabilities."""
        np.copyto(self.work, p)
        best = _largest(self.work, self.plan.K)
        return best, p[best]

    def choose(self, scores: np.ndarray, p: np.ndarray) -> int:
        plan, q = self.plan, self.q
        if plan.greedy:
            if not plan.skip.size:
                return int(np.argmax(p))
            np.copyto(q, p)
            q[plan.skip] = -1.0
            return int(np.argmax(q))
        if plan.temperature == 1.0 and not plan.skip.size and not plan.top_k:
            # Plain sampling: p already holds the weights (and its max is > 0).
            np.cumsum(p, out=q)
            return _draw(q, plan.rng)
        np.copyto(q, scores)
        if plan.skip.size:
            q[plan.skip] = -np.inf
        # Shift by the max of the *allowed* scores before dividing by the temperature, so the
        # best allowed token has weight exp(0) = 1 and a tiny temperature cannot underflow
        # every weight to zero; dividing (not multiplying by 1/T) keeps 0 / T = 0.
        q -= q.max()
        if plan.temperature != 1.0:
            with np.errstate(over="ignore"):       # -big / tiny T -> -inf, i.e. weight 0
                q /= plan.temperature
        if plan.top_k:
            # Only k weights matter: exponentiate and sum those, not all V.
            np.copyto(self.work, q)
            kept = _largest(self.work, plan.top_k)
            return int(kept[_draw(np.cumsum(np.exp(q[kept])), plan.rng)])
        np.exp(q, out=q)
        np.cumsum(q, out=q)
        return _draw(q, plan.rng)


def _draw(cum: np.ndarray, rng: np.random.Generator) -> int:
    """Inverse-CDF draw: index i with probability (cum[i] - cum[i-1]) / cum[-1].

    side="right" never lands on a zero-weight index, and scaling u by the total instead of
    normalising the weights avoids their round-off; ``cum`` need not sum to 1.
    """
    u = rng.random() * cum[-1]
    i = int(np.searchsorted(cum, u, side="right"))
    if i >= len(cum):
        # u rounded up to the total: take the last index that has any weight.
        i = int(np.flatnonzero(np.diff(cum, prepend=0.0) > 0.0)[-1])
    return i


def _largest(x: np.ndarray, k: int) -> np.ndarray:
    """Indices (k,) int64 of the k largest entries of ``x``, which is overwritten.

    For small k, k passes of argmax (best first, ties to the lower index) beat a partition
    of all V entries (about 2 us each against 80 us at V = 10,000); larger k partition, and
    their order is unspecified.
    """
    V = len(x)
    if k > 8:
        return np.argpartition(x, V - k)[V - k:].astype(np.int64)
    best = np.empty(k, np.int64)
    for j in range(k):
        i = int(np.argmax(x))
        best[j] = i
        x[i] = -np.inf
    return best


def _steps(model: RNNLM, vocab: Vocab, plan: _Plan, stop_at_eos: bool,
           on_token: OnToken | None) -> Iterator[Step]:
    if plan.length == 0:
        return
    V = model.config.vocab_size
    chooser = _Chooser(V, plan)
    stop_id = vocab.eos_id if stop_at_eos else None
    tokens = vocab.tokens
    saved_state, was_training = model.get_state(), model.training
    model.eval()
    model.reset_state()
    try:
        scores = model.predict(plan.warmup_ids[None, :])[0, -1]            # (V,)
        for step in range(plan.length):
            p = chooser.distribution(scores)
            idx = chooser.choose(scores, p)
            prob = float(p[idx])
            top_ids, top_probs = chooser.top(p)
            token = tokens[idx]
            stop = bool(on_token(idx, token, prob)) if on_token is not None else False
            yield idx, token, prob, top_ids, top_probs
            if stop or idx == stop_id or step + 1 == plan.length:
                break
            scores = model.predict(np.array([[idx]], dtype=np.int64))[0, -1]   # (V,)
    finally:
        # Hand the model back as training left it: its carried state and its mode.
        model.set_state(saved_state)
        if was_training:
            model.train()


# --- timing ----------------------------------------------------------------------------------

def _benchmark(V: int = 10_000, H: int = 100, length: int = 5_000) -> None:
    """Print tokens/s for a random-weight word-level LSTM (the PTB-sized case)."""
    import time

    from .config import ModelConfig

    model = RNNLM(ModelConfig(vocab_size=V, embed_size=H, hidden_size=H, cell="lstm"))
    rng = np.random.default_rng(0)
    for p in model.params.values():
        p[...] = rng.normal(0.0, 0.3, p.shape)
    vocab = Vocab(tuple(f"w{i}" for i in range(V)), "word")
    runs = (("sample", {"seed": 0}),
            ("top_k=40 T=0.8", {"seed": 0, "top_k": 40, "temperature": 0.8}),
            ("greedy", {"greedy": True}))
    for label, kwargs in runs:
        start = time.perf_counter()
        sample = generate(model, vocab, "w1 w2 w3", length, stop_at_eos=False, **kwargs)
        seconds = time.perf_counter() - start
        print(f"{label:>15}: {len(sample.ids) / seconds:8.0f} tokens/s "
              f"(V={V}, H={H}, {model.config.dtype}, {len(sample.ids)} tokens)")


if __name__ == "__main__":
    _benchmark()
