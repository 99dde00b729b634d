"""The comparison lab driving a real worker thread and a real (small) engine: no mocks."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import corpus_spec
from rnnviz.gui import i18n
from rnnviz.gui.compare_lab import CompareLab
from rnnviz.gui.panels.compare_controls import Model, variants_text

from .test_seq2seq_lab import Dialogs

WAIT = 20_000


def small_base():
    return (corpus_spec("tale", level="char"), ModelConfig(vocab_size=2, embed_size=8, hidden_size=16),
            TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.01, clip=1.0, max_steps=60, epochs=0,
                        eval_every=20))


@pytest.fixture
def lab(qtbot):
    lab = CompareLab(base=small_base, worker="thread")
    qtbot.addWidget(lab)
    lab.resize(1250, 600)
    lab.show()
    qtbot.waitExposed(lab)
    qtbot.waitUntil(lambda: lab.builds == 1, timeout=WAIT)
    yield lab
    assert lab.shutdown(timeout=5.0)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_variants_text_names_only_what_differs():
    assert variants_text([Model("rnn", 0.1, 1.0), Model("lstm", 0.1, 1.0), Model("gru", 0.1, 1.0)]) == "rnn,lstm,gru"
    assert variants_text([Model("rnn", 0.1, 1.0), Model("rnn", 0.1, 0.0)]) == "clip=1,clip=0"
    assert variants_text([Model("rnn", 0.1, 1.0), Model("gru", 1.0, 1.0)]) == "rnn+lr=0.1,gru+lr=1"
    assert variants_text([Model("rnn", 0.1, 1.0), Model("rnn", 0.1, 1.0)]) == ","


def test_step_play_and_sample_drive_every_model(qtbot, lab):
    assert lab.curves.labels == ("rnn", "lstm", "gru")
    assert [i.model_config.cell for i in lab.ready.infos] == ["rnn", "lstm", "gru"]
    click(qtbot, lab.controls.step_button)
    qtbot.waitUntil(lambda: all(len(h) == 1 for h in lab.curves.histories), timeout=WAIT)
    assert all(h.latest_probe is not None for h in lab.curves.histories)      # Step probes every model
    assert not lab.side.flows[0].showing_placeholder
    click(qtbot, lab.controls.play_button)
    qtbot.waitUntil(lambda: lab.state == "finished", timeout=WAIT)
    assert [len(h) for h in lab.curves.histories] == [60, 60, 60]
    # Same batches, different cells: the curves differ, and the overlay draws all three.
    losses = [h.column("loss") for h in lab.curves.histories]
    assert not np.array_equal(losses[0], losses[1])
    for i in range(3):
        x, y = lab.overlay.train[i].getData()
        assert len(x) > 10 and x[-1] == 60
        assert len(lab.overlay.valid[i].getData()[0]) == 3
    assert "3 models in lockstep, step 60" in lab.status.text()
    lab.side.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not lab.side.hiddens[2].showing_placeholder, timeout=WAIT)
    lab.side.setCurrentIndex(2)
    lab.side.prefix.setText("the ")
    click(qtbot, lab.side.sample_button)
    qtbot.waitUntil(lambda: all(t.toPlainText().startswith("the ") for t in lab.side.texts), timeout=WAIT)
    assert len({t.toPlainText() for t in lab.side.texts}) == 3


def test_recipes_rebuild_after_asking_and_identical_models_are_refused(qtbot, lab, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    click(qtbot, lab.controls.step_button)
    qtbot.waitUntil(lambda: lab.iteration == 1, timeout=WAIT)
    lab.controls.recipe_combo.setCurrentIndex(1)
    lab.controls.recipe_combo.activated.emit(1)                # clipping on / off
    assert not lab.controls.third.isChecked()
    click(qtbot, lab.controls.build_button)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert dialogs.kinds() == ["question"]                     # a trained step was about to go
    assert lab.curves.labels == ("clip=1", "clip=0")
    assert [i.train_config.clip for i in lab.ready.infos] == [1.0, 0.0]
    assert len(lab.side.texts[2].parent().findChildren(type(lab.side.texts[2]))) == 3
    assert not lab.side.flows[2].isVisibleTo(lab)
    lab.controls.slots[1].clip_spin.setValue(1.0)              # now the same as model A
    click(qtbot, lab.controls.build_button)
    assert "same" in lab.error_text and lab.builds == 2


def test_a_diverging_model_is_named_and_the_rest_train_on(qtbot, lab):
    lab.controls.show_models([Model("lstm", 0.01, 1.0), Model("rnn", 100.0, 0.0)])
    click(qtbot, lab.controls.build_button)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    click(qtbot, lab.controls.play_button)
    qtbot.waitUntil(lambda: lab.state == "finished", timeout=WAIT)
    assert "B · rnn+lr=100+clip=0 diverged at step" in lab.error_text
    assert len(lab.curves.histories[0]) == 60 and len(lab.curves.histories[1]) < 60
    assert len(lab.overlay.crosses[1].getData()[0]) == 1



def test_the_lab_speaks_korean(qtbot, lab):
    i18n.set_language("ko")
    try:
        assert lab.controls.build_button.text() != "Build"
        assert "3" in lab.status.text() and "lockstep" not in lab.status.text()
        assert lab.side.tabText(2) != "Samples"
    finally:
        i18n.set_language("en")
