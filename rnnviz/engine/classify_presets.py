"""The seed's classifier runs (『Do it! 딥러닝 입문』 ch.9) as data: which data, which model, how to train.

``doit-ch9`` is the NumPy ``RecurrentNetwork``: 32 tanh cells over one-hot words (the 100 most
frequent, the top 20 skipped, unknown words dropped, texts cut or padded to 100), a sigmoid unit,
plain SGD at 0.01 in batches of 32 for 20 epochs, orthogonal W_h and Glorot-uniform W_x and
output, and a backward pass over the last 10 steps only. The Keras twins follow: an embedding
of the 1,000 most frequent words into 32 numbers with ``SimpleRNN(8)``, and the same with
``LSTM(64)``, both trained with Adam for 10 epochs and full BPTT, as Keras does.

A preset fills the defaults of ``rnnviz train --task classify`` and of the classifier lab;
anything set explicitly wins. The seed trains on IMDB, which users download themselves
(``--corpus aclImdb``); without it the presets run on the generated reviews.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .texts import translate


@dataclass(frozen=True)
class ClassifyPreset:
    """One run of the seed: the settings that reproduce it."""

    name: str
    title: str                       # what a menu shows (a Text: localize() shows it)
    data: dict[str, Any] = field(default_factory=dict)    # ClassDataSpec fields (not the source)
    model: dict[str, Any] = field(default_factory=dict)   # ClassifierConfig fields
    train: dict[str, Any] = field(default_factory=dict)   # TrainConfig fields
    corpus: str = "reviews"          # the data when none is given


_SEED_DATA = {"level": "word", "max_len": 100, "skip_top": 20, "drop_unknown": True, "valid_fraction": 0.2}

CLASSIFY_PRESETS: dict[str, ClassifyPreset] = {p.name: p for p in (
    ClassifyPreset(
        "doit-ch9", translate("classify_presets", "Do it! ch.9: NumPy RNN, one-hot, last 10 steps"),
        data={**_SEED_DATA, "vocab_size": 100},
        model={"cell": "rnn", "hidden_size": 32, "input": "onehot", "pool": "last", "truncate": 10,
               "init": "orthogonal"},
        train={"batch_size": 32, "optimizer": "sgd", "lr": 0.01, "clip": 0.0, "epochs": 20}),
    ClassifyPreset(
        "doit-ch9-embedding", translate("classify_presets", "Do it! ch.9: Embedding(1000, 32) + SimpleRNN(8)"),
        data={**_SEED_DATA, "vocab_size": 1000},
        model={"cell": "rnn", "hidden_size": 8, "input": "embedding", "embed_size": 32, "pool": "last",
               "truncate": 0, "init": "orthogonal"},
        train={"batch_size": 32, "optimizer": "adam", "lr": 0.001, "clip": 0.0, "epochs": 10}),
    ClassifyPreset(
        "doit-ch9-lstm", translate("classify_presets", "Do it! ch.9: Embedding(1000, 32) + LSTM(64)"),
        data={**_SEED_DATA, "vocab_size": 1000},
        model={"cell": "lstm", "hidden_size": 64, "input": "embedding", "embed_size": 32, "pool": "last",
               "truncate": 0, "init": "orthogonal"},
        train={"batch_size": 32, "optimizer": "adam", "lr": 0.001, "clip": 0.0, "epochs": 10}),
)}
