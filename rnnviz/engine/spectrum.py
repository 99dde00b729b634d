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
  t. It works on a copy: the model, its carried state and its gradients are not touched;
* :class:`SpectrumReport` (:func:`model_report`, :func:`book_report`): all of that at one scale
  s, on a fixed batch, with the growth over a sweep of scales, for the GUI's W_h spectrum view.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cells import cell_type
from .layers import IGNORE


@dataclass(frozen=True)
class BlockSpectrum:
    """The spectrum of one (H, H) block of a recurrent layer's W_h."""

    layer: str                      # "rnn0", "lstm1", ...
    gate: str                       # "" for a plain RNN; i, f, o, g (LSTM) or r, z, n (GRU)
    singular: np.ndarray            # (H,) float64, largest first (float32 in a report, H > 256)
    eigen: np.ndarray               # (H,) complex128, by decreasing modulus (complex64 likewise)

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
            out.append(block_spectrum(f"{model.config.cell}{k}", gate, block))
    return tuple(out)


def book_gradient_norms(scale: float = 1.0, *, T: int = 20, N: int = 2, H: int = 3, seed: int = 3) -> np.ndarray:
    """``ch06/rnn_gradient_graph.py`` of DLFS2: ‖dh‖ / N after each of T steps back, (T,) float64.

    The book's script draws ``Wh = np.random.randn(H, H)`` right after ``np.random.seed(3)``
    and multiplies it by 0.5 for its second figure; ``scale`` is that factor (1: the first
    figure, exploding; 0.5: the second, vanishing). A ``RandomState`` seeded alike draws the
    same numbers without touching NumPy's global state.
    """
    Wh = book_wh(scale, H=H, seed=seed)
    dh = np.ones((N, H))
    norms = np.empty(T)
    with np.errstate(over="ignore", invalid="ignore"):  # a scale far past the slider's overflows: inf
        for t in range(T):
            dh = dh @ Wh.T
            norms[t] = np.sqrt(np.sum(dh ** 2)) / N
    return norms


def book_wh(scale: float = 1.0, *, H: int = 3, seed: int = 3) -> np.ndarray:
    """The book's (H, H) float64 W_h: ``randn(H, H)`` right after ``np.random.seed(seed)``, times ``scale``."""
    return np.random.RandomState(seed).randn(H, H) * scale


def block_spectrum(layer: str, gate: str, block: np.ndarray) -> BlockSpectrum:
    """The :class:`BlockSpectrum` of one (H, H) matrix, computed in float64."""
    block = np.asarray(block, np.float64)
    eigen = np.linalg.eigvals(block)
    eigen = eigen[np.argsort(-np.abs(eigen), kind="stable")]
    return BlockSpectrum(layer, gate, np.linalg.svd(block, compute_uv=False), eigen.astype(np.complex128))


def scaled_copy(model, scale: float):
    """A new model of the same kind and config holding ``model``'s weights, every recurrent W_h
    times ``scale``; dropout off, truncation off."""
    twin = type(model)(model.config)
    for name, p in model.params.items():
        twin.params[name][...] = p                                      # in place: views stay views
    with np.errstate(over="ignore"):          # a scale past float32's range gives inf, shown as such
        for rnn in twin.rnns:
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
    return _backward_norms(scaled_copy(model, scale), xs, ts)


def _backward_norms(twin, xs: np.ndarray, ts: np.ndarray) -> np.ndarray:
    """One whole-window forward and backward of ``twin`` from a zero state: (L, T) ‖∂L/∂h_t‖."""
    with np.errstate(all="ignore"):           # an exploding scale shows its inf as it is
        if hasattr(twin, "reset_state"):
            twin.reset_state()
        twin.forward(xs, ts)
        twin.backward()
        if hasattr(twin, "dh_norms"):         # a classifier: zero before a cut (none here)
            return np.asarray(twin.dh_norms(), np.float64)
        return np.array([rnn.dh_norms for rnn in twin.rnns], np.float64)


def gradient_growth(model, xs: np.ndarray, ts: np.ndarray, scales) -> np.ndarray:
    """How much the gradient grows going back through the window, at each of ``scales``.

    Returns (S, L) float64 ``‖∂L/∂h_0‖ / ‖∂L/∂h_{T-1}‖``: above 1 it grew on its way back (the
    book's explosion), below 1 it vanished. One copy of the model serves every scale (its W_h
    are rewritten from the unscaled ones in place), so a sweep costs S passes and one copy.
    """
    twin = scaled_copy(model, 1.0)
    bases = [rnn.params["Wh"].copy() for rnn in twin.rnns]
    out = np.empty((len(scales), len(bases)), np.float64)
    for i, scale in enumerate(scales):
        with np.errstate(over="ignore"):
            for rnn, base in zip(twin.rnns, bases):
                np.multiply(base, scale, out=rnn.params["Wh"])  # in place: the layer reads this array
        out[i] = growth(_backward_norms(twin, xs, ts))
    return out


def growth(norms: np.ndarray) -> np.ndarray:
    """(L, T) ‖∂L/∂h_t‖ -> (L,) ``norms[:, 0] / norms[:, -1]`` (inf or nan where it overflowed)."""
    with np.errstate(all="ignore"):
        return np.asarray(norms[:, 0] / norms[:, -1], np.float64)


# --- what the W_h spectrum view draws -------------------------------------------------------------

SWEEP_SCALES = np.geomspace(0.1, 3.0, 33)   # the view's slider range, about 11 % apart
REPORT_ROWS = 4         # rows of the fixed batch the curve over t is measured on
SWEEP_ROWS = 2          # rows for each of the sweep's passes: 33 passes stay cheap
BOOK_SCALES = (1.0, 0.5)    # the book's two figures: exploding, vanishing
COMPACT_ABOVE = 256     # H above which a report's spectra travel in single precision (frame budget)


@dataclass(frozen=True)
class SpectrumReport:
    """What the W_h spectrum view draws at one scale s, for the model or the book's experiment.

    Every array is a copy. "Growth" is how much the gradient grew on its way back through the
    window: ``‖∂L/∂h_0‖ / ‖∂L/∂h_{T-1}‖`` for a model, ``‖dh‖`` after T steps back over after one
    for the book. The sweep is there only when it was asked for (it costs S passes).
    """

    iteration: int | None               # the model's step; None for the book's experiment or no model
    scale: float                        # s, the factor on every W_h
    book: bool                          # ch06/rnn_gradient_graph.py rather than the model
    blocks: tuple[BlockSpectrum, ...]   # every W_h block at scale 1; () when there is no model
    sigma_max: float                    # the largest σ of all blocks at scale 1 (nan: no model)
    norms: np.ndarray                   # (L, T) float64 ‖∂L_{T-1}/∂h_t‖ at s; book: (1, T) ‖dh‖/N, t+1 steps
    names: tuple[str, ...]              # (L,) what each row of norms is: "rnn0", ...; the book: "book"
    growth: np.ndarray                  # (L,) float64 growth going back at s (inf / nan: it overflowed)
    overflow: tuple[int | None, ...]    # (L,) the first t, walking back, whose norm is not finite
    rows: int                           # batch rows the norms are measured over (the book's N)
    references: np.ndarray              # (R, T) float64 the book's curves at reference_scales; (0, T): model
    reference_scales: tuple[float, ...]  # (R,)
    sweep_scales: np.ndarray | None = None      # (S,) float64 the sweep's scales; None: not asked
    sweep_sigma: np.ndarray | None = None       # (S,) float64 s·σ_max at each of them
    sweep_growth: np.ndarray | None = None      # (S, L) float64 growth going back at each of them

    @property
    def has_model(self) -> bool:
        """False when the worker had no model to measure (the book's experiment always has one)."""
        return bool(self.blocks)

    @property
    def scaled_sigma_max(self) -> float:
        """s·σ_max: above 1, one step back can stretch the gradient."""
        return self.scale * self.sigma_max

    def scaled_eigen(self, k: int) -> np.ndarray:
        """(H,) complex128: block ``k``'s eigenvalues times s (outside the unit circle: growth)."""
        return np.asarray(self.blocks[k].eigen, np.complex128) * self.scale


def first_window(ids: np.ndarray, batch_size: int, bptt: int, rows: int = REPORT_ROWS) -> tuple[np.ndarray, np.ndarray]:
    """The training stream's first batch, laid out as :class:`~rnnviz.engine.data.TBPTTStream`
    lays it at position 0, cut to its first ``rows`` rows: (rows, T) int64 ids and targets.

    Read from ``ids`` directly, so the session's stream is not advanced: the view's curves then
    change with the model and s, never with the data.
    """
    data_size = len(ids) - 1
    jump = data_size // batch_size
    idx = (np.arange(min(rows, batch_size))[:, None] * jump + np.arange(bptt)[None, :]) % data_size
    return np.asarray(ids[idx], np.int64), np.asarray(ids[idx + 1], np.int64)


def last_step_only(ts: np.ndarray) -> np.ndarray:
    """(N, T) targets with every step but the last ignored: the loss is the last step's alone."""
    out = np.full_like(ts, IGNORE)
    out[:, -1] = ts[:, -1]
    return out


def model_report(model, xs: np.ndarray, ts: np.ndarray, scale: float, *, iteration: int,
                 sweep: bool = False) -> SpectrumReport:
    """The view's :class:`SpectrumReport` of ``model`` at scale ``scale`` on the batch ``xs, ts``.

    Only the loss at the window's last time step is sent back (the other targets are ignored),
    as the book's experiment sends one dh back from the end: with a loss at every step, each
    h_t would get its own step's gradient too, and a vanishing gradient would look flat instead
    of falling. The model, its carried state and its gradients are not touched (every pass runs
    on a copy). ``sweep`` adds the growth at each of :data:`SWEEP_SCALES`, on the batch's first
    :data:`SWEEP_ROWS` rows.
    """
    ts = last_step_only(ts)
    blocks = tuple(_compact(b) for b in spectra(model))
    sigma = max(b.largest for b in blocks)
    norms = gradient_through_time(model, xs, ts, scale)                     # (L, T)
    names = tuple(f"{model.config.cell}{k}" for k in range(len(norms)))
    extra = {}
    if sweep:
        extra = dict(sweep_scales=SWEEP_SCALES.copy(), sweep_sigma=SWEEP_SCALES * sigma,
                     sweep_growth=gradient_growth(model, xs[:SWEEP_ROWS], ts[:SWEEP_ROWS], SWEEP_SCALES))
    return SpectrumReport(
        iteration=int(iteration), scale=float(scale), book=False, blocks=blocks, sigma_max=float(sigma),
        norms=norms, names=names, growth=growth(norms),
        overflow=tuple(_first_not_finite(row[::-1], reverse=len(row)) for row in norms), rows=len(xs),
        references=np.empty((0, norms.shape[1])), reference_scales=(), **extra)


def book_report(scale: float, *, sweep: bool = False) -> SpectrumReport:
    """The book's experiment at ``scale``, beside its two figures (:data:`BOOK_SCALES`)."""
    block = block_spectrum("book", "", book_wh())
    norms = book_gradient_norms(scale)[None, :]                             # (1, T)
    extra = {}
    if sweep:
        curves = np.array([book_gradient_norms(s) for s in SWEEP_SCALES])   # (S, T)
        extra = dict(sweep_scales=SWEEP_SCALES.copy(), sweep_sigma=SWEEP_SCALES * block.largest,
                     sweep_growth=_book_growth(curves)[:, None])
    return SpectrumReport(
        iteration=None, scale=float(scale), book=True, blocks=(block,), sigma_max=block.largest,
        norms=norms, names=("book",), growth=_book_growth(norms),
        overflow=(_first_not_finite(norms[0]),), rows=2,
        references=np.array([book_gradient_norms(s) for s in BOOK_SCALES]), reference_scales=BOOK_SCALES,
        **extra)


def no_model_report(scale: float) -> SpectrumReport:
    """The answer when there is no model yet: nothing to draw, so the view can say so."""
    return SpectrumReport(iteration=None, scale=float(scale), book=False, blocks=(), sigma_max=float("nan"),
                          norms=np.empty((0, 0)), names=(), growth=np.empty(0), overflow=(), rows=0,
                          references=np.empty((0, 0)), reference_scales=())


def _book_growth(curves: np.ndarray) -> np.ndarray:
    """(R, T) book curves -> (R,) ‖dh‖ after T steps back over after one."""
    with np.errstate(all="ignore"):
        return curves[:, -1] / curves[:, 0]


def _first_not_finite(values: np.ndarray, reverse: int | None = None) -> int | None:
    """The index of the first non-finite value (None: all finite); with ``reverse`` = len, of a
    reversed row, given back as an index into the row the right way round."""
    bad = np.flatnonzero(~np.isfinite(values))
    if not len(bad):
        return None
    return int(bad[0]) if reverse is None else reverse - 1 - int(bad[0])


def _compact(block: BlockSpectrum) -> BlockSpectrum:
    """``block`` as it should cross the pipe: single precision above :data:`COMPACT_ABOVE` units
    (eight LSTM blocks of 650 units would be 125 KB in double precision)."""
    if len(block.singular) <= COMPACT_ABOVE:
        return block
    return BlockSpectrum(block.layer, block.gate, block.singular.astype(np.float32),
                         block.eigen.astype(np.complex64))
