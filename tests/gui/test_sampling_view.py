"""Sampling completes (issue 19, item 5), through the window and its real thread worker: the
console's "stop at <eos>" (on for word level, off and disabled without <eos>) and a sample that
stops there; the next-token view's "all V" mode, every bar of a small vocabulary in rank order,
with the entropy the engine measured."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.distribution import bin_probabilities
from rnnviz.gui.main_window import MainWindow

PATIENCE = 20_000
SENTENCES = ["the cat sat on the mat .", "a dog ran to the park .", "the dog sat .",
             "a cat ran on the mat .", "the park is big ."]


@pytest.fixture
def sentences(tmp_path):
    """A word-level corpus of short sentences: 13 words and <eos>, so every rank gets a bar."""
    path = tmp_path / "sentences.txt"
    path.write_text("\n".join(SENTENCES * 40) + "\n")
    return str(path)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(settings, worker="thread", interactive=False, restore_layout=False)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.worker.is_alive():
        win.close()


def build(window, qtbot, source: str, level: str) -> None:
    """Build a small run on ``source`` at ``level`` as Apply does, and wait for it."""
    before = window.info
    window.experiment.set_config({"source": source, "level": level},
                                 ModelConfig(vocab_size=2, embed_size=16, hidden_size=24, cell="lstm"),
                                 TrainConfig(batch_size=4, bptt=8, optimizer="adam", lr=0.02, epochs=50))
    window.apply_config(*window.experiment.config())
    qtbot.waitUntil(lambda: window.info is not None and window.info is not before, timeout=PATIENCE)


def test_stop_at_eos_is_on_for_words_and_off_without_eos(window, qtbot, sentences):
    console = window.panels["samplePanel"]
    build(window, qtbot, sentences, "word")
    assert window.info.vocab.eos_id is not None
    assert console.stop_at_eos.isEnabled() and console.stop_at_eos.isChecked()
    assert console.settings()["stop_at_eos"] is True
    console.stop_at_eos.setChecked(False)           # the learner's choice outlives a reset
    window.worker.reset()
    qtbot.waitUntil(lambda: window.info.iteration == 0 and console.vocab is not None, timeout=PATIENCE)
    assert not console.stop_at_eos.isChecked()
    build(window, qtbot, "tale", "char")            # the tale's characters have no <eos>
    assert window.info.vocab.eos_id is None
    assert not console.stop_at_eos.isEnabled() and not console.stop_at_eos.isChecked()
    assert console.settings()["stop_at_eos"] is False
    assert "no <eos>" in console.stop_at_eos.toolTip()
    build(window, qtbot, sentences, "word")         # a new word vocabulary: on again
    assert console.stop_at_eos.isEnabled() and console.stop_at_eos.isChecked()


def test_a_sample_stops_at_eos_and_says_where(window, qtbot, sentences):
    console = window.panels["samplePanel"]
    build(window, qtbot, sentences, "word")
    window.train_steps(30)
    qtbot.waitUntil(lambda: window.iteration >= 30, timeout=PATIENCE)
    console.prefix.setText("the")
    console.length.setValue(200)
    console.seed.setValue(1)
    console.generate_button.click()
    qtbot.waitUntil(lambda: window.history.latest_sample is not None and console.generate_button.isEnabled(),
                    timeout=PATIENCE)
    result = window.history.latest_sample
    assert result.stopped_at_eos and result.tokens[-1] == "<eos>" and "<eos>" not in result.tokens[:-1]
    assert len(result.tokens) < 200
    status = console.status.text()
    assert f"stopped at &lt;eos&gt;: token {len(result.tokens)} of at most 200" in status
    assert console.output.toPlainText().rstrip("\n").endswith("⏎")
    # Off, the same seed writes on through sentence ends to its full length.
    console.stop_at_eos.setChecked(False)
    console.generate_button.click()
    qtbot.waitUntil(lambda: window.history.latest_sample is not result and console.generate_button.isEnabled(),
                    timeout=PATIENCE)
    longer = window.history.latest_sample
    assert len(longer.tokens) == 200 and not longer.stopped_at_eos and longer.tokens.count("<eos>") > 1
    assert longer.tokens[:len(result.tokens)] == result.tokens
    assert "stopped at" not in console.status.text()


def test_all_mode_shows_every_token_sorted_with_the_entropy(window, qtbot, sentences):
    panel = window.panels["softmaxPanel"]
    build(window, qtbot, sentences, "word")
    window.train_steps(20)
    qtbot.waitUntil(lambda: window.iteration >= 20 and panel.probe is not None
                    and panel.probe.iteration >= 20, timeout=PATIENCE)
    probe = panel.probe
    V = len(window.info.vocab)
    assert V == probe.vocab_size == 14
    assert panel.mode.itemText(1) == "all 14"
    panel.set_mode("all")
    assert panel.views.currentWidget() is panel.all_view
    view = panel.all_view
    for t in (probe.input_ids.size - 1, 2):
        panel.set_selected_time(t)
        heights = view.bar_heights()
        assert view.bar_count() == V                               # one bar per token
        assert np.all(np.diff(heights) <= 0)                      # in rank order
        np.testing.assert_allclose(heights, np.exp(probe.dist_logp[t].astype(np.float64)))
        assert abs(heights.sum() - 1) < 2e-3
        np.testing.assert_allclose(heights[:10], probe.top_probs[t], rtol=5e-3)
        text = view.summary.text()
        H = float(probe.entropy[t])
        assert f"H = {H:.2f} nats = {H / np.log(2):.2f} bits" in text
        assert f"rank {int(probe.target_ranks[t])} of 14" in text
        # The target's bar is the orange one, at its rank.
        brushes = view.bars.opts["brushes"]
        orange = [i for i, b in enumerate(brushes) if b.color().name() == "#ff7f0e"]
        assert orange == [int(probe.target_ranks[t]) - 1]
        assert view.marker.value() == pytest.approx(float(probe.target_ranks[t]))
    # Back to the top 10: the bars by name again, at the same time step.
    panel.set_mode("top")
    assert panel.views.currentWidget() is not panel.all_view and len(panel.bar_heights()) >= 3


def test_binned_bins_of_a_larger_vocabulary_keep_their_mass(window, qtbot):
    """The tale at word level: 930 tokens, more than a probe keeps one by one: the first ranks
    exact, the rest log-spaced bins on a log rank axis, together holding all the probability."""
    panel = window.panels["softmaxPanel"]
    build(window, qtbot, "tale", "word")
    window.step()
    qtbot.waitUntil(lambda: panel.probe is not None, timeout=PATIENCE)
    panel.set_mode("all")
    probe, view = panel.probe, panel.all_view
    t = panel.current_time()
    first, last, mean = bin_probabilities(probe.dist_starts, probe.dist_logp[t], probe.vocab_size)
    assert view.bar_count() == len(first) < probe.vocab_size == 930
    assert abs((view.bar_heights() * (last - first + 1)).sum() - 1) < 2e-3
    assert view.plot.getAxis("bottom").logMode and "bin of ranks" in view.summary.toolTip()
