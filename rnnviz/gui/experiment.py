"""The experiment dock: corpus, model and training settings, the book presets, and Apply.

The form produces ``(data, ModelConfig, TrainConfig)`` with :func:`dataclasses.replace` on the
configs it was filled from, so fields it does not show (dtype, Adam's betas, ...) survive.
Validation is the config classes' own: a :class:`~rnnviz.engine.config.ConfigError` is shown
under the form (through :func:`rnnviz.localize.localize`, in the user's language) and Apply is
disabled until the settings make sense.

Every label, tooltip and item the form shows is set through :func:`rnnviz.gui.i18n.live`; the
choice boxes are read by their item data, never by the (translated) text they show.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QFormLayout,
                               QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from rnnviz.engine.config import CELLS, INITS, LEVELS, OPTIMIZERS, ConfigError, ModelConfig, TrainConfig
from rnnviz.engine.presets import PRESETS
from rnnviz.engine.texts import message_of
from rnnviz.localize import localize

from . import file_dialogs
from .corpus_choice import CorpusChoice
from .form_fields import combo as _combo, dspin as _dspin, set_tip, spin as _spin
from .i18n import QT_TRANSLATE_NOOP, live, translate
from .run_configs import corpus_request, preset_configs, same_run

DEFAULT_PRESET = "tale-lstm"
PRESET_CORPUS_KEY = "experiment/presetCorpora/"   # + a preset's corpus ("ptb"): the path chosen for it
CUSTOM = QT_TRANSLATE_NOOP("experiment", "(custom)")   # the preset box while no preset applies


def _label(text) -> QLabel:
    """A form row's label, its text ``text()`` redone after each language switch."""
    label = QLabel()
    live(label, lambda: label.setText(text()))
    return label


class ExperimentPanel(CorpusChoice, QWidget):
    """Corpus, model and training settings with presets; emits what to build.

    Parameters
    ----------
    settings : QSettings, optional
        Where recent corpus files, the corpus chosen for a preset and the last folder a file
        dialog used are remembered (the window passes its own).

    Signals
    -------
    apply_requested(data: dict, model: ModelConfig, train: TrainConfig)
    lr_changed(float), clip_changed(float), probe_every_changed(int), eval_every_changed(int)
        Live settings: the window forwards them to the worker without a rebuild.
    """

    apply_requested = Signal(dict, object, object)
    lr_changed = Signal(float)
    clip_changed = Signal(float)
    probe_every_changed = Signal(int)
    eval_every_changed = Signal(int)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("experimentPanel")
        self.settings = settings if settings is not None else QSettings("rnnviz", "rnnviz")
        data, model, train = preset_configs(PRESETS[DEFAULT_PRESET], PRESETS[DEFAULT_PRESET].corpus)
        self._data, self._model, self._train = data, model, train   # what the form edits
        self._corpus_index = 0
        self._filling = False   # set while the form is filled programmatically: no live signals
        self._preset: tuple[str, Any] | None = None   # (name, config()) of the preset last loaded
        self._error: str = ""   # what error_label says, kept to say it again in another language
        self._build_widgets()
        self._fill_corpora()
        live(self.corpus_combo, self._relabel_corpora)
        self.set_config(data, model, train)
        self._remember_preset(DEFAULT_PRESET)
        self._connect()

    # -- building ----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.preset_combo = QComboBox(objectName="presetCombo")
        # "(custom)" is no entry: it shows while no preset applies (index -1), so the presets
        # keep their places whatever the box shows.
        for preset in PRESETS.values():
            self.preset_combo.addItem(preset.name, preset.name)
        self.preset_note = QLabel(objectName="presetNote", wordWrap=True)
        self.preset_note.setStyleSheet("color: #666666;")
        live(self.preset_combo, self._relabel_presets)

        self.corpus_combo = QComboBox(objectName="corpusCombo")
        self.level_combo = _combo(
            LEVELS, "levelCombo", lambda: translate("experiment", "tokens are characters or words"),
            labels=lambda: {"char": translate("experiment", "char"), "word": translate("experiment", "word")})
        self.normalize_check = QCheckBox(objectName="normalizeCheck")
        live(self.normalize_check, lambda: (
            self.normalize_check.setText(translate("experiment", "letters only, lower case")),
            self.normalize_check.setToolTip(
                translate("experiment", "d2l's normalisation: [^A-Za-z]+ -> space, lower case"))))
        self.limit_spin = _spin(0, 10**8, "limitTokensSpin", lambda: translate(
            "experiment", "train on the first N tokens only (the book's ch.5 uses 1000)"))
        live(self.limit_spin, lambda: self.limit_spin.setSpecialValueText(translate("experiment", "all")))

        self.cell_combo = _combo(CELLS, "cellCombo", lambda: translate("experiment", "recurrent cell"))
        self.layers_spin = _spin(1, 4, "layersSpin", lambda: translate("experiment", "stacked recurrent layers"))
        self.embed_spin = _spin(1, 4096, "embedSizeSpin", lambda: translate("experiment", "embedding size D"))
        self.onehot_check = QCheckBox(objectName="onehotCheck")
        live(self.onehot_check, lambda: (
            self.onehot_check.setText(translate("experiment", "one-hot")),
            self.onehot_check.setToolTip(
                translate("experiment", "feed one-hot vectors instead of an embedding (d2l 9.5)"))))
        self.hidden_spin = _spin(1, 4096, "hiddenSizeSpin", lambda: translate("experiment", "hidden size H"))
        self.dropout_spin = _dspin(0.0, 0.95, 2, 0.05, "dropoutSpin",
                                   lambda: translate("experiment", "dropout between layers"))
        self.tie_check = QCheckBox(objectName="tieCheck")
        live(self.tie_check, lambda: (
            self.tie_check.setText(translate("experiment", "tie decoder to embedding")),
            self.tie_check.setToolTip(translate(
                "experiment", "share decoder.W with embed.W.T (needs embedding size = hidden size)"))))
        self.init_combo = _combo(
            INITS, "initCombo", lambda: translate("experiment", "weight initialisation scheme"),
            labels=lambda: {"book": translate("experiment", "book"),
                            "orthogonal": translate("experiment", "orthogonal")})

        self.batch_spin = _spin(1, 4096, "batchSizeSpin", lambda: translate("experiment", "parallel streams N"))
        self.bptt_spin = _spin(1, 1000, "bpttSpin",
                               lambda: translate("experiment", "time steps T per truncated-BPTT block"))
        self.optimizer_combo = _combo(OPTIMIZERS, "optimizerCombo")
        self.lr_spin = _dspin(1e-5, 100.0, 5, 0.001, "learningRateSpin",
                              lambda: translate("experiment", "changes the running optimizer at once, no rebuild"))
        self.lr_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.clip_spin = _dspin(0.0, 1000.0, 3, 0.05, "clipSpin",
                                lambda: translate("experiment", "global gradient-norm threshold, live; 0 = off"))
        live(self.clip_spin, lambda: self.clip_spin.setSpecialValueText(translate("experiment", "off")))
        self.clip_spin.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        for box in (self.lr_spin, self.clip_spin):
            box.setKeyboardTracking(False)   # typing "0.005" must not pass through lr = 0.0 and 0.00
        self.epochs_spin = _spin(1, 100000, "epochsSpin",
                                 lambda: translate("experiment", "where Play stops (it can continue)"))
        self.seed_spin = _spin(0, 2**31 - 1, "seedSpin",
                               lambda: translate("experiment", "weights, dropout and data order"))
        self.probe_spin = _spin(1, 10000, "probeEverySpin",
                                lambda: translate("experiment", "look inside the network every k steps (live)"))
        self.probe_spin.setValue(10)
        live(self.probe_spin, lambda: self.probe_spin.setSuffix(translate("experiment", " steps")))
        self.eval_every_spin = _spin(0, 10**6, "evalEvery", lambda: translate(
            "experiment",
            "Measure validation perplexity every k steps (live, no rebuild); 0 = once per epoch. "
            "On PTB one epoch is over a thousand steps, minutes of training: a smaller k draws the "
            "validation curve sooner, each point costing one pass over the validation text."))
        live(self.eval_every_spin, lambda: (
            self.eval_every_spin.setSpecialValueText(translate("experiment", "each epoch")),
            self.eval_every_spin.setSuffix(translate("experiment", " steps"))))
        self.eval_every_spin.setKeyboardTracking(False)     # typing 500 must not ask for 5, then 50

        self.error_label = QLabel(objectName="configError", wordWrap=True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        live(self.error_label, lambda: self.error_label.setText(localize(self._error)))
        self.run_label = QLabel(objectName="runSummary", wordWrap=True)
        self.run_label.setStyleSheet("color: #444444;")
        self.run_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.apply_button = QPushButton(objectName="applyButton")
        live(self.apply_button, lambda: self.apply_button.setText(translate("experiment", "Apply (rebuild model)")))
        set_tip(self.apply_button, lambda: translate("experiment", "build a fresh model from these settings"))

        def group(title, rows) -> QGroupBox:
            """A titled form; ``title`` and each row's label are callables giving the text."""
            box = QGroupBox()
            live(box, lambda: box.setTitle(title()))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            form.setContentsMargins(8, 6, 8, 6)
            form.setVerticalSpacing(4)
            for label, widget in rows:
                form.addRow("" if label is None else _label(label), widget)
            return box

        embed_row = QWidget()
        row = QHBoxLayout(embed_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.embed_spin, 1)
        row.addWidget(self.onehot_check)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(group(lambda: translate("experiment", "Preset"),
                               [(None, self.preset_combo), (None, self.preset_note)]))
        layout.addWidget(group(lambda: translate("experiment", "Corpus"), [
            (lambda: translate("experiment", "text"), self.corpus_combo),
            (lambda: translate("experiment", "level"), self.level_combo),
            (None, self.normalize_check),
            (lambda: translate("experiment", "limit"), self.limit_spin)]))
        layout.addWidget(group(lambda: translate("experiment", "Model"), [
            (lambda: translate("experiment", "cell"), self.cell_combo),
            (lambda: translate("experiment", "layers"), self.layers_spin),
            (lambda: translate("experiment", "embedding"), embed_row),
            (lambda: translate("experiment", "hidden"), self.hidden_spin),
            (lambda: translate("experiment", "dropout"), self.dropout_spin),
            (None, self.tie_check),
            (lambda: translate("experiment", "init"), self.init_combo)]))
        layout.addWidget(group(lambda: translate("experiment", "Training"), [
            (lambda: translate("experiment", "batch"), self.batch_spin),
            (lambda: translate("experiment", "BPTT length"), self.bptt_spin),
            (lambda: translate("experiment", "optimizer"), self.optimizer_combo),
            (lambda: translate("experiment", "learning rate"), self.lr_spin),
            (lambda: translate("experiment", "clip"), self.clip_spin),
            (lambda: translate("experiment", "epochs"), self.epochs_spin),
            (lambda: translate("experiment", "seed"), self.seed_spin),
            (lambda: translate("experiment", "probe every"), self.probe_spin),
            (lambda: translate("experiment", "evaluate every"), self.eval_every_spin)]))
        layout.addWidget(self.error_label)
        layout.addWidget(self.run_label)
        layout.addStretch(1)

        # Long preset titles and file names must not widen the dock: combos size to a few
        # characters and show the rest in their popup and tooltip.
        for combo in body.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 4)
        outer.addWidget(scroll, 1)
        # Below the scrolled form, so Apply stays in reach on a short laptop screen.
        outer.addWidget(self.apply_button)
        self.setMinimumWidth(260)

    def _connect(self) -> None:
        self.preset_combo.activated.connect(self._preset_chosen)
        self.corpus_combo.activated.connect(self._corpus_chosen)
        self.apply_button.clicked.connect(self.apply)
        self.lr_spin.valueChanged.connect(self._live_lr)
        self.clip_spin.valueChanged.connect(self._live_clip)
        self.probe_spin.valueChanged.connect(self._live_probe)
        self.eval_every_spin.valueChanged.connect(self._live_eval_every)
        self.onehot_check.toggled.connect(self._update_enabled)
        edits = [self.level_combo.currentIndexChanged, self.normalize_check.toggled,
                 self.limit_spin.valueChanged, self.cell_combo.currentIndexChanged,
                 self.layers_spin.valueChanged, self.embed_spin.valueChanged, self.onehot_check.toggled,
                 self.hidden_spin.valueChanged, self.dropout_spin.valueChanged, self.tie_check.toggled,
                 self.init_combo.currentIndexChanged, self.batch_spin.valueChanged,
                 self.bptt_spin.valueChanged, self.optimizer_combo.currentIndexChanged,
                 self.lr_spin.valueChanged, self.clip_spin.valueChanged, self.epochs_spin.valueChanged,
                 self.seed_spin.valueChanged]
        for signal in edits:
            signal.connect(self.validate)

    # -- presets ---------------------------------------------------------------------------------
    def _preset_chosen(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name:
            self.load_preset(name)

    def load_preset(self, name: str, ask: bool = True, source: str | None = None) -> bool:
        """Fill every field from a preset; an absent corpus is asked for (``ask``) or refused.

        ``source`` replaces the preset's corpus. A corpus chosen in the dialog is remembered
        for every preset that needs it and used while it exists. Returns False (and leaves the
        form and the preset box as they were) when the corpus is not available.
        """
        preset = PRESETS[name]
        key = PRESET_CORPUS_KEY + preset.corpus
        chosen = str(self.settings.value(key, "") or "")
        source = source or preset.corpus_path() or (chosen if chosen and Path(chosen).exists() else None)
        if source is None:
            message, folder = corpus_request(preset)
            if not ask:
                self._show_error(message)
                return False
            if folder:
                source = file_dialogs.open_folder(self, self.settings, localize(message))
            else:
                source = file_dialogs.open_file(self, self.settings, localize(message),
                                                translate("experiment", "Text files (*.txt);;All files (*)"))
            if source is None:
                self.validate()         # the box goes back to the entry the form still holds
                self._show_error(message)
                return False
            self.settings.setValue(key, source)
        self.set_config(*preset_configs(preset, str(source)))
        self._remember_preset(name)
        return True

    def _relabel_presets(self) -> None:
        """Preset titles, their sources (tooltips), "(custom)" and the note, in the current language."""
        combo = self.preset_combo
        combo.setPlaceholderText(translate("experiment", CUSTOM))
        for index in range(combo.count()):
            preset = PRESETS[combo.itemData(index)]
            combo.setItemText(index, localize(preset.title))
            combo.setItemData(index, localize(preset.source), Qt.ToolTipRole)
        self._show_note()

    def _show_note(self) -> None:
        name = self.preset_combo.currentData()
        self.preset_note.setText(localize(PRESETS[name].source) if name else "")

    def _remember_preset(self, name: str) -> None:
        """The form now holds preset ``name``: the box names it until a setting changes."""
        self._preset = (name, self.config())
        self.validate()

    def _show_preset(self, current: Any) -> None:
        """Name the preset last loaded while ``current`` (the form's config) is still its own."""
        name = self._preset[0] if self._preset is not None and same_run(self._preset[1], current) else None
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name) if name else -1)
        self._show_note()

    # -- reading and writing the form --------------------------------------------------------
    def set_config(self, data: dict[str, Any], model: ModelConfig, train: TrainConfig) -> None:
        """Show a run's settings (a preset, or the run a checkpoint restored: "(custom)")."""
        self._filling = True
        self._preset = None
        try:
            self._data, self._model, self._train = dict(data), model, train
            self.set_corpus(str(data.get("source", "tale")))
            self.level_combo.setCurrentIndex(self.level_combo.findData(data.get("level", "char")))
            self.normalize_check.setChecked(bool(data.get("normalize")))
            self.limit_spin.setValue(int(data.get("limit_tokens") or 0))
            self.cell_combo.setCurrentIndex(self.cell_combo.findData(model.cell))
            self.layers_spin.setValue(model.num_layers)
            self.embed_spin.setValue(model.embed_size)
            self.onehot_check.setChecked(model.input == "onehot")
            self.hidden_spin.setValue(model.hidden_size)
            self.dropout_spin.setValue(model.dropout)
            self.tie_check.setChecked(model.tie_weights)
            self.init_combo.setCurrentIndex(self.init_combo.findData(model.init))
            self.batch_spin.setValue(train.batch_size)
            self.bptt_spin.setValue(train.bptt)
            self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData(train.optimizer))
            self.lr_spin.setValue(train.lr)
            self.clip_spin.setValue(train.clip)
            self.epochs_spin.setValue(max(1, train.epochs))
            self.seed_spin.setValue(train.seed)
            self.eval_every_spin.setValue(train.eval_every)
        finally:
            self._filling = False
        self._update_enabled()
        self.validate()

    def config(self) -> tuple[dict[str, Any], ModelConfig, TrainConfig]:
        """The form as ``(data, model_config, train_config)``.

        Raises
        ------
        ConfigError
            When a combination makes no sense (tied weights with different sizes, ...).
        """
        data = {**self._data, "source": self.corpus_source(), "level": self.level_combo.currentData(),
                "normalize": self.normalize_check.isChecked(),
                "limit_tokens": self.limit_spin.value() or None}
        if data["source"] != self._data.get("source"):
            data["valid"] = data["test"] = None   # the old run's validation file belongs to its corpus
        seed = self.seed_spin.value()
        model = dataclasses.replace(
            self._model, cell=self.cell_combo.currentData(), num_layers=self.layers_spin.value(),
            embed_size=self.embed_spin.value(), hidden_size=self.hidden_spin.value(),
            input="onehot" if self.onehot_check.isChecked() else "embedding",
            dropout=round(self.dropout_spin.value(), 4), tie_weights=self.tie_check.isChecked(),
            init=self.init_combo.currentData(), seed=seed)
        train = dataclasses.replace(
            self._train, batch_size=self.batch_spin.value(), bptt=self.bptt_spin.value(),
            optimizer=self.optimizer_combo.currentData(), lr=self.lr_spin.value(),
            clip=self.clip_spin.value(), epochs=self.epochs_spin.value(), max_steps=0, seed=seed,
            eval_every=self.eval_every_spin.value())
        return data, model, train

    def validate(self) -> bool:
        """Show the first problem under the form and enable Apply only when there is none.

        Every edit comes here, so this is also where the preset box turns to "(custom)" once
        a setting differs from the preset's (and back, when it is set back).
        """
        try:
            current = self.config()
        except (ConfigError, ValueError, TypeError) as exc:
            current = None
            self._show_error(message_of(exc))
        else:
            self.error_label.hide()
        self.apply_button.setEnabled(current is not None)
        self._show_preset(current)
        return current is not None

    def _show_error(self, message: str) -> None:
        """Show ``message`` under the form, localized (a :class:`~rnnviz.engine.texts.Text` is
        said again in the new language after a switch)."""
        self._error = message
        self.error_label.setText(localize(message))
        self.error_label.show()

    def apply(self) -> None:
        """Emit :attr:`apply_requested` with the form's configs (or show why not)."""
        try:
            data, model, train = self.config()
        except (ConfigError, ValueError, TypeError) as exc:
            self._show_error(message_of(exc))
            return
        self.apply_requested.emit(data, model, train)

    def probe_every(self) -> int:
        return self.probe_spin.value()

    def set_run_summary(self, text: str) -> None:
        self.run_label.setText(text)

    def _update_enabled(self) -> None:
        self.embed_spin.setEnabled(not self.onehot_check.isChecked())

    # -- live settings -------------------------------------------------------------------------
    def show_live(self, lr: float, clip: float) -> None:
        """Show the rate and threshold the run trains with now (after Reset, Rewind or an opened
        checkpoint they may differ from what the boxes last said), without sending them back."""
        self._filling = True
        try:
            self.lr_spin.setValue(lr)
            self.clip_spin.setValue(clip)
        finally:
            self._filling = False

    def _live_lr(self, value: float) -> None:
        if not self._filling:
            self.lr_changed.emit(float(value))

    def _live_clip(self, value: float) -> None:
        if not self._filling:
            self.clip_changed.emit(float(value))

    def _live_probe(self, value: int) -> None:
        if not self._filling:
            self.probe_every_changed.emit(int(value))

    def _live_eval_every(self, value: int) -> None:
        if not self._filling:
            self.eval_every_changed.emit(int(value))
