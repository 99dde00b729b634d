"""``rnnviz import-weights`` and ``rnnviz export-weights``: a model's weights as ``.safetensors``.

``export-weights CKPT FILE.safetensors`` writes the checkpoint's weights in PyTorch's
``state_dict`` names, the vocabulary beside them (``FILE.vocab.txt``) and the model's shape and
corpus in the file's metadata. ``import-weights FILE.safetensors --out CKPT`` turns such a file
(or one saved from a PyTorch model) into an ordinary rnnviz checkpoint at step 0 with a fresh
optimizer, which ``rnnviz sample``, ``rnnviz eval --corpus`` and the window open like any other.

The vocabulary (``--vocab``) is a one-token-per-line file (:mod:`rnnviz.engine.vocab_file`),
``FILE.vocab.txt`` by default, or the name of a bundled corpus (``--vocab tale``), whose own
vocabulary is built at ``--level``. The corpus the checkpoint trains on is ``--corpus``, else
that bundled corpus, else the one the file's metadata names when it can be found here; its text
is encoded in the model's vocabulary. Without any, the checkpoint names no corpus: it samples,
and training it needs a corpus (the window's File > Import weights asks for one).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from .cli_errors import UsageError, said
from .engine.texts import translate


def add_parsers(sub) -> None:
    im = sub.add_parser("import-weights", help="turn .safetensors weights (from PyTorch or export-weights) into "
                        "a checkpoint",
                        description="Read a language model's weights in PyTorch's state_dict names (nn.Embedding + "
                        "nn.RNN/LSTM/GRU + nn.Linear) from a .safetensors file and write an rnnviz checkpoint at "
                        "step 0 with a fresh optimizer.")
    im.add_argument("weights", metavar="FILE", help="the .safetensors file")
    im.add_argument("--vocab", default=None, help="one token per line (default: FILE.vocab.txt beside it), or a "
                    "bundled corpus name (tale, toy) whose vocabulary to build")
    im.add_argument("--level", choices=["char", "word"], default=None,
                    help="tokens are characters or words (default: the vocabulary's header, else a guess)")
    im.add_argument("--corpus", default=None, help="text to continue training on, encoded in the vocabulary "
                    "(default: the --vocab corpus, else the one the file names)")
    im.add_argument("--out", required=True, metavar="CKPT", help="the checkpoint to write (.npz)")
    im.add_argument("--force", action="store_true", help="replace an existing --out")
    ex = sub.add_parser("export-weights", help="write a checkpoint's weights as .safetensors (PyTorch's names)",
                        description="Write a language-model checkpoint's weights as .safetensors in PyTorch's "
                        "state_dict names, its vocabulary beside them (FILE.vocab.txt), its shape in the metadata.")
    ex.add_argument("checkpoint", metavar="CKPT")
    ex.add_argument("weights", metavar="FILE", help="the .safetensors file to write")


def cmd_import_weights(args: argparse.Namespace) -> int:
    from rnnviz import resources
    from rnnviz.engine.checkpoint import save_checkpoint
    from rnnviz.engine.config import TrainConfig
    from rnnviz.engine.data import corpus_spec, load_corpus
    from rnnviz.engine.optim import make_optimizer
    from rnnviz.engine.vocab_file import FIXED_VOCAB, corpus_in_vocab
    from rnnviz.engine.weights_io import build_model, import_weights

    out = Path(args.out)
    if out.exists() and not args.force:
        raise UsageError(translate("cli_weights", "{path} exists; pass --force to replace it").format(path=args.out))
    bundled = resources.bundled_corpora()
    corpus, vocab = args.corpus, None
    if args.vocab in bundled and not Path(args.vocab).exists():
        vocab = load_corpus(args.vocab, args.level or "char").vocab
        corpus = corpus or args.vocab
    imported = import_weights(args.weights, args.vocab, vocab=vocab, level=args.level)
    vocab, cfg = imported.vocab, imported.model_config
    named = imported.metadata.get("corpus")
    if corpus is None and named and (named in bundled or Path(named).exists()):
        corpus = named
    data = {}
    if corpus:
        data = {**corpus_spec(corpus, vocab.level, normalize=vocab.normalize), FIXED_VOCAB: True}
        corpus_in_vocab(data, vocab)            # the text must fit the vocabulary now, not at the first step
    train = TrainConfig()
    save_checkpoint(out, build_model(imported), make_optimizer(train), vocab=vocab, train_config=train, data=data)
    for note in imported.notes:
        print(said(note))
    print(said(translate("cli_weights", "wrote {out}: {cell}, {layers} layer(s), H = {hidden}, V = {vocab}, step 0 "
                         "with a fresh optimizer").format(out=args.out, cell=cfg.cell.upper(), layers=cfg.num_layers,
                                                          hidden=cfg.hidden_size, vocab=cfg.vocab_size)))
    if corpus:
        print(said(translate("cli_weights", "it trains on {corpus}").format(corpus=corpus)))
    else:
        print(said(translate("cli_weights", "it names no corpus: rnnviz sample reads it; to train it, import again "
                             "with --corpus, or in the window with File > Import weights")))
    return 0


def cmd_export_weights(args: argparse.Namespace) -> int:
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.weights_io import export_weights

    ckpt = load_checkpoint(args.checkpoint)
    weights, vocab_file = export_weights(ckpt.model, ckpt.vocab, args.weights,
                                         {"corpus": ckpt.data.get("source"), "step": ckpt.step})
    print(said(translate("cli_weights", "wrote {weights} and {vocab} (step {step})").format(
        weights=str(weights), vocab=str(vocab_file), step=f"{ckpt.step:,}")))
    return 0
