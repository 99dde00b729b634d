"""``rnnviz train --task classify``: the seed's many-to-one sentiment RNN from the shell.

Trains a :class:`~rnnviz.engine.classifier.Classifier` on an aclImdb folder, a TSV/CSV table
(the Naver movie-review format included) or a generated set ("first-token", "reviews",
"reviews-ko"), and prints the training and validation loss and accuracy after every epoch.
``--preset doit-ch9`` is the seed's configuration (and ``doit-ch9-embedding``, ``doit-ch9-lstm``
its Keras twins); flags given explicitly win.

The run folder follows the other trainers' rules (:mod:`rnnviz.run_folder`): config.json,
metrics.csv (one row per step), epochs.csv (iteration, epoch, train_loss, train_accuracy,
valid_loss, valid_accuracy, seconds_since_start), checkpoint.npz (every epoch, every --save-every
steps, at the end and on Ctrl-C; it carries the curves, so the lab opens the run with them) and
results.json. ``--resume`` continues a run bit-identically.
"""
from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path
from typing import Any

import numpy as np

from .cli_errors import UsageError, said
from .engine.texts import translate

# Defaults without a preset: a small RNN that learns "first token" or the reviews in seconds.
DEFAULT_DATA = {"level": "word", "vocab_size": 100, "max_len": 100}
DEFAULT_MODEL = {"cell": "rnn", "hidden_size": 32, "input": "onehot", "init": "orthogonal"}
DEFAULT_TRAIN = {"batch_size": 32, "optimizer": "adam", "lr": 0.001, "clip": 5.0, "epochs": 10}
# flag dest -> field, per config
DATA_FLAGS = {"level": "level", "vocab": "vocab_size", "max_len": "max_len", "skip_top": "skip_top",
              "drop_unknown": "drop_unknown", "examples": "n", "valid_fraction": "valid_fraction"}
MODEL_FLAGS = {"cell": "cell", "layers": "num_layers", "embed_size": "embed_size", "hidden_size": "hidden_size",
               "init": "init", "dtype": "dtype", "model_seed": "seed", "pool": "pool", "truncate": "truncate",
               "input": "input"}
TRAIN_FLAGS = {"batch_size": "batch_size", "optimizer": "optimizer", "lr": "lr", "clip": "clip",
               "epochs": "epochs", "steps": "max_steps", "seed": "seed"}
# Language-model flags that mean nothing for a classifier.
LM_ONLY = ("normalize", "limit_tokens", "valid", "test", "dropout", "tie", "bptt", "eval_every", "decoder",
           "reverse")
# Flags only a classifier reads (the language model refuses them).
CLASSIFY_ONLY = ("vocab", "max_len", "truncate", "pool", "input", "skip_top", "drop_unknown", "examples",
                 "valid_fraction")
EPOCH_COLUMNS = ["iteration", "epoch", "train_loss", "train_accuracy", "valid_loss", "valid_accuracy",
                 "seconds_since_start"]


def add_arguments(train: argparse.ArgumentParser) -> None:
    """The classifier's flags of ``rnnviz train`` (the rest are shared with the language model)."""
    group = train.add_argument_group("classify (with --task classify)")
    group.add_argument("--vocab", type=int, default=None, metavar="N",
                       help="keep the N most frequent tokens, <pad> and <unk> included (default 100)")
    group.add_argument("--max-len", type=int, default=None, metavar="T",
                       help="cut or pad every text to T tokens, keeping its end (default 100)")
    group.add_argument("--truncate", type=int, default=None, metavar="K",
                       help="backpropagate through the last K steps only (the seed: 10); 0 = full BPTT")
    group.add_argument("--pool", choices=["last", "mean"], default=None,
                       help="classify from the last hidden state (default) or the mean over the text")
    group.add_argument("--input", choices=["onehot", "embedding"], default=None,
                       help="one-hot words (default, the seed) or a learned embedding")
    group.add_argument("--skip-top", type=int, default=None, metavar="N",
                       help="drop the N most frequent words (the seed: 20)")
    group.add_argument("--drop-unknown", action="store_true", default=None,
                       help="drop words outside the vocabulary instead of reading <unk> (the seed)")
    group.add_argument("--examples", type=int, default=None, metavar="N",
                       help="texts to generate for first-token and reviews (default 5000)")
    group.add_argument("--valid-fraction", type=float, default=None,
                       help="share of the texts held out for validation (default 0.2)")


def cmd_train_classify(args: argparse.Namespace) -> int:
    given = [f"--{d.replace('_', '-')}" for d in LM_ONLY if getattr(args, d, None) is not None]
    if args.on_divergence == "rewind":
        given.append("--on-divergence rewind")
    if given:
        message = translate("cli_classify", "{flags} does not apply to --task classify") if len(given) == 1 \
            else translate("cli_classify", "{flags} do not apply to --task classify")
        raise UsageError(message.format(flags=", ".join(given)))
    if args.corpus and args.pairs and args.corpus != args.pairs:
        raise UsageError(translate("cli_classify", "two data sets given ({first} and --corpus {second}); give one")
                         .format(first=args.corpus, second=args.pairs))
    args.pairs = args.pairs or args.corpus
    session, folder, extra = _resume(args) if args.resume else _fresh(args)
    return _train(session, folder, extra, args)


def _fresh(args: argparse.Namespace):
    from rnnviz.cli_train import recorded_source
    from rnnviz.engine.classify_data import ClassDataSpec, load_classes
    from rnnviz.engine.classify_presets import CLASSIFY_PRESETS
    from rnnviz.engine.classify_session import ClassifySession
    from rnnviz.engine.config import ClassifierConfig, TrainConfig
    from rnnviz.run_folder import claim, remove_stale_temps, unique_folder

    preset = CLASSIFY_PRESETS.get(args.preset) if args.preset else None
    data_kw = dict(preset.data if preset else DEFAULT_DATA)
    model_kw = dict(preset.model if preset else DEFAULT_MODEL)
    train_kw = dict(preset.train if preset else DEFAULT_TRAIN)
    for table, flags in ((data_kw, DATA_FLAGS), (model_kw, MODEL_FLAGS), (train_kw, TRAIN_FLAGS)):
        for dest, name in flags.items():
            if getattr(args, dest, None) is not None:
                table[name] = getattr(args, dest)
    if args.onehot:
        model_kw["input"] = "onehot"
    if args.seed is not None and args.model_seed is None:
        model_kw["seed"] = args.seed
    if args.steps is not None and args.epochs is None:
        train_kw["epochs"] = 0
    source = args.pairs or (preset.corpus if preset else "first-token")
    spec = ClassDataSpec(source=recorded_source(source), **data_kw)
    data = load_classes(spec)
    config = ClassifierConfig(vocab_size=len(data.vocab), num_classes=data.num_classes, **model_kw)
    session = ClassifySession(data, config, TrainConfig(**train_kw))
    if args.out:
        folder = Path(args.out)
        claim(folder, force=args.force)
    else:
        name = Path(str(source)).stem or "texts"
        folder = unique_folder(Path("runs") / f"{name}-{config.cell}-k{config.truncate}")
    remove_stale_temps(folder)
    cut = (translate("cli_classify", "full BPTT") if config.truncate == 0
           else translate("cli_classify", "backprop through the last {k} steps").format(k=config.truncate))
    inputs = translate("cli_classify", "one-hot") if config.input == "onehot" else translate("cli_classify", "embedding")
    print(said(translate("cli_classify", "{name}: {train} training and {valid} validation texts, {vocab} tokens, "
                         "T = {T}; {cell} {input}, H = {hidden}, {cut}, {steps} steps per epoch").format(
        name=data.name, train=f"{len(data.x_train):,}", valid=f"{len(data.x_valid):,}", vocab=len(data.vocab),
        T=data.max_len, cell=config.cell.upper(), input=inputs, hidden=config.hidden_size, cut=cut,
        steps=session.iters_per_epoch)))
    return session, folder, None


def _resume(args: argparse.Namespace):
    """The checkpoint's session, with --lr, --clip, --epochs, --steps and --truncate applied."""
    from rnnviz.cli_resume import finished_message
    from rnnviz.engine.classify_checkpoint import load_classify_checkpoint
    from rnnviz.engine.classify_session import ClassifySession
    from rnnviz.run_folder import claim, remove_stale_temps

    fixed = [f"--{d.replace('_', '-')}" for d in (*DATA_FLAGS, *MODEL_FLAGS, "batch_size", "optimizer", "seed")
             if d != "truncate" and getattr(args, d, None) is not None]
    if fixed or args.pairs or args.preset:
        raise UsageError(translate("cli_classify", "{flags} cannot change when resuming a classifier run; only "
                                   "--lr, --clip, --epochs, --steps and --truncate can").format(
            flags=", ".join(fixed or ["--corpus" if args.pairs else "--preset"])))
    ckpt = load_classify_checkpoint(args.resume)
    changes: dict[str, Any] = {}
    for dest, name in (("lr", "lr"), ("clip", "clip"), ("epochs", "epochs"), ("steps", "max_steps")):
        if getattr(args, dest) is not None:
            changes[name] = getattr(args, dest)
    if args.epochs is not None and args.steps is None:
        changes["max_steps"] = 0
    if changes:
        ckpt.train_config = dataclasses.replace(ckpt.train_config, **changes)
    session = ClassifySession.from_checkpoint(ckpt)
    if args.lr is not None:
        session.optimizer.lr = float(args.lr)
    if args.clip is not None:
        session.clip = float(args.clip)
    if args.truncate is not None:
        session.set_truncate(args.truncate)
    if session.iteration >= session.total_steps:
        raise UsageError(finished_message(session.train_config, session.iteration,
                                          session.iteration // session.iters_per_epoch))
    home = Path(args.resume).resolve().parent
    folder = Path(args.out) if args.out else Path(args.resume).parent
    if folder.resolve() != home:
        claim(folder, force=args.force, resume_hint=f"--resume {folder / 'checkpoint.npz'}")
    remove_stale_temps(folder)
    return session, folder, ckpt.extra


class ClassifyLogs:
    """The run's logs (:class:`~rnnviz.run_logs.RunLogs`) plus epochs.csv and the lab's curves."""

    def __init__(self, session, folder: Path, extra: dict[str, np.ndarray] | None):
        from rnnviz.run_folder import CsvLog, write_csv
        from rnnviz.run_logs import RunLogs
        from rnnviz.runtime.classify_curves import ClassifyCurves
        from rnnviz.runtime.history import History
        resumed = extra is not None
        self.ipe = session.iters_per_epoch
        history, curves = None, ClassifyCurves(session.iters_per_epoch)
        if resumed:
            try:
                history = History.from_arrays(extra).truncated(session.iteration)
                curves = ClassifyCurves.from_arrays(extra)
            except ValueError:
                history = None
        self.curves = curves
        self.seconds = [float(s) for s in np.asarray(extra.get("epochs.seconds", ()) if resumed else ())]
        self.elapsed_before = self.seconds[-1] if self.seconds else 0.0
        self.run = RunLogs(session, folder, history, resumed=resumed, evals=False)
        path = folder / "epochs.csv"
        if resumed and history is not None:
            write_csv(path, EPOCH_COLUMNS, (self._row(j) for j in range(len(self.seconds))))
        self.log = CsvLog(path, EPOCH_COLUMNS, append=resumed)
        self.run.add_log(self.log)
        self.run.carry = self.arrays
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return self.elapsed_before + time.perf_counter() - self.started

    def _row(self, j: int) -> list[str]:
        c = self.curves.columns
        epoch = c["epoch"][j]
        return [str(round(epoch * self.ipe)), repr(round(epoch, 3)), f"{c['train_loss'][j]:.6f}",
                f"{c['train_accuracy'][j] / 100:.6f}", f"{c['valid_loss'][j]:.6f}",
                f"{c['valid_accuracy'][j] / 100:.6f}", f"{self.seconds[j]:.2f}"]

    def step(self, snapshot) -> None:
        self.run.step(snapshot)
        self.curves.add(snapshot)

    def result(self, item) -> None:
        self.curves.add(item)
        self.seconds.append(self.elapsed)
        self.log.write(self._row(len(self.seconds) - 1))

    def arrays(self) -> dict[str, np.ndarray]:
        return {**self.curves.to_arrays(), "epochs.seconds": np.array(self.seconds, np.float64)}


def _train(session, folder: Path, extra, args: argparse.Namespace) -> int:
    """Train to the end as :meth:`ClassifySession.run` does, step by step (:func:`train_by_epochs`)."""
    from rnnviz.cli_epochs import train_by_epochs
    from rnnviz.run_folder import write_json

    logs = ClassifyLogs(session, folder, extra)
    save_every = args.save_every or 0
    write_json(folder / "config.json", {"task": "classify", "model": dataclasses.asdict(session.config),
                                        "train": dataclasses.asdict(session.train_config),
                                        "data": dataclasses.asdict(session.data.spec),
                                        "iters_per_epoch": session.iters_per_epoch,
                                        "cli": {"save_every": save_every}})

    def epoch(item) -> None:
        logs.result(item)
        _print_epoch(item, logs.elapsed)
    status = train_by_epochs(session, logs.run, save_every=save_every, on_step=logs.step, on_epoch=epoch)
    if status is not None:
        return status
    ipe = session.iters_per_epoch
    valid = logs.curves.column("valid_accuracy")
    results = {"task": "classify", "data": session.data.name, "cell": session.config.cell,
               "input": session.config.input, "truncate": session.truncate, "steps": session.iteration,
               "final_valid_accuracy": float(valid[-1]) / 100 if len(valid) else None,
               "best_valid_accuracy": float(valid.max()) / 100 if len(valid) else None,
               "seconds": round(logs.elapsed, 2)}
    write_json(folder / "results.json", results)
    if len(valid):
        print(said(translate("cli_classify", "final validation accuracy {accuracy} % (best {best} %) in {seconds} s; "
                             "wrote {folder}").format(accuracy=f"{valid[-1]:.2f}", best=f"{valid.max():.2f}",
                                                      seconds=f"{results['seconds']:.1f}", folder=str(folder))))
    else:
        print(said(translate("cli_classify", "{steps} steps, less than one epoch ({per_epoch} steps): no validation "
                             "accuracy yet; wrote {folder}").format(steps=session.iteration, per_epoch=ipe,
                                                                   folder=str(folder))))
    return 0


def _print_epoch(item, elapsed: float) -> None:
    line = translate("cli_classify", "epoch {epoch}: train loss {train_loss}, accuracy {train_accuracy} %; "
                     "validation loss {valid_loss}, accuracy {valid_accuracy} %; {seconds} s")
    print(said(line.format(epoch=f"{item.epoch_fraction:5.2f}", train_loss=f"{item.train_loss:.4f}",
                           train_accuracy=f"{100 * item.train_accuracy:6.2f}", valid_loss=f"{item.valid_loss:.4f}",
                           valid_accuracy=f"{100 * item.valid_accuracy:6.2f}", seconds=f"{elapsed:6.1f}")),
          flush=True)
