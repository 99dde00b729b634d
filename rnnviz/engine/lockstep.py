"""DLFS2 ch.6's comparisons, run fairly: two or three language models trained in lockstep.

"The LSTM learns where the RNN stalls" or "clipping tames the explosions" is only a fair claim
when both models read the same text in the same order from the same starting seed. A
:class:`Lockstep` holds one :class:`~rnnviz.engine.trainer.Session` per :class:`Variant`, all on
one :class:`~rnnviz.engine.data.Corpus` object, and trains them one step each in turn. The
truncated-BPTT stream depends only on the corpus, N and T (which variants may not change), so
every model reads the very same batch at every step; the seed is shared unless a variant names
its own.

A variant is written as on the command line, ``rnnviz train --compare lstm,gru,rnn``: a cell
name, ``key=value`` settings, or both joined by ``+`` (``lstm+clip=0``, ``lr=0.1``). A model
that diverges drops out (its last good state stays); the others go on.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .cells import CELL_TYPES
from .config import ConfigError, ModelConfig, TrainConfig
from .snapshots import Divergence, EvalResult, StepSnapshot
from .texts import translate
from .training import DivergenceError

MAX_MODELS = 3
# What a variant may change: the name it is written with -> (config, field, parser).
SETTINGS: dict[str, tuple[str, str, Callable[[str], Any]]] = {
    "cell": ("model", "cell", str),
    "hidden": ("model", "hidden_size", int),
    "layers": ("model", "num_layers", int),
    "dropout": ("model", "dropout", float),
    "init": ("model", "init", str),
    "seed": ("model", "seed", int),
    "lr": ("train", "lr", float),
    "clip": ("train", "clip", float),
    "optimizer": ("train", "optimizer", str),
}


@dataclass(frozen=True)
class Variant:
    """One model of a comparison: its label and what it changes in the shared configuration."""

    label: str                              # as written: "lstm", "lstm+clip=0"
    model: dict[str, Any] = dataclasses.field(default_factory=dict)    # ModelConfig field -> value
    train: dict[str, Any] = dataclasses.field(default_factory=dict)    # TrainConfig field -> value

    def configs(self, model_config: ModelConfig, train_config: TrainConfig) -> tuple[ModelConfig, TrainConfig]:
        """The shared configuration with this variant's changes (checked by the config classes)."""
        return (dataclasses.replace(model_config, **self.model),
                dataclasses.replace(train_config, **self.train))

    @property
    def slug(self) -> str:
        """The label as a file or folder name: ``lstm+clip=0`` -> ``lstm+clip-0``."""
        return re.sub(r"[^A-Za-z0-9+._-]", "-", self.label)


def parse_variant(text: str) -> Variant:
    """One variant from its written form; ``ConfigError`` names what is wrong."""
    label = text.strip()
    if not label:
        raise ConfigError(translate("lockstep", "--compare has an empty model between two commas"))
    model: dict[str, Any] = {}
    train: dict[str, Any] = {}
    for part in label.split("+"):
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep:
            if key not in CELL_TYPES:
                raise ConfigError(translate("lockstep", "{part} in --compare is neither a cell ({cells}) nor "
                                            "a setting such as lr=0.1").format(part=repr(part), cells=", ".join(CELL_TYPES)))
            key, value = "cell", key
        if key not in SETTINGS:
            raise ConfigError(translate("lockstep", "{key} cannot vary in --compare; the settings that can are "
                                        "{keys}").format(key=repr(key), keys=", ".join(SETTINGS)))
        where, field, parse = SETTINGS[key]
        try:
            parsed = parse(value)
        except ValueError:
            raise ConfigError(translate("lockstep", "{part} in --compare: {value} is not a valid {key}").format(
                part=repr(part), value=repr(value), key=key)) from None
        (model if where == "model" else train)[field] = parsed
    return Variant(label, model, train)


def parse_variants(text: str) -> tuple[Variant, ...]:
    """``"lstm,gru,rnn"`` -> three variants; two or three, with distinct labels."""
    variants = tuple(parse_variant(part) for part in str(text).split(","))
    if not 2 <= len(variants) <= MAX_MODELS:
        raise ConfigError(translate("lockstep", "--compare takes 2 or 3 models separated by commas, got {count}")
                          .format(count=len(variants)))
    labels = [v.label for v in variants]
    if len(set(labels)) != len(labels):
        raise ConfigError(translate("lockstep", "--compare names the same model twice ({labels}); give each "
                                    "model a different setting").format(labels=", ".join(labels)))
    return variants


@dataclass(frozen=True)
class Tagged:
    """One model's record in a lockstep run: which model (its index) and the engine's record."""

    index: int                              # 0-based, in the order the variants were given
    item: Any                               # StepSnapshot | EvalResult | Divergence | SampleResult
    ends_round: bool = False                # the last model's step of a round (the loop paces rounds)


class Lockstep:
    """Sessions on one corpus, stepped one each in turn.

    Parameters
    ----------
    corpus : Corpus
        Shared, read only: every session's stream walks the same ``corpus.train``.
    model_config, train_config : ModelConfig, TrainConfig
        What the models share; each :class:`Variant` changes some of it.
    variants : sequence of Variant
    data : dict, optional
        How the corpus was loaded, kept in each session's checkpoints.
    """

    def __init__(self, corpus, model_config: ModelConfig, train_config: TrainConfig,
                 variants, *, data: dict[str, Any] | None = None) -> None:
        from .memory import check_fits
        from .trainer import Session
        self.variants = tuple(variants)
        configs = [v.configs(model_config, train_config) for v in self.variants]
        for model_cfg, train_cfg in configs:
            if (train_cfg.batch_size, train_cfg.bptt) != (train_config.batch_size, train_config.bptt):
                raise ConfigError(translate("lockstep", "models in lockstep share the batch size and bptt"))
            check_fits(model_cfg, train_cfg)          # each, before any is allocated
        self.sessions = [Session(corpus, m, t, data=data) for m, t in configs]
        self.stopped = [False] * len(self.sessions)   # diverged: out of the rotation

    @property
    def iteration(self) -> int:
        """The round: the steps the furthest model has done."""
        return max(s.iteration for s in self.sessions)

    @property
    def finished(self) -> bool:
        return all(s.finished or stop for s, stop in zip(self.sessions, self.stopped))

    @property
    def live(self) -> list[int]:
        return [i for i, stop in enumerate(self.stopped) if not stop]

    def reset(self) -> None:
        """Every model from its seed again, back in the rotation."""
        for session in self.sessions:
            session.reset()
        self.stopped = [False] * len(self.sessions)

    def set_probe_every(self, k: int) -> None:
        for session in self.sessions:
            session.probe_every = k

    def step_round(self, probe: bool | None = None,
                   evaluate: Callable[[int, Any], EvalResult | None] | None = None) -> Iterator[Tagged]:
        """One step of every live model, in order; a model that diverges yields its
        :class:`Divergence` and drops out. ``evaluate(index, session)`` may return a due evaluation."""
        live = self.live
        for n, i in enumerate(live):
            session = self.sessions[i]
            last = n == len(live) - 1
            try:
                snapshot: StepSnapshot | Divergence = session.step(probe=probe)
            except DivergenceError as exc:
                self.stopped[i] = True
                yield Tagged(i, exc.record, last)
                continue
            yield Tagged(i, snapshot, last)
            result = evaluate(i, session) if evaluate is not None else None
            if result is not None:
                yield Tagged(i, result)

    def run(self, rounds: int | None = None, *,
            eval_progress: Callable[[str, int, int], None] | None = None) -> Iterator[Tagged]:
        """Rounds until ``rounds`` are done (None: until every model is finished or has dropped out).

        Each model validates when its own schedule says (every ``eval_every`` steps, else once
        an epoch), as :meth:`Session.run <rnnviz.engine.trainer.Session.run>` does.
        """
        def due(index: int, session) -> EvalResult | None:
            every = session.train_config.eval_every or session.iters_per_epoch
            if session.iteration % every == 0 and len(session.corpus.valid) > 2:
                return session.evaluate(progress=eval_progress)
            return None

        done = 0
        while self.live and (done < rounds if rounds is not None else not self.finished):
            yield from self.step_round(evaluate=due)
            done += 1
