"""The seq2seq lab driving a real worker thread and a real (small) engine: no mocks.

Every lab here generates 2,000 pairs (1,800 to train on) and uses H=32, so an epoch is 28 steps of
a few milliseconds each.
"""
from __future__ import annotations


import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QMessageBox

from rnnviz.engine.data import CorpusError
from rnnviz.engine.pairs import load_pairs
from rnnviz.engine.snapshots import TOP_K
from rnnviz.gui.panels.seq2seq_decode import AttentionView
from rnnviz.gui.panels.seq2seq_ask import expected_answer
from rnnviz.gui.panels.lab_views import HIDDEN_SETTLE_MS
from rnnviz.gui.panels.seq2seq_controls import BOOK_SEED, LabSettings
from rnnviz.gui.seq2seq_lab import Seq2seqLab

from .test_panels import scene_point

N = 2000
H = 32
BATCH = 64
WAIT = 20_000       # ms; a build or an epoch takes well under a second


class Dialogs:
    """Records QMessageBox calls and answers ``question`` with ``answer``."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Yes):
        self.calls: list[tuple[str, str]] = []
        self.answer = answer
        for kind in ("question", "critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._record(kind))

    def _record(self, kind):
        def record(parent, title, text, *args, **kwargs):
            self.calls.append((kind, text))
            return self.answer
        return staticmethod(record)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.calls]


def make_lab(qtbot, **kwargs) -> Seq2seqLab:
    options = {"pairs_n": N, "hidden_size": H, "batch_size": BATCH, **kwargs}
    lab = Seq2seqLab(**options)
    qtbot.addWidget(lab)
    lab.resize(1250, 560)
    lab.show()
    qtbot.waitExposed(lab)
    qtbot.waitUntil(lambda: lab.builds == 1, timeout=WAIT)
    return lab


@pytest.fixture
def lab(qtbot):
    lab = make_lab(qtbot)
    yield lab
    assert lab.shutdown(timeout=5.0)


def train_epoch(qtbot, lab: Seq2seqLab) -> None:
    done = len(lab.curves.accuracy)
    qtbot.mouseClick(lab.controls.epoch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(lab.curves.accuracy) == done + 1 and lab.state == "paused", timeout=WAIT)


def decode_typed(qtbot, lab: Seq2seqLab, text: str) -> None:
    lab.ask.question_edit.clear()
    qtbot.keyClicks(lab.ask.question_edit, text)
    before = lab.ask.strip.trace
    lab.ask.question_error.setVisible(False)
    qtbot.keyClick(lab.ask.question_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lab.ask.strip.trace is not before or lab.ask.question_error.isVisible(), timeout=WAIT)


def test_builds_on_start_then_an_epoch_shows_accuracy_and_examples(qtbot, lab):
    assert lab.objectName() == "seq2seqPanel" and Seq2seqLab.TITLE == "Seq2seq lab"
    assert lab.settings == LabSettings("addition", False, "plain", "lstm", H)
    assert lab.accuracy_view.showing_placeholder and lab.examples_view.table.rowCount() == 0
    ipe = lab.ready.iters_per_epoch
    assert ipe == (N - N // 10) // BATCH
    train_epoch(qtbot, lab)
    assert lab.iteration == ipe
    x, y = lab.accuracy_view.exact_curve.getData()
    assert np.allclose(x, [1.0]) and 0.0 <= y[0] <= 100.0
    positions = lab.accuracy_view.position_curves
    assert [c.name() for c in positions] == ["position 1", "position 2", "position 3", "position 4"]
    assert all(len(c.getData()[0]) == 1 for c in positions)
    assert len(lab.accuracy_view.loss_curve.getData()[0]) == ipe
    assert not lab.accuracy_view.showing_placeholder
    # The listed examples are the first test pairs, in order (decode(index) relies on it).
    data = load_pairs("addition", n=N)
    table = lab.examples_view.table
    assert table.rowCount() == 12
    assert [table.item(r, 1).text() for r in range(12)] == [data.decode(q, strip=True) for q in data.x_test[:12]]
    assert [table.item(r, 2).text() for r in range(12)] == [data.answer_text(t) for t in data.t_test[:12]]
    assert set(lab.examples_view.marks()) <= {"✓", "✗"}
    assert f"step {ipe}" in lab.status.text() and "test accuracy" in lab.status.text()
    # Hovering near the epoch spells out every position's accuracy.
    view = lab.accuracy_view
    view._on_mouse_moved((scene_point(view.plot, 0.9, 50.0),))
    result = lab.curves.latest
    assert f"whole answer {100 * result.accuracy:.1f} %" in view.hover_text
    assert f"4: {100 * result.per_position[3]:.0f}" in view.hover_text
    view._on_mouse_moved((QPointF(-50, -50),))
    assert view.hover_text == ""


def test_reverse_toggle_asks_rebuilds_and_a_typed_question_decodes(qtbot, lab, monkeypatch):
    train_epoch(qtbot, lab)
    dialogs = Dialogs(monkeypatch, QMessageBox.StandardButton.Yes)
    steps = lab.iteration
    lab.controls.reverse_box.click()
    assert dialogs.kinds() == ["question"] and f"Discard {steps:,} steps" in dialogs.calls[0][1]
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.settings.reverse and lab.worker.session.config.reverse
    assert lab.iteration == 0 and lab.accuracy_view.showing_placeholder
    decode_typed(qtbot, lab, "12+34")
    trace = lab.ask.strip.trace
    L = lab.ready.answer_width
    assert L == 4 and len(trace.tokens) == L and lab.ask.strip.steps == L
    assert trace.top_probs.shape == (L, TOP_K) and np.all(np.diff(trace.top_probs, axis=1) <= 0)
    assert trace.question == "12+34" and trace.reversed_input
    text = lab.ask.answer_label.text()
    assert lab.ask.answer_label.isVisible() and "12+34" in text and trace.guess in text and "46" in text
    assert not lab.ask.question_error.isVisible()
    # A plain model has no attention: the map says so instead of drawing nothing.
    assert lab.ask.attention_view.showing_placeholder and lab.ask.attention_view.weights is None
    assert "Tick Attention" in lab.ask.attention_view.placeholder.text()


def test_attention_map_holds_the_weights_and_peeky_excludes_attention(qtbot, lab, monkeypatch, tmp_path):
    dialogs = Dialogs(monkeypatch)
    lab.controls.attention_box.click()              # nothing trained yet: no question asked
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    lab.controls.peeky_box.click()
    assert not lab.controls.attention_box.isChecked()
    qtbot.waitUntil(lambda: lab.builds == 3, timeout=WAIT)
    assert lab.settings.decoder == "peeky"
    lab.controls.attention_box.click()
    assert not lab.controls.peeky_box.isChecked()
    qtbot.waitUntil(lambda: lab.builds == 4, timeout=WAIT)
    lab.controls.reverse_box.click()
    qtbot.waitUntil(lambda: lab.builds == 5, timeout=WAIT)
    assert dialogs.calls == []
    assert lab.settings == LabSettings("addition", True, "attention", "lstm", H)
    decode_typed(qtbot, lab, "12+34")
    view = lab.findChild(AttentionView, "seq2seqAttentionMap")
    weights = view.weights
    assert weights is not None and weights.shape == (4, 7)          # (L, Tq)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-4)
    np.testing.assert_array_equal(weights, lab.ask.strip.trace.attention)
    assert view.token_axis.tokens == ["1", "2", "+", "3", "4", "␣", "␣"]   # as written, not reversed
    assert "reversed" in view.caption.text()
    # Each step's footer names the question character it looked at most.
    assert lab.ask.strip.looked_at(0) == int(np.argmax(weights[0]))
    view._on_mouse_moved((scene_point(view.plot, 2.0, 1.0),))
    assert view.readout.isVisible() and f"{weights[1, 2]:.2f}" in view.readout.toPlainText()
    assert "looking at '+'" in view.readout.toPlainText()
    lab.ask.strip.step_hovered.emit(1)          # hovering step 2 of the strip outlines its row
    assert view.highlight.isVisible() and view.highlight.rect().top() == 0.5
    lab.ask.strip.step_hovered.emit(-1)
    assert not view.highlight.isVisible()
    assert lab.ask.strip.step_text(1).startswith(f"step 2 wrote '{lab.ask.strip.trace.tokens[1]}'")
    train_epoch(qtbot, lab)
    table = lab.examples_view.table
    rect = table.visualItemRect(table.item(2, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: lab.ask.strip.trace is not None and lab.ask.strip.trace.question == table.item(2, 1).text(),
                    timeout=WAIT)
    assert lab.ask.strip.trace.answer == table.item(2, 2).text()
    assert lab.ask.strip.truth.rstrip() == lab.ask.strip.trace.answer
    assert "test example 3" in lab.ask.answer_label.text()
    assert view.weights.shape == (4, 7)
    # The lab and each of its views export for slides: PNG as on screen, SVG as vectors.
    sizes = {"lab": lab.size(), "accuracy": lab.accuracy_view.size(), "decode": lab.ask.strip.size(),
             "attention": view.size()}
    for key in Seq2seqLab.EXPORTS:
        lab.export(key, str(tmp_path / f"{key}.png"))
        lab.export(key, str(tmp_path / f"{key}.svg"))
        assert QImage(str(tmp_path / f"{key}.png")).size() == sizes[key]
        assert "<svg" in (tmp_path / f"{key}.svg").read_text()[:2000]
    view._on_mouse_moved((scene_point(view.plot, 2.0, 1.0),))
    assert view.readout.isVisible()
    lab.export("attention", str(tmp_path / "attention.png"))
    assert view.readout.isVisible()                     # hidden for the figure only
    image = QImage(str(tmp_path / "attention.png"))
    tinted = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
                 if image.pixelColor(x, y).blue() > image.pixelColor(x, y).red() + 20)
    assert tinted > 1000                                # the heatmap itself, not an empty frame
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert middle.blue() > middle.red() + 20            # no readout box painted over it
    with pytest.raises(ValueError, match="png or .svg"):
        lab.export("attention", str(tmp_path / "map.jpg"))


def test_no_reverts_the_toggle_and_keeps_the_model(qtbot, lab, monkeypatch):
    train_epoch(qtbot, lab)
    dialogs = Dialogs(monkeypatch, QMessageBox.StandardButton.No)
    session, steps = lab.worker.session, lab.iteration
    lab.controls.attention_box.click()
    assert not lab.controls.attention_box.isChecked() and not lab.controls.peeky_box.isChecked()
    lab.controls.task_combo.setCurrentIndex(1)                          # Dates
    assert lab.controls.task_combo.currentData() == "addition" and lab.controls.hidden_spin.value() == H
    lab.controls.cell_combo.setCurrentIndex(1)                          # GRU
    assert lab.controls.cell_combo.currentData() == "lstm"
    assert dialogs.kinds() == ["question"] * 3
    qtbot.wait(300)
    assert lab.builds == 1 and lab.worker.session is session and session.iteration == steps
    assert lab.iteration == steps and lab.settings.decoder == "plain"
    assert not lab.accuracy_view.showing_placeholder
    qtbot.mouseClick(lab.controls.reset_button, Qt.MouseButton.LeftButton)   # Reset asks too
    qtbot.wait(200)
    assert lab.builds == 1 and dialogs.kinds() == ["question"] * 4


def test_the_task_sets_the_hidden_size_and_a_date_decodes(qtbot, monkeypatch):
    lab = make_lab(qtbot, hidden_size=None)
    try:
        Dialogs(monkeypatch)
        assert lab.controls.hidden_spin.value() == 128
        lab.controls.task_combo.setCurrentIndex(1)
        qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
        assert lab.settings.task == "date" and lab.settings.hidden == 256 and lab.controls.hidden_spin.value() == 256
        assert lab.worker.session.config.hidden_size == 256
        assert "date" in lab.ask.question_edit.placeholderText()
        decode_typed(qtbot, lab, "march 4, 1999")
        assert len(lab.ask.strip.trace.tokens) == 10 and "1999-03-04" in lab.ask.answer_label.text()
    finally:
        assert lab.shutdown(timeout=5.0)


def test_a_bad_question_shows_the_engines_message_inline(qtbot, lab, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    data = load_pairs("addition", n=N)
    for text in ("12*34", "1234+5678"):
        with pytest.raises(CorpusError) as expected:
            data.encode_question(text)
        decode_typed(qtbot, lab, text)
        assert lab.ask.question_error.isVisible() and lab.ask.question_error.text() == str(expected.value)
        assert not lab.ask.answer_label.isVisible() and lab.ask.strip.trace is None
    assert dialogs.calls == []
    decode_typed(qtbot, lab, "5+5")
    assert lab.ask.strip.trace is not None and not lab.ask.question_error.isVisible()


def test_worker_errors_become_one_line_and_the_lab_keeps_working(qtbot, lab, tmp_path, monkeypatch):
    Dialogs(monkeypatch)
    bad = tmp_path / "broken.txt"
    bad.write_text("1+1  _2\nno separator here\n", encoding="utf-8")
    lab.open_pairs_file(str(bad))
    qtbot.waitUntil(lambda: bool(lab.error_text), timeout=WAIT)
    assert "broken.txt" in lab.error_text and "\n" not in lab.error_text
    assert lab.controls.task_combo.currentData() == "addition" and lab.builds == 1
    decode_typed(qtbot, lab, "1+2")
    assert lab.ask.strip.trace is not None
    good = tmp_path / "tiny.txt"
    pairs = load_pairs("addition", n=N)
    good.write_text("".join(pairs.decode(q) + pairs.decode(t) + "\n"
                            for q, t in zip(pairs.x_train[:600], pairs.t_train[:600])), encoding="utf-8")
    lab.open_pairs_file(str(good))
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.settings.task == str(good.resolve()) and lab.error_text == ""
    assert "tiny.txt" in lab.controls.task_combo.currentText()


def test_play_pause_and_a_quick_shutdown(qtbot, lab):
    qtbot.mouseClick(lab.controls.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.state == "training" and lab.iteration > 5, timeout=WAIT)
    assert lab.controls.play_button.text() == "Pause" and not lab.controls.play_button.icon().isNull()
    qtbot.waitUntil(lambda: "steps/s" in lab.status.text(), timeout=WAIT)
    qtbot.mouseClick(lab.controls.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.state == "paused", timeout=WAIT)
    assert lab.controls.play_button.text() == "Play"
    lab.play()
    qtbot.waitUntil(lambda: lab.state == "training", timeout=WAIT)
    # A hang detector, not a speed limit: a step takes milliseconds, so 10 s means stuck.
    assert lab.shutdown(timeout=10.0)
    assert not lab.worker.is_alive()
    assert not lab.timer.isActive()


def test_the_lab_fits_the_dock(qtbot, lab):
    hint = lab.minimumSizeHint()
    assert hint.width() <= 1250 and hint.height() <= 560
    assert lab.findChild(QLineEdit, "seq2seqQuestion") is lab.ask.question_edit
    for name in ("seq2seqTask", "seq2seqReverse", "seq2seqPeeky", "seq2seqAttention", "seq2seqPlay",
                 "seq2seqStepEpoch", "seq2seqReset", "seq2seqExamples", "seq2seqDecode", "seq2seqAnswer",
                 "seq2seqAttentionMap"):
        assert lab.findChild(object, name) is not None, name


def test_expected_answers_of_typed_questions():
    assert expected_answer("addition", " 12+34 ") == "46"
    assert expected_answer("addition", "12*34") is None
    assert expected_answer("date", "march 4, 1999") == "1999-03-04"
    assert expected_answer("date", "3/4/99") == "1999-03-04"
    assert expected_answer("date", "not a date") is None
    assert expected_answer("/some/file.txt", "12+34") is None


def test_arrow_clicks_on_hidden_size_rebuild_once_after_the_last(qtbot, lab):
    for _ in range(3):
        qtbot.keyClick(lab.controls.hidden_spin, Qt.Key.Key_Up)     # +32 each
    assert lab.builds == 1                                            # not yet: the clicks are settling
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.settings.hidden == H + 96 and lab.ready.config.hidden_size == H + 96
    qtbot.wait(2 * HIDDEN_SETTLE_MS)
    assert lab.builds == 2


def test_the_seed_box_switches_between_the_books_run_and_a_seeded_one(qtbot, lab):
    assert lab.controls.seed_spin.text() == "book" and lab.ready.config.stream == "book"
    lab.controls.seed_spin.setValue(7)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.settings.seed == 7
    assert (lab.ready.config.stream, lab.ready.config.seed, lab.ready.train.seed) == ("seeded", 7, 7)
    lab.controls.seed_spin.setValue(BOOK_SEED)
    qtbot.waitUntil(lambda: lab.builds == 3, timeout=WAIT)
    assert lab.settings.seed is None and lab.ready.config.stream == "book"


def test_unroll_sends_the_shown_example_to_the_graph(qtbot, lab):
    unroll = lab.ask.unroll_button
    assert unroll.isHidden()                                          # no graph panel to send it to
    lab.set_graph_available(True)
    with qtbot.waitSignal(lab.graph_ready, timeout=WAIT) as got:
        qtbot.mouseClick(unroll, Qt.MouseButton.LeftButton)           # nothing chosen: test example 1
    frame = got.args[0]
    assert frame.caption.startswith("test example 1: ") and frame.encoder_steps == lab.ready.question_width
    lab.decode(3)
    qtbot.waitUntil(lambda: lab.ask.strip.trace is not None, timeout=WAIT)
    with qtbot.waitSignal(lab.graph_ready, timeout=WAIT) as got:
        qtbot.mouseClick(unroll, Qt.MouseButton.LeftButton)
    assert got.args[0].caption.startswith("test example 4: ")
    decode_typed(qtbot, lab, "1+2+3")                                 # decodes, but its answer is unknown
    assert not lab.ask.question_error.isVisible()
    with qtbot.assertNotEmitted(lab.graph_ready, wait=300):
        qtbot.mouseClick(unroll, Qt.MouseButton.LeftButton)
    assert lab.ask.question_error.isVisible() and "true answer" in lab.ask.question_error.text()
    # An unroll the engine refuses says why in the pane; the decode shown stays and keeps updating.
    lab.worker.graph(("12+34", "4x"))                                 # 'x' is not in the vocabulary
    qtbot.waitUntil(lambda: "'x'" in lab.ask.question_error.text(), timeout=WAIT)
    assert lab.decode_request == "1+2+3"


def test_a_saved_run_opens_with_its_curves_and_continues_as_if_never_stopped(qtbot, lab, tmp_path, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    train_epoch(qtbot, lab)
    path = tmp_path / "lab.npz"
    assert lab.save_run(str(path))
    qtbot.waitUntil(lambda: lab.saved_iteration == lab.iteration, timeout=WAIT)
    saved_losses, saved_accuracy = lab.curves.losses.copy(), list(lab.curves.accuracy)
    # Straight on: one more epoch from the saved state.
    train_epoch(qtbot, lab)
    straight = lab.curves.losses[-lab.ready.iters_per_epoch:].copy()
    straight_accuracy = lab.curves.accuracy[-1]
    # A new lab opens the file: same settings, same curves, and the same next epoch.
    other = make_lab(qtbot)
    other.open_run(str(path))
    qtbot.waitUntil(lambda: other.builds == 2, timeout=WAIT)
    assert other.iteration == other.saved_iteration == len(saved_losses)
    assert other.settings == lab.settings
    np.testing.assert_array_equal(other.curves.losses, saved_losses)
    assert other.curves.accuracy == saved_accuracy
    train_epoch(qtbot, other)
    np.testing.assert_array_equal(other.curves.losses[-other.ready.iters_per_epoch:], straight)
    assert other.curves.accuracy[-1] == straight_accuracy
    assert other.unsaved_steps == other.ready.iters_per_epoch
    assert dialogs.calls == []                  # nothing was unsaved when it opened the file
    assert other.shutdown(timeout=5.0)


def test_a_language_model_checkpoint_opened_in_the_lab_says_where_it_belongs(qtbot, lab, tmp_path):
    from rnnviz.engine import ModelConfig, TrainConfig
    from rnnviz.engine.data import load_corpus
    from rnnviz.engine.trainer import Session
    corpus = load_corpus("tale", "char")
    lm = tmp_path / "lm.npz"
    Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=4, hidden_size=4),
            TrainConfig(batch_size=2, bptt=4)).save(lm)
    lab.open_run(str(lm))
    qtbot.waitUntil(lambda: bool(lab.error_text), timeout=WAIT)
    assert "lm.npz" in lab.error_text and "\n" not in lab.error_text and lab.builds == 1


def test_the_lab_trains_in_a_child_process_and_closing_ends_it(qtbot):
    import os
    lab = make_lab(qtbot, worker="process")
    try:
        assert lab.worker_kind == "process" and lab.worker.session is None
        assert lab.worker.pid not in (None, os.getpid())
        train_epoch(qtbot, lab)
        assert lab.iteration == lab.ready.iters_per_epoch and len(lab.curves.accuracy) == 1
        decode_typed(qtbot, lab, "12+34")
        assert lab.ask.strip.trace is not None
        lab.play()
        qtbot.waitUntil(lambda: lab.state == "training", timeout=WAIT)
    finally:
        # A hang detector, not a speed limit: stopping takes a step, or a terminate.
        assert lab.shutdown(timeout=10.0)
    assert not lab.worker.is_alive()


def test_an_unopened_lab_starts_no_worker_and_closes_at_once(qtbot):
    lab = Seq2seqLab(start=False, worker="process")
    qtbot.addWidget(lab)
    assert lab.worker.pid is None
    assert lab.shutdown(timeout=1.0) and not lab.worker.is_alive()
