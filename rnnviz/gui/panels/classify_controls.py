"""The classifier lab's control bar: Play / Step / Step epoch / Reset, the data set and the model
(cell, input, H, pooling), how far back the gradient walks (full BPTT or the last k steps), and
the seed's settings.

It only reads and shows a :class:`Choice` and k; the lab decides what a change costs. Data and
model changes rebuild the model (the lab asks first when trained steps would be lost, and may
:meth:`~ClassifyControls.revert`); k does not: the backward pass reads it afresh at every step,
so :attr:`ClassifyControls.truncate_changed` is applied to the running model at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QFileDialog, QPushButton, QSpinBox, QToolButton, QWidget

from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import PALETTE
from .lab_views import ControlsBase, muted, pair, separator

# (shown name, source key): translated where shown (context "classify_controls").
SOURCES = ((QT_TRANSLATE_NOOP("classify_controls", "first token"), "first-token"),
           (QT_TRANSLATE_NOOP("classify_controls", "reviews (English)"), "reviews"),
           (QT_TRANSLATE_NOOP("classify_controls", "reviews (Korean)"), "reviews-ko"))
OPEN_TABLE = "open-table"           # the data list's two "Open ..." entries
OPEN_FOLDER = "open-folder"
OPENERS = {OPEN_TABLE: QT_TRANSLATE_NOOP("classify_controls", "Open review table…"),
           OPEN_FOLDER: QT_TRANSLATE_NOOP("classify_controls", "Open aclImdb folder…")}
CELLS = (("RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru"))
INPUTS = ((QT_TRANSLATE_NOOP("classify_controls", "one-hot"), "onehot"),
          (QT_TRANSLATE_NOOP("classify_controls", "embedding"), "embedding"))
POOLS = ((QT_TRANSLATE_NOOP("classify_controls", "last h"), "last"),
         (QT_TRANSLATE_NOOP("classify_controls", "mean of h"), "mean"))
DEFAULT_K = 10              # the seed's loop: zip(seq[::-1][:10], ...)
TOGGLE_STYLE = (f"QToolButton {{ padding: 2px 7px; border: 1px solid #9a9a9a; background: #f6f6f6; }}"
                f"QToolButton:checked {{ background: {PALETTE[0]}; color: white; border-color: {PALETTE[0]}; }}")


@dataclass(frozen=True)
class Choice:
    """What the controls ask the model to be; a change of any field means a new model (k is apart)."""

    source: str                     # "first-token", "reviews", "reviews-ko" or a path
    cell: str = "rnn"               # rnn | lstm | gru
    input: str = "onehot"           # onehot | embedding
    hidden: int = 32
    pool: str = "last"              # last | mean


def choice_text(choice: Choice) -> str:
    """"RNN, one-hot, H=32, last h": the model in a few words, in the window's language."""
    inputs, pools = dict((key, name) for name, key in INPUTS), dict((key, name) for name, key in POOLS)
    return ", ".join([choice.cell.upper(), translate("classify_controls", inputs.get(choice.input, choice.input)),
                      f"H={choice.hidden}", translate("classify_controls", pools.get(choice.pool, choice.pool))])


def source_name(source: str) -> str:
    """A data source as the list names it: a generated set's name, else "aclImdb (folder)"."""
    names = {key: name for name, key in SOURCES}
    if source in names:
        return translate("classify_controls", names[source])
    if Path(source).is_dir():
        return translate("classify_controls", "{name} (folder)").format(name=Path(source).name)
    return translate("classify_controls", "{name} (file)").format(name=Path(source).name)


class ClassifyControls(ControlsBase):
    """The lab's controls, wrapping onto a second line in a narrow dock.

    :attr:`changed` fires when the user asks for another :class:`Choice`; :attr:`truncate_changed`
    with k (0: full BPTT) when the gradient toggle or k changes; :attr:`preset_requested` for
    the seed's settings. :meth:`show_choice` and :meth:`show_k` put the controls back quietly.
    """

    truncate_changed = Signal(int)
    preset_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, hidden_size: int = 32):
        super().__init__(parent, play="classifyPlay", epoch="classifyStepEpoch", reset="classifyReset", play_width=80)
        self.applied: Choice | None = None          # the choice last shown as built
        self.step_button = QPushButton(objectName="classifyStep")
        live(self, self._name_buttons)
        self.source_combo = QComboBox(objectName="classifySource")
        for text, source in SOURCES:
            self.source_combo.addItem(text, source)
        for key, text in OPENERS.items():
            self.source_combo.addItem(text, key)
        live(self.source_combo, self._name_sources)
        self.cell_combo = QComboBox(objectName="classifyCell")
        for text, cell in CELLS:
            self.cell_combo.addItem(text, cell)
        self.input_combo = QComboBox(objectName="classifyInput")
        self.pool_combo = QComboBox(objectName="classifyPool")
        for combo, items in ((self.input_combo, INPUTS), (self.pool_combo, POOLS)):
            for text, key in items:
                combo.addItem(text, key)
        self.hidden_spin = QSpinBox(objectName="classifyHidden")
        self.hidden_spin.setRange(1, 1024)
        self.hidden_spin.setSingleStep(16)
        self.hidden_spin.setKeyboardTracking(False)     # rebuild on Enter, not on every digit
        self.hidden_spin.setValue(hidden_size)
        # The gradient toggle: two buttons that say what each choice is, and k beside them.
        self.full_button = QToolButton(objectName="classifyFullBptt", checkable=True)
        self.truncated_button = QToolButton(objectName="classifyTruncated", checkable=True)
        self.k_group = QButtonGroup(self)
        self.k_group.setExclusive(True)
        for button in (self.full_button, self.truncated_button):
            button.setStyleSheet(TOGGLE_STYLE)
            self.k_group.addButton(button)
        self.truncated_button.setChecked(True)
        self.k_spin = QSpinBox(objectName="classifyK")
        self.k_spin.setRange(1, 10_000)
        self.k_spin.setValue(DEFAULT_K)
        self.k_spin.setKeyboardTracking(False)
        self.k_spin.setPrefix("k = ")
        self.preset_button = QPushButton(objectName="classifyPreset")
        live(self, self._name_fields)
        toggle = pair(self.full_button, self.truncated_button, self.k_spin)
        toggle.layout().setSpacing(0)
        toggle.layout().insertSpacing(2, 4)
        self._lay_out(self.play_button, self.step_button, self.epoch_button, self.reset_button, separator(),
                      pair(muted(lambda: translate("classify_controls", "Data")), self.source_combo),
                      pair(muted(lambda: translate("classify_controls", "Cell")), self.cell_combo),
                      pair(muted(lambda: translate("classify_controls", "Input")), self.input_combo),
                      pair(muted(lambda: "H"), self.hidden_spin),
                      pair(muted(lambda: translate("classify_controls", "Pool")), self.pool_combo),
                      separator(),
                      pair(muted(lambda: translate("classify_controls", "Gradient")), toggle),
                      self.preset_button)
        self.source_combo.currentIndexChanged.connect(self._on_source_changed)
        for combo in (self.cell_combo, self.input_combo, self.pool_combo):
            combo.currentIndexChanged.connect(self._on_changed)
        self.hidden_spin.valueChanged.connect(self._on_hidden_changed)
        self.k_group.buttonToggled.connect(self._on_k_toggled)
        self.k_spin.valueChanged.connect(self._on_k_changed)
        self.preset_button.clicked.connect(self.preset_requested)

    # -- what the controls say -----------------------------------------------------------------
    def choice(self) -> Choice:
        """The model the controls show now."""
        source = self.source_combo.currentData()
        if source in OPENERS:
            source = self.applied.source if self.applied else SOURCES[0][1]
        return Choice(source, self.cell_combo.currentData(), self.input_combo.currentData(),
                      self.hidden_spin.value(), self.pool_combo.currentData())

    def k(self) -> int:
        """The truncation k the toggle shows: 0 for full BPTT."""
        return 0 if self.full_button.isChecked() else self.k_spin.value()

    def show_choice(self, choice: Choice) -> None:
        """Show ``choice`` (the model built, or the one kept after a No) without firing :attr:`changed`."""
        self.applied = choice
        with self._quietly():
            self.add_source(choice.source)
            self.source_combo.setCurrentIndex(self.source_combo.findData(choice.source))
            self.cell_combo.setCurrentIndex(self.cell_combo.findData(choice.cell))
            self.input_combo.setCurrentIndex(self.input_combo.findData(choice.input))
            self.hidden_spin.setValue(choice.hidden)
            self.pool_combo.setCurrentIndex(self.pool_combo.findData(choice.pool))

    def show_k(self, k: int) -> None:
        """Show truncation ``k`` (0: full BPTT) without firing :attr:`truncate_changed`."""
        with self._quietly():
            (self.full_button if k <= 0 else self.truncated_button).setChecked(True)
            if k > 0:
                self.k_spin.setValue(k)
            self.k_spin.setEnabled(k > 0)

    def revert(self) -> None:
        """Back to the choice last shown (a No to "Discard ... steps?", a cancelled file dialog)."""
        self._hidden_settle.stop()
        if self.applied is not None:
            self.show_choice(self.applied)

    def add_source(self, source: str) -> str:
        """List a file or folder as a data set (once, before the "Open ..." entries); returns its key."""
        if source in {key for _, key in SOURCES}:
            return source
        source = str(Path(source).resolve())
        if self.source_combo.findData(source) < 0:
            index = self.source_combo.findData(OPEN_TABLE)
            with self._quietly():
                self.source_combo.insertItem(index, source_name(source), source)
                self.source_combo.setItemData(index, source, Qt.ItemDataRole.ToolTipRole)
        return source

    def choose_source(self, source: str) -> None:
        """Select ``source`` as the user would (fires :attr:`changed`)."""
        self.source_combo.setCurrentIndex(self.source_combo.findData(self.add_source(source)))

    # -- words ---------------------------------------------------------------------------------
    def _name_play(self) -> None:
        self.play_button.setText(translate("classify_controls", "Pause") if self._training
                                 else translate("classify_controls", "Play"))

    def _name_buttons(self) -> None:
        for button, text, tip in (
                (self.step_button, translate("classify_controls", "Step"),
                 translate("classify_controls", "Train one mini-batch, then pause")),
                (self.epoch_button, translate("classify_controls", "Step epoch"),
                 translate("classify_controls", "Train to the end of this epoch, measure validation accuracy, "
                           "then pause")),
                (self.reset_button, translate("classify_controls", "Reset"),
                 translate("classify_controls", "Start again from step 0 with the same settings and the k shown "
                           "(the same first weights)"))):
            button.setText(text)
            button.setToolTip(tip)

    def _name_fields(self) -> None:
        """The toggle, the preset button and the fields' tooltips in the window's language."""
        self.full_button.setText(translate("classify_controls", "full BPTT"))
        self.full_button.setToolTip(translate(
            "classify_controls", "The backward pass walks back over every token of the text"))
        self.truncated_button.setText(translate("classify_controls", "last k steps"))
        self.truncated_button.setToolTip(translate(
            "classify_controls", "The backward pass walks back over the last k tokens only, as the NumPy loop of "
            "Do it! ch.9 does: what came before them never reaches the weights"))
        self.k_spin.setToolTip(translate(
            "classify_controls", "k: how many steps back the gradient goes. A change applies from the next step, "
            "without rebuilding"))
        self.preset_button.setText(translate("classify_controls", "Do it! ch.9 settings"))
        self.preset_button.setToolTip(translate(
            "classify_controls", "The NumPy RNN of Do it! ch.9: reviews as one-hot words (the 100 "
            "most frequent, the top 20 skipped), 32 tanh cells, the last h, gradient through the last 10 steps, "
            "SGD 0.01, 20 epochs"))
        for combo, tip in ((self.source_combo, translate(
                "classify_controls", "first token: only the first 3 words decide the label, the rest is noise "
                "(a memory test). Reviews: short generated reviews whose negations and 'but' flip the verdict. "
                "Or open a table (.tsv, .csv: text and label columns, such as Naver's) or an aclImdb folder")),
                (self.cell_combo, translate("classify_controls", "The recurrent cell: RNN (tanh, as in Do it! "
                                            "ch.9), LSTM or GRU")),
                (self.input_combo, translate("classify_controls", "How a word enters the cell: a one-hot vector (as "
                                             "in Do it! ch.9) or a learned embedding of 32 numbers")),
                (self.hidden_spin, translate("classify_controls", "H, the number of hidden units")),
                (self.pool_combo, translate("classify_controls", "What the output reads: the last hidden state h_T "
                                            "(as in Do it! ch.9), or the mean of h_t over the text"))):
            combo.setToolTip(tip)
        for combo, items in ((self.input_combo, INPUTS), (self.pool_combo, POOLS)):
            for index, (text, _) in enumerate(items):
                combo.setItemText(index, translate("classify_controls", text))

    def _name_sources(self) -> None:
        """The data list's names in the window's language (told apart by their data)."""
        for index in range(self.source_combo.count()):
            key = self.source_combo.itemData(index)
            self.source_combo.setItemText(index, translate("classify_controls", OPENERS[key]) if key in OPENERS
                                          else source_name(key))

    # -- the user's changes --------------------------------------------------------------------
    def _on_source_changed(self, _index: int) -> None:
        if self._syncing:
            return
        key = self.source_combo.currentData()
        if key in OPENERS:
            if key == OPEN_FOLDER:
                path = QFileDialog.getExistingDirectory(
                    self, translate("classify_controls", "Open an aclImdb folder (train/neg, train/pos)"))
            else:
                path, _ = QFileDialog.getOpenFileName(
                    self, translate("classify_controls", "Open a table of reviews and labels"), "",
                    translate("classify_controls", "Tables (*.tsv *.csv *.txt);;All files (*)"))
            if not path:
                self.revert()
                return
            with self._quietly():
                self.source_combo.setCurrentIndex(self.source_combo.findData(self.add_source(path)))
        self.changed.emit()

    def _on_k_toggled(self, _button, checked: bool) -> None:
        if not checked:
            return                      # the other button's toggle says what is chosen
        self.k_spin.setEnabled(self.truncated_button.isChecked())
        if not self._syncing:
            self.truncate_changed.emit(self.k())

    def _on_k_changed(self, _value: int) -> None:
        if not self._syncing and self.truncated_button.isChecked():
            self.truncate_changed.emit(self.k())
