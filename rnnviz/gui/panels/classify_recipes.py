"""What a classifier-lab model is built from: the :class:`~.classify_controls.Choice` the controls
show (data, cell, input, H, pooling), k, and a :class:`Recipe` for the rest they do not show (how
many texts and words, how long a text may be, the training schedule).

A recipe is the lab's own (small sets that learn in seconds with Adam), the seed's (the doit-ch9
preset: 『Do it! 딥러닝 입문』 ch.9's NumPy RNN with plain SGD), or an opened run's. New data
brings the lab's recipe for it; a model change keeps the recipe in force.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from rnnviz.engine.classify_data import GENERATED, ClassDataSpec
from rnnviz.engine.classify_presets import CLASSIFY_PRESETS
from rnnviz.engine.config import ClassifierConfig, TrainConfig

from .classify_controls import Choice

SEED = CLASSIFY_PRESETS["doit-ch9"]
MODEL_EXTRAS = ("embed_size", "num_layers", "init", "seed", "dtype")     # ClassifierConfig fields no control shows


@dataclass(frozen=True)
class Recipe:
    """How a model is trained beyond what the controls show."""

    name: str                                           # "lab" | "doit-ch9" | "run"
    data: dict = field(default_factory=dict)            # ClassDataSpec fields but the source
    model: dict = field(default_factory=dict)           # ClassifierConfig fields of MODEL_EXTRAS
    train: TrainConfig = field(default_factory=TrainConfig)


def lab_recipe(source: str, *, examples: int, batch_size: int = 32, epochs: int = 10) -> Recipe:
    """The lab's own settings for ``source``: sets that learn in seconds, Adam 0.001 (Keras'
    default), gradients clipped at norm 5; ``examples`` texts generated for the generated sets."""
    if source == "first-token":
        # 50 steps, the experiment: with Adam 0.001 and H = 32 an RNN with full BPTT finds
        # the cue within a few epochs (an LSTM, its forget gate starting open, within two), and
        # k = 10 never does. Adam 0.005 kicks the orthogonal W_h about: nothing learns at 50.
        data = {"max_len": 50}
    elif source in GENERATED:
        data = {"vocab_size": 400, "max_len": 40}           # every word of the generated reviews
    else:
        data = {"vocab_size": 1000, "max_len": 100}
    if source in GENERATED:
        data["n"] = examples
    return Recipe("lab", data, {}, TrainConfig(batch_size=batch_size, optimizer="adam", lr=0.001, clip=5.0,
                                               epochs=epochs))


def seed_recipe(source: str, *, examples: int) -> Recipe:
    """The seed's settings (the doit-ch9 preset): 100 one-hot words, the top 20 skipped, plain SGD."""
    data = dict(SEED.data)
    if source in GENERATED:
        data["n"] = examples
    return Recipe("doit-ch9", data, {"init": SEED.model["init"]}, TrainConfig(**SEED.train))


def seed_choice(current: Choice | None) -> tuple[Choice, int]:
    """The seed's model and k, on the seed's data (the reviews), or on a file or folder already chosen
    (an aclImdb folder: the seed's own data)."""
    model = SEED.model
    source = current.source if current is not None and current.source not in GENERATED else SEED.corpus
    return Choice(source, model["cell"], model["input"], model["hidden_size"], model["pool"]), model["truncate"]


def configs(choice: Choice, recipe: Recipe, k: int) -> tuple[ClassDataSpec, ClassifierConfig, TrainConfig]:
    """What the worker's ``build`` takes (the vocabulary size is the data's, filled in there).

    Raises
    ------
    ConfigError
        A setting the engine refuses (a ValueError).
    """
    spec = ClassDataSpec(choice.source, **recipe.data)
    config = ClassifierConfig(vocab_size=2, cell=choice.cell, input=choice.input, hidden_size=choice.hidden,
                              pool=choice.pool, truncate=k, **recipe.model)
    return spec, config, recipe.train


def recipe_of(spec: ClassDataSpec, config: ClassifierConfig, train: TrainConfig, known: tuple[Recipe, ...]) -> Recipe:
    """The recipe a run was trained with: one of ``known`` when it is theirs, else a "run" recipe."""
    data = {name: value for name, value in dataclasses.asdict(spec).items() if name != "source"}
    model = {name: getattr(config, name) for name in MODEL_EXTRAS}
    default_spec = dataclasses.asdict(ClassDataSpec(spec.source))
    default_model = {name: getattr(ClassifierConfig(vocab_size=2), name) for name in MODEL_EXTRAS}
    for recipe in known:
        if (data == {name: recipe.data.get(name, default_spec[name]) for name in data}
                and model == {**default_model, **recipe.model} and train == recipe.train):
            return recipe
    return Recipe("run", data, model, train)
