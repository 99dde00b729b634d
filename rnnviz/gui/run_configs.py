"""A run's settings as records: the data dict and the two configs a run is built from, what a
preset fixes, and when two settings train the same run. Qt-free: the form and its tests share it."""
from __future__ import annotations

import dataclasses
from typing import Any

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec
from rnnviz.engine.presets import Preset
from rnnviz.engine.texts import Text, translate

PLACEHOLDER_VOCAB = 2           # ModelConfig needs a vocab_size; the worker sets the corpus's own


def default_data(source: str = "tale") -> dict[str, Any]:
    """The keys a run's data dict has (as ``rnnviz train`` writes them)."""
    return corpus_spec(source)


def preset_configs(preset: Preset, source: str) -> tuple[dict[str, Any], ModelConfig, TrainConfig]:
    """A preset's settings as the three records a run is built from."""
    data = {**default_data(source), **preset.data}
    return data, ModelConfig(vocab_size=PLACEHOLDER_VOCAB, **preset.model), TrainConfig(**preset.train)


def same_run(a: tuple | None, b: tuple | None) -> bool:
    """Whether two ``(data, model, train)`` train the same run; how often it is evaluated is
    not part of it (like the probe cadence, it only changes how often the run is looked at)."""
    if a is None or b is None:
        return False
    (a_data, a_model, a_train), (b_data, b_model, b_train) = a, b
    return ((a_data, a_model) == (b_data, b_model)
            and dataclasses.replace(a_train, eval_every=0) == dataclasses.replace(b_train, eval_every=0))


def corpus_request(preset: Preset) -> tuple[Text, bool]:
    """(what to ask the user for, whether it is a folder) when a preset's corpus is not here.

    The question is a :class:`~rnnviz.engine.texts.Text` (English, as ``str``): the form shows
    it with :func:`rnnviz.localize.localize`, in the user's language.
    """
    if preset.corpus == "ptb":
        return (translate("run_configs", "{title} needs PTB: choose the folder holding ptb.train.txt")
                .format(title=preset.title), True)
    return (translate("run_configs", "{title} needs {corpus}: choose that file")
            .format(title=preset.title, corpus=preset.corpus), False)
