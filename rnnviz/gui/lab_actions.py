"""File actions for the two labs, mixed into :class:`~rnnviz.gui.main_window.MainWindow`: File > Save
seq2seq run, Save classifier run, and File > Export of a lab or one of its views. Each lab saves
and exports itself (``save_run``, ``export``); the window asks where, and says when there is
nothing to save yet."""
from __future__ import annotations

from pathlib import Path

from .actions import image_filter
from .i18n import translate


class LabActions:
    """``save_seq2seq_run``, ``save_classify_run``, ``export_seq2seq``, ``export_classify``."""

    def save_seq2seq_run(self, path: str | None = None) -> bool:
        """Write the seq2seq lab's run with its accuracy curves (File > Save seq2seq run...)."""
        lab = self.seq2seq_lab
        if lab.settings is None:
            return self._nothing_to_save(translate("lab_actions", "Open the seq2seq lab (L) and train a model first."))
        default = f"seq2seq-{Path(lab.settings.task).stem}-{lab.settings.decoder}-{lab.iteration}.npz"
        return self._save_lab_run(lab, path, translate("lab_actions", "Save seq2seq run"), default)

    def save_classify_run(self, path: str | None = None) -> bool:
        """Write the classifier lab's run with its curves (File > Save classifier run...)."""
        lab = self.classify_lab
        if lab.choice is None:
            return self._nothing_to_save(translate("lab_actions", "Open the classifier lab (K) and train a model first."))
        choice = lab.choice
        default = f"classify-{Path(choice.source).stem}-{choice.cell}-k{lab.truncate}-{lab.iteration}.npz"
        return self._save_lab_run(lab, path, translate("lab_actions", "Save classifier run"), default)

    def save_compare_run(self, path: str | None = None) -> bool:
        """Write each compared model as a checkpoint of its own (File > Save compared models...)."""
        lab = self.compare_lab
        if lab.settings is None:
            return self._nothing_to_save(translate("lab_actions", "Open the comparison lab (C) and train the models "
                                                   "first."))
        default = f"compare-{lab.iteration}.npz"
        return self._save_lab_run(lab, path, translate("lab_actions", "Save compared models"), default)

    def _nothing_to_save(self, advice: str) -> bool:
        self.show_message("information", translate("lab_actions", "Nothing to save"), advice)
        return False

    def _save_lab_run(self, lab, path: str | None, title: str, default: str) -> bool:
        """Ask where (unless ``path`` is given) and let ``lab`` save its run there, as ``.npz``."""
        if path is None:
            path = self._ask_save(title, default, translate("lab_actions", "rnnviz checkpoints (*.npz)"))
            if path is None:
                return False
        if not str(path).endswith(".npz"):
            path = f"{path}.npz"
        return lab.save_run(str(path))

    def export_seq2seq(self, view: str, suffix: str, path: str | None = None) -> None:
        """Write the seq2seq lab, or one of its views, as PNG or SVG (``Seq2seqLab.export``)."""
        title = translate("seq2seq_lab", self.seq2seq_lab.EXPORTS[view]).lower()
        self._export_lab(self.seq2seq_lab, title, f"seq2seq_{view}.{suffix}", view, suffix, path)

    def export_classify(self, view: str, suffix: str, path: str | None = None) -> None:
        """Write the classifier lab, or one of its views, as PNG or SVG (``ClassifyLab.export``)."""
        title = translate("classify_lab", self.classify_lab.EXPORTS[view])     # "P(positive)" keeps its P
        self._export_lab(self.classify_lab, title, f"classify_{view}.{suffix}", view, suffix, path)

    def _export_lab(self, lab, title: str, default: str, view: str, suffix: str, path: str | None) -> None:
        if path is None:
            path = self._ask_save(translate("lab_actions", "Export {title}").format(title=title), default,
                                  image_filter(suffix))
            if path is None:
                return
        self._guarded(translate("lab_actions", "Export failed"), lab.export, view, str(path))
