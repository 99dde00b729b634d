"""The experiment form: presets, corpora, recent files, live settings, inline validation."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QSpinBox

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.presets import PRESETS
from rnnviz.gui.corpus_choice import MAX_RECENT
from rnnviz.gui.experiment import ExperimentPanel, preset_configs


@pytest.fixture
def form(qtbot, tmp_path):
    panel = ExperimentPanel(QSettings(str(tmp_path / "form.ini"), QSettings.IniFormat))
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_default_is_the_tale_lstm_preset(form):
    data, model, train = form.config()
    want_data, want_model, want_train = preset_configs(PRESETS["tale-lstm"], "tale")
    assert data == want_data and model == want_model and train == want_train
    assert form.preset_combo.currentData() == "tale-lstm"
    assert form.corpus_source() == "tale"


def test_every_preset_fills_the_form(form, monkeypatch, tmp_path):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path))     # so no preset depends on this machine
    (tmp_path / "ptb").mkdir()
    (tmp_path / "timemachine.txt").write_text("the time machine " * 50)
    for name, preset in PRESETS.items():
        assert form.load_preset(name, ask=False)
        data, model, train = form.config()
        for key, value in preset.model.items():
            assert getattr(model, key) == value, (name, key)
        for key, value in preset.train.items():
            assert getattr(train, key) == value, (name, key)
        assert data["level"] == preset.data.get("level", "char")
        assert data["limit_tokens"] == preset.data.get("limit_tokens")
        assert form.preset_combo.currentData() == name


def test_a_missing_corpus_is_asked_for_by_name(form, monkeypatch, tmp_path, qtbot):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path / "nowhere"))
    asked = []
    chosen = tmp_path / "ptb"
    chosen.mkdir()

    def fake_dir(parent, caption, *args):
        asked.append(caption)
        return str(chosen)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake_dir))
    assert form.load_preset("dlfs2-ch6")
    assert asked == ["DLFS2 ch.6 Rnnlm (PTB, LSTM) needs PTB: choose the folder holding ptb.train.txt"]
    assert form.corpus_source() == str(chosen) and form.config()[0]["level"] == "word"


def test_cancelling_the_corpus_question_keeps_the_form(form, monkeypatch, tmp_path):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path / "nowhere"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    before = form.config()
    assert not form.load_preset("d2l-9.5")
    assert form.config() == before
    assert "timemachine.txt" in form.error_label.text()


def test_tied_weights_with_different_sizes_are_an_inline_error(form):
    form.tie_check.setChecked(True)
    assert form.error_label.isVisibleTo(form)
    assert "embed_size == hidden_size" in form.error_label.text()
    assert not form.apply_button.isEnabled()
    form.embed_spin.setValue(form.hidden_spin.value())
    assert not form.error_label.isVisibleTo(form) and form.apply_button.isEnabled()


def test_apply_emits_replaced_configs(form, qtbot):
    base_model = ModelConfig(vocab_size=2, dtype="float64", hidden_size=10)
    base_train = TrainConfig(momentum=0.5, beta2=0.9)
    form.set_config({"source": "toy", "level": "word"}, base_model, base_train)
    form.hidden_spin.setValue(40)
    form.onehot_check.setChecked(True)
    with qtbot.waitSignal(form.apply_requested) as blocker:
        form.apply_button.click()
    data, model, train = blocker.args
    assert data["source"] == "toy" and data["level"] == "word"
    assert model.hidden_size == 40 and model.input == "onehot"
    assert model.dtype == "float64" and train.momentum == 0.5 and train.beta2 == 0.9  # kept
    assert not form.embed_spin.isEnabled()


def test_learning_rate_clip_and_probe_cadence_are_live(form, qtbot):
    with qtbot.waitSignal(form.lr_changed) as lr:
        form.lr_spin.setValue(0.02)
    with qtbot.waitSignal(form.clip_changed) as clip:
        form.clip_spin.setValue(0.0)
    with qtbot.waitSignal(form.probe_every_changed) as probe:
        form.probe_spin.setValue(3)
    assert lr.args == [pytest.approx(0.02)] and clip.args == [0.0] and probe.args == [3]
    assert form.clip_spin.text() == "off"


def test_evaluate_every_is_shown_carried_and_live(form, qtbot):
    box = form.findChild(QSpinBox, "evalEvery")
    assert box is form.eval_every_spin and box.isVisible()
    assert box.value() == 0 and box.text() == "each epoch"          # the engine's 0: once per epoch
    assert "PTB" in box.toolTip() and "epoch" in box.toolTip()
    form.set_config({"source": "tale"}, ModelConfig(vocab_size=2), TrainConfig(eval_every=250))
    assert box.value() == 250                                       # an opened run's cadence
    with qtbot.waitSignal(form.eval_every_changed) as live:
        box.setValue(40)
    assert live.args == [40] and form.config()[2].eval_every == 40
    with qtbot.waitSignal(form.apply_requested) as blocker:
        form.apply_button.click()
    assert blocker.args[2].eval_every == 40


def test_open_file_entry_and_recent_files(form, monkeypatch, tmp_path):
    files = []
    for i in range(MAX_RECENT + 2):
        path = tmp_path / f"corpus{i}.txt"
        path.write_text("hello world\n" * 20)
        files.append(str(path))
    picks = iter(files)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (next(picks), "")))
    combo = form.corpus_combo
    for _ in files:
        combo.setCurrentIndex(combo.findData("\0open"))
        form._corpus_chosen(combo.currentIndex())
    assert form.corpus_source() == files[-1]
    recent = form.recent_files()
    assert recent == files[::-1][:MAX_RECENT]
    # A new form (the next launch) lists them too.
    again = ExperimentPanel(form.settings)
    assert again.corpus_combo.findData(files[-1]) >= 0
    assert again.corpus_combo.findData(files[0]) < 0      # the oldest fell off the list
    again.deleteLater()


def test_cancelled_open_file_keeps_the_previous_corpus(form, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    combo = form.corpus_combo
    combo.setCurrentIndex(combo.findData("\0open"))
    form._corpus_chosen(combo.currentIndex())
    assert form.corpus_source() == "tale"


def test_python_docs_is_offered(form):
    assert form.corpus_combo.findData("python-docs") >= 0


def test_presets_keep_their_places_in_the_preset_box(form):
    combo = form.preset_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(PRESETS)
    assert combo.placeholderText() == "(custom)"


def test_changing_a_setting_the_preset_fixes_shows_custom(form):
    combo = form.preset_combo
    form.hidden_spin.setValue(64)
    assert combo.currentIndex() == -1 and combo.currentData() is None and form.preset_note.text() == ""
    form.hidden_spin.setValue(128)              # back to the preset's own value
    assert combo.currentData() == "tale-lstm"
    form.lr_spin.setValue(0.01)                 # live settings are the preset's too
    assert combo.currentIndex() == -1
    form.lr_spin.setValue(0.005)
    form.probe_spin.setValue(3)                 # how often to look is not part of the run
    form.eval_every_spin.setValue(50)
    form.validate()
    assert combo.currentData() == "tale-lstm"


def test_another_corpus_or_a_run_shown_from_a_checkpoint_is_custom(form, tmp_path):
    text = tmp_path / "mine.txt"
    text.write_text("hello world\n" * 20)
    form.set_corpus(str(text))
    assert form.preset_combo.currentIndex() == -1
    form.load_preset("tale-lstm")
    assert form.preset_combo.currentData() == "tale-lstm"
    form.set_config(*preset_configs(PRESETS["tale-lstm"], "tale"))      # what a checkpoint held
    assert form.preset_combo.currentIndex() == -1


def choose_preset_by_keyboard(qtbot, form, name):
    """Down/Up on the focused preset box, as a user would (each press is an `activated`)."""
    combo = form.preset_combo
    combo.setFocus()
    target = combo.findData(name)
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            return
        qtbot.keyClick(combo, Qt.Key_Down if combo.currentIndex() < target else Qt.Key_Up)


def test_cancelling_a_presets_corpus_dialog_goes_back_to_the_previous_entry(form, monkeypatch, tmp_path,
                                                                             qtbot):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path / "nowhere"))
    asked = []

    def cancel(parent, caption, *args):
        asked.append(caption)
        return ("", "") if "timemachine" in caption else ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(cancel))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(cancel))
    combo = form.preset_combo
    choose_preset_by_keyboard(qtbot, form, "d2l-9.5")     # passes the PTB presets: each asks
    assert len(asked) >= 1
    assert combo.currentData() == "tale-lstm" and combo.count() == len(PRESETS)
    assert [combo.itemData(i) for i in range(combo.count())] == list(PRESETS)
    form.hidden_spin.setValue(64)                         # custom, then a cancelled preset: custom
    combo.setCurrentIndex(combo.findData("dlfs2-ch6"))
    combo.activated.emit(combo.currentIndex())
    assert combo.currentIndex() == -1 and combo.count() == len(PRESETS)


def test_a_chosen_corpus_is_remembered_for_the_presets_that_need_it(form, monkeypatch, tmp_path):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path / "nowhere"))
    ptb = tmp_path / "ptb"
    ptb.mkdir()
    asked = []

    def choose(parent, caption, folder="", *args):
        asked.append(caption)
        return str(ptb)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    assert form.load_preset("dlfs2-ch6") and len(asked) == 1
    assert form.load_preset("tale-lstm") and form.load_preset("dlfs2-ch6")
    assert form.load_preset("dlfs2-ch5")                  # the same corpus: not asked again
    assert len(asked) == 1 and form.corpus_source() == str(ptb)
    again = ExperimentPanel(form.settings)                # the next launch remembers it too
    assert again.load_preset("dlfs2-ch6", ask=False) and again.corpus_source() == str(ptb)
    again.deleteLater()
    moved = tmp_path / "moved"
    ptb.rename(moved)                                     # gone: asked for again
    ptb = moved
    assert form.load_preset("dlfs2-ch6") and len(asked) == 2 and form.corpus_source() == str(moved)


def test_file_dialogs_open_in_the_folder_last_used(form, monkeypatch, tmp_path):
    monkeypatch.setenv("RNNVIZ_CORPORA", str(tmp_path / "nowhere"))
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("hello world\n" * 20)
    (tmp_path / "ptb").mkdir()
    started_in = []

    def open_file(parent, caption, folder="", *args):
        started_in.append(folder)
        return str(texts / "a.txt"), ""

    def open_dir(parent, caption, folder="", *args):
        started_in.append(folder)
        return str(tmp_path / "ptb")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(open_dir))
    assert form.choose_corpus_file() == str(texts / "a.txt")
    assert form.load_preset("dlfs2-ch6")
    form.choose_corpus_file()
    assert started_in == ["", str(texts), str(tmp_path / "ptb")]
