"""The text lens in the window, with its real worker: the validation text read and tinted by
surprisal, a hovered token's readout, a clicked token's connectivity, a comparison with a saved
checkpoint, a pasted text refused and then read, and both languages."""
from __future__ import annotations

import html

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from rnnviz.engine import lens
from rnnviz.gui import i18n
from rnnviz.gui.panels.common import display_token, positive
from rnnviz.gui.panels.lens_view import AFTER, CHOSEN, CONNECTIVITY, SURPRISAL, tint
from rnnviz.gui.panels.text_lens import CHANGES, LINKS, SURPRISE
from rnnviz.runtime.messages import PAUSED

from .conftest import small_window

STEPS = 20


@pytest.fixture
def window(qtbot, tmp_path):
    with small_window(qtbot, tmp_path, size=(1600, 1000), train=STEPS) as win:
        yield win


@pytest.fixture
def panel(window, qtbot):
    """The lens brought to the front: it reads the validation split by itself."""
    lens_panel = window.panels["textLensPanel"]
    assert lens_panel.reading is None                       # behind another tab: nothing asked
    assert lens_panel.showing_placeholder and lens_panel.placeholder.text().startswith("Bring this view to the front")
    window.docks["textLensPanel"].raise_()
    qtbot.waitUntil(lambda: lens_panel.reading is not None, timeout=10_000)
    return lens_panel


def mouse(view, kind: QEvent.Type, k: int) -> None:
    """A real mouse event at token ``k`` (moved, or the left button pressed)."""
    view.show_token(k)
    point = QPointF(view.token_rect(k).center())
    button = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
    QApplication.sendEvent(view.viewport(), QMouseEvent(kind, point, view.viewport().mapToGlobal(point), button,
                                                        button, Qt.KeyboardModifier.NoModifier))


def background(view, k: int) -> QColor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(int(view.starts[k]) + 1)             # the format of the character left of the cursor
    return cursor.charFormat().background().color()


def test_the_validation_text_is_read_and_tinted_by_surprisal(window, panel):
    session = window.worker.session
    valid = session.corpus.valid
    r = panel.reading
    assert r.source == "valid" and r.iteration == STEPS and r.tokens == tuple(session.corpus.vocab.decode(valid[:2000]))
    expected = lens.read_text(session.model, session.corpus.vocab, valid[:2000], bptt=12)
    np.testing.assert_array_equal(r.surprisal, expected.surprisal)
    view = panel.text_view
    assert view.toPlainText().startswith("".join(r.tokens[:60]).replace("\n", "⏎\n"))
    for k in (1, 100, 1999):
        assert background(view, k).name() == tint(SURPRISAL, r.surprisal[k] / np.log(len(session.corpus.vocab))).name()
    assert not panel.showing_placeholder and panel.tint_combo.currentIndex() == SURPRISE
    assert panel.status.text().startswith(f"validation split · first 2,000 of {len(valid):,} tokens · "
                                          f"perplexity {r.perplexity:.2f} · step {STEPS}")
    np.testing.assert_array_equal(panel.ppl_curve.getOriginalDataset()[1], r.running_perplexity.astype(np.float64))


def test_hover_reads_a_token_out_and_a_click_shows_its_connectivity(window, panel, qtbot):
    r, view = panel.reading, panel.text_view
    mouse(view, QEvent.Type.MouseMove, 57)
    text = panel.readout.text()
    guesses = [window.info.vocab.tokens[i] for i in r.top_ids[57]]
    assert f"(token 57)</b> · −log p = {r.surprisal[57]:.2f} nats · p = {r.prob[57]:.3g}" in text
    assert f"perplexity so far {r.running_perplexity[57]:.2f}" in text and f" {float(r.top_probs[57][0]):.2f}" in text
    assert all(html.escape(display_token(g)) in text for g in guesses) and panel.ppl_line.value() == 57
    with qtbot.waitSignal(panel.connectivity_requested, timeout=2_000) as asked:
        mouse(view, QEvent.Type.MouseButtonPress, 120)
    assert asked.args == [120]
    qtbot.waitUntil(lambda: panel.links is not None, timeout=10_000)
    c = panel.links
    expected = lens.connectivity(window.worker.session.model, r.ids, 120)
    np.testing.assert_array_equal(c.norms, expected.norms)
    assert c.reach == expected.reach and panel.tint_combo.currentIndex() == LINKS
    x, y = panel.link_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, np.arange(1, 121))
    np.testing.assert_array_equal(y, positive(c.by_distance))
    assert background(view, 120) == CHOSEN
    assert background(view, 119).name() == tint(CONNECTIVITY, 1 + np.log10(c.relative[119]) / 3).name()
    cursor = QTextCursor(view.document())
    cursor.setPosition(int(view.starts[121]) + 1)
    assert cursor.charFormat().foreground().color() == AFTER      # after the token: no part of it
    assert panel.link_widget.isVisible() and panel.link_plot.titleLabel.text.startswith("connectivity of")
    mouse(view, QEvent.Type.MouseMove, 110)
    assert f"moves log p of token 120 by {c.norms[110]:.2e} (distance 10)" in panel.readout.text()
    panel.tint_combo.setCurrentIndex(SURPRISE)                    # back to surprisal; the click is kept
    assert background(view, 120).name() == tint(SURPRISAL, r.surprisal[120] / r.uniform_surprisal).name()


def test_a_checkpoint_is_compared_token_by_token(window, panel, qtbot, tmp_path):
    path = tmp_path / "step20.npz"
    window.worker.save(str(path))
    qtbot.waitUntil(lambda: path.exists(), timeout=10_000)
    window.train_steps(10)
    qtbot.waitUntil(lambda: window.iteration == STEPS + 10 and window.state == PAUSED, timeout=20_000)
    assert "(now 30: Read again)" in panel.status.text()
    panel.read_button.click()
    qtbot.waitUntil(lambda: panel.reading.iteration == STEPS + 10, timeout=10_000)
    assert panel.compare_button.isEnabled()
    panel.compare_with(str(path))
    qtbot.waitUntil(lambda: panel.comparison is not None, timeout=10_000)
    m = panel.comparison
    assert m.label == "step20.npz" and m.other_iteration == STEPS and panel.tint_combo.currentIndex() == CHANGES
    assert f"step20.npz (step 20): perplexity {m.other_perplexity:.2f}; {m.easier:,} tokens easier now" in \
        panel.status.text()
    assert panel.other_curve.getOriginalDataset()[1] is not None and panel.ppl_widget.isVisible()
    mouse(panel.text_view, QEvent.Type.MouseMove, 300)
    assert f"{m.delta[300]:+.2f} nats against step20.npz" in panel.readout.text()


def test_a_pasted_text_is_refused_in_one_line_then_read_without_its_unknown_tokens(window, panel, qtbot):
    panel.source_combo.setCurrentIndex(1)
    assert panel.paste_row.isVisible()
    panel.paste_edit.setPlainText("The keeper€ came")
    panel.read_button.click()
    qtbot.waitUntil(lambda: bool(panel.failure), timeout=10_000)
    assert panel.status.text() == ("the model's vocabulary, which has no <unk>, lacks 1 of the text's tokens "
                                   "('€'): remove them, or choose to skip them")
    assert panel.reading.source == "valid"                   # the text shown stays
    panel.skip_box.setChecked(True)
    panel.read_button.click()
    qtbot.waitUntil(lambda: panel.reading.source == "text", timeout=10_000)
    assert "".join(panel.reading.tokens) == "The keeper came" and panel.reading.dropped == 1
    assert panel.text_view.toPlainText() == "The keeper came" and "1 unknown skipped" in panel.status.text()
    mouse(panel.text_view, QEvent.Type.MouseMove, 0)
    assert "the first token is only read: nothing predicts it" in panel.readout.text()


def test_language_switch_redoes_the_texts(window, panel):
    try:
        i18n.set_language("ko", window.settings)
        assert panel.read_button.text() == i18n.translate("text_lens", "Read")
        assert panel.compare_button.text() == i18n.translate("text_lens", "Compare with checkpoint…")
        assert panel.source_combo.itemText(0) == i18n.translate("text_lens", "Validation split")
        assert panel.status.text().startswith(i18n.translate("lens_readout", "validation split"))
    finally:
        i18n.set_language("en", window.settings)
    assert panel.read_button.text() == "Read" and panel.tint_combo.itemText(LINKS) == "connectivity"
    assert window.docks["textLensPanel"].windowTitle() == "Text lens"
