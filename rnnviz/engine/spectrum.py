"""DLFS2 ch.6's first claim, measured: gradients through time vanish or explode with the scale of W_h.

Going back one step multiplies dL/dh by ``W_h^T`` (and by the tanh's or the gates' local
derivatives), so after t steps by roughly ``(W_h^T)^t``: the largest singular value of W_h above
or below 1 decides between explosion and vanishing. This module gives

* :func:`spectra`: the singular values and eigenvalues of every recurrent W_h of a model, one
  (H, H) block per gate (an LSTM has four, a GRU three, an RNN one);
* :func:`book_gradient_norms`: the book's own experiment, ``ch06/rnn_gradient_graph.py``,
  exactly: ``dh = dh · W_h^T`` repeated T = 20 times from ``dh = ones((2, 3))`` with
  ``W_h = randn(3, 3)`` after ``np.random.seed(3)`` (times 1: it explodes, times 0.5: it
  vanishes), ``‖dh‖ / N`` after each step;
* :func:`gradient_through_time`: the same question asked of a real model: every recurrent W_h
  multiplied by ``scale``, one whole-window forward and backward on a batch, ‖∂L/∂h_t‖ for each
  t. It works on a copy: the model, its carried state and its gradients are not touched.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cells import cell_type


@dataclass(frozen=True)
class BlockSpectrum:
    """The spectrum of one (H, H) block of a recurrent layer's W_h."""

    layer: str                      # "rnn0", "lstm1", ...
    gate: str                       # "" for a plain RNN; i, f, o, g (LSTM) or r, z, n (GRU)
    singular: np.ndarray            # (H,) float64, largest first
    eigen: np.ndarray               # (H,) complex128, by decreasing modulus

    @property
    def largest(self) -> float:
        """σ_max: the most one step back can stretch dL/dh (ignoring the nonlinearity)."""
        return float(self.singular[0])

    @property
    def radius(self) -> float:
        """The spectral radius max |λ|: the growth rate of many steps back."""
        return float(np.abs(self.eigen[0]))


def spectra(model) -> tuple[BlockSpectrum, ...]:
    """Every recurrent W_h block of ``model`` (an RNNLM or a Classifier: ``rnns``, ``config.cell``).

    Computed in float64 whatever the model's dtype; a block is (H, H), so this costs O(H^3) per
    gate (about 1 ms at H = 100).
    """
    kind = cell_type(model.config.cell)
    out = []
    for k, rnn in enumerate(model.rnns):
        Wh = np.asarray(rnn.params["Wh"], np.float64)                   # (H, G*H)
        H = Wh.shape[0]
        for gate in kind.gates or ("",):
            block = Wh[:, kind.gate_columns(gate, H)] if gate else Wh  # (H, H)
            eigen = np.linalg.eigvals(block)
            eigen = eigen[np.argsort(-np.abs(eigen), kind="stable")]
            out.append(BlockSpectrum(f"{model.config.cell}{k}", gate, np.linalg.svd(block, compute_uv=False),
                                     eigen.astype(np.complex128)))
    return tuple(out)


def book_gradient_norms(scale: float = 1.0, *, T: int = 20, N: int = 2, H: int = 3, seed: int = 3) -> np.ndarray:
    """``ch06/rnn_gradient_graph.py`` of DLFS2: ‖dh‖ / N after each of T steps back, (T,) float64.

    The book's script draws ``Wh = np.random.randn(H, H)`` right after ``np.random.seed(3)``
    and multiplies it by 0.5 for its second figure; ``scale`` is that factor (1: the first
    figure, exploding; 0.5: the second, vanishing). A ``RandomState`` seeded alike draws the
    same numbers without touching NumPy's global state.
    """
    Wh = np.random.RandomState(seed).randn(H, H) * scale
    dh = np.ones((N, H))
    norms = np.empty(T)
    for t in range(T):
        dh = dh @ Wh.T
        norms[t] = np.sqrt(np.sum(dh ** 2)) / N
    return norms


def scaled_copy(model, scale: float):
    """A new model of the same kind and config holding ``model``'s weights, every recurrent W_h
    times ``scale``; dropout off, truncation off."""
    twin = type(model)(model.config)
    for name, p in model.params.items():
        twin.params[name][...] = p                                      # in place: views stay views
    for k, rnn in enumerate(twin.rnns):
        rnn.params["Wh"] *= scale
    if hasattr(twin, "eval"):
        twin.eval()
    if hasattr(twin, "truncate"):
        twin.truncate = 0
    return twin


def gradient_through_time(model, xs: np.ndarray, ts: np.ndarray, scale: float = 1.0) -> np.ndarray:
    """‖∂L/∂h_t‖ over the batch for t = 0..T-1, per recurrent layer, with every W_h times ``scale``.

    Parameters
    ----------
    model : RNNLM or Classifier
        Not changed: the pass runs on :func:`scaled_copy`, from a zero state.
    xs, ts : numpy.ndarray
        A batch: ids (N, T) and targets (N, T) for a language model, labels (N,) for a classifier.
    scale : float
        The factor s applied to W_h.

    Returns
    -------
    numpy.ndarray
        (L, T) float64. ``[:, 0] / [:, -1]`` is how much the gradient grew (> 1) or shrank
        (< 1) on its way back through the window.
    """
    twin = scaled_copy(model, scale)
    with np.errstate(all="ignore"):           # an exploding scale shows its inf as it is
        if hasattr(twin, "reset_state"):
            twin.reset_state()
        twin.forward(xs, ts)
        twin.backward()
        if hasattr(twin, "dh_norms"):         # a classifier: zero before a cut (none here)
            return np.asarray(twin.dh_norms(), np.float64)
        return np.array([rnn.dh_norms for rnn in twin.rnns], np.float64)
