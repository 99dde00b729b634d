"""The main window with its real worker, engine and panels: controls, status, files, closing.

Every test runs twice, on the thread worker and on the process worker users get (the training
loop in a child process), so each observes the run only as the window does: its events, info,
history and form, and checkpoints it writes. The session object is out of reach in a child.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QToolButton

from rnnviz.engine.checkpoint import load_checkpoint
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.panels import REGISTRY as PANELS
from rnnviz.gui.panels.registry import steps
from rnnviz.gui.rewind_dialog import REWIND, RewindChoice, RewindDialog
from rnnviz.runtime.messages import DIVERGED, PAUSED, TRAINING, RunReady, StateChanged

from .soak import train_and_paint


class Dialogs:
    """Records QMessageBox calls instead of opening modal dialogs."""

    def __init__(self, monkeypatch, answer=QMessageBox.Yes):
        self.calls: list[tuple[str, str, str]] = []
        for kind in ("critical", "warning", "information", "question"):
            monkeypatch.setattr(QMessageBox, kind, self._record(kind, answer))
        self.rewind_choice: RewindChoice | None = None      # the rewind dialog's answer
        self.rewind_asked: list[tuple[list[int], int | None, float, str | None]] = []

        def ask(parent, points, step, lr, message=None):
            self.rewind_asked.append((list(points), step, lr, message))
            self.calls.append(("rewind", "Training diverged" if message else "Rewind", message or ""))
            return self.rewind_choice
        monkeypatch.setattr(RewindDialog, "ask", staticmethod(ask))

    def _record(self, kind, answer):
        def record(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return answer
        return staticmethod(record)

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


# A child process starts in about a second and answers through a pipe: waits allow for it.
PATIENCE = 20_000


@pytest.fixture(params=["thread", "process"])
def worker(request):
    """The worker kind a window gets: the thread, and the child process users run."""
    return request.param


@pytest.fixture
def window(qtbot, tmp_path, dialogs, worker):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(settings, worker=worker)
    qtbot.addWidget(win)
    form = win.experiment
    form.hidden_spin.setValue(32)       # a small model keeps every test quick
    form.embed_spin.setValue(16)
    form.batch_spin.setValue(32)
    form.bptt_spin.setValue(16)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    assert win.start()
    qtbot.waitUntil(lambda: win.info is not None, timeout=PATIENCE)
    assert win.worker_kind == worker
    yield win
    if win.worker.is_alive():
        win.interactive = False         # teardown: nothing to ask, whatever a test patched
        win.close()


class WorkerReports:
    """The worker's own reports (state changes, new runs) as the window drains them from its
    mailbox: what the worker says it did, the same from a thread and from a child process."""

    def __init__(self, window):
        self.states: list[StateChanged] = []
        self.runs: list[RunReady] = []
        mailbox = window.worker.mailbox
        drain = mailbox.drain

        def drain_and_keep():
            events = drain()
            self.states.extend(e for e in events if isinstance(e, StateChanged))
            self.runs.extend(e for e in events if isinstance(e, RunReady))
            return events
        mailbox.drain = drain_and_keep

    @property
    def state(self) -> StateChanged | None:
        """The worker's latest report of its state, with its iteration then."""
        return self.states[-1] if self.states else None

    @property
    def paused(self) -> bool:
        return self.state is not None and self.state.state == PAUSED


@pytest.fixture
def reports(window):
    return WorkerReports(window)


def saved_run(window, qtbot, path):
    """The run as the worker holds it, read from a checkpoint the window has it write."""
    assert not path.exists()
    window.save_checkpoint(str(path))
    # Done when the window hears the worker's Saved (it lists the file as recent), not when
    # the file appears: the worker's save is not over yet then.
    qtbot.waitUntil(lambda: str(path.resolve()) in window.recent_checkpoints(), timeout=PATIENCE)
    return load_checkpoint(path)


def button(win, name: str):
    found = win.findChild(QToolButton, name) or win.findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_window_opens_ready_with_every_panel(window):
    assert window.objectName() == "mainWindow"
    for spec in PANELS:
        panel = window.findChild(type(window.panels[spec.name]), spec.name)
        assert panel is not None and panel.isVisible(), spec.name
        assert window.docks[spec.name].objectName() == f"dock_{spec.name}"
    assert window.experiment_dock.isVisible()
    assert window.info.model_config.cell == "lstm" and window.info.corpus_name == "tale"
    assert window.state == PAUSED


def test_play_and_pause_with_the_button(window, qtbot, reports):
    qtbot.mouseClick(button(window, "playButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=PATIENCE)
    assert window.state == TRAINING
    assert window.findChild(QLabel, "statusState").text() == "training"
    qtbot.mouseClick(button(window, "playButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: reports.paused, timeout=PATIENCE)
    qtbot.wait(100)
    stopped = window.iteration
    qtbot.wait(500)
    assert window.iteration == stopped == reports.state.iteration       # as the worker says
    assert window.findChild(QLabel, "statusState").text() == "paused"
    assert f"{stopped:,}" in window.findChild(QLabel, "iterationLabel").text()


def test_space_plays_and_pauses_and_s_steps_once(window, qtbot, reports):
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.iteration >= 2, timeout=PATIENCE)
    qtbot.keyClick(window, Qt.Key_Space)
    qtbot.waitUntil(lambda: reports.paused, timeout=PATIENCE)
    qtbot.wait(100)
    before = window.iteration
    qtbot.keyClick(window, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == before + 1, timeout=PATIENCE)
    qtbot.keyClick(window, Qt.Key_Right)
    qtbot.waitUntil(lambda: window.iteration == before + 2, timeout=PATIENCE)
    qtbot.wait(200)
    assert window.iteration == before + 2
    assert window.history.latest_probe.iteration == before + 2     # a single step always probes
    assert window.state == PAUSED


def test_status_bar_follows_training(window, qtbot):
    window.train_steps(12)
    qtbot.waitUntil(lambda: window.iteration == 12 and window.state == PAUSED, timeout=PATIENCE)
    assert window.findChild(QLabel, "iterationLabel").text() == "iteration 12"
    ipe = window.info.iters_per_epoch
    assert f"{12 / ipe:.2f}" in window.findChild(QLabel, "epochLabel").text()


def test_evaluate_every_reaches_the_worker_without_a_rebuild(window, qtbot, tmp_path):
    info = window.info
    window.experiment.eval_every_spin.setValue(4)
    window.train_steps(9)
    qtbot.waitUntil(lambda: window.iteration == 9 and window.state == PAUSED, timeout=PATIENCE)
    assert list(window.history.eval_column("iteration")) == [4, 8]
    saved = saved_run(window, qtbot, tmp_path / "run.npz")
    assert window.info is info and saved.train_config.eval_every == 4


def test_step_epoch_trains_to_the_epoch_end(window, qtbot):
    qtbot.mouseClick(button(window, "stepEpochButton"), Qt.LeftButton)
    ipe = window.info.iters_per_epoch
    qtbot.waitUntil(lambda: window.iteration == ipe and window.state == PAUSED, timeout=PATIENCE)
    assert len(window.history.eval_column("perplexity")) == 1


def test_apply_with_a_new_hidden_size_rebuilds(window, qtbot, dialogs, tmp_path):
    window.train_steps(4)
    qtbot.waitUntil(lambda: window.iteration == 4, timeout=PATIENCE)
    window.experiment.hidden_spin.setValue(24)
    qtbot.mouseClick(button(window, "applyButton"), Qt.LeftButton)
    qtbot.waitUntil(lambda: window.info.param_shapes["lstm0.Wh"] == (24, 96), timeout=PATIENCE)
    assert window.iteration == 0 and len(window.history) == 0
    assert saved_run(window, qtbot, tmp_path / "run.npz").model.params["lstm0.Wh"].shape == (24, 96)
    (question,) = dialogs.of("question")
    assert "Discard 4 steps of training?" in question[2]


def test_live_learning_rate_reaches_the_session(window, qtbot):
    window.experiment.lr_spin.setValue(0.0321)
    window.step()
    qtbot.waitUntil(lambda: window.iteration == 1, timeout=PATIENCE)
    assert window.history.latest_stats.lr == pytest.approx(0.0321)


def test_invalid_settings_show_inline_not_a_crash(window):
    form = window.experiment
    form.tie_check.setChecked(True)         # embed 16 != hidden 32
    assert not form.validate()
    assert "embed_size == hidden_size" in form.error_label.text()
    assert not form.apply_button.isEnabled()


def diverge(window, qtbot, dialogs):
    """SGD at a huge rate, clipping off: the run blows up within a few steps."""
    form = window.experiment
    form.optimizer_combo.setCurrentIndex(form.optimizer_combo.findData("sgd"))
    form.lr_spin.setValue(100.0)
    form.clip_spin.setValue(0.0)
    form.apply()
    qtbot.waitUntil(lambda: window.info.train_config.lr == 100.0, timeout=PATIENCE)
    window.play()
    qtbot.waitUntil(lambda: bool(dialogs.of("rewind")), timeout=PATIENCE)


def test_divergence_offers_rewind_and_pauses(window, qtbot, dialogs):
    diverge(window, qtbot, dialogs)
    points, step, lr, message = dialogs.rewind_asked[0]
    assert "lower the learning rate" in message and "Reset" in message
    assert step in points and lr == pytest.approx(10.0)
    assert window.state == DIVERGED
    assert window.findChild(QLabel, "statusState").text() == "diverged"


def test_rewind_after_divergence_trains_on_with_finite_loss(window, qtbot, dialogs):
    dialogs.rewind_choice = RewindChoice(REWIND, 0, 0.5)
    diverge(window, qtbot, dialogs)
    qtbot.waitUntil(lambda: window.info.iteration == 0 and window.experiment.lr_spin.value() == 0.5,
                    timeout=PATIENCE)
    assert window.info.lr == 0.5                # the rate in force, as the rewound run reports it
    assert len(window.history) == 0             # the curves went back with the weights
    window.train_steps(30)
    qtbot.waitUntil(lambda: window.iteration == 30 and window.state == PAUSED, timeout=PATIENCE)
    losses = window.history.column("loss")
    assert len(losses) == 30 and np.isfinite(losses).all() and len(dialogs.of("rewind")) == 1


def test_run_rewind_goes_back_to_a_kept_step(window, qtbot, dialogs):
    window.train_steps(60)
    qtbot.waitUntil(lambda: window.iteration == 60 and window.state == PAUSED, timeout=PATIENCE)
    loss_at_26 = window.history.column("loss")[25]
    dialogs.rewind_choice = RewindChoice(REWIND, 25, window.experiment.lr_spin.value())
    window.findChild(QAction, "actionRewind").trigger()
    assert dialogs.rewind_asked[-1][0] == [0, 25, 50] and dialogs.rewind_asked[-1][3] is None
    qtbot.waitUntil(lambda: window.info.iteration == 25, timeout=PATIENCE)
    assert len(window.history) == 25
    window.step()
    qtbot.waitUntil(lambda: window.iteration == 26, timeout=PATIENCE)
    assert window.history.column("loss")[25] == loss_at_26     # the same batch, the same weights


def test_boxes_show_the_rate_in_force_after_reset(window, qtbot, dialogs, tmp_path):
    form = window.experiment
    configured = window.info.train_config.lr
    form.lr_spin.setValue(0.05)                 # live: the optimizer takes it at once
    window.train_steps(3)
    qtbot.waitUntil(lambda: window.iteration == 3 and window.state == PAUSED, timeout=PATIENCE)
    assert saved_run(window, qtbot, tmp_path / "before.npz").optimizer.lr == 0.05
    window.reset()
    qtbot.waitUntil(lambda: window.info.iteration == 0 and len(window.history) == 0, timeout=PATIENCE)
    assert form.lr_spin.value() == window.info.lr == configured     # info.lr: the optimizer's, reset
    form.lr_spin.setValue(0.05)                 # typing the old value again takes effect again
    # Commands are taken in order: the save comes after the new rate.
    assert saved_run(window, qtbot, tmp_path / "after.npz").optimizer.lr == 0.05


def test_bad_corpus_files_keep_the_run(window, qtbot, dialogs, tmp_path):
    window.train_steps(3)
    qtbot.waitUntil(lambda: window.iteration == 3 and window.state == PAUSED, timeout=PATIENCE)
    info = window.info
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 ".encode("latin-1") * 100)
    os.mkfifo(tmp_path / "pipe.txt")            # opened, it would block the worker forever
    for name in ("empty.txt", "binary.txt", "latin1.txt", "pipe.txt"):
        window.open_corpus(str(tmp_path / name))
    qtbot.waitUntil(lambda: len(dialogs.of("critical")) == 4, timeout=PATIENCE)
    messages = [c[2] for c in dialogs.of("critical")]
    assert "empty file" in messages[0] and "binary" in messages[1] and "not UTF-8" in messages[2]
    assert "FIFO" in messages[3] and "pipe.txt" in messages[3]
    assert window.info is info and window.iteration == 3 and len(window.history) == 3


def test_save_then_open_checkpoint_restores_run_and_history(window, qtbot, tmp_path):
    window.train_steps(6)
    qtbot.waitUntil(lambda: window.iteration == 6 and window.state == PAUSED, timeout=PATIENCE)
    path = tmp_path / "run.npz"
    window.save_checkpoint(str(path))
    qtbot.waitUntil(lambda: path.exists(), timeout=PATIENCE)
    assert load_checkpoint(path).step == 6
    window.train_steps(4)
    qtbot.waitUntil(lambda: window.iteration == 10 and window.state == PAUSED, timeout=PATIENCE)
    window.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: window.iteration == 6, timeout=PATIENCE)
    assert len(window.history) == 6 and window.info.iteration == 6
    assert window.experiment.hidden_spin.value() == 32


def test_corrupt_checkpoint_shows_a_dialog_and_keeps_the_run(window, qtbot, dialogs, tmp_path, reports):
    window.train_steps(5)
    qtbot.waitUntil(lambda: window.iteration == 5 and window.state == PAUSED, timeout=PATIENCE)
    runs, info = len(reports.runs), window.info
    bad = tmp_path / "corrupt.npz"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    window.open_checkpoint(str(bad))
    qtbot.waitUntil(lambda: bool(dialogs.of("critical")), timeout=PATIENCE)
    assert dialogs.of("critical")[0][1] == "Could not open the checkpoint"
    assert len(reports.runs) == runs and window.info is info      # no new session in the worker
    assert window.iteration == 5 and len(window.history) == 5
    window.step()                                   # and it still trains
    qtbot.waitUntil(lambda: window.iteration == 6, timeout=PATIENCE)


def test_exports(window, qtbot, tmp_path, monkeypatch):
    window.train_steps(10)
    qtbot.waitUntil(lambda: window.iteration == 10 and window.state == PAUSED, timeout=PATIENCE)
    qtbot.wait(100)
    for spec in PANELS:
        for suffix in ("png", "svg"):
            out = tmp_path / f"{spec.name}.{suffix}"
            window.export_panel(spec.name, suffix, str(out))
            assert out.stat().st_size > 500, out
    # The seq2seq lab's views are in File > Export too; the menu's action writes the file.
    for view in window.seq2seq_lab.EXPORTS:
        for suffix in ("png", "svg"):
            out = tmp_path / f"seq2seq_{view}.{suffix}"
            monkeypatch.setattr(type(window), "_ask_save", lambda self, *args, o=out: str(o))
            window.findChild(QAction, f"actionExport_seq2seq_{view}_{suffix}").trigger()
            assert out.stat().st_size > 500, out
    window.export_metrics(str(tmp_path / "metrics.csv"))
    assert len((tmp_path / "metrics.csv").read_text().splitlines()) == 11
    window.export_config(str(tmp_path / "config.json"))
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["model"]["hidden_size"] == 32 and config["iteration"] == 10


def test_sample_console_round_trip(window, qtbot):
    console = window.panels["samplePanel"]
    window.request_sample({"prefix": "The ", "length": 25, "temperature": 1.0, "top_k": 0,
                           "greedy": False, "seed": 2})
    qtbot.waitUntil(lambda: window.history.latest_sample is not None, timeout=PATIENCE)
    assert window.history.latest_sample.text.startswith("The ")
    qtbot.waitUntil(lambda: console.generate_button.isEnabled(), timeout=PATIENCE)


def test_layout_is_remembered(qtbot, tmp_path, dialogs, worker):
    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.IniFormat)
    first = MainWindow(settings, worker=worker)
    qtbot.addWidget(first)
    first.show()
    first.docks["gradFlowPanel"].hide()
    first.close()
    second = MainWindow(settings, worker=worker)
    qtbot.addWidget(second)
    second.show()
    assert not second.docks["gradFlowPanel"].isVisible()
    second.reset_layout()
    assert second.docks["gradFlowPanel"].isVisible()
    second.close()


def test_closing_while_training_stops_the_worker(window, qtbot):
    window.play()
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=PATIENCE)
    assert window.worker.is_alive()
    window.close()
    assert not window.worker.is_alive()
    assert window.join_seconds is not None


def test_step_spam_advances_by_exactly_the_presses(window, qtbot):
    for _ in range(25):
        qtbot.keyClick(window, Qt.Key_S)
    qtbot.waitUntil(lambda: window.iteration == 25, timeout=PATIENCE)
    qtbot.wait(150)
    assert window.iteration == 25 and window.state == PAUSED


def test_apply_during_training_rebuilds_and_pauses(window, qtbot, dialogs, reports):
    window.play()
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=PATIENCE)
    window.experiment.cell_combo.setCurrentIndex(window.experiment.cell_combo.findData("gru"))
    window.experiment.apply()
    qtbot.waitUntil(lambda: window.info.model_config.cell == "gru", timeout=PATIENCE)
    qtbot.waitUntil(lambda: reports.paused, timeout=PATIENCE)
    qtbot.wait(150)
    assert window.state == PAUSED and window.iteration == 0 and len(window.history) == 0
    assert "lstm0.Wh" not in window.info.param_shapes and "gru0.Wh" in window.info.param_shapes


def test_closing_during_a_long_sample_stops_the_worker(window, qtbot):
    window.request_sample({"prefix": "a", "length": 100_000, "temperature": 1.0, "top_k": 0,
                           "greedy": False, "seed": None})
    qtbot.waitUntil(lambda: window.panels["samplePanel"]._count > 20, timeout=PATIENCE)
    window.close()
    assert not window.worker.is_alive()


def test_a_bad_checkpoint_at_start_still_opens_ready(qtbot, tmp_path, dialogs, worker):
    bad = tmp_path / "bad.npz"
    bad.write_text("not a checkpoint")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker=worker)
    qtbot.addWidget(win)
    win.show()
    win.start(checkpoint=str(bad))
    qtbot.waitUntil(lambda: win.info is not None, timeout=PATIENCE)
    assert dialogs.of("critical")[0][1] == "Could not open the checkpoint"
    assert win.info.corpus_name == "tale"
    win.close()


@pytest.mark.slow
def test_soak_hundreds_of_frames_while_training(window, qtbot, monkeypatch, reports):
    """A class of Qt binding bugs (reference counting) shows only after hundreds of repaints."""
    from rnnviz.gui import redraw
    monkeypatch.setattr(redraw, "GUI_BUDGET", {"thread": 1.0, "process": 1.0})   # every tick paints
    assert train_and_paint(window, qtbot) >= 300
    assert window.state == TRAINING and window.worker.is_alive()
    window.pause()
    qtbot.waitUntil(lambda: reports.paused, timeout=PATIENCE)


def test_scripted_screenshot(tmp_path, worker):
    import os
    import subprocess
    import sys
    out = tmp_path / "shot.png"
    code = ("import sys; from rnnviz.gui.app import main; "
            f"sys.exit(main({{'screenshot': {str(out)!r}, 'screenshot_steps': 12}}))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path),
           "RNNVIZ_WORKER": worker}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "at step 12" in done.stdout
    from PySide6.QtGui import QImage
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)


def test_a_missing_corpus_at_start_falls_back_to_the_default(qtbot, tmp_path, dialogs, worker):
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), worker=worker)
    qtbot.addWidget(win)
    win.show()
    assert win.start(corpus=str(tmp_path / "missing.txt"))
    qtbot.waitUntil(lambda: win.info is not None, timeout=PATIENCE)
    assert "no such file" in dialogs.of("critical")[0][2]
    assert win.info.corpus_name == "tale"
    win.close()


def test_after_training_every_panel_shows_the_latest_data(window, qtbot):
    window.train_steps(30)
    qtbot.waitUntil(lambda: window.iteration == 30 and window.state == PAUSED, timeout=PATIENCE)
    qtbot.wait(100)
    checked = set()
    # A tab behind another is redrawn when it is brought forward: bring each one forward.
    for spec in PANELS:
        window.docks[spec.name].raise_()
        qtbot.wait(50)
        window.tick()
        panel = window.panels[spec.name]
        assert panel.isVisible() and not panel.visibleRegion().isEmpty(), spec.name
        checked.add(spec.name)
        if spec.reads is steps:
            assert window._seen[spec.name][1] == window.history.version, spec.name
        elif spec.reads is not None:
            assert spec.reads(window.history) is not None, spec.name
            assert window._seen[spec.name][1] is spec.reads(window.history), spec.name
    assert checked == {spec.name for spec in PANELS}
    x, _ = window.panels["perplexityPanel"].raw_curve.getData()
    assert len(x) == 30 and x[-1] == 30


def test_issue_object_names_are_findable(window):
    from PySide6.QtCore import QObject
    names = ["actionPlay", "actionStep", "actionStepEpoch", "actionReset", "iterationLabel",
             "learningRateSpin", "clipSpin", "corpusCombo", "perplexityPanel", "gradientPanel",
             "gradFlowPanel", "hiddenStatePanel", "softmaxPanel", "samplePanel", "prefixEdit",
             "sampleButton", "temperatureSpin", "topKSpin", "greedyCheck", "lengthSpin", "sampleOutput",
             "graphPanel", "graphForwardStep", "graphBackwardStep", "graphClip", "graphUpdate"]
    missing = [n for n in names if window.findChild(QObject, n) is None]
    assert missing == []
    assert "0" in window.findChild(QObject, "iterationLabel").text()


def test_typing_a_prefix_does_not_trigger_the_shortcuts(window, qtbot):
    field = window.panels["samplePanel"].prefix
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2_000)
    qtbot.keyClicks(field, "so say s")
    qtbot.wait(300)
    assert field.text() == "so say s"
    assert window.iteration == 0 and window.state == PAUSED


def test_the_seq2seq_lab_tab_builds_when_first_shown_and_decodes(window, qtbot):
    lab = window.seq2seq_lab
    qtbot.wait(300)
    assert lab.builds == 0                              # nobody opened it: nothing built
    window.show_seq2seq()
    qtbot.waitUntil(lambda: lab.builds == 1, timeout=PATIENCE)
    field = window.findChild(QLineEdit, "seq2seqQuestion")
    field.setFocus()
    qtbot.keyClicks(field, "12+34")
    qtbot.keyClick(field, Qt.Key_Return)
    qtbot.waitUntil(lambda: lab.ask.strip.trace is not None, timeout=PATIENCE)
    assert lab.ask.strip.trace.question == "12+34" and lab.ask.strip.steps == 4
    assert window.iteration == 0                        # the language model did not move
    # The typed question, unrolled into the graph panel; the stepper keeps working for the LM.
    graph = window.panels["graphPanel"]
    unroll = button(window, "seq2seqUnroll")
    assert unroll.isVisible()
    qtbot.mouseClick(unroll, Qt.LeftButton)
    qtbot.waitUntil(lambda: graph.frame is not None and graph.frame.encoder_steps == 7, timeout=PATIENCE)
    assert graph.frame.caption == "your question: 12+34 → 46" and window.docks["graphPanel"].isVisible()
    # The lab floats over the main window: the graph floats above it rather than hide beneath it.
    lab_dock, graph_dock = window.seq2seq_dock, window.docks["graphPanel"]
    assert lab_dock.isFloating() and graph_dock.isFloating() and lab_dock.isVisible()
    assert graph_dock.geometry().intersects(lab_dock.geometry())
    screen = window.screen().availableGeometry().adjusted(-4, -4, 4, 4)       # give the frame a few px
    assert screen.contains(graph_dock.geometry())
    assert graph.caption.text().startswith("One question and its answer")
    qtbot.wait(150)                                     # a few ~30 Hz refreshes: the example stays
    assert graph.frame.encoder_steps == 7
    forward = button(window, "graphForwardStep")
    assert forward.isEnabled()
    qtbot.mouseClick(forward, Qt.LeftButton)
    qtbot.waitUntil(lambda: graph.frame.encoder_steps == 0, timeout=PATIENCE)
    assert graph.frame.stepping and graph.caption.text().startswith("One batch row")
    window.close()
    assert not lab.worker.is_alive()


def test_view_menu_lists_the_seq2seq_lab_once(window):
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    texts = [a.text() for a in view.actions() if not a.isSeparator()]
    assert texts.count("Seq2seq lab") == 1 and len(texts) == len(set(texts)), texts
    lab = window.findChild(QAction, "actionShowSeq2seq")
    assert lab in view.actions() and lab.shortcut().toString() == "L"


def test_an_opened_checkpoint_shows_its_epoch_before_the_next_step(window, qtbot, tmp_path):
    window.train_steps(6)
    qtbot.waitUntil(lambda: window.iteration == 6 and window.state == PAUSED, timeout=PATIENCE)
    path = tmp_path / "run.npz"
    window.save_checkpoint(str(path))
    qtbot.waitUntil(lambda: path.exists(), timeout=PATIENCE)
    window.reset()
    qtbot.waitUntil(lambda: window.iteration == 0, timeout=PATIENCE)
    window.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: window.iteration == 6, timeout=PATIENCE)
    window.tick()
    info = window.info
    want = f"epoch {6 / info.iters_per_epoch:.2f} of {info.train_config.epochs}"
    assert window.findChild(QLabel, "epochLabel").text() == want


def test_reset_asks_with_training_paused_and_no_resumes_it(window, qtbot, monkeypatch, reports):
    asked = []

    def question(parent, title, text, *args):
        asked.append((text, reports.state.state, reports.state.iteration))     # as the worker says
        return answers.pop(0)

    answers = [QMessageBox.No, QMessageBox.Yes]
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.play()
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=PATIENCE)
    window.reset()
    text, state, steps = asked[0]
    assert state == PAUSED and f"Discard {steps:,} steps" in text      # the count is what is lost
    assert window.state == TRAINING                                    # No: training goes on
    qtbot.waitUntil(lambda: window.iteration > steps, timeout=PATIENCE)
    window.reset()
    assert asked[1][1] == PAUSED
    qtbot.waitUntil(lambda: window.iteration == 0 and reports.paused, timeout=PATIENCE)


def test_open_corpus_and_an_opened_checkpoint_leave_the_preset_box_custom(window, qtbot, tmp_path,
                                                                           monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from rnnviz.engine.presets import PRESETS
    form = window.experiment
    window.step()
    qtbot.waitUntil(lambda: window.iteration == 1, timeout=PATIENCE)
    path = tmp_path / "run.npz"
    window.save_checkpoint(str(path))
    qtbot.waitUntil(lambda: path.exists(), timeout=PATIENCE)
    text = tmp_path / "mine.txt"
    text.write_text("a corpus of my own, with words in it.\n" * 50)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(text), "")))
    form.load_preset("tale-lstm")
    assert form.preset_combo.currentData() == "tale-lstm"
    window.findChild(QAction, "actionOpenCorpus").trigger()
    qtbot.waitUntil(lambda: window.info.corpus_name == "mine.txt", timeout=PATIENCE)
    assert form.preset_combo.currentIndex() == -1
    form.load_preset("tale-lstm")
    window.open_checkpoint(str(path))
    qtbot.waitUntil(lambda: window.info.corpus_name == "tale" and window.iteration == 1, timeout=PATIENCE)
    assert form.preset_combo.currentIndex() == -1 and form.preset_combo.count() == len(PRESETS)


def test_checkpoint_and_export_dialogs_open_in_the_folder_last_used(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    texts, saved = tmp_path / "texts", tmp_path / "saved"
    texts.mkdir()
    saved.mkdir()
    (texts / "mine.txt").write_text("a corpus of my own, with words in it.\n" * 50)
    asked = []

    def open_file(parent, caption, folder="", *args):
        asked.append((caption, folder))
        return (str(texts / "mine.txt"), "") if "corpus" in caption else ("", "")

    def save_file(parent, caption, default="", *args):
        asked.append((caption, default))
        return str(saved / Path(default).name), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_file))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file))
    window.findChild(QAction, "actionOpenCorpus").trigger()
    qtbot.waitUntil(lambda: window.info.corpus_name == "mine.txt", timeout=PATIENCE)
    window.findChild(QAction, "actionOpenCheckpoint").trigger()
    window.findChild(QAction, "actionExportMetrics").trigger()
    window.findChild(QAction, "actionOpenCheckpoint").trigger()
    assert asked[0][1] == ""                                    # first ever: the dialog's default
    assert asked[1] == ("Open checkpoint", str(texts))
    assert asked[2] == ("Export metrics", str(texts / "metrics.csv"))
    assert asked[3] == ("Open checkpoint", str(saved))          # where the export went
    assert (saved / "metrics.csv").exists()


def _close_answering(window, monkeypatch, answer, save_to=None):
    """Close the window as a user would, answering the Save / Discard / Cancel question."""
    from PySide6.QtWidgets import QFileDialog
    asked = []

    def question(parent, title, text, *args):
        asked.append((title, text))
        return answer
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(save_to) if save_to else "", "")))
    closed = window.close()
    return closed, asked


def test_closing_with_unsaved_steps_asks_and_cancel_keeps_the_window(window, qtbot, monkeypatch):
    window.play()
    qtbot.waitUntil(lambda: window.iteration >= 3, timeout=PATIENCE)
    closed, asked = _close_answering(window, monkeypatch, QMessageBox.Cancel)
    assert not closed and window.isVisible() and window.worker.is_alive()
    assert asked and "steps were trained since it was last saved" in asked[0][1]
    assert window.state == TRAINING                 # Cancel: training goes on as before
    n = window.iteration
    qtbot.waitUntil(lambda: window.iteration > n, timeout=PATIENCE)
    window.pause()


def test_closing_with_save_writes_the_run_then_closes(window, qtbot, monkeypatch, tmp_path):
    window.train_steps(4)
    qtbot.waitUntil(lambda: window.iteration == 4 and window.state == PAUSED, timeout=PATIENCE)
    target = tmp_path / "kept.npz"
    closed, asked = _close_answering(window, monkeypatch, QMessageBox.Save, save_to=target)
    assert closed and asked and not window.worker.is_alive()
    assert load_checkpoint(target).step == 4


def test_closing_with_save_but_no_file_chosen_keeps_the_window(window, qtbot, monkeypatch):
    window.train_steps(2)
    qtbot.waitUntil(lambda: window.iteration == 2 and window.state == PAUSED, timeout=PATIENCE)
    closed, asked = _close_answering(window, monkeypatch, QMessageBox.Save, save_to=None)
    assert not closed and asked and window.worker.is_alive()


def test_closing_with_nothing_unsaved_asks_nothing(window, qtbot, monkeypatch, tmp_path):
    window.train_steps(3)
    qtbot.waitUntil(lambda: window.iteration == 3 and window.state == PAUSED, timeout=PATIENCE)
    window.save_checkpoint(str(tmp_path / "run.npz"))
    qtbot.waitUntil(lambda: window.unsaved_steps == 0, timeout=PATIENCE)
    closed, asked = _close_answering(window, monkeypatch, QMessageBox.Cancel)
    assert closed and asked == [] and not window.worker.is_alive()


def _seq2seq_checkpoint(path, steps=5):
    """A small seq2seq run saved by the engine (the lab's own default data set is large)."""
    from rnnviz.engine.config import Seq2seqConfig, TrainConfig
    from rnnviz.engine.pairs import load_pairs
    from rnnviz.engine.seq2seq_session import Seq2seqSession
    data = load_pairs("addition", n=800)
    session = Seq2seqSession(data, Seq2seqConfig(vocab_size=len(data.vocab), hidden_size=16, embed_size=8),
                             TrainConfig(batch_size=32, optimizer="adam", lr=1e-2, clip=5.0, epochs=2))
    for _ in range(steps):
        session.step()
    session.save(path)
    return session


def test_a_seq2seq_run_opens_in_the_lab_and_closing_asks_for_it_too(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "addition.npz"
    _seq2seq_checkpoint(path)
    window.open_checkpoint(str(path))               # File > Open checkpoint: it goes to the lab
    lab = window.seq2seq_lab
    qtbot.waitUntil(lambda: lab.iteration == 5 and lab.ready is not None, timeout=PATIENCE)
    assert window.seq2seq_dock.isVisible() and window.info.iteration == 0   # the language model is as it was
    assert str(path.resolve()) in window.recent_checkpoints()
    lab.step_epoch()                                # unsaved steps in the lab
    qtbot.waitUntil(lambda: lab.unsaved_steps > 0 and lab.state == "paused", timeout=PATIENCE)
    target = tmp_path / "lab-kept.npz"
    closed, asked = _close_answering(window, monkeypatch, QMessageBox.Save, save_to=target)
    assert closed and [t for t, _ in asked] == ["Close rnnviz"] and "seq2seq lab" in asked[0][1]
    assert target.exists()
