"""File > Import weights and File > Export weights, mixed into the main window.

Both only ask for files and send a command: the worker reads, checks and writes
(:mod:`rnnviz.runtime.weights`), so a large or forged file never holds up the window, and a
problem comes back as one line in a dialog. An imported model trains on the corpus chosen in
the Experiment form (its text encoded in the model's vocabulary) with the form's training
settings, and opens like an opened checkpoint: ready to probe, sample and train.
"""
from __future__ import annotations

from pathlib import Path

from rnnviz.engine.config import ConfigError
from rnnviz.engine.texts import message_of
from rnnviz.engine.weights_io import vocab_path_for

from . import file_dialogs
from .i18n import translate

SUFFIX = ".safetensors"


def weights_filter() -> str:
    return translate("weights_actions", "safetensors weights (*.safetensors);;All files (*)")


class WeightsActions:
    """The two File menu entries; :class:`~rnnviz.gui.main_window.MainWindow` mixes this in."""

    def import_weights(self, path: str | None = None, vocab_path: str | None = None) -> bool:
        """Open a ``.safetensors`` model with its vocabulary, to train on the form's corpus.

        Parameters
        ----------
        path : str, optional
            The weights; asked for when None.
        vocab_path : str, optional
            Its vocabulary, one token per line; when None, ``FILE.vocab.txt`` beside it, else asked for.

        Returns
        -------
        bool
            True when the worker was asked to import (it answers with a RunReady or an error).
        """
        if path is None:
            path = file_dialogs.open_file(self, self.settings, translate("weights_actions", "Import weights"),
                                          weights_filter())
            if path is None:
                return False
        if vocab_path is None and not vocab_path_for(path).is_file():
            vocab_path = file_dialogs.open_file(
                self, self.settings,
                translate("weights_actions", "Vocabulary of {name} (one token per line)").format(name=Path(path).name),
                translate("weights_actions", "Vocabularies (*.txt);;All files (*)"))
            if vocab_path is None:
                return False
        try:
            data, _, train = self.experiment.config()
        except (ConfigError, ValueError, TypeError) as exc:
            self.show_message("critical", translate("weights_actions", "Could not import the weights"),
                              message_of(exc))
            return False
        if not self.confirm_discard(translate("weights_actions", "Import weights")):
            return False
        self.worker.import_weights(str(path), vocab_path, data, train)
        return True

    def export_weights(self, path: str | None = None) -> bool:
        """Write the model's weights as ``.safetensors`` and its vocabulary beside them.

        Returns
        -------
        bool
            True when the worker was asked to write (it confirms in the status bar or reports why not).
        """
        if self.info is None:
            self.show_message("information", translate("weights_actions", "Nothing to export"),
                              translate("weights_actions", "Build a model first (Apply)."))
            return False
        if path is None:
            default = f"{Path(self.info.corpus_name).stem}-{self.info.model_config.cell}-{self.iteration}{SUFFIX}"
            path = self._ask_save(translate("weights_actions", "Export weights"), default, weights_filter())
            if path is None:
                return False
        if not str(path).endswith(SUFFIX):
            path = f"{path}{SUFFIX}"
        self.worker.export_weights(str(path))
        return True

    def weights_imported(self, event) -> None:
        """A RunReady of reason "import": the form shows the run, the status bar what was opened."""
        info = event.info
        # The form builds from the corpus's own vocabulary on its next Apply: a new model, as ever.
        data = {k: v for k, v in info.data.items() if k != "fixed_vocab"}
        self.experiment.set_config(data, info.model_config, info.train_config)
        self.experiment.show_live(info.lr, info.clip)
        self.statusBar().showMessage(
            translate("weights_actions", "Imported {name}: {cell}, {layers} layer(s), H = {hidden}; it trains on {corpus}")
            .format(name=Path(event.path).name, cell=info.model_config.cell.upper(),
                    layers=info.model_config.num_layers, hidden=info.model_config.hidden_size,
                    corpus=info.corpus_name), 10000)
