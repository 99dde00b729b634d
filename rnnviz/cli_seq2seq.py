"""``rnnviz train --task seq2seq``: the book's ch.7-8 addition and date runs from the shell.

The defaults are the book's (D = 16, H = 128, batch 128, Adam lr 0.001, clip 5, 25 epochs);
the flags the language-model trainer has for these change them. Without --seed or --model-seed
the weights and the data order come from the book's random stream, so the run replays the
book's script on the same file; a seed gives a run of its own. Prints the test accuracy
after every epoch.

The run folder follows the language model's rules (:mod:`rnnviz.run_folder`): config.json,
metrics.csv (the window's schema, one row per step), accuracy.csv (iteration, epoch, accuracy,
per_position, seconds_since_start: one row per epoch), checkpoint.npz (every epoch, every
--save-every steps, at the end and on Ctrl-C) and results.json. The checkpoint carries the
curves as ``extra`` arrays: the step history (``History.to_arrays``) and ``accuracy.iteration``,
``accuracy.epoch_fraction``, ``accuracy.accuracy``, ``accuracy.per_position`` (E, positions),
``accuracy.seconds``, and the seq2seq lab's curves (``Seq2seqCurves.to_arrays``, so the window
opens the run with them); ``--resume`` rebuilds metrics.csv and accuracy.csv from the exact
arrays and continues bit-identically. Flags the language model has but seq2seq does not use are refused, not ignored.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from .cli_errors import said
from .engine.texts import translate

BOOK = {"embed_size": 16, "hidden_size": 128, "batch_size": 128, "optimizer": "adam", "lr": 0.001,
        "clip": 5.0, "epochs": 25, "cell": "lstm", "init": "book", "dtype": "float32"}
# Language-model flags that mean nothing for question -> answer pairs.
LM_ONLY = ("preset", "level", "normalize", "limit_tokens", "valid", "test", "layers", "dropout", "tie",
           "onehot", "bptt", "eval_every")
ACCURACY_COLUMNS = ["iteration", "epoch", "accuracy", "per_position", "seconds_since_start"]
# Flags that cannot change when resuming: dest -> (what the checkpoint says, its field)
FIXED = {"embed_size": ("config", "embed_size"), "hidden_size": ("config", "hidden_size"),
         "cell": ("config", "cell"), "decoder": ("config", "decoder"), "reverse": ("config", "reverse"),
         "init": ("config", "init"), "dtype": ("config", "dtype"), "model_seed": ("config", "seed"),
         "batch_size": ("train", "batch_size"), "optimizer": ("train", "optimizer"), "seed": ("train", "seed")}
# How a flag's subject is named in "cannot change when resuming" messages.
LABELS = {"embed_size": translate("cli_seq2seq", "embed size"),
          "hidden_size": translate("cli_seq2seq", "hidden size"),
          "cell": translate("cli_seq2seq", "cell"),
          "decoder": translate("cli_seq2seq", "decoder"),
          "reverse": translate("cli_seq2seq", "reverse"),
          "init": translate("cli_seq2seq", "init"),
          "dtype": translate("cli_seq2seq", "dtype"),
          "model_seed": translate("cli_seq2seq", "model seed"),
          "batch_size": translate("cli_seq2seq", "batch size"),
          "optimizer": translate("cli_seq2seq", "optimizer"),
          "seed": translate("cli_seq2seq", "seed")}


def add_arguments(train: argparse.ArgumentParser) -> None:
    """The seq2seq flags of ``rnnviz train`` (the rest are shared with the language model)."""
    group = train.add_argument_group("seq2seq (with --task seq2seq)")
    group.add_argument("--task", choices=["lm", "seq2seq", "classify"], default=None,
                       help="lm: a language model (default; with --resume, the checkpoint's kind); "
                       "seq2seq: question -> answer pairs; classify: a many-to-one sentiment classifier")
    group.add_argument("--corpus", dest="pairs", default=None, metavar="FILE|addition|date",
                       help="pairs in the book's 'question_answer' line format, or a generated set; for "
                       "--task classify: an aclImdb folder, a TSV/CSV file, first-token, reviews or reviews-ko")
    group.add_argument("--reverse", action="store_true", default=None, help="feed each question reversed")
    group.add_argument("--decoder", choices=["plain", "peeky", "attention"], default=None,
                       help="plain (default), peeky or attention")


def cmd_train_seq2seq(args: argparse.Namespace) -> int:
    from rnnviz.cli_errors import UsageError
    given = [f"--{d.replace('_', '-')}" for d in LM_ONLY if getattr(args, d, None) is not None]
    if args.on_divergence == "rewind":
        given.append("--on-divergence rewind")
    if given:
        if len(given) == 1:
            message = translate("cli_seq2seq", "{flags} does not apply to --task seq2seq")
        else:
            message = translate("cli_seq2seq", "{flags} do not apply to --task seq2seq")
        raise UsageError(message.format(flags=", ".join(given)))
    if args.corpus and args.pairs and args.corpus != args.pairs:
        raise UsageError(translate("cli_seq2seq", "two data sets given ({first} and --corpus {second}); give one")
                         .format(first=args.corpus, second=args.pairs))
    args.pairs = args.pairs or args.corpus
    session, folder, logs_from, options = _resume(args) if args.resume else _fresh(args)
    return _train(session, folder, logs_from, options, args)


def _fresh(args: argparse.Namespace):
    from rnnviz.cli_errors import UsageError
    from rnnviz.cli_train import recorded_source
    from rnnviz.engine.config import Seq2seqConfig, TrainConfig
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    from rnnviz.run_folder import claim, remove_stale_temps, unique_folder

    if not args.pairs:
        raise UsageError(translate("cli_seq2seq", "--task seq2seq needs --corpus FILE, addition or date"))
    data = load_pairs(args.pairs)

    def pick(name: str):
        value = getattr(args, name, None)
        return BOOK[name] if value is None else value

    seeded = args.seed is not None or args.model_seed is not None
    weight_seed = args.model_seed if args.model_seed is not None else (args.seed or 0)
    decoder, reverse = args.decoder or "plain", bool(args.reverse)
    config = Seq2seqConfig(vocab_size=len(data.vocab), embed_size=pick("embed_size"),
                           hidden_size=pick("hidden_size"), cell=pick("cell"), decoder=decoder,
                           reverse=reverse, init=pick("init"), dtype=pick("dtype"),
                           seed=weight_seed, stream="seeded" if seeded else "book")
    epochs = pick("epochs") if args.steps is None or args.epochs is not None else 0
    train = TrainConfig(batch_size=pick("batch_size"), optimizer=pick("optimizer"), lr=pick("lr"),
                        clip=pick("clip"), epochs=epochs, max_steps=args.steps or 0, seed=args.seed or 0)
    session = Seq2seqSession(data, config, train, source=recorded_source(args.pairs))
    if args.out:
        folder = Path(args.out)
        claim(folder, force=args.force)
    else:
        folder = unique_folder(Path("runs") / f"{data.name}-{decoder}{'-reverse' if reverse else ''}")
    remove_stale_temps(folder)
    if config.reverse:
        model = translate("cli_seq2seq", "{cell} {decoder} decoder, reversed input")
    else:
        model = translate("cli_seq2seq", "{cell} {decoder} decoder")
    if seeded:
        seeds = translate("cli_seq2seq", "seeds {weights} (weights) and {order} (order)").format(
            weights=weight_seed, order=args.seed or 0)
    else:
        seeds = translate("cli_seq2seq", "the book's random stream (shuffle seed {seed})").format(seed=data.seed)
    print(said(translate("cli_seq2seq", "{name}: {train} training and {test} test pairs, {characters} "
                         "characters; {model}, H = {hidden}, {steps} steps per epoch; {seeds}").format(
        name=data.name, train=f"{len(data.x_train):,}", test=f"{len(data.x_test):,}",
        characters=len(data.vocab), model=model.format(cell=config.cell.upper(), decoder=config.decoder),
        hidden=config.hidden_size, steps=session.iters_per_epoch, seeds=seeds)))
    options = {"save_every": args.save_every or 0}
    return session, folder, None, options


def _resume(args: argparse.Namespace):
    """The checkpoint's session; flags that may change applied, the others checked."""
    import dataclasses
    from rnnviz.cli_errors import UsageError
    from rnnviz.cli_resume import finished_message, same_file, shown_value
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_checkpoint import load_seq2seq_checkpoint
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    from rnnviz.run_folder import claim, read_json, remove_stale_temps

    ckpt = load_seq2seq_checkpoint(args.resume)
    home = Path(args.resume).resolve().parent
    tables = {"config": ckpt.config, "train": ckpt.train_config}
    book = ckpt.config.stream == "book"
    for dest, (where, field) in FIXED.items():
        value = getattr(args, dest)
        if value is None:
            continue
        ours = getattr(tables[where], field)
        if book and dest in ("seed", "model_seed"):
            raise UsageError(translate("cli_seq2seq", "{flag} {value}: the run draws from the book's random "
                                       "stream, which cannot change when resuming").format(
                flag=f"--{dest.replace('_', '-')}", value=value))
        if value != ours:
            flag = f"--{dest.replace('_', '-')}"
            shown = flag if isinstance(value, bool) else f"{flag} {value}"
            raise UsageError(translate("cli_seq2seq", "{flag} differs from the run's {value}; {what} cannot "
                                       "change when resuming").format(
                flag=shown, value=shown_value(ours), what=LABELS[dest]))
    data = None
    if args.pairs:
        recorded = ckpt.data["source"]
        if args.pairs != recorded and not same_file(args.pairs, recorded):
            data = load_pairs(args.pairs, seed=ckpt.data["seed"], n=ckpt.data["n"])
    changes: dict[str, Any] = {}
    for dest, field in (("lr", "lr"), ("clip", "clip"), ("epochs", "epochs"), ("steps", "max_steps")):
        if getattr(args, dest) is not None:
            changes[field] = getattr(args, dest)
    if args.epochs is not None and args.steps is None:
        changes["max_steps"] = 0
    if changes:
        ckpt.train_config = dataclasses.replace(ckpt.train_config, **changes)
    session = Seq2seqSession.from_checkpoint(ckpt, data)
    if args.lr is not None:
        session.optimizer.lr = float(args.lr)
    if args.clip is not None:
        session.clip = float(args.clip)
    if session.iteration >= session.total_steps:
        raise UsageError(finished_message(session.train_config, session.iteration,
                                           session.iteration // session.iters_per_epoch))
    recorded_options = read_json(home / "config.json").get("cli", {})
    options = {"save_every": args.save_every if args.save_every is not None
               else recorded_options.get("save_every", 0)}
    folder = Path(args.out) if args.out else Path(args.resume).parent
    if folder.resolve() != home:
        claim(folder, force=args.force, resume_hint=f"--resume {folder / 'checkpoint.npz'}")
    remove_stale_temps(folder)
    return session, folder, ckpt.extra, options


class Seq2seqLogs:
    """The run's logs (:class:`~rnnviz.run_logs.RunLogs`) plus accuracy.csv and its arrays."""

    def __init__(self, session, folder: Path, extra: dict[str, np.ndarray] | None, resumed: bool):
        from rnnviz.runtime.history import History
        from rnnviz.runtime.seq2seq_curves import Seq2seqCurves
        from rnnviz.run_folder import CsvLog, write_csv
        from rnnviz.run_logs import RunLogs
        history = acc = None
        if extra is not None and "history.step.iteration" in extra:
            try:
                history = History.from_arrays(extra).truncated(session.iteration)
            except ValueError:
                history = None
        if extra is not None and "accuracy.iteration" in extra:
            keep = np.asarray(extra["accuracy.iteration"]) <= session.iteration
            acc = {k: list(np.asarray(extra[f"accuracy.{k}"])[keep])
                   for k in ("iteration", "epoch_fraction", "accuracy", "per_position", "seconds")}
        self.acc = acc or {k: [] for k in ("iteration", "epoch_fraction", "accuracy", "per_position", "seconds")}
        self.elapsed_before = float(self.acc["seconds"][-1]) if self.acc["seconds"] else 0.0
        if resumed and extra is not None and "accuracy.elapsed" in extra:
            self.elapsed_before = float(extra["accuracy.elapsed"])
        self.run = RunLogs(session, folder, history, resumed=resumed, evals=False)
        path = folder / "accuracy.csv"
        if resumed and acc is not None:
            write_csv(path, ACCURACY_COLUMNS, (self._row(j) for j in range(len(self.acc["iteration"]))))
        log = CsvLog(path, ACCURACY_COLUMNS, append=resumed)
        self.run.add_log(log)
        self.log = log
        self.run.carry = self.arrays
        # The lab's view of the same curves (accuracy in percent), kept for the checkpoint.
        self.curves = Seq2seqCurves(session.iters_per_epoch, session.data.answer_width - 1)
        h = self.run.history
        for it, loss in zip(h.column("iteration"), h.column("loss")):
            self.curves.add_loss(int(it), float(loss))
        self.curves.acc_epoch = [float(e) for e in self.acc["epoch_fraction"]]
        self.curves.accuracy = [100.0 * float(a) for a in self.acc["accuracy"]]
        self.curves.per_position = [100.0 * np.asarray(p, np.float64) for p in self.acc["per_position"]]
        if resumed and (history is None or acc is None):
            self.run.roll_back()
        self.started = time.perf_counter()

    @property
    def elapsed(self) -> float:
        return self.elapsed_before + time.perf_counter() - self.started

    def _row(self, j: int) -> list[str]:
        positions = " ".join(f"{p:.3f}" for p in self.acc["per_position"][j])
        return [str(int(self.acc["iteration"][j])), repr(round(float(self.acc["epoch_fraction"][j]), 3)),
                repr(float(self.acc["accuracy"][j])), positions, f"{float(self.acc['seconds'][j]):.2f}"]

    def step(self, snapshot) -> None:
        self.run.step(snapshot)
        self.curves.add_loss(snapshot.stats.iteration, snapshot.stats.loss)

    def accuracy(self, item) -> None:
        self.curves.add_accuracy(item)
        for key, value in (("iteration", item.iteration), ("epoch_fraction", item.epoch_fraction),
                           ("accuracy", item.accuracy), ("per_position", np.asarray(item.per_position)),
                           ("seconds", self.elapsed)):
            self.acc[key].append(value)
        self.log.write(self._row(len(self.acc["iteration"]) - 1))

    def arrays(self) -> dict[str, np.ndarray]:
        """The accuracy history as the checkpoint's extra arrays."""
        n = len(self.acc["iteration"])
        width = len(self.acc["per_position"][0]) if n else 0
        return {**self.curves.to_arrays(), "accuracy.iteration": np.array(self.acc["iteration"], np.int64),
                       "accuracy.epoch_fraction": np.array(self.acc["epoch_fraction"], np.float64),
                       "accuracy.accuracy": np.array(self.acc["accuracy"], np.float64),
                       "accuracy.per_position": np.array(self.acc["per_position"], np.float64).reshape(n, width),
                       "accuracy.seconds": np.array(self.acc["seconds"], np.float64),
                       "accuracy.elapsed": np.array(self.elapsed, np.float64)}


def _train(session, folder: Path, extra, options: dict[str, Any], args: argparse.Namespace) -> int:
    """Train to the end as :meth:`Seq2seqSession.run` does, step by step (:func:`train_by_epochs`)."""
    import dataclasses
    from rnnviz.cli_epochs import train_by_epochs
    from rnnviz.run_folder import write_json

    resumed = extra is not None
    logs = Seq2seqLogs(session, folder, extra, resumed)
    run = logs.run
    write_json(folder / "config.json", {"task": "seq2seq", "model": dataclasses.asdict(session.config),
                                        "train": dataclasses.asdict(session.train_config),
                                        "data": session.data.name, "source": session.source,
                                        "iters_per_epoch": session.iters_per_epoch, "cli": options})
    ipe = session.iters_per_epoch
    last_eval = [session.iteration // ipe * ipe]        # the step of the evaluation printed last

    def epoch(item) -> None:
        logs.accuracy(item)
        _print_epoch(item, run.history, last_eval[0], logs.elapsed)
        last_eval[0] = item.iteration
    status = train_by_epochs(session, run, save_every=options["save_every"], on_step=logs.step, on_epoch=epoch)
    if status is not None:
        return status
    accuracies = logs.acc["accuracy"]
    best = max(accuracies) if accuracies else None
    results = {"task": session.data.name, "decoder": session.config.decoder, "reverse": session.config.reverse,
               "hidden_size": session.config.hidden_size, "stream": session.config.stream,
               "seeds": [session.config.seed, session.train_config.seed] if session.config.stream == "seeded"
               else None, "steps": session.iteration,
               "final_accuracy": accuracies[-1] if accuracies else None, "best_accuracy": best,
               "seconds": round(logs.elapsed, 2),
               "epochs": [{"epoch": round(float(e), 3), "accuracy": float(a), "seconds": round(float(s), 2)}
                          for e, a, s in zip(logs.acc["epoch_fraction"], accuracies, logs.acc["seconds"])]}
    write_json(folder / "results.json", results)
    if accuracies:
        print(said(translate("cli_seq2seq", "final test accuracy {accuracy} % (best {best} %) in {seconds} s; "
                             "wrote {folder}").format(
            accuracy=f"{100 * accuracies[-1]:.2f}", best=f"{100 * best:.2f}",
            seconds=f"{results['seconds']:.1f}", folder=str(folder))))
    else:
        print(said(translate("cli_seq2seq", "{steps} steps, less than one epoch ({per_epoch} steps): no test "
                             "accuracy yet; wrote {folder}").format(
            steps=session.iteration, per_epoch=ipe, folder=str(folder))))
    return 0


def _print_epoch(item, history, since: int, elapsed: float) -> None:
    steps = history.column("iteration")
    lo, hi = np.searchsorted(steps, [since, item.iteration], side="right")
    mean_loss = float(np.mean(history.column("loss")[lo:hi])) if hi > lo else float("nan")
    positions = " ".join(f"{p:.3f}" for p in item.per_position)
    ex = item.examples[0] if item.examples else None
    if ex is None:
        line = translate("cli_seq2seq", "epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: "
                         "{positions}), {seconds} s")
    elif ex.correct:
        line = translate("cli_seq2seq", "epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: "
                         "{positions}), {seconds} s; e.g. {question} -> {guess} (right)")
    else:
        line = translate("cli_seq2seq", "epoch {epoch}: loss {loss}, test accuracy {accuracy} % (by position: "
                         "{positions}), {seconds} s; e.g. {question} -> {guess} (wrong)")
    print(said(line.format(epoch=f"{item.epoch_fraction:5.2f}", loss=f"{mean_loss:.4f}",
                           accuracy=f"{100 * item.accuracy:6.2f}", positions=positions, seconds=f"{elapsed:6.1f}",
                           question=repr(ex.question) if ex else "", guess=repr(ex.guess) if ex else "")),
          flush=True)
