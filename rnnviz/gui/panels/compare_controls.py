"""The comparison lab's control bar: Play / Step / Step epoch / Reset for every model at once, and
what each of the two or three models is (cell, learning rate, clipping), with ch.6's three
comparisons one click away.

Everything else (corpus, sizes, batches, optimizer, seed) is the Experiment form's, shared by
all the models, so the only differences are the ones shown here. The controls write the models
as the command line does (``rnn,lstm,gru``, ``clip=1,clip=0``): :func:`variants_text` names
only what differs; the worker parses and checks it.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ..i18n import QT_TRANSLATE_NOOP, live, translate
from .common import PALETTE
from .lab_views import ControlsBase, muted, pair, separator

CELLS = (("RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru"))
SLOTS = 3
# (shown name, key): translated where shown (context "compare_controls").
RECIPES = ((QT_TRANSLATE_NOOP("compare_controls", "RNN · LSTM · GRU"), "cells"),
           (QT_TRANSLATE_NOOP("compare_controls", "clipping on / off"), "clip"),
           (QT_TRANSLATE_NOOP("compare_controls", "two learning rates"), "lr"))


@dataclass(frozen=True)
class Model:
    """One model of the comparison as the controls show it."""

    cell: str
    lr: float
    clip: float                     # 0: off


def variants_text(models: list[Model]) -> str:
    """The models as ``rnnviz train --compare`` takes them, naming only what differs between them
    (``"rnn,lstm,gru"``; ``"clip=1,clip=0"``); the shared values are the first model's."""
    differs = {key: len({getattr(m, key) for m in models}) > 1 for key in ("cell", "lr", "clip")}
    out = []
    for m in models:
        parts = [m.cell] if differs["cell"] else []
        parts += [f"lr={m.lr:g}"] if differs["lr"] else []
        parts += [f"clip={m.clip:g}"] if differs["clip"] else []
        out.append("+".join(parts))
    return ",".join(out)


class ModelSlot(QWidget):
    """One model's row: its colour and letter, cell, learning rate and clipping."""

    def __init__(self, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.swatch = QLabel("ABC"[index], objectName=f"compareSwatch{index}")
        self.swatch.setStyleSheet(f"color: white; background: {PALETTE[index]}; padding: 1px 5px; "
                                  "font-weight: bold;")
        self.cell_combo = QComboBox(objectName=f"compareCell{index}")
        for text, cell in CELLS:
            self.cell_combo.addItem(text, cell)
        self.lr_spin = QDoubleSpinBox(objectName=f"compareLr{index}", decimals=4, minimum=0.0001, maximum=100.0)
        self.lr_spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.clip_spin = QDoubleSpinBox(objectName=f"compareClip{index}", decimals=2, minimum=0.0, maximum=100.0,
                                        singleStep=0.25)
        live(self, self._name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        for widget in (self.swatch, self.cell_combo, self.lr_spin, self.clip_spin):
            row.addWidget(widget)

    def _name(self) -> None:
        self.lr_spin.setPrefix(translate("compare_controls", "lr "))
        self.clip_spin.setPrefix(translate("compare_controls", "clip "))
        self.clip_spin.setSpecialValueText(translate("compare_controls", "clip off"))
        self.setToolTip(translate("compare_controls", "Model {letter}: its cell, learning rate and gradient "
                                  "clipping threshold (0: off)").format(letter="ABC"[self.index]))

    def model(self) -> Model:
        return Model(self.cell_combo.currentData(), round(self.lr_spin.value(), 6), round(self.clip_spin.value(), 4))

    def show_model(self, model: Model) -> None:
        self.cell_combo.setCurrentIndex(max(0, self.cell_combo.findData(model.cell)))
        self.lr_spin.setValue(model.lr)
        self.clip_spin.setValue(model.clip)


class CompareControls(ControlsBase):
    """The lab's controls; :attr:`build_requested` when Build is pressed, :attr:`recipe_chosen`
    with a recipe key ("cells", "clip", "lr") when one is picked."""

    build_requested = Signal()
    recipe_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, play="comparePlay", epoch="compareStepEpoch", reset="compareReset", play_width=80)
        self.step_button = QPushButton(objectName="compareStep")
        self.slots = [ModelSlot(i) for i in range(SLOTS)]
        self.third = QCheckBox(objectName="compareThird")
        self.third.setChecked(True)
        self.third.toggled.connect(self.slots[2].setEnabled)
        self.recipe_combo = QComboBox(objectName="compareRecipe")
        for text, key in RECIPES:
            self.recipe_combo.addItem(text, key)
        live(self.recipe_combo, self._name_recipes)
        self.build_button = QPushButton(objectName="compareBuild")
        live(self, self._name_buttons)
        self._lay_out(self.play_button, self.step_button, self.epoch_button, self.reset_button, separator(),
                      pair(muted(lambda: translate("compare_controls", "Compare")), self.recipe_combo),
                      self.slots[0], self.slots[1], pair(self.third, self.slots[2]), self.build_button)
        self.recipe_combo.activated.connect(lambda i: self.recipe_chosen.emit(self.recipe_combo.itemData(i)))
        self.build_button.clicked.connect(self.build_requested)

    def models(self) -> list[Model]:
        """The models asked for: two, or three with the third ticked."""
        return [slot.model() for slot in self.slots[:3 if self.third.isChecked() else 2]]

    def show_models(self, models: list[Model]) -> None:
        with self._quietly():
            for slot, model in zip(self.slots, models):
                slot.show_model(model)
            self.third.setChecked(len(models) > 2)

    def revert(self) -> None:
        """Nothing to put back: the rows change no model until Build."""

    def _name_recipes(self) -> None:
        for i, (text, _) in enumerate(RECIPES):
            self.recipe_combo.setItemText(i, translate("compare_controls", text))

    def _name_play(self) -> None:
        self.play_button.setText(translate("compare_controls", "Pause") if self._training
                                 else translate("compare_controls", "Play"))

    def _name_buttons(self) -> None:
        for button, text, tip in (
                (self.step_button, translate("compare_controls", "Step"),
                 translate("compare_controls", "One step of every model on the same batch, then pause")),
                (self.epoch_button, translate("compare_controls", "Step epoch"),
                 translate("compare_controls", "Train every model to the end of this epoch, then pause")),
                (self.reset_button, translate("compare_controls", "Reset"),
                 translate("compare_controls", "Every model from step 0 again, with the same first weights")),
                (self.build_button, translate("compare_controls", "Build"),
                 translate("compare_controls", "Build these models with the Experiment form's corpus, sizes and "
                           "batches"))):
            button.setText(text)
            button.setToolTip(tip)
        self.third.setToolTip(translate("compare_controls", "A third model"))
