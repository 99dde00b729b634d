"""``rnnviz train --resume CHECKPOINT`` for a language model: the saved run, continued.

The checkpoint's configuration is taken whole. Flags that shape the model, the data or the
batches may be repeated with the run's values and are refused when they differ
(:func:`refuse_changes`); --lr, --clip, --epochs, --steps, --eval-every, --save-every and
--on-divergence apply from the resumed step on. The seq2seq and classifier trainers share
:func:`finished_message`, :func:`shown_value` and :func:`same_file`.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from .cli_errors import UsageError, said
from .cli_train import (CHANGEABLE_FLAGS, DATA_FLAGS, FIXED_TRAIN_FLAGS, MODEL_FLAGS, TRAIN_FLAGS, Run,
                        recorded_source, resolved)
from .engine.texts import translate

# How a flag's subject is named in "cannot change when resuming" messages.
LABELS = {"cell": translate("cli_resume", "the cell"),
          "layers": translate("cli_resume", "the number of layers"),
          "embed_size": translate("cli_resume", "the embedding size"),
          "hidden_size": translate("cli_resume", "the hidden size"),
          "dropout": translate("cli_resume", "dropout"),
          "tie": translate("cli_resume", "weight tying"),
          "init": translate("cli_resume", "the initialisation"),
          "dtype": translate("cli_resume", "the dtype"),
          "model_seed": translate("cli_resume", "the model seed"),
          "batch_size": translate("cli_resume", "the batch size"),
          "bptt": translate("cli_resume", "bptt"),
          "optimizer": translate("cli_resume", "the optimizer"),
          "seed": translate("cli_resume", "the seed"),
          "level": translate("cli_resume", "the level"),
          "normalize": translate("cli_resume", "normalisation"),
          "limit_tokens": translate("cli_resume", "the token limit"),
          "valid": translate("cli_resume", "the validation file"),
          "test": translate("cli_resume", "the test file"),
          "onehot": translate("cli_resume", "the input encoding")}



def resume(args: argparse.Namespace) -> Run:
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
            message = translate("cli_resume", "corpus {corpus} does not have the run's vocabulary ({count} "
                                "tokens, the run has {expected}); the corpus cannot change when resuming")
        else:
            message = translate("cli_resume", "the run's corpus {corpus} does not have the run's vocabulary "
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
            note = said(translate("cli_resume", "the checkpoint's curves are unreadable ({error}); the logs in "
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
            raise UsageError(translate("cli_resume", "{flag} differs from the run's {value}; {what} cannot "
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
                raise UsageError(translate("cli_resume", "--preset {preset} sets {what} to {value}, the run's is "
                                           "{run_value}; {what} cannot change when resuming").format(
                    preset=preset.name, what=LABELS[dest], value=shown_value(value),
                    run_value=shown_value(run_value(dest))))


def shown_value(value) -> str:
    """A setting's value in a message: on, off, none (translatable), else as written."""
    if value is True:
        return translate("cli_resume", "on")
    if value is False:
        return translate("cli_resume", "off")
    if value is None:
        return translate("cli_resume", "none")
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
        length = translate("cli_resume", "{count} epochs").format(count=cfg.epochs)
    more = max(cfg.epochs, epoch) + max(cfg.epochs, 1)
    return translate("cli_resume", "the run finished at step {step} ({length}); pass --epochs {more} or "
                     "--steps N (more than {step}) to train further").format(step=it, length=length, more=more)
