"""Frozen configuration records for models and training runs.

Forms and command lines build new configs with :func:`dataclasses.replace`; runs save
``dataclasses.asdict(config)`` as JSON beside their outputs, and :func:`from_dict` reads it back.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

from .cells import CELL_TYPES
from .texts import translate

CELLS = tuple(CELL_TYPES)   # "rnn", "lstm", "gru": a new cell type is one entry in cells.py
INPUTS = ("embedding", "onehot")
INITS = ("book", "d2l", "orthogonal")
DTYPES = ("float32", "float64")
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
LEVELS = ("char", "word")
MAX_SEED = 2**63 - 1        # NumPy refuses negative seeds, with a traceback rather than a message


class ConfigError(ValueError):
    """A configuration value that makes no sense; the message names the field and the fix."""


DECODERS = ("plain", "peeky", "attention")
STREAMS = ("book", "seeded")


@dataclass(frozen=True)
class Seq2seqConfig:
    """Shape of a :class:`~rnnviz.engine.seq2seq.Seq2seq` (DLFS2 ch.7-8)."""

    vocab_size: int                 # V, characters of questions and answers together
    embed_size: int = 16            # D
    hidden_size: int = 128          # H
    cell: str = "lstm"              # lstm | gru, encoder and decoder alike
    decoder: str = "plain"          # plain | peeky (ch.7) | attention (ch.8)
    reverse: bool = False           # feed the question reversed (ch.7's first improvement)
    init: str = "book"              # book | d2l | orthogonal
    dtype: str = "float32"
    seed: int = 0                   # weights, when stream == "seeded"
    # "book": one RandomState, the data's shuffle seed after the shuffle, draws the weights and
    # then every epoch's order, as NumPy's global state does in the book's scripts; the same
    # data replays the book's run. "seeded": ``seed`` draws the weights, the session's seed the order.
    stream: str = "book"

    def __post_init__(self) -> None:
        _check_int(self, "vocab_size", 2, 100_000)
        _check_int(self, "embed_size", 1, 100_000)
        _check_int(self, "hidden_size", 1, 100_000)
        _check_choice(self, "cell", ("lstm", "gru"))
        _check_choice(self, "decoder", DECODERS)
        _check_choice(self, "stream", STREAMS)
        _check_choice(self, "init", INITS)
        _check_choice(self, "dtype", DTYPES)
        _check_int(self, "seed", 0, MAX_SEED)


@dataclass(frozen=True)
class ModelConfig:
    """Shape and initialisation of an :class:`~rnnviz.engine.models.RNNLM`."""

    vocab_size: int                 # V
    embed_size: int = 100           # D; ignored (= V) when input == "onehot"
    hidden_size: int = 100          # H
    cell: str = "lstm"              # rnn | lstm | gru
    num_layers: int = 1             # stacked recurrent layers, 1..4
    input: str = "embedding"        # embedding | onehot (d2l feeds one-hot vectors)
    dropout: float = 0.0            # inverted dropout between layers (and before the decoder)
    tie_weights: bool = False       # decoder.W = embed.W.T (needs embed_size == hidden_size)
    init: str = "book"              # book | d2l | orthogonal
    dtype: str = "float32"          # float32 to train, float64 to gradient-check
    seed: int = 0                   # initialisation and dropout randomness

    def __post_init__(self) -> None:
        _check_int(self, "vocab_size", 2, 10_000_000)
        _check_int(self, "hidden_size", 1, 100_000)
        _check_int(self, "num_layers", 1, 4)
        if self.input == "embedding":
            _check_int(self, "embed_size", 1, 100_000)
        _check_choice(self, "cell", CELLS)
        _check_choice(self, "input", INPUTS)
        _check_choice(self, "init", INITS)
        _check_choice(self, "dtype", DTYPES)
        _check_int(self, "seed", 0, MAX_SEED)
        if not 0.0 <= self.dropout < 1.0:
            raise ConfigError(translate("config", "dropout must be in [0, 1), got {value}")
                              .format(value=repr(self.dropout)))
        if self.tie_weights:
            if self.input != "embedding":
                raise ConfigError(translate("config", "tie_weights needs an embedding input, not one-hot"))
            if self.embed_size != self.hidden_size:
                raise ConfigError(translate("config", "tie_weights needs embed_size == hidden_size, got {embed} "
                                            "and {hidden}").format(embed=self.embed_size, hidden=self.hidden_size))

    @property
    def input_size(self) -> int:
        """Width of the vectors the first recurrent layer reads."""
        return self.vocab_size if self.input == "onehot" else self.embed_size


POOLS = ("last", "mean")


@dataclass(frozen=True)
class ClassifierConfig:
    """Shape of a many-to-one :class:`~rnnviz.engine.classifier.Classifier` (the seed's ch.9 RNN).

    ``truncate`` is k: the backward pass walks back over the last k time steps only, as the
    seed's loop does (``zip(seq[::-1][:10], ...)``); 0 means all of them (full BPTT).
    """

    vocab_size: int                 # V, <pad> and <unk> included (the one-hot width)
    num_classes: int = 2            # C: 2 -> one sigmoid unit and binary cross-entropy; more -> softmax
    embed_size: int = 32            # D; ignored (= V) when input == "onehot"
    hidden_size: int = 32           # H
    cell: str = "rnn"               # rnn | lstm | gru
    num_layers: int = 1             # stacked recurrent layers, 1..4
    input: str = "onehot"           # onehot (the seed) | embedding
    pool: str = "last"              # last: h_T into the output; mean: the mean of h_t over the text
    truncate: int = 0               # k, backprop through the last k steps only; 0 = full BPTT
    init: str = "orthogonal"        # orthogonal Wh, Glorot-uniform Wx and output: the seed's
    dtype: str = "float32"
    seed: int = 0                   # the weights

    def __post_init__(self) -> None:
        _check_int(self, "vocab_size", 2, 10_000_000)
        _check_int(self, "num_classes", 2, 1000)
        _check_int(self, "hidden_size", 1, 100_000)
        _check_int(self, "num_layers", 1, 4)
        if self.input == "embedding":
            _check_int(self, "embed_size", 1, 100_000)
        _check_int(self, "truncate", 0, 1_000_000)
        _check_choice(self, "cell", CELLS)
        _check_choice(self, "input", INPUTS)
        _check_choice(self, "pool", POOLS)
        _check_choice(self, "init", INITS)
        _check_choice(self, "dtype", DTYPES)
        _check_int(self, "seed", 0, MAX_SEED)

    @property
    def input_size(self) -> int:
        """Width of the vectors the first recurrent layer reads."""
        return self.vocab_size if self.input == "onehot" else self.embed_size


@dataclass(frozen=True)
class TrainConfig:
    """How a run trains: batches, optimizer, clipping, length and randomness.

    ``seed`` seeds a seq2seq run's data order (each epoch's permutation of the training pairs,
    when its Seq2seqConfig.stream is "seeded"). A language model does not read it: its
    truncated-BPTT stream is not random, its weights and dropout masks follow
    ModelConfig.seed and sampling takes a seed of its own. It stays in the config (and so in
    every checkpoint) so old checkpoints keep loading.
    """

    batch_size: int = 20            # N parallel streams
    bptt: int = 35                  # T time steps per truncated-BPTT block
    optimizer: str = "sgd"          # sgd | momentum | adagrad | rmsprop | adam
    lr: float = 20.0
    momentum: float = 0.9           # momentum's beta
    beta1: float = 0.9              # Adam
    beta2: float = 0.999            # Adam / RMSProp decay uses decay_rate below
    decay_rate: float = 0.99        # RMSProp
    clip: float = 0.25              # global gradient-norm threshold; 0 disables clipping
    epochs: int = 4                 # used when max_steps is 0
    max_steps: int = 0              # stop after this many steps when > 0
    seed: int = 0                   # seq2seq data order; unused by a language model (see above)
    eval_every: int = 0             # evaluate every k steps (0: once per epoch)

    def __post_init__(self) -> None:
        _check_int(self, "batch_size", 1, 100_000)
        _check_int(self, "bptt", 1, 100_000)
        _check_int(self, "epochs", 0, 1_000_000)
        _check_int(self, "max_steps", 0, 10**12)
        _check_int(self, "eval_every", 0, 10**12)
        _check_int(self, "seed", 0, MAX_SEED)
        _check_choice(self, "optimizer", OPTIMIZERS)
        for name in ("lr",):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and 0.0 < value < 1e12) or value != value:
                raise ConfigError(translate("config", "{name} must be a positive finite number, got {value}")
                                  .format(name=name, value=repr(value)))
        if not (self.clip >= 0.0 and self.clip < float("inf")):
            raise ConfigError(translate("config", "clip must be >= 0 (0 disables it), got {value}")
                              .format(value=repr(self.clip)))
        for name in ("momentum", "beta1", "beta2", "decay_rate"):
            value = getattr(self, name)
            if not 0.0 <= value < 1.0:
                raise ConfigError(translate("config", "{name} must be in [0, 1), got {value}")
                                  .format(name=name, value=repr(value)))
        if self.epochs == 0 and self.max_steps == 0:
            raise ConfigError(translate("config", "give a number of epochs or of steps (both are 0)"))


C = TypeVar("C")


def from_dict(cls: type[C], data: dict[str, Any]) -> C:
    """Build ``cls`` from a JSON dict, naming any field it does not know."""
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - names)
    if unknown:
        raise ConfigError(translate("config", "{config} has no field(s) {names}")
                          .format(config=cls.__name__, names=", ".join(unknown)))
    return cls(**data)


def _check_int(cfg: object, name: str, lo: int, hi: int) -> None:
    value = getattr(cfg, name)
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ConfigError(translate("config", "{name} must be an integer in [{lo}, {hi}], got {value}")
                          .format(name=name, lo=lo, hi=hi, value=repr(value)))


def _check_choice(cfg: object, name: str, choices: tuple[str, ...]) -> None:
    value = getattr(cfg, name)
    if value not in choices:
        raise ConfigError(translate("config", "{name} must be one of {choices}; got {value}")
                          .format(name=name, choices=", ".join(choices), value=repr(value)))
