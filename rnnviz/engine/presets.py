"""Named runs from the books, as data: which corpus, which model, how to train.

A preset fills the defaults of ``rnnviz train`` (and the GUI's experiment form); anything the
user sets explicitly wins. Corpora that are not bundled (PTB, The Time Machine) are looked up
in :func:`rnnviz.resources.shared_corpora_dir`, or must be given as a path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rnnviz import resources

from .data import corpus_spec
from .texts import translate


@dataclass(frozen=True)
class Preset:
    """One book run: where it comes from and the settings that reproduce it."""

    name: str
    title: str                       # what a menu shows (marked for translation: localize() shows it)
    source: str                      # book and section (likewise)
    corpus: str                      # bundled name, or a file name looked up in shared corpora
    data: dict[str, Any] = field(default_factory=dict)    # level, normalize, limit_tokens
    model: dict[str, Any] = field(default_factory=dict)   # ModelConfig fields (vocab_size comes from data)
    train: dict[str, Any] = field(default_factory=dict)   # TrainConfig fields

    def corpus_spec(self, source: str | None = None) -> dict[str, Any]:
        """The run's data dict (:func:`~rnnviz.engine.data.corpus_spec`): this preset's corpus
        settings on ``source`` (by default its own corpus name)."""
        return corpus_spec(self.corpus if source is None else source, **self.data)

    def corpus_path(self) -> str | None:
        """Where this preset's corpus is on this machine, or None when it must be asked for."""
        if self.corpus in resources.bundled_corpora() or self.corpus in resources.BUILTIN_NAMES:
            return self.corpus
        shared = resources.shared_corpora_dir()
        if shared is not None and (Path(shared) / self.corpus).exists():
            return str(Path(shared) / self.corpus)
        return None


PRESETS: dict[str, Preset] = {p.name: p for p in [
    Preset("dlfs2-ch5", translate("presets", "DLFS2 ch.5 SimpleRnnlm (PTB, first 1000 words)"),
           translate("presets", "Deep Learning from Scratch 2, ch. 5 (ch05/train_custom_loop.py)"), "ptb",
           data={"level": "word", "limit_tokens": 1000},
           model={"cell": "rnn", "embed_size": 100, "hidden_size": 100, "init": "book"},
           train={"batch_size": 10, "bptt": 5, "optimizer": "sgd", "lr": 0.1, "clip": 0.0,
                  "epochs": 100}),
    Preset("dlfs2-ch6", translate("presets", "DLFS2 ch.6 Rnnlm (PTB, LSTM)"),
           translate("presets", "Deep Learning from Scratch 2, ch. 6 (ch06/train_rnnlm.py)"), "ptb",
           data={"level": "word"},
           model={"cell": "lstm", "embed_size": 100, "hidden_size": 100, "init": "book", "seed": 1},
           train={"batch_size": 20, "bptt": 35, "optimizer": "sgd", "lr": 20.0, "clip": 0.25,
                  "epochs": 4, "seed": 1}),
    Preset("d2l-9.5", translate("presets", "d2l 9.5 char RNN (The Time Machine)"),
           translate("presets", "Dive into Deep Learning, 9.5 (RNN from scratch)"), "timemachine.txt",
           data={"level": "char", "normalize": True},
           model={"cell": "rnn", "input": "onehot", "hidden_size": 32, "init": "d2l"},
           train={"batch_size": 32, "bptt": 35, "optimizer": "sgd", "lr": 1.0, "clip": 1.0,
                  "epochs": 30}),
    Preset("tale-lstm", translate("presets", "Character LSTM on the bundled tale"),
           translate("presets", "rnnviz's default: learns within a minute"), "tale",
           data={"level": "char"},
           model={"cell": "lstm", "embed_size": 32, "hidden_size": 128, "init": "book"},
           train={"batch_size": 16, "bptt": 32, "optimizer": "adam", "lr": 0.005, "clip": 1.0,
                  "epochs": 20}),
]}
