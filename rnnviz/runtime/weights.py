"""File > Import weights and File > Export weights on the worker: the commands and their handlers.

Importing reads a ``.safetensors`` file and its vocabulary (:mod:`rnnviz.engine.weights_io`),
encodes the chosen corpus in that vocabulary (the model's rows decide the ids) and installs a
new session at step 0 with a fresh optimizer, exactly as an opened checkpoint is installed: the
window gets a :class:`~rnnviz.runtime.messages.RunReady` (reason ``"import"``) and can probe,
sample and train at once. What was inferred from the shapes (a file without rnnviz's metadata)
follows as a :class:`Notice`. Exporting writes the model between two steps; a playing run goes on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from rnnviz.engine.config import TrainConfig
from rnnviz.engine.texts import translate

from .messages import Notice

IMPORT, EXPORT = "import_weights", "export_weights"     # command names (and WorkerError.command)


class WeightsCommands:
    """The window's side: mixed into :class:`~rnnviz.runtime.lm.LMCommands`."""

    def import_weights(self, path: str, vocab_path: str | None, data: dict[str, Any],
                       train_config: TrainConfig) -> None:
        """Open a ``.safetensors`` model with its vocabulary (None: ``FILE.vocab.txt``), to train
        on ``data``'s corpus with ``train_config``; replaces the run once everything has loaded."""
        self._put(IMPORT, str(path), None if vocab_path is None else str(vocab_path), dict(data), train_config)

    def export_weights(self, path: str) -> None:
        """Write the model's weights as ``.safetensors`` and its vocabulary beside them."""
        self._put(EXPORT, str(path))


class WeightsHandlers:
    """The worker's side, for an :class:`~rnnviz.runtime.lm.LMTask`."""

    def __init__(self, task) -> None:
        self.task = task

    def handlers(self) -> dict:
        return {IMPORT: self.import_weights, EXPORT: self.export_weights}

    def import_weights(self, path: str, vocab_path: str | None, data: dict[str, Any],
                       train_config: TrainConfig) -> None:
        from rnnviz.engine.trainer import Session
        from rnnviz.engine.vocab_file import FIXED_VOCAB, corpus_in_vocab
        from rnnviz.engine.weights_io import build_model, import_weights
        loop = self.task.loop
        with loop.busy(IMPORT, translate("weights", "Reading weights {name}").format(name=Path(path).name)):
            imported = import_weights(path, vocab_path)
        vocab = imported.vocab
        # The form's corpus, read the way the model's vocabulary was made.
        data = {**data, "level": vocab.level, "normalize": vocab.normalize, FIXED_VOCAB: True}
        with loop.busy(IMPORT, translate("weights", "Loading corpus {name}").format(name=Path(str(data["source"])).name)):
            corpus = corpus_in_vocab(data, vocab)
            session = Session(corpus, imported.model_config, train_config, data=data, model=build_model(imported))
        self.task._install(session, "import", None, path)
        for note in imported.notes:
            loop.post(Notice(note))

    def export_weights(self, path: str) -> None:
        from rnnviz.engine.weights_io import export_weights
        session = self.task._require_session()
        with self.task.loop.busy(EXPORT, translate("weights", "Exporting weights")):
            weights, vocab_file = export_weights(session.model, session.corpus.vocab, path,
                                                 {"corpus": session.data.get("source"), "step": session.iteration})
        self.task.loop.post(Notice(translate("weights", "Exported the weights at step {step} to {path} and {vocab}")
                                   .format(step=f"{session.iteration:,}", path=str(weights), vocab=vocab_file.name)))
