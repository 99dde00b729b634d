"""``rnnviz train`` for a language model: a fresh run or a resumed one, trained into its folder.

``rnnviz train`` writes a run folder (:mod:`rnnviz.run_folder` keeps it whole): config.json,
metrics.csv (one row per step, the same columns as the window's export,
:meth:`History.csv_header <rnnviz.runtime.history.History.csv_header>`), evals.csv (one row per
validation: iteration, epoch_fraction, train_perplexity, valid_perplexity), checkpoint.npz
(carrying the run's curves, so the window opens it with its history) and results.json.

Resuming (``--resume CHECKPOINT``) is :mod:`rnnviz.cli_resume`'s.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from .cli_errors import EXIT_USAGE, UsageError, said
from .cli_progress import Progress
from .cli_classify import CLASSIFY_ONLY, cmd_train_classify
from .cli_seq2seq import cmd_train_seq2seq
from .engine.classify_presets import CLASSIFY_PRESETS
from .engine.texts import translate

MODEL_FLAGS = {  # argparse dest -> ModelConfig field
    "cell": "cell", "layers": "num_layers", "embed_size": "embed_size", "hidden_size": "hidden_size",
    "dropout": "dropout", "tie": "tie_weights", "init": "init", "dtype": "dtype", "model_seed": "seed",
}
FIXED_TRAIN_FLAGS = {"batch_size": "batch_size", "bptt": "bptt", "optimizer": "optimizer", "seed": "seed"}
CHANGEABLE_FLAGS = {"lr": "lr", "clip": "clip", "epochs": "epochs", "steps": "max_steps",
                    "eval_every": "eval_every"}
TRAIN_FLAGS = {**FIXED_TRAIN_FLAGS, **CHANGEABLE_FLAGS}     # argparse dest -> TrainConfig field
DATA_FLAGS = ("level", "normalize", "limit_tokens", "valid", "test")
MAX_REWINDS = 3
@dataclasses.dataclass
class Run:
    """What a training command works on: the session, its folder, its curves so far."""

    session: Any                    # rnnviz.engine.trainer.Session
    folder: Path
    history: Any                    # rnnviz.runtime.history.History, up to session.iteration
    resumed: bool
    options: dict[str, Any]         # the command line's own settings, kept in config.json


def cmd_train(args: argparse.Namespace) -> int:
    _check_train_flags(args)
    if args.resume:
        from rnnviz.engine.archive import checkpoint_kind
        kind = checkpoint_kind(args.resume)
        if args.task not in (None, kind):
            if kind == "seq2seq":
                message = translate("cli_train", "{path} is a seq2seq run; drop --task {task}")
            elif kind == "classify":
                message = translate("cli_train", "{path} is a classifier run; drop --task {task}")
            else:
                message = translate("cli_train", "{path} is a language-model run; drop --task {task}")
            raise UsageError(message.format(path=args.resume, task=args.task))
        args.task = kind
    if args.task is None and args.preset in CLASSIFY_PRESETS:
        args.task = "classify"
    if args.task == "seq2seq":
        return cmd_train_seq2seq(args)
    if args.task == "classify":
        return cmd_train_classify(args)
    if args.preset in CLASSIFY_PRESETS:
        raise UsageError(translate("cli_train", "--preset {preset} is a classifier run: use it with --task classify")
                         .format(preset=args.preset))
    for flag in CLASSIFY_ONLY:
        if getattr(args, flag) is not None:
            raise UsageError(translate("cli_train", "{flag} applies to --task classify").format(
                flag=f"--{flag.replace('_', '-')}"))
    for dest in ("decoder", "reverse"):
        if getattr(args, dest) is not None:
            raise UsageError(translate("cli_train", "{flag} applies to --task seq2seq").format(flag=f"--{dest}"))
    if args.corpus and args.pairs and args.corpus != args.pairs:
        raise UsageError(translate("cli_train", "two corpora given ({first} and --corpus {second}); give one")
                         .format(first=args.corpus, second=args.pairs))
    args.corpus = args.corpus or args.pairs         # --corpus works for a language model too
    if args.compare:
        from .cli_compare import cmd_train_compare
        return cmd_train_compare(args)
    if args.resume:
        from .cli_resume import resume
        run = resume(args)
    else:
        run = _fresh(args)
    return _train(run, args)


def _check_train_flags(args: argparse.Namespace) -> None:
    """What no config class checks: the command line's own numbers."""
    if args.save_every is not None and args.save_every < 0:
        raise UsageError(translate("cli_train", "--save-every must be >= 0 (0: each epoch), got {value}")
                         .format(value=args.save_every))
    if args.steps is not None and args.steps < 1:
        raise UsageError(translate("cli_train", "--steps must be at least 1, got {value}").format(value=args.steps))
    if args.compare and args.resume:
        raise UsageError(translate("cli_train", "--compare starts new runs side by side; to continue one of "
                                   "them, pass --resume FOLDER/MODEL/checkpoint.npz without --compare"))
    if args.compare and args.task in ("seq2seq", "classify"):
        raise UsageError(translate("cli_train", "--compare trains language models side by side; drop --task {task}")
                         .format(task=args.task))
    if args.resume and args.force and not args.out:
        raise UsageError(translate("cli_train", "--force with --resume needs --out (the run's own folder is "
                                   "never replaced)"))


def _fresh(args: argparse.Namespace) -> Run:
    """A new session as the flags describe it, in a folder of its own."""
    from rnnviz.engine.trainer import Session
    from rnnviz.runtime.history import History
    from rnnviz.run_folder import claim, remove_stale_temps, unique_folder

    fresh = fresh_configs(args)
    model_cfg = fresh.model_config
    session = Session(fresh.corpus, model_cfg, fresh.train_config, data=fresh.data)
    # Only now, with everything checked, is a folder taken.
    if args.out:
        folder = Path(args.out)
        claim(folder, force=args.force)
    else:
        name = Path(str(fresh.source)).stem or "corpus"
        folder = unique_folder(Path("runs") / f"{name}-{model_cfg.cell}")
    remove_stale_temps(folder)
    return Run(session, folder, History(), False, run_options(args))


def run_options(args: argparse.Namespace) -> dict[str, Any]:
    """The command line's own settings a run folder's config.json keeps."""
    return {"on_divergence": args.on_divergence or "stop", "save_every": args.save_every or 0}


@dataclasses.dataclass(frozen=True)
class Fresh:
    """A new run as the flags and preset describe it, before any model is built."""

    corpus: Any                     # rnnviz.engine.data.Corpus
    data: dict[str, Any]            # how it was loaded (corpus_spec)
    model_config: Any               # ModelConfig, vocab_size from the corpus
    train_config: Any               # TrainConfig
    source: str                     # the corpus as given (names the default folder)


def fresh_configs(args: argparse.Namespace) -> Fresh:
    """Load the corpus and work out both configs from the preset and the flags."""
    from rnnviz.engine.config import ModelConfig, TrainConfig
    from rnnviz.engine.data import corpus_spec, load_corpus_from
    from rnnviz.engine.presets import PRESETS

    preset = PRESETS[args.preset] if args.preset else None
    source = args.corpus
    if source is None:
        if preset is None:
            source = "tale"
        else:
            source = preset.corpus_path()
            if source is None:
                raise UsageError(translate("cli_train", "preset {preset} needs the corpus {corpus}, which is not "
                                           "bundled: pass its path (e.g. rnnviz train PATH --preset {preset})")
                                 .format(preset=preset.name, corpus=repr(preset.corpus)))
    data = corpus_spec(recorded_source(source), **(preset.data if preset else {}))
    for key in DATA_FLAGS:
        if getattr(args, key) is not None:
            data[key] = recorded_source(getattr(args, key)) if key in ("valid", "test") else getattr(args, key)
    if data["limit_tokens"] is not None and data["limit_tokens"] < 1:
        # The shared loader reads 0 as the form's "no limit"; typed on a command line it is a slip.
        raise UsageError(translate("cli_train", "--limit-tokens must be at least 1 (limit_tokens), got {value}")
                         .format(value=data["limit_tokens"]))
    corpus = load_corpus_from(data)

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
    if args.steps is not None and args.epochs is None:
        train_kw["epochs"] = 0
    return Fresh(corpus, data, ModelConfig(vocab_size=len(corpus.vocab), **model_kw), TrainConfig(**train_kw),
                 str(source))


def recorded_source(source: str | None) -> str | None:
    """A corpus source as a run records it: an existing file or folder by its absolute path, so
    the run can be resumed or evaluated from any working folder; a bundled name as it is."""
    if source is None:
        return None
    path = Path(source)
    return str(path.resolve()) if path.exists() else str(source)


def resolved(source: str | None, folder: Path) -> str | None:
    """A source a checkpoint recorded, as it can be read now: relative paths are taken from the
    checkpoint's folder when something is there, else as given (a bundled name, say)."""
    if source is None:
        return None
    path = Path(source)
    if not path.is_absolute() and (folder / path).exists():
        return str(folder / path)
    return str(source)


def _train(run: Run, args: argparse.Namespace) -> int:
    """Train to the end, keeping the folder's logs and checkpoint in step (see run_folder)."""
    from rnnviz.engine.trainer import DivergenceError
    from rnnviz.run_folder import Interrupts, write_json
    from rnnviz.run_logs import RunLogs

    session, folder = run.session, run.folder
    session.probe_every = 0                         # nobody looks at probes here
    logs = RunLogs(session, folder, run.history, resumed=run.resumed)
    write_json(folder / "config.json", {**session.describe(), "cli": run.options})
    progress = Progress(session, args.progress)
    eval_every = session.train_config.eval_every or session.iters_per_epoch
    save_every = run.options["save_every"] or session.iters_per_epoch
    has_valid = len(session.corpus.valid) > 2
    rewinds = 0
    reported = session.iteration // eval_every * eval_every     # the last progress line's step
    try:
        with Interrupts() as interrupts:
            while not session.finished:
                try:
                    snapshot = session.step()
                except DivergenceError as exc:
                    progress.close()
                    if run.options["on_divergence"] == "rewind" and rewinds < MAX_REWINDS:
                        rewinds += 1
                        _rewind(session, logs, exc.record, rewinds)
                        reported = session.iteration // eval_every * eval_every
                        continue
                    logs.save()
                    from rnnviz.engine.texts import message_of
                    if rewinds:
                        message = translate("cli_train", "{error} (after {count} rewinds) The last good state "
                                            "is in {path}.")
                    else:
                        message = translate("cli_train", "{error} The last good state is in {path}.")
                    text = said(message.format(error=message_of(exc), count=rewinds, path=str(logs.checkpoint)))
                    print(f"rnnviz train: error: {text}", file=sys.stderr)
                    return EXIT_USAGE
                logs.step(snapshot)
                r = snapshot.stats
                progress.update(r)
                if r.iteration % eval_every == 0 or session.finished:
                    valid_ppl = float("nan")
                    if has_valid:
                        result = session.evaluate()
                        valid_ppl = result.perplexity
                        logs.evaluation(result)
                    progress.line(r, logs.history.train_perplexity(reported, r.iteration), valid_ppl)
                    reported = r.iteration
                if r.iteration % save_every == 0 or session.finished:
                    logs.save()
                if interrupts.requested and not session.finished:
                    progress.close()
                    if logs.saved_at != session.iteration:
                        logs.save()
                    print("\n" + said(interrupted_message(session.iteration, logs.checkpoint)), file=sys.stderr)
                    return interrupts.exit_status
    except BaseException:
        progress.close()
        logs.roll_back()
        raise
    finally:
        logs.close()
    progress.close()
    results = {"steps": session.iteration, "epochs": session.iteration / session.iters_per_epoch,
               "seconds": round(progress.elapsed, 3)}
    if has_valid:
        results["valid_perplexity"] = session.evaluate().perplexity
    if session.corpus.test is not None and len(session.corpus.test) > 2:
        results["test_perplexity"] = session.evaluate("test").perplexity
        print(said(translate("cli_train", "test perplexity {perplexity}").format(
            perplexity=f"{results['test_perplexity']:.2f}")))
    write_json(folder / "results.json", results)
    print(said(translate("cli_train", "saved {path} after {steps} steps in {seconds} s").format(
        path=str(logs.checkpoint), steps=session.iteration, seconds=f"{progress.elapsed:.1f}")))
    return 0


def interrupted_message(step: int, checkpoint: Path) -> str:
    """What Ctrl-C leaves behind, and how to go on (both trainers say it)."""
    return translate("cli_train", "interrupted at step {step}; saved {path} (continue with --resume "
                     "{path})").format(step=step, path=str(checkpoint))


def _rewind(session, logs, record, count: int) -> None:
    """Back to the newest healthy kept step at half the rate; the logs and checkpoint follow."""
    try:
        point = session.rewind()
    except ValueError:
        raise UsageError(translate("cli_train", "{error} (no kept state to rewind to)").format(
            error=record.message)) from None
    lr = session.optimizer.lr / 2
    session.set_lr(lr)
    logs.rewind(point.iteration)
    logs.save()
    print(said(translate("cli_train", "diverged at step {step}; rewound to step {to} and halved the "
                         "learning rate to {lr} ({count} of {most})").format(
        step=record.iteration, to=point.iteration, lr=f"{lr:g}", count=count, most=MAX_REWINDS)),
          file=sys.stderr)
