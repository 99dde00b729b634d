"""Argument parsing and the commands: ``rnnviz [gui] | train | eval | sample | bench``.

Every expected failure (a bad corpus, a corrupt checkpoint, a nonsensical size or rate)
prints one line and exits with status 2; a traceback means a bug.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from .cli_seq2seq import add_arguments as add_seq2seq_arguments
from .cli_seq2seq import cmd_train_seq2seq

EXIT_USAGE = 2

MODEL_FLAGS = {  # argparse dest -> ModelConfig field
    "cell": "cell", "layers": "num_layers", "embed_size": "embed_size", "hidden_size": "hidden_size",
    "dropout": "dropout", "tie": "tie_weights", "init": "init", "dtype": "dtype", "model_seed": "seed",
}
TRAIN_FLAGS = {  # argparse dest -> TrainConfig field
    "batch_size": "batch_size", "bptt": "bptt", "optimizer": "optimizer", "lr": "lr", "clip": "clip",
    "epochs": "epochs", "steps": "max_steps", "seed": "seed", "eval_every": "eval_every",
}
DATA_FLAGS = ("level", "normalize", "limit_tokens", "valid", "test")
METRIC_COLUMNS = ["iteration", "epoch", "loss", "perplexity", "grad_norm", "lr", "seconds"]


class UsageError(Exception):
    """An expected, explainable failure: printed as one line, exit status 2."""


# --- parser ----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from rnnviz.engine.config import CELLS, INITS, OPTIMIZERS
    from rnnviz.engine.presets import PRESETS

    parser = argparse.ArgumentParser(
        prog="rnnviz", description="Watch a recurrent neural network learn. Without a command the "
        "window opens; train, eval, sample and bench run headless.")
    parser.add_argument("--version", action="version", version=_version())
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
                           "decoder), writing metrics and a checkpoint",
                           description="Train a recurrent language model. Writes config.json, "
                           "metrics.csv, evals.csv and checkpoint.npz into --out. With --task seq2seq, "
                           "train the book's ch.7-8 encoder-decoder on question/answer pairs and print "
                           "the test accuracy per epoch.")
    train.add_argument("corpus", nargs="?", help="text file, PTB folder, bundled name (tale, toy) "
                       "or python-docs; default: the preset's corpus, else tale")
    train.add_argument("--preset", choices=sorted(PRESETS), help="start from a book's run")
    train.add_argument("--out", default=None, help="output folder (default runs/<corpus>-<cell>)")
    train.add_argument("--resume", metavar="CHECKPOINT", help="continue a saved run")
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
    opt.add_argument("--progress", choices=["auto", "bar", "lines"], default="auto")
    add_seq2seq_arguments(train)

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
    if args.threads is not None:
        if args.threads < 1:
            parser.error("--threads must be at least 1")
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
        _set_blas_threads(args.threads)
    if args.command in (None, "gui"):
        from rnnviz.gui.app import main as gui_main
        return gui_main(args)
    from rnnviz.engine.checkpoint import CheckpointError
    from rnnviz.engine.config import ConfigError
    from rnnviz.engine.data import CorpusError
    handler = {"train": cmd_train, "eval": cmd_eval, "sample": cmd_sample, "bench": cmd_bench}[args.command]
    try:
        return handler(args)
    except (UsageError, CorpusError, ConfigError, CheckpointError, ValueError) as exc:
        print(f"rnnviz {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _set_blas_threads(n: int) -> None:
    """numpy may already be loaded; threadpoolctl (if present) can still change its BLAS pool."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(n)


# --- train -----------------------------------------------------------------------------------

def cmd_train(args: argparse.Namespace) -> int:
    from rnnviz.engine.trainer import DivergenceError
    if args.task == "seq2seq":
        return cmd_train_seq2seq(args)
    args.corpus = args.corpus or args.pairs         # --corpus works for a language model too

    session, out, resumed = _make_session(args)
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / "config.json", session.describe())
    progress = Progress(session, args.progress)
    cfg = session.train_config
    eval_every = cfg.eval_every or session.iters_per_epoch
    has_valid = len(session.corpus.valid) > 2
    metrics_path = out / "metrics.csv"
    new_file = not (resumed and metrics_path.exists())
    epoch_losses: list[float] = []
    status = 0
    with open(metrics_path, "a" if not new_file else "w", newline="") as mf, \
            open(out / "evals.csv", "a" if not new_file else "w", newline="") as ef:
        metrics, evals = csv.writer(mf), csv.writer(ef)
        if new_file:
            metrics.writerow(METRIC_COLUMNS)
            evals.writerow(["iteration", "epoch", "train_perplexity", "valid_perplexity"])
        try:
            while not session.finished:
                r = session.step().stats
                epoch_losses.append(r.loss)
                metrics.writerow([r.iteration, r.epoch, repr(r.loss), repr(r.perplexity),
                                  repr(r.grad_norm), repr(r.lr), f"{r.seconds:.6f}"])
                progress.update(r)
                if r.iteration % eval_every == 0 or session.finished:
                    train_ppl = math.exp(min(float(sum(epoch_losses) / len(epoch_losses)), 700.0))
                    epoch_losses.clear()
                    valid_ppl = session.evaluate().perplexity if has_valid else float("nan")
                    evals.writerow([r.iteration, r.epoch, repr(train_ppl), repr(valid_ppl)])
                    mf.flush()
                    ef.flush()
                    progress.line(r, train_ppl, valid_ppl)
                    if r.iteration % session.iters_per_epoch == 0:
                        session.save(out / "checkpoint.npz")
        except DivergenceError as exc:
            progress.close()
            session.save(out / "checkpoint.npz")
            print(f"rnnviz train: error: {exc} The last good state is in {out / 'checkpoint.npz'}.",
                  file=sys.stderr)
            return EXIT_USAGE
        except KeyboardInterrupt:
            progress.close()
            session.save(out / "checkpoint.npz")
            print(f"\ninterrupted at step {session.iteration}; saved {out / 'checkpoint.npz'} "
                  f"(continue with --resume)", file=sys.stderr)
            return 130
    progress.close()
    path = session.save(out / "checkpoint.npz")
    results = {"steps": session.iteration, "epochs": session.iteration / session.iters_per_epoch,
               "seconds": round(progress.elapsed, 3)}
    if has_valid:
        results["valid_perplexity"] = session.evaluate().perplexity
    if session.corpus.test is not None and len(session.corpus.test) > 2:
        results["test_perplexity"] = session.evaluate("test").perplexity
        print(f"test perplexity {results['test_perplexity']:.2f}")
    _write_json(out / "results.json", results)
    print(f"saved {path} after {session.iteration} steps in {progress.elapsed:.1f} s")
    return status


def _make_session(args: argparse.Namespace):
    """Build (or resume) the session the flags describe; returns (session, out folder, resumed)."""
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.presets import PRESETS
    from rnnviz.engine.trainer import Session

    if args.resume:
        changing = [f"--{d.replace('_', '-')}" for d in (*MODEL_FLAGS, *DATA_FLAGS, "onehot", "preset")
                    if getattr(args, d, None) is not None]
        if changing:
            raise UsageError(f"{', '.join(changing)} cannot change when resuming a run")
        ckpt = load_checkpoint(args.resume)
        data = dict(ckpt.data)
        if args.corpus:
            data["source"] = args.corpus
        corpus = _load_corpus_from(data)
        overrides = {TRAIN_FLAGS[d]: getattr(args, d) for d in ("epochs", "steps", "lr", "clip", "eval_every")
                     if getattr(args, d) is not None}
        if overrides:
            ckpt.train_config = dataclasses.replace(ckpt.train_config, **overrides)
        session = Session.from_checkpoint(ckpt, corpus)
        if args.lr is not None:
            session.set_lr(args.lr)
        if args.clip is not None:
            session.clip = args.clip
        out = Path(args.out) if args.out else Path(args.resume).resolve().parent
        return session, out, True

    preset = PRESETS[args.preset] if args.preset else None
    source = args.corpus
    if source is None:
        if preset is None:
            source = "tale"
        else:
            source = preset.corpus_path()
            if source is None:
                raise UsageError(f"preset {preset.name} needs the corpus {preset.corpus!r}, which is not "
                                 f"bundled: pass its path (e.g. rnnviz train PATH --preset {preset.name})")
    data = {"source": str(source), "level": "char", "normalize": False, "limit_tokens": None,
            "valid": None, "test": None}
    if preset:
        data.update(preset.data)
    for key in DATA_FLAGS:
        if getattr(args, key) is not None:
            data[key] = getattr(args, key)
    corpus = _load_corpus_from(data)

    model_kw: dict[str, Any] = dict(preset.model) if preset else {"embed_size": 32, "hidden_size": 128}
    train_kw: dict[str, Any] = dict(preset.train) if preset else {
        "batch_size": 16, "bptt": 32, "optimizer": "adam", "lr": 0.005, "clip": 1.0, "epochs": 10}
    for dest, name in MODEL_FLAGS.items():
        if getattr(args, dest) is not None:
            model_kw[name] = getattr(args, dest)
    if args.onehot:
        model_kw["input"] = "onehot"
    for dest, name in TRAIN_FLAGS.items():
        if getattr(args, dest) is not None:
            train_kw[name] = getattr(args, dest)
    if args.seed is not None and args.model_seed is None:
        model_kw["seed"] = args.seed
    if "steps" in vars(args) and args.steps is not None and args.epochs is None:
        train_kw["epochs"] = 0
    model_cfg = ModelConfig(vocab_size=len(corpus.vocab), **model_kw)
    train_cfg = TrainConfig(**train_kw)
    session = Session(corpus, model_cfg, train_cfg, data=data)
    name = Path(str(data["source"])).stem or "corpus"
    out = Path(args.out) if args.out else Path("runs") / f"{name}-{model_cfg.cell}"
    return session, out, False


def _load_corpus_from(data: dict[str, Any]):
    from rnnviz.engine.data import load_corpus
    return load_corpus(data["source"], data.get("level", "char"), normalize=bool(data.get("normalize")),
                       limit_tokens=data.get("limit_tokens"), valid_source=data.get("valid"),
                       test_source=data.get("test"))


class Progress:
    """A one-line bar on a terminal; otherwise only the per-evaluation lines."""

    def __init__(self, session, mode: str):
        self.session = session
        self.bar = sys.stderr.isatty() if mode == "auto" else mode == "bar"
        self.start = time.perf_counter()
        self.start_step = session.iteration
        self.last_draw = 0.0
        self.drawn = False

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def tokens_per_second(self) -> float:
        steps = self.session.iteration - self.start_step
        return steps * self.session.tokens_per_step / max(self.elapsed, 1e-9)

    def update(self, r) -> None:
        if not self.bar:
            return
        now = time.perf_counter()
        if now - self.last_draw < 0.2 and not self.session.finished:
            return
        self.last_draw = now
        total = self.session.total_steps
        done = r.iteration / total
        filled = int(30 * done)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {100 * done:5.1f}% "
                         f"step {r.iteration}/{total} epoch {r.epoch_fraction:.2f} "
                         f"ppl {r.perplexity:8.2f} {self.tokens_per_second():,.0f} tok/s ")
        sys.stderr.flush()
        self.drawn = True

    def line(self, r, train_ppl: float, valid_ppl: float) -> None:
        self.close()
        valid = f" | valid ppl {valid_ppl:.2f}" if math.isfinite(valid_ppl) else ""
        print(f"epoch {r.epoch_fraction:.2f} | step {r.iteration} | train ppl {train_ppl:.2f}{valid} | "
              f"{self.tokens_per_second():,.0f} tok/s | {self.elapsed:.1f} s", flush=True)

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n")
    os.replace(tmp, path)


def cmd_bench(args: argparse.Namespace) -> int:
    from rnnviz import bench
    return bench.main(args)


# --- eval ------------------------------------------------------------------------------------

def cmd_eval(args: argparse.Namespace) -> int:
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.data import CorpusError, read_text
    from rnnviz.engine.trainer import perplexity

    ckpt = load_checkpoint(args.checkpoint)
    vocab = ckpt.vocab
    if args.corpus:
        path = Path(args.corpus)
        if path.is_dir() and (path / "ptb.test.txt").is_file():
            path = path / "ptb.test.txt"
        ids = vocab.encode(vocab.tokenize(read_text(path)))
        label = path.name
    else:
        corpus = _load_corpus_from(ckpt.data)
        if corpus.test is not None:
            ids, label = corpus.test, "the test split"
        elif len(corpus.valid):
            ids, label = corpus.valid, "the validation split"
        else:
            raise CorpusError("the run has no test or validation data; pass --corpus PATH")
    ppl = perplexity(ckpt.model, ids, args.batch_size, args.bptt)
    print(f"perplexity {ppl:.2f} on {label} ({len(ids):,} tokens)")
    return 0


# --- sample ----------------------------------------------------------------------------------

def cmd_sample(args: argparse.Namespace) -> int:
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.sampling import generate

    if args.length < 0:
        raise UsageError(f"--length must be >= 0, got {args.length}")
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
