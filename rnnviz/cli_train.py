"""``rnnviz train`` for a language model: a fresh run or a resumed one, trained into its folder.

``rnnviz train`` writes a run folder (:mod:`rnnviz.run_folder` keeps it whole): config.json,
metrics.csv (one row per step, the same columns as the window's export,
:meth:`History.csv_header <rnnviz.runtime.history.History.csv_header>`), evals.csv (one row per
validation: iteration, epoch_fraction, train_perplexity, valid_perplexity), checkpoint.npz
(carrying the run's curves, so the window opens it with its history) and results.json.

Resuming (``--resume CHECKPOINT``) takes the checkpoint's configuration. Flags that shape the
model, the data or the batches may be repeated with the run's values and are refused when they
differ; --lr, --clip, --epochs, --steps, --eval-every, --save-every and --on-divergence apply
from the resumed step on and are written to config.json. A preset is checked like the flags it
stands for (its rate, clipping and length are not applied: only explicit flags change a resumed
run). Resuming a run that has already reached its end exits with status 2 and says how to extend it.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
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
# How a flag's subject is named in "cannot change when resuming" messages.
LABELS = {"cell": translate("cli_train", "the cell"),
          "layers": translate("cli_train", "the number of layers"),
          "embed_size": translate("cli_train", "the embedding size"),
          "hidden_size": translate("cli_train", "the hidden size"),
          "dropout": translate("cli_train", "dropout"),
          "tie": translate("cli_train", "weight tying"),
          "init": translate("cli_train", "the initialisation"),
          "dtype": translate("cli_train", "the dtype"),
          "model_seed": translate("cli_train", "the model seed"),
          "batch_size": translate("cli_train", "the batch size"),
          "bptt": translate("cli_train", "bptt"),
          "optimizer": translate("cli_train", "the optimizer"),
          "seed": translate("cli_train", "the seed"),
          "level": translate("cli_train", "the level"),
          "normalize": translate("cli_train", "normalisation"),
          "limit_tokens": translate("cli_train", "the token limit"),
          "valid": translate("cli_train", "the validation file"),
          "test": translate("cli_train", "the test file"),
          "onehot": translate("cli_train", "the input encoding")}


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
    run = _resume(args) if args.resume else _fresh(args)
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


def _resume(args: argparse.Namespace) -> Run:
    """The checkpoint's session, with the flags that may change applied and the others checked."""
    from rnnviz.engine.checkpoint import load_checkpoint
    from rnnviz.engine.trainer import Session
    from rnnviz.engine.vocab_file import corpus_in_vocab
    from rnnviz.runtime.history import History
    from rnnviz.run_folder import claim, read_json, remove_stale_temps

    ckpt = load_checkpoint(args.resume)
    home = Path(args.resume).resolve().parent
    _refuse_changes(args, ckpt)
    data = dict(ckpt.data)
    for key in ("source", "valid", "test"):
        data[key] = resolved(data.get(key), home)
    if args.corpus:
        data["source"] = recorded_source(args.corpus)
    # Imported weights keep their own vocabulary (fixed_vocab): the text is encoded in it.
    corpus = corpus_in_vocab(data, ckpt.vocab)
    if corpus.vocab.tokens != ckpt.vocab.tokens:
        if args.corpus:
            message = translate("cli_train", "corpus {corpus} does not have the run's vocabulary ({count} "
                                "tokens, the run has {expected}); the corpus cannot change when resuming")
        else:
            message = translate("cli_train", "the run's corpus {corpus} does not have the run's vocabulary "
                                "({count} tokens, the run has {expected}); the corpus cannot change when "
                                "resuming")
        raise UsageError(message.format(corpus=args.corpus or data["source"], count=len(corpus.vocab),
                                        expected=len(ckpt.vocab)))
    ckpt.train_config = _changed_train_config(args, ckpt.train_config)
    session = Session.from_checkpoint(ckpt, corpus)
    session.data = {**ckpt.data, **({"source": data["source"]} if args.corpus else {})}
    if args.lr is not None:
        session.set_lr(args.lr)
    if args.clip is not None:
        session.set_clip(args.clip)
    if session.finished:
        raise UsageError(finished_message(session.train_config, session.iteration, session.epoch))

    recorded = read_json(home / "config.json").get("cli", {})
    options = {"on_divergence": args.on_divergence or recorded.get("on_divergence", "stop"),
               "save_every": args.save_every if args.save_every is not None else recorded.get("save_every", 0)}
    folder = Path(args.out) if args.out else Path(args.resume).parent
    if folder.resolve() != home:
        claim(folder, force=args.force, resume_hint=f"--resume {folder / 'checkpoint.npz'}")
    remove_stale_temps(folder)
    history = None              # a checkpoint without curves: the logs on disk are all there is
    if "history.step.iteration" in ckpt.extra:
        try:
            history = History.from_arrays(ckpt.extra).truncated(ckpt.step)
        except ValueError as exc:
            from rnnviz.engine.texts import message_of
            note = said(translate("cli_train", "the checkpoint's curves are unreadable ({error}); the logs in "
                                  "{folder} are cut back to step {step} instead").format(
                error=message_of(exc), folder=str(folder), step=ckpt.step))
            print(f"rnnviz train: note: {note}", file=sys.stderr)
    return Run(session, folder, history, True, options)


def _refuse_changes(args: argparse.Namespace, ckpt) -> None:
    """Raise :class:`UsageError` for the first flag (or preset value) that would change what
    cannot change in a resumed run; flags equal to the run's values pass."""
    from rnnviz.engine.presets import PRESETS

    def run_value(dest: str):
        if dest in MODEL_FLAGS:
            return getattr(ckpt.model_config, MODEL_FLAGS[dest])
        if dest in FIXED_TRAIN_FLAGS:
            return getattr(ckpt.train_config, FIXED_TRAIN_FLAGS[dest])
        if dest == "onehot":
            return ckpt.model_config.input == "onehot"
        value = ckpt.data.get(dest)
        return bool(value) if dest == "normalize" else value

    def same(dest: str, value) -> bool:
        ours = run_value(dest)
        if dest in ("valid", "test") and value is not None and ours is not None:
            return same_file(value, resolved(ours, Path(args.resume).resolve().parent))
        return value == ours

    explicit = [d for d in (*MODEL_FLAGS, *FIXED_TRAIN_FLAGS, *DATA_FLAGS, "onehot")
                if getattr(args, d, None) is not None]
    for dest in explicit:
        value = getattr(args, dest)
        if not same(dest, value):
            flag = f"--{dest.replace('_', '-')}"
            shown = flag if isinstance(value, bool) else f"{flag} {value}"
            raise UsageError(translate("cli_train", "{flag} differs from the run's {value}; {what} cannot "
                                       "change when resuming").format(
                flag=shown, value=shown_value(run_value(dest)), what=LABELS[dest]))
    if args.preset:
        preset = PRESETS[args.preset]
        wanted: dict[str, Any] = {}
        fields = {v: k for k, v in MODEL_FLAGS.items()}
        for key, value in preset.model.items():
            if key == "input":
                wanted["onehot"] = value == "onehot"
            elif key in fields:
                wanted[fields[key]] = value
        wanted.update({k: v for k, v in preset.train.items() if k in FIXED_TRAIN_FLAGS})
        wanted.update({k: v for k, v in preset.data.items() if k in DATA_FLAGS})
        for dest, value in wanted.items():
            if dest not in explicit and not same(dest, value):
                raise UsageError(translate("cli_train", "--preset {preset} sets {what} to {value}, the run's is "
                                           "{run_value}; {what} cannot change when resuming").format(
                    preset=preset.name, what=LABELS[dest], value=shown_value(value),
                    run_value=shown_value(run_value(dest))))


def shown_value(value) -> str:
    """A setting's value in a message: on, off, none (translatable), else as written."""
    if value is True:
        return translate("cli_train", "on")
    if value is False:
        return translate("cli_train", "off")
    if value is None:
        return translate("cli_train", "none")
    return str(value)


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


def _changed_train_config(args: argparse.Namespace, cfg):
    """The run's TrainConfig with the flags that may change applied."""
    changes = {TRAIN_FLAGS[d]: getattr(args, d) for d in CHANGEABLE_FLAGS if getattr(args, d) is not None}
    if args.epochs is not None and args.steps is None:
        changes["max_steps"] = 0            # --epochs says how long; a step limit would override it
    return dataclasses.replace(cfg, **changes) if changes else cfg


def finished_message(cfg, it: int, epoch: int) -> str:
    """What to say when a resumed run (TrainConfig ``cfg``, at step ``it``) has nothing left to do."""
    if cfg.max_steps:
        length = f"--steps {cfg.max_steps}"
    else:
        length = translate("cli_train", "{count} epochs").format(count=cfg.epochs)
    more = max(cfg.epochs, epoch) + max(cfg.epochs, 1)
    return translate("cli_train", "the run finished at step {step} ({length}); pass --epochs {more} or "
                     "--steps N (more than {step}) to train further").format(step=it, length=length, more=more)


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
