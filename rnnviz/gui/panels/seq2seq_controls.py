"""The seq2seq lab's control bar: task, variant (reverse / peeky / attention, cell, H) and the
Play / Step epoch / Reset buttons. It only reads and shows :class:`LabSettings`; the lab decides
whether a change rebuilds the model (asking first when training would be lost)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QSpinBox, QWidget

from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .lab_views import ControlsBase, muted, pair, separator

# (shown name, task key): the names are translated where they are shown (context "seq2seq_controls").
TASKS = ((QT_TRANSLATE_NOOP("seq2seq_controls", "Addition (generated)"), "addition"),
         (QT_TRANSLATE_NOOP("seq2seq_controls", "Dates (generated)"), "date"))
OPEN_FILE = QT_TRANSLATE_NOOP("seq2seq_controls", "Open pairs file...")
BOOK_SEED = -1          # the seed spin's "book" entry
# The book's settings: H=128 for 25 epochs of addition; attention with H=256 learns dates in a few.
TASK_DEFAULTS = {"addition": {"hidden": 128, "epochs": 25}, "date": {"hidden": 256, "epochs": 10}}
FILE_DEFAULTS = {"hidden": 128, "epochs": 25}


@dataclass(frozen=True)
class LabSettings:
    """What the controls ask for; a change of any field means a new model."""

    task: str                       # "addition", "date" or a file path
    reverse: bool
    decoder: str                    # plain | peeky | attention
    cell: str                       # lstm | gru
    hidden: int
    seed: int | None = None         # None: the book's random stream (replays the book's run)


def variant_text(settings: LabSettings) -> str:
    """"LSTM, peeky, reversed input": the variant in a few words, in the window's language."""
    decoders = {"plain": translate("seq2seq_controls", "plain"), "peeky": translate("seq2seq_controls", "peeky"),
                "attention": translate("seq2seq_controls", "attention")}
    parts = [settings.cell.upper(), decoders.get(settings.decoder, settings.decoder)]
    if settings.reverse:
        parts.append(translate("seq2seq_controls", "reversed input"))
    return ", ".join(parts)


class Seq2seqControls(ControlsBase):
    """One row of controls. :attr:`changed` fires when the user asks for other settings (peeky and
    attention already made exclusive, H already set to the new task's default); :meth:`show_settings`
    puts the controls back without firing it."""

    def __init__(self, parent: QWidget | None = None, *, hidden_size: int | None = None,
                 epochs: int | None = None):
        super().__init__(parent, play="seq2seqPlay", epoch="seq2seqStepEpoch", reset="seq2seqReset", play_width=86)
        self.hidden_override, self.epochs_override = hidden_size, epochs
        self.applied: LabSettings | None = None         # the settings last shown as built
        self.task_combo = QComboBox(objectName="seq2seqTask")
        for text, task in TASKS:
            self.task_combo.addItem(text, task)
        self.task_combo.addItem(OPEN_FILE, None)
        live(self.task_combo, self._name_tasks)
        live(self.task_combo, lambda: self.task_combo.setToolTip(translate(
            "seq2seq_controls", "Addition: '57+608' -> '665'. Dates: 'september 27, 1994' -> "
            "'1994-09-27'. Or open a file in the book's format (question_answer).")))
        self.reverse_box = QCheckBox(objectName="seq2seqReverse")
        live(self.reverse_box, lambda: (
            self.reverse_box.setText(translate("seq2seq_controls", "Reverse input")),
            self.reverse_box.setToolTip(translate("seq2seq_controls",
                                                  "Feed the question to the encoder right to left (ch.7.5.1)"))))
        self.peeky_box = QCheckBox(objectName="seq2seqPeeky")
        live(self.peeky_box, lambda: (
            self.peeky_box.setText(translate("seq2seq_controls", "Peeky")),
            self.peeky_box.setToolTip(translate("seq2seq_controls",
                                                "Hand the encoder's summary h to every decoder step (ch.7.5.2)"))))
        self.attention_box = QCheckBox(objectName="seq2seqAttention")
        live(self.attention_box, lambda: (
            self.attention_box.setText(translate("seq2seq_controls", "Attention")),
            self.attention_box.setToolTip(translate("seq2seq_controls",
                                                    "Let every decoder step look at all encoder states (ch.8)"))))
        self.cell_combo = QComboBox(objectName="seq2seqCell")
        self.cell_combo.addItem("LSTM", "lstm")
        self.cell_combo.addItem("GRU", "gru")
        self.hidden_spin = QSpinBox(objectName="seq2seqHidden")
        self.hidden_spin.setRange(8, 1024)
        self.hidden_spin.setSingleStep(32)
        self.hidden_spin.setKeyboardTracking(False)     # rebuild on Enter, not on every digit
        self.hidden_spin.setValue(self.task_defaults("addition")["hidden"])
        live(self.hidden_spin, lambda: self.hidden_spin.setToolTip(
            translate("seq2seq_controls", "H, the size of the encoder's and decoder's hidden state")))
        self.seed_spin = QSpinBox(objectName="seq2seqSeed")
        self.seed_spin.setRange(BOOK_SEED, 2 ** 31 - 1)
        self.seed_spin.setValue(BOOK_SEED)
        self.seed_spin.setKeyboardTracking(False)
        live(self.seed_spin, lambda: (
            self.seed_spin.setSpecialValueText(translate("seq2seq_controls", "book")),
            self.seed_spin.setToolTip(translate(
                "seq2seq_controls", "book: the weights and the order of the examples come from the book's "
                "random stream, so the run replays the book's script number for number.\n"
                "A number: a run of its own, the same every time for that number."))))
        live(self.epoch_button, lambda: (
            self.epoch_button.setText(translate("seq2seq_controls", "Step epoch")),
            self.epoch_button.setToolTip(translate("seq2seq_controls",
                                                   "Train to the end of this epoch, measure accuracy, then pause"))))
        live(self.reset_button, lambda: (
            self.reset_button.setText(translate("seq2seq_controls", "Reset")),
            self.reset_button.setToolTip(translate(
                "seq2seq_controls", "Start again from step 0 with the same settings (and the same weights)"))))
        self._lay_out(self.play_button, self.epoch_button, self.reset_button, separator(),
                      pair(muted(lambda: translate("seq2seq_controls", "Task")), self.task_combo),
                      self.reverse_box, self.peeky_box, self.attention_box,
                      pair(muted(lambda: translate("seq2seq_controls", "Cell")), self.cell_combo),
                      pair(muted(lambda: translate("seq2seq_controls", "Hidden size")), self.hidden_spin),
                      pair(muted(lambda: translate("seq2seq_controls", "Seed")), self.seed_spin))
        self.task_combo.currentIndexChanged.connect(self._on_task_changed)
        self.reverse_box.toggled.connect(self._on_changed)
        self.peeky_box.toggled.connect(lambda on: self._exclusive(on, self.attention_box))
        self.attention_box.toggled.connect(lambda on: self._exclusive(on, self.peeky_box))
        self.cell_combo.currentIndexChanged.connect(self._on_changed)
        self.hidden_spin.valueChanged.connect(self._on_hidden_changed)
        self.seed_spin.valueChanged.connect(self._on_changed)

    def task_defaults(self, task: str) -> dict:
        """H and planned epochs for ``task`` (the overrides given to the lab win)."""
        defaults = dict(TASK_DEFAULTS.get(task, FILE_DEFAULTS))
        if self.hidden_override is not None:
            defaults["hidden"] = self.hidden_override
        if self.epochs_override is not None:
            defaults["epochs"] = self.epochs_override
        return defaults

    def settings(self) -> LabSettings:
        """What the controls show now."""
        decoder = "attention" if self.attention_box.isChecked() else \
            "peeky" if self.peeky_box.isChecked() else "plain"
        return LabSettings(task=self.task_combo.currentData() or "addition", reverse=self.reverse_box.isChecked(),
                           decoder=decoder, cell=self.cell_combo.currentData(), hidden=self.hidden_spin.value(),
                           seed=None if self.seed_spin.value() == BOOK_SEED else self.seed_spin.value())

    def show_settings(self, settings: LabSettings) -> None:
        """Show ``settings`` (the model built, or the one kept after a No) without firing :attr:`changed`."""
        self.applied = settings
        with self._quietly():
            self.task_combo.setCurrentIndex(max(self.task_combo.findData(settings.task), 0))
            self.reverse_box.setChecked(settings.reverse)
            self.peeky_box.setChecked(settings.decoder == "peeky")
            self.attention_box.setChecked(settings.decoder == "attention")
            self.cell_combo.setCurrentIndex(self.cell_combo.findData(settings.cell))
            self.hidden_spin.setValue(settings.hidden)
            self.seed_spin.setValue(BOOK_SEED if settings.seed is None else settings.seed)

    def revert(self) -> None:
        """Back to the settings last shown (a No to "Discard ... steps?", a cancelled file dialog)."""
        if self.applied is not None:
            self.show_settings(self.applied)

    def add_file_task(self, path: str) -> str:
        """List a pairs file as a task (once) and return its key, the resolved path."""
        path = str(Path(path).resolve())
        if self.task_combo.findData(path) < 0:
            index = self.task_combo.count() - 1            # before "Open pairs file..."
            with self._quietly():
                self.task_combo.insertItem(index, self._file_task_name(path), path)
                self.task_combo.setItemData(index, path, Qt.ItemDataRole.ToolTipRole)
        return path

    def choose_task(self, task: str) -> None:
        """Select ``task`` as the user would (H follows the task; fires :attr:`changed`)."""
        self.task_combo.setCurrentIndex(self.task_combo.findData(task))

    def _name_play(self) -> None:
        self.play_button.setText(translate("seq2seq_controls", "Pause") if self._training
                                 else translate("seq2seq_controls", "Play"))

    @staticmethod
    def _file_task_name(path: str) -> str:
        return translate("seq2seq_controls", "{name} (file)").format(name=Path(path).name)

    def _name_tasks(self) -> None:
        """The task list's names in the window's language (the tasks are told apart by their data)."""
        names = {task: name for name, task in TASKS}
        for index in range(self.task_combo.count()):
            task = self.task_combo.itemData(index)
            if task is None:
                text = translate("seq2seq_controls", OPEN_FILE)
            elif task in names:
                text = translate("seq2seq_controls", names[task])
            else:
                text = self._file_task_name(task)
            self.task_combo.setItemText(index, text)

    def _exclusive(self, checked: bool, other: QCheckBox) -> None:
        if self._syncing:
            return
        if checked and other.isChecked():
            with self._quietly():
                other.setChecked(False)
        self._on_changed()

    def _on_task_changed(self, _index: int) -> None:
        if self._syncing:
            return
        task = self.task_combo.currentData()
        if task is None:                                   # "Open pairs file..."
            path, _ = QFileDialog.getOpenFileName(
                self, translate("seq2seq_controls", "Open a question/answer pairs file"), "",
                translate("seq2seq_controls", "Text files (*.txt);;All files (*)"))
            if not path:
                self.revert()
                return
            task = self.add_file_task(path)
        with self._quietly():
            self.task_combo.setCurrentIndex(self.task_combo.findData(task))
            if task in TASK_DEFAULTS:                      # a file keeps the H the user chose
                self.hidden_spin.setValue(self.task_defaults(task)["hidden"])
        self.changed.emit()
