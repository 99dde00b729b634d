"""Argument parsing and the commands: ``rnnviz [gui] | train | eval | sample | spectrum | import-weights |
export-weights | bench``.

Every expected failure (a bad corpus, a corrupt checkpoint, a nonsensical size or rate, a
folder or disk that refuses a write, a bad option) prints one line, ``rnnviz <command>: error:
...``, and exits with status 2; a traceback means a bug. Ctrl-C exits with 130.

The train command lives in :mod:`rnnviz.cli_train` (language models) and
:mod:`rnnviz.cli_seq2seq`.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from .cli_classify import add_arguments as add_classify_arguments
from .cli_seq2seq import add_arguments as add_seq2seq_arguments
from .cli_spectrum import add_parser as add_spectrum_parser, cmd_spectrum
from .cli_weights import add_parsers as add_weights_parsers, cmd_export_weights, cmd_import_weights
from .cli_errors import EXIT_INTERRUPTED, EXIT_USAGE, UsageError, error_text, said
from .engine.texts import translate
from .cli_train import MAX_REWINDS, cmd_train, resolved


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line, like every other failure (no usage block)."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# --- parser ----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from rnnviz.engine.config import CELLS, INITS, OPTIMIZERS
    from rnnviz.engine.classify_presets import CLASSIFY_PRESETS
    from rnnviz.engine.presets import PRESETS

    parser = Parser(
        prog="rnnviz", description="Watch a recurrent neural network learn. Without a command the "
        "window opens; train, eval, sample and bench run headless.")
    parser.add_argument("--version", action="version", version=_version())
    parser.add_argument("--lang", choices=["en", "ko"], default=None,
                        help="language of the window and of the messages (default: the system's)")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads (default 1: the GUI needs the other core)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the window (what plain `rnnviz` does)",
                         description="Open the window, optionally with a corpus, a preset or a "
                         "saved run; --screenshot captures it without a person at the screen.")
    gui.add_argument("--corpus", help="text file, PTB folder, bundled name (tale, toy) or python-docs")
    gui.add_argument("--preset", choices=sorted(PRESETS), help="start from a book's run")
    gui.add_argument("--checkpoint", metavar="FILE", help="continue a saved run")
    gui.add_argument("--screenshot", metavar="FILE", help="train --steps N steps, save the window "
                     "as a PNG and exit (works with QT_QPA_PLATFORM=offscreen)")
    gui.add_argument("--steps", "--screenshot-steps", dest="screenshot_steps", type=int, default=0,
                     metavar="N", help="steps to train before --screenshot")
    gui.add_argument("--sample", metavar="PREFIX", help="with --screenshot: generate text from PREFIX "
                     "before the capture")

    train = sub.add_parser("train", help="train a language model (or, with --task seq2seq, an encoder-"
                           "decoder; with --task classify, a sentiment classifier), writing metrics and a "
                           "checkpoint",
                           description="Train a recurrent language model. Writes config.json, "
                           "metrics.csv, evals.csv and checkpoint.npz into --out. With --task seq2seq, "
                           "train the book's ch.7-8 encoder-decoder on question/answer pairs and print "
                           "the test accuracy per epoch. With --task classify, train the seed's many-to-one "
                           "sentiment RNN (--preset doit-ch9) and print loss and accuracy per epoch.")
    train.add_argument("corpus", nargs="?", help="text file, PTB folder, bundled name (tale, toy) "
                       "or python-docs; default: the preset's corpus, else tale")
    train.add_argument("--preset", choices=sorted(PRESETS) + sorted(CLASSIFY_PRESETS),
                       help="start from a book's run (doit-ch9*: the seed's classifier, --task classify)")
    train.add_argument("--out", default=None, help="output folder (default runs/<corpus>-<cell>, "
                       "numbered -2, -3 ... when taken; when resuming: the checkpoint's folder)")
    train.add_argument("--force", action="store_true", help="replace a run already in --out")
    train.add_argument("--resume", metavar="CHECKPOINT", help="continue a saved run with its own "
                       "settings (--lr, --clip, --epochs, --steps, --eval-every, --save-every and "
                       "--on-divergence may change; a finished run needs a larger --epochs or --steps, "
                       "else the exit status is 2)")
    data = train.add_argument_group("data")
    data.add_argument("--level", choices=["char", "word"], default=None)
    data.add_argument("--normalize", action="store_true", default=None,
                      help="letters and spaces only, lower case (d2l)")
    data.add_argument("--limit-tokens", type=int, default=None, metavar="N",
                      help="use only the first N tokens (the book's ch.5 uses 1000)")
    data.add_argument("--valid", default=None, help="validation text (default: last 10%%)")
    data.add_argument("--test", default=None, help="test text, evaluated at the end")
    model = train.add_argument_group("model")
    model.add_argument("--cell", choices=CELLS, default=None)
    model.add_argument("--layers", type=int, default=None)
    model.add_argument("--embed-size", type=int, default=None)
    model.add_argument("--onehot", action="store_true", default=None, help="one-hot input (d2l)")
    model.add_argument("--hidden-size", type=int, default=None)
    model.add_argument("--dropout", type=float, default=None)
    model.add_argument("--tie", action="store_true", default=None, help="tie decoder to embedding")
    model.add_argument("--init", choices=INITS, default=None)
    model.add_argument("--dtype", choices=["float32", "float64"], default=None)
    model.add_argument("--model-seed", type=int, default=None, help="initialisation seed")
    model.add_argument("--compare", metavar="MODELS", default=None,
                       help="train 2 or 3 models in lockstep on the same batches, e.g. lstm,gru,rnn or "
                       "lstm,lstm+clip=0 or lr=0.1,lr=1 (a cell, key=value, joined by +); one run folder "
                       "per model under --out")
    opt = train.add_argument_group("training")
    opt.add_argument("--batch-size", type=int, default=None)
    opt.add_argument("--bptt", type=int, default=None, help="time steps per truncated-BPTT block")
    opt.add_argument("--optimizer", choices=OPTIMIZERS, default=None)
    opt.add_argument("--lr", type=float, default=None)
    opt.add_argument("--clip", type=float, default=None, help="global-norm threshold, 0 = off")
    opt.add_argument("--epochs", type=int, default=None)
    opt.add_argument("--steps", type=int, default=None, help="stop after this many steps in all")
    opt.add_argument("--seed", type=int, default=None, help="seed for weights and dropout")
    opt.add_argument("--eval-every", type=int, default=None, help="validate every k steps "
                     "(default: each epoch)")
    opt.add_argument("--save-every", type=int, default=None, metavar="K", help="write the checkpoint "
                     "every K steps (default: each epoch; always at the end and on Ctrl-C)")
    opt.add_argument("--on-divergence", choices=["stop", "rewind"], default=None,
                     help="stop (default), or rewind to the last healthy kept step and halve the "
                     f"learning rate, at most {MAX_REWINDS} times")
    opt.add_argument("--progress", choices=["auto", "bar", "lines"], default="auto")
    add_seq2seq_arguments(train)
    add_classify_arguments(train)

    ev = sub.add_parser("eval", help="perplexity of a checkpoint on a text")
    ev.add_argument("checkpoint")
    ev.add_argument("--corpus", default=None, help="text file or PTB folder (default: the run's "
                    "test split, else its validation split)")
    ev.add_argument("--batch-size", type=int, default=10)
    ev.add_argument("--bptt", type=int, default=35)

    sa = sub.add_parser("sample", help="generate text from a checkpoint")
    sa.add_argument("checkpoint")
    sa.add_argument("--prefix", default="", help="text to warm the model up on")
    sa.add_argument("--length", type=int, default=100, help="tokens to generate")
    sa.add_argument("--temperature", type=float, default=1.0)
    sa.add_argument("--top-k", type=int, default=0, help="sample among the k likeliest (0 = all)")
    sa.add_argument("--greedy", action="store_true", help="always take the likeliest token")
    sa.add_argument("--seed", type=int, default=None)
    sa.add_argument("--skip", action="append", default=None, metavar="TOKEN",
                    help="never generate TOKEN (default for word level: <unk> N $, as the book)")
    sa.add_argument("--stop-at-eos", action="store_true",
                    help="stop at the end of a sentence (default: <eos> prints as a new line)")
    add_spectrum_parser(sub)
    add_weights_parsers(sub)
    be = sub.add_parser("bench", help="measure training and generation speed",
                        description="Time the book's configurations (one BLAS thread unless "
                        "--threads says otherwise).")
    be.add_argument("--config", action="append", help="ptb-lstm, ptb-rnn, tm-char-lstm, "
                    "tm-char-gru, ptb-generate (default: all)")
    be.add_argument("--quick", action="store_true", help="10 iterations per config")
    be.add_argument("--iterations", type=int, default=30, help="timed iterations (at least 30)")
    be.add_argument("--json", default=None, help="also write the results here")
    be.add_argument("--corpora", default=None, help="folder holding ptb/ and timemachine.txt")
    be.add_argument("--telemetry", action="store_true",
                    help="also time each config with telemetry off, to show its cost")
    return parser


def _version() -> str:
    from rnnviz import __version__
    return f"rnnviz {__version__}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from rnnviz import localize
    localize.set_language(args.lang or localize.system_language())
    if args.threads is not None:
        if args.threads < 1:
            parser.error(said(translate("cli", "--threads must be at least 1")))
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
        _set_blas_threads(args.threads)
    if args.command in (None, "gui"):
        from rnnviz.gui.app import main as gui_main
        return gui_main(args)
    from rnnviz.engine.checkpoint import CheckpointError
    from rnnviz.engine.config import ConfigError
    from rnnviz.engine.data import CorpusError
    from rnnviz.run_folder import RunFolderError, reason
    handler = {"train": cmd_train, "eval": cmd_eval, "sample": cmd_sample, "bench": cmd_bench,
               "spectrum": cmd_spectrum, "import-weights": cmd_import_weights,
               "export-weights": cmd_export_weights}[args.command]
    prefix = f"rnnviz {args.command}: error:"
    try:
        return handler(args)
    except (UsageError, CorpusError, ConfigError, CheckpointError, RunFolderError, ValueError) as exc:
        print(f"{prefix} {error_text(exc)}", file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = said(translate("cli", "interrupted"))
        print(f"\nrnnviz {args.command}: {interrupted}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``rnnviz spectrum --book | head``): nothing to say, nobody to say it to.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    # Last resorts: whatever the checks above missed is still one line, not a traceback.
    except MemoryError:
        message = said(translate("cli", "out of memory (try a smaller model, batch or corpus)"))
        print(f"{prefix} {message}", file=sys.stderr)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{prefix} {where}{said(reason(exc))}", file=sys.stderr)
    return EXIT_USAGE


def _set_blas_threads(n: int) -> None:
    """numpy may already be loaded; threadpoolctl (if present) can still change its BLAS pool."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(n)


def cmd_bench(args: argparse.Namespace) -> int:
    from rnnviz import bench
    return bench.main(args)


# --- eval ------------------------------------------------------------------------------------

def cmd_eval(args: argparse.Namespace) -> int:
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.data import CorpusError, read_text
    from rnnviz.engine.vocab_file import corpus_in_vocab
    from rnnviz.engine.trainer import perplexity

    for flag, value in (("--batch-size", args.batch_size), ("--bptt", args.bptt)):
        if value < 1:
            raise UsageError(translate("cli", "{flag} must be at least 1, got {value}").format(
                flag=flag, value=value))
    ckpt = load_checkpoint(args.checkpoint)
    vocab = ckpt.vocab
    if args.corpus:
        path = Path(args.corpus)
        if path.is_dir() and (path / "ptb.test.txt").is_file():
            path = path / "ptb.test.txt"
        ids = vocab.encode(vocab.tokenize(read_text(path)))
        label = path.name
    else:
        # The checkpoint says where its data came from; that is a claim to check, not a path to
        # trust: only a corpus with exactly the run's vocabulary is scored.
        home = Path(args.checkpoint).resolve().parent
        data = dict(ckpt.data)
        if not data.get("source"):
            raise UsageError(translate("cli", "{path} does not say which corpus it was trained on; pass "
                                       "--corpus").format(path=args.checkpoint))
        for key in ("source", "valid", "test"):
            data[key] = resolved(data.get(key), home)
        corpus = corpus_in_vocab(data, vocab)       # imported weights: the text in their vocabulary
        if corpus.vocab.tokens != vocab.tokens:
            raise UsageError(translate("cli", "{corpus} does not match the run's vocabulary; pass --corpus")
                             .format(corpus=data["source"]))
        if corpus.test is not None:
            ids, label = corpus.test, translate("cli", "the test split")
        elif len(corpus.valid):
            ids, label = corpus.valid, translate("cli", "the validation split")
        else:
            raise CorpusError(translate("cli", "the run has no test or validation data; pass --corpus PATH"))
    ppl = perplexity(ckpt.model, ids, args.batch_size, args.bptt)
    print(said(translate("cli", "perplexity {perplexity} on {data} ({count} tokens)").format(
        perplexity=f"{ppl:.2f}", data=label, count=f"{len(ids):,}")))
    return 0


# --- sample ----------------------------------------------------------------------------------

def cmd_sample(args: argparse.Namespace) -> int:
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.sampling import generate

    if args.length < 0:
        raise UsageError(translate("cli", "--length must be >= 0, got {value}").format(value=args.length))
    ckpt = load_checkpoint(args.checkpoint)
    vocab = ckpt.vocab
    if args.skip is None:
        skip_tokens = ["<unk>", "N", "$"] if vocab.level == "word" else []
    else:
        skip_tokens = args.skip
    skip_ids = [vocab.tokens.index(t) for t in skip_tokens if t in vocab]
    sample = generate(ckpt.model, vocab, args.prefix, args.length, temperature=args.temperature,
                      top_k=args.top_k, greedy=args.greedy, seed=args.seed, skip_ids=skip_ids,
                      stop_at_eos=args.stop_at_eos)
    print(sample.text)
    return 0
