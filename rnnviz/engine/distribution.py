"""The whole next-token distribution of a probed row, small enough to travel with every probe.

The next-token view's top-10 bars hide how the rest of the vocabulary's probability is spread.
Sending every probability is out of the question (word-level PTB: V = 10,000 floats per time
step, 350,000 per probe, against a probe budget of about 100 KB), so a probe carries, per time
step, what a reader of the whole distribution needs:

* the entropy ``H = -sum p log p`` in nats, exact (``exp(H)`` is the number of equally likely
  tokens that would be as uncertain: the distribution's perplexity);
* the target's rank among all V tokens, exact (1 = the model's favourite);
* the probabilities sorted from the largest, as the mean over bins of ranks: every rank on its
  own while V fits, else the first ranks on their own and the rest in bins whose edges are
  spaced evenly on a log scale, which is how a rank plot (log rank against log p) reads them.
  A bin's mean times its width is the probability mass it holds, so the bins sum to 1.

The bins' log-probabilities are float16 (about 2.4 KB a probe, whatever V): for a probability p
that is a relative error of about 5e-4 * |log p|, far below a pixel on a log axis, and, unlike
float16 probabilities, it does not flush the tail (p < 6e-8) to zero.
"""
from __future__ import annotations

import numpy as np

DIST_BUDGET = 2_400     # bytes a probe spends on its sorted distributions (float16 per bin and step)
MAX_BINS = 256          # bins per time step, at most (exact ranks for V up to this)
EXACT_RANKS = 10        # ranks that keep a bin of their own before the log-spaced bins start


def rank_bins(V: int, T: int) -> np.ndarray:
    """First rank (1-based) of each bin of a probe with ``T`` time steps over ``V`` tokens.

    Bin ``i`` holds ranks ``starts[i]`` to ``starts[i + 1] - 1`` (the last one up to V). Every
    rank is its own bin when V fits the budget; otherwise the first :data:`EXACT_RANKS` are,
    and the rest share bins with log-spaced edges.

    Returns
    -------
    numpy.ndarray
        (B,) int32, strictly increasing, starting at 1, B <= min(V, MAX_BINS).
    """
    B = max(EXACT_RANKS + 4, min(MAX_BINS, DIST_BUDGET // (2 * max(T, 1))))
    if V <= B:
        return np.arange(1, V + 1, dtype=np.int32)
    exact = min(EXACT_RANKS, B // 2)
    # np.unique drops edges that round to the same rank, so a few bins may go unused.
    edges = np.unique(np.geomspace(exact + 1, V + 1, B - exact + 1).round().astype(np.int64))
    return np.concatenate([np.arange(1, exact + 1), edges[:-1]]).astype(np.int32)


def entropy(P: np.ndarray) -> np.ndarray:
    """Entropy in nats of each row of ``P`` (T, V), probabilities that sum to 1.

    Returns (T,) float64; a zero probability adds nothing (the limit of p log p).
    """
    P = np.asarray(P, np.float64)
    with np.errstate(divide="ignore"):
        logs = np.where(P > 0, np.log(P), 0.0)
    return -np.einsum("tv,tv->t", P, logs)


def target_ranks(P: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """1-based rank of each target among all V tokens: 1 + how many have a larger probability.

    Ties favour the target (a token as likely as the target does not push it down).
    Returns (T,) int32.
    """
    p_target = np.take_along_axis(P, np.asarray(targets, np.int64)[:, None], axis=1)     # (T, 1)
    return (1 + np.count_nonzero(P > p_target, axis=1)).astype(np.int32)


def binned_sorted(P: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Natural log of the mean probability in each rank bin, ranks sorted from the largest.

    Parameters
    ----------
    P : numpy.ndarray
        (T, V) probabilities, each row summing to 1.
    starts : numpy.ndarray
        (B,) first rank (1-based) of each bin, from :func:`rank_bins`.

    Returns
    -------
    numpy.ndarray
        (T, B) float16; -inf for a bin whose probabilities all underflowed to 0.
    """
    V = P.shape[1]
    ranked = -np.sort(-np.asarray(P, np.float64), axis=1)                    # (T, V) largest first
    sums = np.add.reduceat(ranked, starts.astype(np.int64) - 1, axis=1)      # (T, B) mass per bin
    widths = np.diff(np.append(starts.astype(np.int64), V + 1))              # (B,) ranks per bin
    with np.errstate(divide="ignore"):
        return np.log(sums / widths).astype(np.float16)


def distribution_fields(P: np.ndarray, targets: np.ndarray) -> dict:
    """The distribution fields of a :class:`~rnnviz.engine.snapshots.Probe` for probabilities ``P``.

    Parameters
    ----------
    P : numpy.ndarray
        (T, V) the model's softmax at each time step of the probed row.
    targets : numpy.ndarray
        (T,) the ids that really came next.
    """
    T, V = P.shape
    starts = rank_bins(V, T)
    return dict(entropy=entropy(P).astype(np.float32), target_ranks=target_ranks(P, targets),
                dist_starts=starts, dist_logp=binned_sorted(P, starts), vocab_size=int(V))


def entropy_units(nats: float) -> tuple[float, float, float]:
    """An entropy in nats as the view states it: nats, bits, and exp(H), the number of equally
    likely tokens that would be as uncertain (the step's perplexity, were the target random)."""
    return nats, nats / np.log(2.0), float(np.exp(nats))


def bin_probabilities(dist_starts: np.ndarray, dist_logp: np.ndarray, vocab_size: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A probe's bins of one time step as drawn: first rank, last rank and mean probability.

    ``dist_logp`` is one row (B,) of a probe's ``dist_logp``. Returns three (B,) float64
    arrays; ``mean * (last - first + 1)`` is each bin's probability mass.
    """
    first = np.asarray(dist_starts, np.float64)
    last = np.append(first[1:] - 1, vocab_size)
    return first, last, np.exp(np.asarray(dist_logp, np.float64))
