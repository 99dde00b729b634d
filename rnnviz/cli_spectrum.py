"""``rnnviz spectrum CHECKPOINT [--scale s]``: DLFS2 ch.6's question asked of a saved model.

Prints the singular values and the spectral radius of every recurrent W_h block (one per gate),
then how the gradient changes on its way back through one window of the run's own data with
every W_h multiplied by s: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ per layer (above 1: it grew going back, the
book's explosion; below 1: it vanished). ``--book`` prints the book's own experiment
(``ch06/rnn_gradient_graph.py``) at the same scale instead of reading a checkpoint.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from .cli_errors import UsageError, said
from .engine.texts import translate

SHOWN = 5       # singular values printed per block


def add_parser(sub) -> None:
    sp = sub.add_parser("spectrum", help="singular values of W_h and the gradient through time of a checkpoint",
                        description="DLFS2 ch.6: the spectrum of every recurrent W_h of a language-model or "
                        "classifier checkpoint, and the gradient's growth or decay through one window of the "
                        "run's data with W_h multiplied by --scale.")
    sp.add_argument("checkpoint", nargs="?", help="a language-model or classifier checkpoint (.npz)")
    sp.add_argument("--scale", type=float, default=1.0, help="multiply every W_h by this (default 1)")
    sp.add_argument("--book", action="store_true",
                    help="the book's own experiment (ch06/rnn_gradient_graph.py) at --scale, no checkpoint")


def cmd_spectrum(args: argparse.Namespace) -> int:
    if not np.isfinite(args.scale) or args.scale <= 0:
        raise UsageError(translate("cli_spectrum", "--scale must be a positive number, got {value}")
                         .format(value=args.scale))
    if args.book:
        return _book(args.scale)
    if not args.checkpoint:
        raise UsageError(translate("cli_spectrum", "give a checkpoint, or --book for the book's experiment"))
    from rnnviz.engine.archive import checkpoint_kind
    from rnnviz.engine.spectrum import gradient_through_time, last_step_only, spectra
    kind = checkpoint_kind(args.checkpoint)
    if kind == "seq2seq":
        raise UsageError(translate("cli_spectrum", "{path} is a seq2seq run; spectrum reads language-model and "
                                   "classifier checkpoints").format(path=args.checkpoint))
    model, xs, ts = _classifier_batch(args.checkpoint) if kind == "classify" else _lm_batch(args.checkpoint)
    cfg = model.config
    print(said(translate("cli_spectrum", "{name}: {cell}, H = {hidden}, {layers} layer(s); W_h blocks (H, H):")
               .format(name=Path(args.checkpoint).name, cell=cfg.cell.upper(), hidden=cfg.hidden_size,
                       layers=cfg.num_layers)))
    for block in spectra(model):
        name = f"{block.layer}{'.' + block.gate if block.gate else ''}"
        values = " ".join(f"{v:.3f}" for v in block.singular[:SHOWN])
        print(f"  {name:<9} σ_max {block.largest:7.3f}   |λ|_max {block.radius:7.3f}   σ: {values}"
              + (" …" if len(block.singular) > SHOWN else ""))
    # Only the last time step's loss goes back, as in the window's W_h spectrum view and the book's
    # one dh from the end: with a loss at every step each h_t gets its own, and vanishing looks flat.
    if kind != "classify":
        ts = last_step_only(ts)
    norms = gradient_through_time(model, xs, ts, args.scale)              # (L, T)
    T = norms.shape[1]
    print(said(translate("cli_spectrum", "the last time step's loss sent back through a window of T = {T} ({N} rows "
                         "of the run's data), W_h times {scale}:").format(T=T, N=len(xs), scale=f"{args.scale:g}")))
    for k, row in enumerate(norms):
        ratio = row[0] / row[-1] if row[-1] > 0 else float("inf")
        print(said(translate("cli_spectrum", "  {layer}: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ = {ratio} ({verdict})").format(
            layer=f"{cfg.cell}{k}", ratio=f"{ratio:.4g}",
            verdict=translate("cli_spectrum", "grows going back") if ratio > 1
            else translate("cli_spectrum", "shrinks going back"))))
    return 0


def _book(scale: float) -> int:
    from rnnviz.engine.spectrum import book_gradient_norms
    norms = book_gradient_norms(scale)
    print(said(translate("cli_spectrum", "ch06/rnn_gradient_graph.py: dh = dh · W_h^T from dh = ones((2, 3)), "
                         "W_h = randn(3, 3) × {scale} after np.random.seed(3); ‖dh‖ / N per step:")
               .format(scale=f"{scale:g}")))
    for t, norm in enumerate(norms, 1):
        print(f"  t = {t:2d}  {norm:.6g}")
    return 0


def _lm_batch(path: str):
    """The model, and one evaluation batch of its own data (test, else validation, else training)."""
    from rnnviz.cli_train import resolved
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.data import eval_batches, load_corpus_from
    ckpt = load_checkpoint(path)
    data = dict(ckpt.data)
    if not data.get("source"):
        raise UsageError(translate("cli_spectrum", "{path} does not say which corpus it was trained on")
                         .format(path=path))
    home = Path(path).resolve().parent
    for key in ("source", "valid", "test"):
        data[key] = resolved(data.get(key), home)
    corpus = load_corpus_from(data)
    ids = next(i for i in (corpus.test, corpus.valid, corpus.train) if i is not None and len(i))
    train = ckpt.train_config
    N = max(1, min(train.batch_size, (len(ids) - 1) // train.bptt))
    xs, ts = next(eval_batches(ids, N, train.bptt))
    return ckpt.model, xs, ts


def _classifier_batch(path: str):
    """The model, and the first validation texts (one batch) of its own data."""
    from rnnviz.engine.classify_checkpoint import data_for, load_classify_checkpoint
    ckpt = load_classify_checkpoint(path)
    data = data_for(ckpt)
    N = min(ckpt.train_config.batch_size, len(data.x_valid))
    return ckpt.model, data.x_valid[:N], data.y_valid[:N]
