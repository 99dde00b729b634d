"""Synthetic :class:`~rnnviz.engine.snapshots.GraphFrame` records for the unrolled-graph tests.

The numbers are random but keep to the contract: a node is NaN until the pass reaches it, the
forward stepper runs layer by layer and left to right (the embedding for all T at the first
sub-step, Time Affine / softmax / loss for all T at the last), backward fills the head for all T
at once and then each layer right to left, top layer first, and the embedding last.
"""
from __future__ import annotations

import numpy as np

from rnnviz.engine.snapshots import TOP_K, GraphFrame, StreamMap

TEXT = ("it was the best of times it was the worst of times <eos> it was the age of wisdom "
        "it was the age of foolishness <eos> we had everything before us we had nothing "
        "before us <eos> in short the period was so far like the present period that some "
        "of its noisiest authorities insisted on its being received for good or for evil").split()
UNIT_CAP = 100      # components kept per vector, like the engine's probe cap


def node_names(cell: str, layers: int, onehot: bool = False) -> tuple[str, ...]:
    """Node rows bottom first, as rnnviz.engine.unroll.node_names lays them out: x, embed | onehot,
    [c0] h0, [c1] h1, ..., scores, probs, loss (an LSTM's cell state under its hidden state)."""
    recurrent = [f"{kind}{k}" for k in range(layers) for kind in (("c", "h") if cell == "lstm" else ("h",))]
    return ("x", "onehot" if onehot else "embed", *recurrent, "scores", "probs", "loss")


def synthetic_frame(cell: str = "lstm", layers: int = 2, T: int = 35, phase: str = "forward",
                    forward_cols: int | None = None, backward_cols: int | None = None,
                    stepping: bool = True, *, layer: int | None = None, onehot: bool = False,
                    N: int = 20, D: int = 100, H: int = 100, V: int = 10_000, clip: float = 0.25,
                    iteration: int = 12, seed: int = 0) -> GraphFrame:
    """A valid frame of one block at a given point of the BPTT stepper.

    Parameters
    ----------
    phase
        "forward", "backward", "clipped" or "updated" (``stepping=False`` implies "updated").
    forward_cols
        With ``phase="forward"``: time steps done in layer ``layer`` (default the top layer;
        the layers below are complete). ``0`` = nothing computed; None = the whole forward,
        loss included.
    backward_cols
        With ``phase="backward"``: time steps done backward in layer ``layer`` (default the top
        layer; the layers above are complete), counted from the right. None = the whole backward.
    layer
        The recurrent layer (0-based) the stepper's cursor is in.
    """
    rng = np.random.default_rng(seed)
    if not stepping:
        phase = "updated"
    nodes = node_names(cell, layers, onehot)
    R = len(nodes)
    row = {name: r for r, name in enumerate(nodes)}
    top = layers - 1 if layer is None else layer
    tokens = [TEXT[(iteration * 7 + t) % len(TEXT)] for t in range(T + 1)]
    inputs, targets = tuple(tokens[:-1]), tuple(tokens[1:])

    # -- forward values: which (row, t) the forward pass has reached --------------------------
    done = np.ones((R, T), bool)
    head_done = phase != "forward" or forward_cols is None
    if not head_done:
        for k in range(layers):
            cols = T if k < top else forward_cols if k == top else 0
            for name in (f"h{k}", f"c{k}"):
                if name in row:
                    done[row[name], cols:] = False
        done[row["embed" if not onehot else "onehot"]] = forward_cols > 0 or top > 0
        done[row["scores"]:] = False
    values = np.full((R, T), np.nan, np.float32)
    p_target = np.clip(rng.beta(0.6, 3.0, T), 1e-4, 0.95)
    for name, r in row.items():
        if name == "x":
            continue
        if name == "embed":
            v = rng.uniform(0.03, 0.06, T)
        elif name == "onehot":
            v = np.full(T, 1 / np.sqrt(V))
        elif name.startswith("h"):
            v = np.abs(np.tanh(rng.normal(0.3, 0.15, T))) + 0.05
        elif name.startswith("c"):
            v = np.abs(rng.normal(0.9, 0.35, T)) + 0.1
        elif name == "scores":
            v = rng.uniform(2.0, 5.0, T)
        elif name == "probs":
            v = p_target
        else:
            v = -np.log(p_target)
        values[r] = np.where(done[r], v, np.nan)

    # -- backward gradients: which (row, t) the backward pass has reached ---------------------
    grad_done = np.zeros((R, T), bool)
    if phase != "forward":
        grad_done[row["scores"]:] = True
        all_back = phase != "backward" or backward_cols is None
        for k in range(layers):
            cols = T if all_back or k > top else backward_cols if k == top else 0
            for name in (f"h{k}", f"c{k}"):
                if name in row and cols:
                    grad_done[row[name], T - cols:] = True
        grad_done[row["embed" if not onehot else "onehot"]] = all_back
    decay = 0.86 ** (T - 1 - np.arange(T))          # vanishing toward the left of the window
    grads = np.full((R, T), np.nan, np.float32)
    for name, r in row.items():
        if name == "x":
            continue
        if name == "loss":
            g = np.full(T, 1.0 / (N * T))
        elif name in ("probs", "scores"):
            g = rng.lognormal(np.log(0.02), 0.4, T) / (N * T) * 40
        else:
            depth = 1.0 + 0.3 * (len(nodes) - r)
            g = rng.lognormal(np.log(2e-3), 0.3, T) * decay / depth
        grads[r] = np.where(grad_done[r], g, np.nan)
    up_grads = np.full((R, T), np.nan, np.float32)
    right_grads = np.full((R, T), np.nan, np.float32)
    for r in range(1, R - 1):                       # the x row passes no gradient to a token
        up_grads[r] = np.where(grad_done[r + 1] & grad_done[r], grads[r + 1] * rng.uniform(0.5, 1.0, T), np.nan)
    for name, r in row.items():
        if name[0] in "hc" and name[1:].isdigit():
            right_grads[r, :-1] = np.where(grad_done[r, 1:], grads[r, 1:] * rng.uniform(0.4, 0.9, T - 1), np.nan)
    carry_in = np.full(R, np.nan, np.float32)
    for name, r in row.items():
        if name[0] in "hc" and name[1:].isdigit():
            carry_in[r] = rng.uniform(0.2, 0.8)

    # -- vectors of the nodes that have one ---------------------------------------------------
    vectors, grad_vectors, units = {}, {}, {}
    for name, r in row.items():
        if name in ("x", "scores", "probs", "loss"):
            continue
        size = V if name == "onehot" else D if name == "embed" else H
        keep = np.unique(np.linspace(0, size - 1, min(size, UNIT_CAP)).astype(np.int64))
        vec = rng.normal(0, 1, (T, len(keep)))
        vec *= values[r][:, None] / np.sqrt(np.mean(vec ** 2, axis=1, keepdims=True))
        gvec = rng.normal(0, 1, (T, len(keep)))
        gvec *= grads[r][:, None] / np.sqrt(np.sum(gvec ** 2, axis=1, keepdims=True))
        vectors[name], grad_vectors[name], units[name] = vec.astype(np.float32), gvec.astype(np.float32), keep

    # -- the head: top-k candidates once the forward pass has reached it ---------------------
    if head_done:
        top_tokens, top_probs = [], np.empty((T, TOP_K), np.float32)
        for t in range(T):
            words = list(dict.fromkeys(rng.choice(TEXT, 3 * TOP_K)))[:TOP_K]
            probs = np.sort(rng.dirichlet(np.full(TOP_K + 4, 0.5)))[::-1][:TOP_K] * 0.9
            rank = int(np.searchsorted(-probs, -p_target[t]))
            if targets[t] in words:
                words.remove(targets[t])
            if rank < TOP_K:
                words.insert(rank, targets[t])
                probs[rank] = p_target[t]
            top_tokens.append(tuple(words[:TOP_K]))
            top_probs[t] = np.sort(probs)[::-1]
        top_tokens = tuple(top_tokens)
        top_scores = (np.log(top_probs) + 6.0).astype(np.float32)
    else:
        top_tokens, top_probs, top_scores = (), np.zeros((0, TOP_K), np.float32), np.zeros((0, TOP_K), np.float32)

    loss = float(np.mean(values[row["loss"]])) if head_done else float("nan")
    grad_norm = clip_scale = float("nan")
    if phase in ("clipped", "updated"):
        grad_norm = float(rng.uniform(0.4, 3.5))
        clip_scale = min(1.0, clip / grad_norm) if clip > 0 else 1.0
    update_norms = {}
    if phase == "updated":
        update_norms = {name: float(rng.uniform(1e-3, 2e-2)) for name in
                        ("embed.W", *(f"{cell}{k}.{p}" for k in range(layers) for p in ("Wx", "Wh", "b")),
                         "decoder.W", "decoder.b")}
    if phase == "forward":
        cursor = None if forward_cols == 0 else (top, T - 1 if forward_cols is None else forward_cols - 1)
        following = ("forward",) if not head_done else ("backward",)
    elif phase == "backward":
        cursor = (top, T - backward_cols) if backward_cols else (0, 0) if backward_cols is None else None
        following = ("clip",) if backward_cols is None else ("backward",)
    else:
        cursor, following = None, ("update",) if phase == "clipped" else ("forward",)
    data_size = 929_589
    stream = StreamMap(N=N, T=T, jump=data_size // N, data_size=data_size,
                       block_start=((iteration - 1) * T) % data_size, iters_per_epoch=data_size // (N * T))
    return GraphFrame(
        iteration=iteration, phase=phase, stepping=stepping, cursor=cursor, next_substeps=following,
        cell=cell, sizes={"N": N, "T": T, "D": V if onehot else D, "H": H, "V": V, "L": layers}, row=0,
        input_tokens=inputs, target_tokens=targets, nodes=nodes, values=values, grads=grads,
        up_grads=up_grads, right_grads=right_grads, carry_in=carry_in, vectors=vectors,
        grad_vectors=grad_vectors, units=units, top_tokens=top_tokens, top_probs=top_probs,
        top_scores=top_scores, loss=loss, grad_norm=grad_norm, clip=clip, clip_scale=clip_scale,
        lr=20.0 if cell == "rnn" else 0.01, update_norms=update_norms, stream=stream)
