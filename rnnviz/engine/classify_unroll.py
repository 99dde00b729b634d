"""One text read by the classifier, unrolled, as data for the graph view (many-to-one).

:func:`unroll_text` runs one forward and one backward pass of a
:class:`~rnnviz.engine.classifier.Classifier` on a single text, without touching the weights, and
lays it out as a :class:`GraphFrame`: one column per token, the rows of a language model (x,
embed or onehot, c{k}, h{k}, scores, probs, loss), but the head exists over the last column only:
one loss for the whole text. Under truncation (k < n) the first n - k columns came from the
model's head layers and get no gradient: their gradients are NaN and the edge into the kept
steps carries none, which is the lesson the view is for.
"""
from __future__ import annotations

import numpy as np

from .cells import cell_type
from .classifier import Classifier
from .classify_data import ClassData
from .snapshots import GraphFrame
from .unroll import _kept, _norm, _rms


def classify_nodes(model: Classifier) -> tuple[str, ...]:
    """Node rows bottom to top: x, embed|onehot, (c{k}), h{k} per layer, scores, probs, loss."""
    cfg = model.config
    names = ["x", "onehot" if cfg.input == "onehot" else "embed"]
    for k in range(cfg.num_layers):
        names += [f"{state}{k}" for state in cell_type(cfg.cell).graph_states]
    return tuple(names + ["scores", "probs", "loss"])


def unroll_text(model: Classifier, data: ClassData, ids: np.ndarray, label: int, *, iteration: int,
                batch_size: int, lr: float, caption: str) -> GraphFrame:
    """Forward and backward on one text; the frame of every node's size and gradient.

    Parameters
    ----------
    model : Classifier
        Its ``grads`` are overwritten; its ``params`` are not changed.
    data : ClassData
        For the tokens and class names.
    ids : numpy.ndarray
        (n,) the text's ids, unpadded.
    label : int
        The class the loss is taken for.
    iteration, batch_size, lr : int, int, float
        The model's step, batch size (N in the formulas) and learning rate, for the banner.
    caption : str
        The text, for the banner.
    """
    cfg = model.config
    n = len(ids)
    nodes = classify_nodes(model)
    row = {name: r for r, name in enumerate(nodes)}
    R = len(nodes)
    values, grads, up_grads, right_grads = (np.full((R, n), np.nan, np.float32) for _ in range(4))
    first = nodes[1]
    units = {name: _kept(cfg.input_size if name == first else cfg.hidden_size) for name in nodes[1:-3]}
    vectors = {name: np.full((n, len(u)), np.nan, np.float32) for name, u in units.items()}
    grad_vectors = {name: np.full((n, len(u)), np.nan, np.float32) for name, u in units.items()}
    kind = cell_type(cfg.cell)
    with np.errstate(all="ignore"):            # a diverged model shows its inf and NaN as they are
        loss = model.forward(ids[None, :], np.array([label]))
        cut = model.cut
        x = (np.eye(cfg.vocab_size, dtype=np.float32)[ids] if first == "onehot"
             else model.embed.params["W"][ids].astype(np.float32))
        values[1] = _rms(x)
        vectors[first][:] = x[:, units[first]]
        for k, (rnn, head) in enumerate(zip(model.rnns, model.heads)):
            for state, cache in rnn.states_over_time().items():
                name = f"{state}{k}"
                before = head.states_over_time()[state][1:, 0] if cut else np.zeros((0, cfg.hidden_size))
                over = np.concatenate([before, cache[1:, 0]])           # (n, H)
                values[row[name]] = _rms(over)
                vectors[name][:] = over[:, units[name]]
        probs = model.probs[0]                                          # (C,)
        z = model.affine.scores_of(slice(0, 1))[0]                      # the logit(s)
        last = n - 1
        values[row["scores"], last] = _rms(z[None, :])[0]
        values[row["probs"], last] = probs[label]
        values[row["loss"], last] = loss
        model.backward()
        grads[row["loss"], last] = 1.0
        grads[row["probs"], last] = up_grads[row["probs"], last] = 1.0 / probs[label]
        dz = probs.copy()
        dz[label] -= 1.0                                                # dL/dz per class (sigmoid: the logit's)
        dz_norm = abs(dz[1]) if model.outputs == 1 else float(np.linalg.norm(dz))
        grads[row["scores"], last] = up_grads[row["scores"], last] = dz_norm
        kept = slice(cut, n)
        for k, rnn in enumerate(model.rnns):
            h = row[f"h{k}"]
            dH, from_above = rnn.dH[:, 0], rnn.dhs_in[0]                # (n - cut, H) each
            grads[h, kept] = _norm(dH)
            grad_vectors[f"h{k}"][kept] = dH[:, units[f"h{k}"]]
            up_grads[h, kept] = _norm(from_above)
            right_grads[h, cut:n - 1] = _norm(dH - from_above)[:-1]     # what came from h_{t+1}
            if "c" in kind.states:
                c, H = row[f"c{k}"], rnn.H
                grads[c, kept] = _norm(rnn.dS[:, 0])
                grad_vectors[f"c{k}"][kept] = rnn.dS[:, 0][:, units[f"c{k}"]]
                up_grads[c, kept] = _norm(rnn.dH[:, 0] * rnn._K[:, 0])
                f = rnn.A[1:, 0, kind.gate_columns("f", H)]
                right_grads[c, cut:n - 1] = _norm(rnn.dS[1:, 0] * f)
        d_in = model.rnns[0].dxs[0]                                     # (n - cut, D)
        grads[1, kept] = up_grads[1, kept] = _norm(d_in)
        grad_vectors[first][kept] = d_in[:, units[first]]
    present = np.ones((R, n), bool)
    present[row["scores"]:, :last] = False                              # one head, at the end
    right_present = np.zeros((R, n), bool)
    for k in range(cfg.num_layers):
        for state in kind.states:
            right_present[row[f"{state}{k}"], :last] = True
    order = np.argsort(-probs, kind="stable")
    C = len(probs)
    top_probs = np.full((n, C), np.nan, np.float32)
    top_scores = np.full((n, C), np.nan, np.float32)
    top_probs[last] = probs[order]
    logits = np.log(np.clip(probs, 1e-30, 1.0))
    top_scores[last] = logits[order]
    classes = data.classes
    return GraphFrame(
        iteration=iteration, phase="backward", stepping=False, cursor=None, next_substeps=(), cell=cfg.cell,
        sizes={"N": batch_size, "T": n, "D": cfg.input_size, "H": cfg.hidden_size, "V": cfg.vocab_size,
               "L": cfg.num_layers, "C": cfg.num_classes},
        row=0, input_tokens=data.tokens_of(ids), target_tokens=("",) * last + (classes[label],),
        nodes=nodes, values=values, grads=grads, up_grads=up_grads, right_grads=right_grads,
        carry_in=np.full(R, np.nan, np.float32), vectors=vectors, grad_vectors=grad_vectors, units=units,
        top_tokens=tuple(() if t < last else tuple(classes[i] for i in order) for t in range(n)),
        top_probs=top_probs, top_scores=top_scores, loss=float(loss), grad_norm=float("nan"), clip=0.0,
        clip_scale=float("nan"), lr=float(lr), update_norms={}, stream=None, caption=caption,
        present=present, right_present=right_present, pool=cfg.pool, cut=cut)
