"""An :class:`~rnnviz.engine.models.RNNLM`'s weights under PyTorch's names and shapes.

The names are those of the ``state_dict`` of this module (no torch needed to use them)::

    embedding = nn.Embedding(V, D)                  # absent for one-hot input
    rnn = nn.RNN | nn.LSTM | nn.GRU(D, H, num_layers=L, batch_first=True)
    decoder = nn.Linear(H, V)                       # decoder.weight = embedding.weight if tied

    embedding.weight     (V, D)          embed.W
    rnn.weight_ih_l{k}   (G*H, D_in)     Wx.T, gate blocks reordered
    rnn.weight_hh_l{k}   (G*H, H)        Wh.T, gate blocks reordered
    rnn.bias_ih_l{k}     (G*H,)          b (reordered)
    rnn.bias_hh_l{k}     (G*H,)          zeros; GRU: [0, 0, bhn]
    decoder.weight       (V, H)          decoder.W.T, or embed.W when tied
    decoder.bias         (V,)            decoder.b

with G = 1, 4, 3 gates and D_in = D (V for one-hot input) in layer 0, H above. Two differences
need more than a transpose:

* gate order: the engine's LSTM keeps ``[i, f, o, g]`` (its three sigmoid gates side by side),
  PyTorch ``[i, f, g, o]``; RNN has one block and the GRU is ``[r, z, n]`` in both.
* biases: PyTorch has two per layer, the engine one, because ``x W + b_ih + h U + b_hh`` only
  ever uses their sum. The exception is the GRU candidate ``n = tanh(x W_n + b_in + r * (h U_n +
  b_hn))``, where ``b_hn`` sits inside the reset product: the engine keeps it as ``bhn``.
  Exporting puts the whole bias in ``bias_ih`` (and ``bhn`` in the GRU's ``bias_hh``); importing
  adds the two back together, so arrays from a trained PyTorch model load exactly.
"""
from __future__ import annotations

import numpy as np

from .cells import cell_type
from .config import ModelConfig
from .models import RNNLM

EMBED = "embedding.weight"
DECODER_W = "decoder.weight"
DECODER_B = "decoder.bias"


def _gate_order(cell: str, H: int) -> np.ndarray:
    """Column indices that take the engine's gate blocks to PyTorch's order (the LSTM's
    [i, f, o, g] becomes [i, f, g, o]; the others already agree)."""
    kind = cell_type(cell)
    return np.concatenate([np.arange(H) + k * H for k in kind.block_order(kind.torch_gates)])


def torch_shapes(model: RNNLM | ModelConfig) -> dict[str, tuple[int, ...]]:
    """Names and shapes :func:`to_torch_layout` produces for ``model``, in ``state_dict`` order
    (a config will do: checking a file's shapes need not allocate the model first)."""
    cfg = model if isinstance(model, ModelConfig) else model.config
    V, D, H, G = cfg.vocab_size, cfg.input_size, cfg.hidden_size, cell_type(cfg.cell).blocks
    shapes: dict[str, tuple[int, ...]] = {}
    if cfg.input == "embedding":
        shapes[EMBED] = (V, D)
    for k in range(cfg.num_layers):
        shapes[f"rnn.weight_ih_l{k}"] = (G * H, D if k == 0 else H)
        shapes[f"rnn.weight_hh_l{k}"] = (G * H, H)
        shapes[f"rnn.bias_ih_l{k}"] = (G * H,)
        shapes[f"rnn.bias_hh_l{k}"] = (G * H,)
    shapes[DECODER_W] = (V, H)
    shapes[DECODER_B] = (V,)
    return shapes


def to_torch_layout(model: RNNLM, grads: bool = False) -> dict[str, np.ndarray]:
    """The model's parameters (or gradients) as PyTorch ``state_dict`` arrays.

    Parameters
    ----------
    model : RNNLM
    grads : bool
        Map ``model.grads`` (from the last backward) instead of ``model.params``. The result is
        what ``.grad`` of each PyTorch parameter would hold for the same loss:

        * ``bias_hh`` of an RNN or LSTM equals the ``bias_ih`` gradient, since both biases
          enter only through their sum (d/d b_hh = d/d b_ih = d/d b);
        * for the GRU, the r and z parts of ``bias_hh`` equal those of ``bias_ih`` for the
          same reason, and its n part is the gradient of ``bhn``;
        * with tied weights, ``embedding.weight`` and ``decoder.weight`` are one parameter in
          PyTorch; both entries hold the total gradient (embedding plus decoder use).

    Returns
    -------
    dict of str to numpy.ndarray
        Fresh C-contiguous arrays in the model's dtype, in ``state_dict`` order. For a tied
        model ``decoder.weight`` is emitted too, equal to ``embedding.weight``, as PyTorch's
        ``state_dict`` lists both names.
    """
    cfg = model.config
    src = model.grads if grads else model.params
    H = cfg.hidden_size
    order = _gate_order(cfg.cell, H)
    # A hidden bias inside a gate product (the GRU's bhn) is PyTorch's bias_hh for that gate.
    bhn = "bhn" in cell_type(cfg.cell).extra_params
    out: dict[str, np.ndarray] = {}
    if cfg.input == "embedding":
        out[EMBED] = src["embed.W"].copy()
    for k in range(cfg.num_layers):
        prefix = f"{cfg.cell}{k}."
        b = src[prefix + "b"][order]
        out[f"rnn.weight_ih_l{k}"] = np.ascontiguousarray(src[prefix + "Wx"][:, order].T)
        out[f"rnn.weight_hh_l{k}"] = np.ascontiguousarray(src[prefix + "Wh"][:, order].T)
        out[f"rnn.bias_ih_l{k}"] = b
        if bhn:
            rz = b[:2 * H] if grads else np.zeros(2 * H, b.dtype)
            out[f"rnn.bias_hh_l{k}"] = np.concatenate([rz, src[prefix + "bhn"]])
        else:
            out[f"rnn.bias_hh_l{k}"] = b.copy() if grads else np.zeros_like(b)
    # Tied: the engine has no decoder.W entry; the decoder reads embed.W transposed.
    W = src["embed.W"] if cfg.tie_weights else src["decoder.W"].T
    out[DECODER_W] = np.ascontiguousarray(W).copy()
    out[DECODER_B] = src["decoder.b"].copy()
    return out


def load_torch_layout(model: RNNLM, arrays: dict[str, np.ndarray]) -> None:
    """Set the model's parameters, in place, from PyTorch-layout arrays.

    Parameters
    ----------
    model : RNNLM
        Receives the weights; its arrays are written in place, so optimizers and a tied
        decoder keep seeing them.
    arrays : dict of str to array_like
        Exactly the names :func:`torch_shapes` lists (for instance ``{k: v.numpy() for k, v in
        module.state_dict().items()}``), real numbers, converted to the model's dtype.
        ``bias_ih`` and ``bias_hh`` may both be non-zero. For a tied model ``decoder.weight``
        must equal ``embedding.weight``.

    Raises
    ------
    ValueError
        Listing every missing, unexpected, mis-shaped or non-real entry, or a tied decoder
        that differs from the embedding. Nothing is written unless everything fits.
    """
    cfg = model.config
    expected = torch_shapes(model)
    problems = []
    missing = [key for key in expected if key not in arrays]
    unexpected = sorted(key for key in arrays if key not in expected)
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    if unexpected:
        problems.append(f"unexpected {', '.join(unexpected)}")
    values: dict[str, np.ndarray] = {}
    for key, shape in expected.items():
        if key not in arrays:
            continue
        value = np.asarray(arrays[key])
        if value.dtype.kind not in "biuf":
            problems.append(f"{key} has dtype {value.dtype}, expected real numbers")
        elif value.shape != shape:
            problems.append(f"{key} has shape {value.shape}, expected {shape}")
        else:
            values[key] = value.astype(cfg.dtype)
    if not problems and cfg.tie_weights and not np.array_equal(values[EMBED], values[DECODER_W]):
        problems.append(f"{DECODER_W} differs from {EMBED}, but this model ties them")
    if problems:
        raise ValueError(f"PyTorch-layout arrays do not fit this {cfg.cell} model: " + "; ".join(problems))

    H = cfg.hidden_size
    back = np.argsort(_gate_order(cfg.cell, H))     # PyTorch's gate order -> the engine's
    bhn = "bhn" in cell_type(cfg.cell).extra_params
    new: dict[str, np.ndarray] = {}
    if cfg.input == "embedding":
        new["embed.W"] = values[EMBED]
    for k in range(cfg.num_layers):
        prefix = f"{cfg.cell}{k}."
        b_ih, b_hh = values[f"rnn.bias_ih_l{k}"], values[f"rnn.bias_hh_l{k}"]
        new[prefix + "Wx"] = values[f"rnn.weight_ih_l{k}"].T[:, back]
        new[prefix + "Wh"] = values[f"rnn.weight_hh_l{k}"].T[:, back]
        if bhn:
            # r and z see b_ih + b_hh; n's hidden bias stays apart, inside r * (h U_n + b_hn).
            new[prefix + "b"] = np.concatenate([b_ih[:2 * H] + b_hh[:2 * H], b_ih[2 * H:]])
            new[prefix + "bhn"] = b_hh[2 * H:]
        else:
            new[prefix + "b"] = (b_ih + b_hh)[back]
    if not cfg.tie_weights:
        new["decoder.W"] = values[DECODER_W].T
    new["decoder.b"] = values[DECODER_B]
    for key, value in new.items():
        model.params[key][...] = value
