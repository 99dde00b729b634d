"""The classifier lab driving a real worker thread and a real (small) engine: no mocks.

Every lab here generates 600 texts (480 to train on) of "first token" or the reviews, so an
epoch is 15 steps of a few milliseconds each.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from rnnviz.engine.classify_data import ClassDataSpec, load_classes
from rnnviz.gui import i18n
from rnnviz.gui.classify_lab import ClassifyLab
from rnnviz.gui.panels.classify_controls import Choice
from rnnviz.gui.panels.lab_views import HIDDEN_SETTLE_MS

from .test_seq2seq_lab import Dialogs
from .test_translation_coverage import collect, english_words

N = 600
WAIT = 20_000       # ms; a build or an epoch takes well under a second


def make_lab(qtbot, **kwargs) -> ClassifyLab:
    lab = ClassifyLab(**{"examples": N, "worker": "thread", **kwargs})
    qtbot.addWidget(lab)
    lab.resize(1250, 600)
    lab.show()
    qtbot.waitExposed(lab)
    qtbot.waitUntil(lambda: lab.builds == 1 and lab.trace_views.trace is not None, timeout=WAIT)
    return lab


@pytest.fixture
def lab(qtbot):
    lab = make_lab(qtbot)
    yield lab
    assert lab.shutdown(timeout=5.0)


def train_epoch(qtbot, lab: ClassifyLab) -> None:
    done = len(lab.curves.columns["epoch"])
    qtbot.mouseClick(lab.controls.epoch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(lab.curves.columns["epoch"]) == done + 1 and lab.state == "paused", timeout=WAIT)


def type_review(qtbot, lab: ClassifyLab, text: str) -> None:
    """Type ``text`` as an input method commits it (Hangul too), then press Enter."""
    edit = lab.review.review_edit
    edit.clear()
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)
    assert edit.text() == text
    lab.review.review_error.setVisible(False)
    before = lab.trace_views.trace
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: lab.trace_views.trace is not before or lab.review.review_error.isVisible(),
                    timeout=WAIT)


def wait_for_reading(qtbot, lab: ClassifyLab, check) -> None:
    qtbot.waitUntil(lambda: lab.trace_views.trace is not None and check(lab.trace_views.trace), timeout=WAIT)


def test_builds_on_start_then_an_epoch_shows_curves_examples_and_a_reading(qtbot, lab):
    assert lab.objectName() == "classifyPanel" and ClassifyLab.TITLE == "Classifier lab"
    assert lab.choice == Choice("first-token", "rnn", "onehot", 32, "last")
    assert lab.truncate == 10 and lab.controls.truncated_button.isChecked() and lab.controls.k_spin.value() == 10
    session = lab.worker.session
    assert session.truncate == 10 and session.train_config.optimizer == "adam" and session.train_config.lr == 0.001
    assert session.train_config.clip == 5.0 and session.train_config.epochs == 10 and lab.ready.max_len == 50
    assert lab.curves_view.showing_placeholder and lab.examples_view.table.rowCount() == 0
    # The first validation text is read by the untrained model at once: the views are never empty.
    trace = lab.trace_views.trace
    assert lab.read_request == 0 and len(trace.tokens) == 50 and not lab.trace_views.showing_placeholder
    ipe = lab.ready.iters_per_epoch
    assert ipe == 15
    train_epoch(qtbot, lab)
    assert lab.iteration == ipe
    x, y = lab.curves_view.valid_curve.getData()
    assert np.allclose(x, [1.0]) and 0.0 <= y[0] <= 100.0
    assert len(lab.curves_view.loss_curve.getData()[0]) == ipe and not lab.curves_view.showing_placeholder
    table = lab.examples_view.table
    data = load_classes(ClassDataSpec("first-token", max_len=50, n=N))
    assert table.rowCount() == 12 and set(lab.examples_view.marks()) <= {"✓", "✗"}
    assert [table.item(r, 3).text() for r in range(12)] == [" ".join(t.split()) for t in data.valid_texts[:12]]
    status = lab.status.text()
    assert f"step {ipe}" in status and "validation accuracy" in status and "480 training / 120 validation" in status
    # After the epoch the text shown is read again, with the new weights.
    wait_for_reading(qtbot, lab, lambda t: t.iteration == ipe)
    # Clicking an example reads it; hovering spells out a token's numbers.
    rect = table.visualItemRect(table.item(3, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_for_reading(qtbot, lab, lambda t: t.text == data.valid_texts[3])
    assert "validation example 4" in lab.review.verdict.text() and not lab.review.label_combo.isEnabled()
    text = lab.trace_views.token_text(25)
    assert text.startswith(f"token 26: '{lab.trace_views.trace.tokens[25]}'") and "P(positive) =" in text


def test_a_typed_review_draws_p_positive_after_every_token(qtbot, lab, monkeypatch):
    Dialogs(monkeypatch)
    lab.controls.source_combo.setCurrentIndex(1)                # reviews (English): nothing trained, no question
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.choice.source == "reviews" and lab.worker.session.data.max_len == 40
    assert "the plot was not boring" in lab.review.review_edit.placeholderText()
    train_epoch(qtbot, lab)
    type_review(qtbot, lab, "The acting was great, but the plot was not boring at all")
    trace = lab.trace_views.trace
    assert trace.text.startswith("The acting") and not trace.label_known and trace.label == 1
    n = len(trace.tokens)
    assert trace.tokens[:4] == ("the", "acting", "was", "great") and n == 12
    x, y = lab.trace_views.prob_curve.getData()
    assert len(x) == n and np.array_equal(x, np.arange(n))
    np.testing.assert_array_equal(y, trace.probs[:, 1].astype(np.float64))
    assert lab.trace_views.image.image.shape == (32, n)                 # units x tokens
    assert lab.trace_views.token_axis.tokens[:2] == ["the", "acting"]
    verdict = lab.review.verdict.text()
    assert "P(positive) = " in verdict and "The acting" in verdict
    # The gradient's class for a typed text is a choice; choosing it reads the text again.
    lab.review.label_combo.setCurrentIndex(0)
    lab.review.label_combo.activated.emit(0)
    wait_for_reading(qtbot, lab, lambda t: t.label == 0 and t.text == trace.text)
    assert lab.review.label_combo.isEnabled()


def test_k_toggles_the_gradient_view_without_a_rebuild(qtbot, lab):
    views = lab.trace_views
    trace = views.trace                                             # validation example 1, 50 tokens
    assert trace.truncate == 10 and views.cut == 40
    assert np.all(views.truncated_norms[:40] == 0) and np.all(views.truncated_norms[40:] > 0)
    assert np.all(views.full_norms > 0)
    assert views.shade.isVisible() and views.shade.getRegion() == (-0.5, 39.5)
    assert all(line.isVisible() and line.value() == 39.5 for line in views.cut_lines)
    assert "no gradient reaches here (k = 10)" in views.cut_note.textItem.toPlainText()
    session = lab.worker.session
    qtbot.mouseClick(lab.controls.full_button, Qt.MouseButton.LeftButton)
    wait_for_reading(qtbot, lab, lambda t: t.truncate == 0)
    assert views.cut == 0 and not views.shade.isVisible() and not any(line.isVisible() for line in views.cut_lines)
    assert np.all(views.truncated_norms > 0) and not lab.controls.k_spin.isEnabled()
    np.testing.assert_array_equal(views.truncated_norms, views.full_norms)
    assert "full BPTT" in views.cut_note.textItem.toPlainText()
    assert lab.builds == 1 and lab.worker.session is session and session.truncate == 0
    # Back to "last k", then k = 5: the cut moves, still without a rebuild.
    qtbot.mouseClick(lab.controls.truncated_button, Qt.MouseButton.LeftButton)
    wait_for_reading(qtbot, lab, lambda t: t.truncate == 10)
    lab.controls.k_spin.setValue(5)
    wait_for_reading(qtbot, lab, lambda t: t.truncate == 5)
    assert views.cut == 45 and views.shade.getRegion() == (-0.5, 44.5)
    assert np.all(views.truncated_norms[:45] == 0) and np.all(views.truncated_norms[45:] > 0)
    assert lab.builds == 1 and session.truncate == 5
    # Once the run has trained with another k, the note says how to start over with this one.
    assert "Reset" not in lab.note.text()
    qtbot.mouseClick(lab.controls.step_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.iteration == 1 and "Reset to start over" in lab.note.text(), timeout=WAIT)
    assert "k = 5 applies from the next step (this run began with k = 10)" in lab.note.text()
    lab.controls.k_spin.setValue(12)
    qtbot.waitUntil(lambda: session.truncate == 12, timeout=WAIT)
    lab.saved_iteration = lab.iteration                             # nothing to lose: Reset asks nothing
    qtbot.mouseClick(lab.controls.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.ready.config.truncate == 12 and lab.k_at_start == 12 and lab.iteration == 0
    assert "Reset" not in lab.note.text() and lab.controls.k_spin.value() == 12


def test_a_model_change_asks_rebuilds_and_no_reverts(qtbot, lab, monkeypatch):
    train_epoch(qtbot, lab)
    dialogs = Dialogs(monkeypatch, QMessageBox.StandardButton.No)
    session, steps = lab.worker.session, lab.iteration
    lab.controls.cell_combo.setCurrentIndex(1)                      # LSTM
    lab.controls.pool_combo.setCurrentIndex(1)                      # mean
    assert lab.controls.cell_combo.currentData() == "rnn" and lab.controls.pool_combo.currentData() == "last"
    assert dialogs.kinds() == ["question"] * 2 and f"Discard {steps:,} steps" in dialogs.calls[0][1]
    qtbot.mouseClick(lab.controls.preset_button, Qt.MouseButton.LeftButton)   # the seed's settings ask too
    assert dialogs.kinds() == ["question"] * 3
    qtbot.wait(200)
    assert lab.builds == 1 and lab.worker.session is session and lab.choice.cell == "rnn"
    dialogs.answer = QMessageBox.StandardButton.Yes
    lab.controls.k_spin.setValue(7)                                 # k never asks: no rebuild
    lab.controls.cell_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.choice == Choice("first-token", "lstm", "onehot", 32, "last")
    assert lab.worker.session.config.cell == "lstm" and lab.worker.session.truncate == 7
    assert lab.iteration == 0 and lab.curves_view.showing_placeholder and lab.examples_view.table.rowCount() == 0
    assert dialogs.kinds() == ["question"] * 4
    lab.controls.input_combo.setCurrentIndex(1)                     # embedding: nothing trained, nothing asked
    qtbot.waitUntil(lambda: lab.builds == 3, timeout=WAIT)
    assert lab.worker.session.config.input == "embedding" and dialogs.kinds() == ["question"] * 4
    for _ in range(2):
        qtbot.keyClick(lab.controls.hidden_spin, Qt.Key.Key_Up)     # +16 each, one rebuild after the last
    assert lab.builds == 3
    qtbot.waitUntil(lambda: lab.builds == 4, timeout=WAIT)
    assert lab.choice.hidden == 64
    qtbot.wait(HIDDEN_SETTLE_MS + 100)
    assert lab.builds == 4


def test_the_seeds_settings_and_a_text_the_model_cannot_read(qtbot, lab, monkeypatch):
    dialogs = Dialogs(monkeypatch)
    qtbot.mouseClick(lab.controls.preset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert dialogs.calls == [] and lab.recipe.name == "doit-ch9"
    assert lab.choice == Choice("reviews", "rnn", "onehot", 32, "last") and lab.truncate == 10
    session = lab.worker.session
    assert (session.train_config.optimizer, session.train_config.lr, session.train_config.clip) == ("sgd", 0.01, 0.0)
    assert session.data.spec.skip_top == 20 and session.data.spec.drop_unknown and len(session.data.vocab) == 100
    assert "SGD 0.01" in lab.status.text()
    # No word of it in the 100-word vocabulary: one line in red, no traceback, the views cleared.
    type_review(qtbot, lab, "xyzzy plugh")
    error = lab.review.review_error
    assert error.isVisible() and "vocabulary" in error.text() and "\n" not in error.text()
    assert "Traceback" not in error.text() and lab.trace_views.showing_placeholder and lab.read_request is None
    type_review(qtbot, lab, "")
    assert error.isVisible() and "empty" in error.text()
    assert dialogs.calls == [] and lab.error_text == ""
    # A model change keeps the seed's recipe; a new data set brings the lab's own.
    lab.controls.cell_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: lab.builds == 3, timeout=WAIT)
    assert lab.recipe.name == "doit-ch9" and lab.worker.session.train_config.optimizer == "sgd"
    lab.controls.source_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: lab.builds == 4, timeout=WAIT)
    assert lab.recipe.name == "lab" and lab.worker.session.train_config.optimizer == "adam"


def test_a_saved_run_opens_with_its_curves_and_k_and_continues_as_if_never_stopped(qtbot, lab, tmp_path,
                                                                                  monkeypatch):
    dialogs = Dialogs(monkeypatch)
    train_epoch(qtbot, lab)
    lab.controls.k_spin.setValue(5)
    path = tmp_path / "classifier.npz"
    assert lab.save_run(str(path))
    qtbot.waitUntil(lambda: lab.saved_iteration == lab.iteration, timeout=WAIT)
    saved_losses, saved_columns = lab.curves.losses.copy(), {k: list(v) for k, v in lab.curves.columns.items()}
    train_epoch(qtbot, lab)
    straight = lab.curves.losses[-lab.ready.iters_per_epoch:].copy()
    other = make_lab(qtbot)
    try:
        with qtbot.waitSignal(other.file_used, timeout=WAIT):
            other.open_run(str(path))
        qtbot.waitUntil(lambda: other.builds == 2, timeout=WAIT)
        assert other.iteration == other.saved_iteration == len(saved_losses)
        assert other.choice == lab.choice and other.truncate == 5 and other.controls.k_spin.value() == 5
        assert other.recipe.name == "lab"
        np.testing.assert_array_equal(other.curves.losses, saved_losses)
        assert other.curves.columns == saved_columns and not other.curves_view.showing_placeholder
        train_epoch(qtbot, other)
        np.testing.assert_array_equal(other.curves.losses[-other.ready.iters_per_epoch:], straight)
        assert other.unsaved_steps == other.ready.iters_per_epoch and dialogs.calls == []
    finally:
        assert other.shutdown(timeout=5.0)


def test_a_file_that_is_no_run_and_a_broken_table_say_why_in_one_line(qtbot, lab, tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    lab.open_run(str(junk))
    qtbot.waitUntil(lambda: bool(lab.error_text), timeout=WAIT)
    assert "junk.npz" in lab.error_text and "\n" not in lab.error_text and lab.builds == 1
    table = tmp_path / "one_column.csv"
    table.write_text("text\nonly text here\n", encoding="utf-8")
    lab.open_data(str(table))
    qtbot.waitUntil(lambda: "one_column.csv" in lab.error_text and "column" in lab.error_text, timeout=WAIT)
    assert lab.controls.source_combo.currentData() == "first-token" and lab.builds == 1
    good = tmp_path / "reviews.tsv"
    good.write_text("document\tlabel\n" + "".join(f"{'great fun' if i % 2 else 'dull and slow'} {i}\t{i % 2}\n"
                                                  for i in range(200)), encoding="utf-8")
    lab.open_data(str(good))
    qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
    assert lab.choice.source == str(good.resolve()) and lab.error_text == ""
    assert "reviews.tsv" in lab.controls.source_combo.currentText()


def test_exports_unroll_and_the_lab_fits_a_laptop_dock(qtbot, lab, tmp_path):
    hint = lab.minimumSizeHint()
    assert hint.width() <= 1000 and hint.height() <= 560
    assert lab.findChild(QLineEdit, "classifyReview") is lab.review.review_edit
    for name in ("classifySource", "classifyCell", "classifyInput", "classifyHidden", "classifyPool",
                 "classifyFullBptt", "classifyTruncated", "classifyK", "classifyPreset", "classifyPlay", "classifyStep",
                 "classifyStepEpoch", "classifyReset", "classifyStatus", "classifyNote", "classifyExamples",
                 "classifyRead", "classifyReviewLabel", "classifyVerdict", "classifyProbPlot", "classifyHiddenMap",
                 "classifyGradientPlot", "classifyAccuracyPlot", "classifyLossPlot"):
        assert lab.findChild(object, name) is not None, name
    views = lab.trace_views
    # The lab and its panels as on screen; one plot alone at twice its size, for slides.
    sizes = {"lab": lab.size(), "curves": lab.curves_view.size(), "examples": lab.examples_view.size(),
             "review": views.size(), "probability": views.prob_widget.size() * 2,
             "hidden": views.hidden_widget.size() * 2, "gradient": views.grad_widget.size() * 2}
    assert set(sizes) == set(ClassifyLab.EXPORTS)
    for key in ClassifyLab.EXPORTS:
        lab.export(key, str(tmp_path / f"{key}.png"))
        lab.export(key, str(tmp_path / f"{key}.svg"))
        size = QImage(str(tmp_path / f"{key}.png")).size()
        assert abs(size.width() - sizes[key].width()) <= 4 and abs(size.height() - sizes[key].height()) <= 4, key
        assert "<svg" in (tmp_path / f"{key}.svg").read_text(encoding="utf-8")[:2000]
    with pytest.raises(ValueError, match="png or .svg"):
        lab.export("gradient", str(tmp_path / "gradient.jpg"))
    assert lab.review.unroll_button.isHidden()                       # no graph panel to send it to
    lab.set_graph_available(True)
    with qtbot.waitSignal(lab.graph_ready, timeout=WAIT) as got:
        qtbot.mouseClick(lab.review.unroll_button, Qt.MouseButton.LeftButton)
    frame = got.args[0]
    assert frame.pool == "last" and frame.cut == 40 and len(frame.input_tokens) == 50


def test_play_pause_and_a_quick_shutdown(qtbot, lab):
    qtbot.mouseClick(lab.controls.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.state == "training" and lab.iteration > 5, timeout=WAIT)
    assert lab.controls.play_button.text() == "Pause" and not lab.controls.play_button.icon().isNull()
    qtbot.mouseClick(lab.controls.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lab.state == "paused", timeout=WAIT)
    assert lab.controls.play_button.text() == "Play"
    lab.play()
    qtbot.waitUntil(lambda: lab.state == "training", timeout=WAIT)
    assert lab.shutdown(timeout=10.0) and not lab.worker.is_alive() and not lab.timer.isActive()


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def test_a_korean_lab_shows_no_english_in_its_labels(qtbot, korean, monkeypatch):
    Dialogs(monkeypatch)
    lab = make_lab(qtbot)
    try:
        train_epoch(qtbot, lab)
        lab.controls.source_combo.setCurrentIndex(2)                # reviews (Korean)
        qtbot.waitUntil(lambda: lab.builds == 2, timeout=WAIT)
        type_review(qtbot, lab, "연기는 좋았지만 내용은 지루했다")
        assert lab.trace_views.trace.text == "연기는 좋았지만 내용은 지루했다"
        train_epoch(qtbot, lab)
        lab.controls.full_button.click()
        wait_for_reading(qtbot, lab, lambda t: t.truncate == 0)
        lab.set_graph_available(True)
        lab.trace_views._on_mouse_moved(lab.trace_views.grad_plot, (lab.trace_views.grad_plot.vb.sceneBoundingRect()
                                                                      .center(),))
        assert lab.trace_views.hover_texts
        texts = collect(lab) + [lab.status.toolTip()]
        # Names kept as they are: the book's title ("Do it! 9장 설정", as its Korean edition), the
        # IMDB archive's folder and a file format.
        names = {"Do", "it", "aclImdb", "tsv"}
        left = sorted({(text[:80], " ".join(words)) for text in texts
                       if (words := [w for w in english_words(text) if w not in names])})
        assert left == [], left
        assert "검증" in lab.status.text() and i18n.translate("classify_lab", ClassifyLab.TITLE) != "Classifier lab"
        # View > Language back to English: every line is said again at once.
        i18n.set_language("en")
        assert "validation accuracy" in lab.status.text() and "P(positive)" in lab.review.verdict.text()
        assert lab.controls.full_button.text() == "full BPTT" and "full BPTT" in lab.note.text()
        assert lab.examples_view.table.horizontalHeaderItem(2).text() == "P(positive)"
        assert lab.trace_views.prob_plot.getAxis("left").labelText == "P(positive)"
    finally:
        assert lab.shutdown(timeout=5.0)


def test_the_lab_trains_in_a_child_process_and_closing_ends_it(qtbot):
    import os
    lab = make_lab(qtbot, worker="process")
    try:
        assert lab.worker_kind == "process" and lab.worker.pid not in (None, os.getpid())
        train_epoch(qtbot, lab)
        type_review(qtbot, lab, "ka lo mi bi da")
        assert lab.trace_views.trace.tokens == ("ka", "lo", "mi", "bi", "da")
        lab.controls.full_button.click()
        wait_for_reading(qtbot, lab, lambda t: t.truncate == 0)
        lab.play()
        qtbot.waitUntil(lambda: lab.state == "training", timeout=WAIT)
    finally:
        assert lab.shutdown(timeout=10.0)           # a hang detector: stopping takes a step, or a terminate
    assert not lab.worker.is_alive()


def test_an_unopened_lab_starts_no_worker_and_closes_at_once(qtbot):
    lab = ClassifyLab(start=False, worker="process")
    qtbot.addWidget(lab)
    assert lab.worker.pid is None and lab.ready is None
    assert lab.shutdown(timeout=1.0) and not lab.worker.is_alive()
