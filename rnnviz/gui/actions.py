"""The window's toolbar, menus and status bar, and the File menu's operations.

Kept apart from :mod:`rnnviz.gui.main_window` so that one reads as the data flow (worker ->
mailbox -> history -> panels) and this one as the list of things a user can do.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSpinBox, QStyle, QToolBar, QToolButton

from . import field_keys, file_dialogs
from .busy import BusyIndicator
from rnnviz.runtime.messages import TRAINING

SHORTCUTS_HELP = """<table cellpadding=3>
<tr><td><b>Space</b></td><td>Play / Pause</td></tr>
<tr><td><b>S</b> or <b>Right</b></td><td>Step: one truncated-BPTT block, with a probe</td></tr>
<tr><td><b>E</b></td><td>Train to the end of the epoch</td></tr>
<tr><td><b>Ctrl+R</b></td><td>Reset the weights</td></tr>
<tr><td><b>Ctrl+Z</b></td><td>Rewind to a recent step (after a divergence, say)</td></tr>
<tr><td><b>G</b></td><td>Show the BPTT stepper (unrolled graph and truncated-BPTT map)</td></tr>
<tr><td><b>L</b></td><td>Show the seq2seq lab</td></tr>
<tr><td><b>Enter</b> in the prefix field</td><td>Generate a sample</td></tr>
<tr><td><b>Esc</b></td><td>Leave a number field (Space, S, Right, E and G work in one too,
applying its new value first)</td></tr>
</table>"""


def _action(window: QMainWindow, text: str, name: str, slot, shortcuts=(), tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    # Window-wide, yet a text field that wants the key (a prefix being typed) still gets it.
    action.setShortcutContext(Qt.WindowShortcut)
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_controls(window) -> None:
    """Toolbar (Play, Step, Step epoch, Reset, speed cap), menus and status bar of ``window``."""
    style = window.style()
    window.play_icon = style.standardIcon(QStyle.SP_MediaPlay)
    window.pause_icon = style.standardIcon(QStyle.SP_MediaPause)
    window.play_action = _action(window, "Play", "actionPlay", window.toggle_play, ["Space"],
                                 "Play training (Space)")
    window.play_action.setIcon(window.play_icon)
    window.step_action = _action(window, "Step", "actionStep", window.step, ["S", "Right"],
                                 "One truncated-BPTT block: forward, backward, clip, update (S or Right)")
    window.step_action.setIcon(style.standardIcon(QStyle.SP_MediaSkipForward))
    window.step_epoch_action = _action(window, "Step epoch", "actionStepEpoch", window.step_epoch, ["E"],
                                       "Train to the end of the current epoch, then pause (E)")
    window.step_epoch_action.setIcon(style.standardIcon(QStyle.SP_MediaSeekForward))
    window.reset_action = _action(window, "Reset", "actionReset", window.reset, ["Ctrl+R"],
                                  "Fresh weights from the seed, iteration 0 (Ctrl+R)")
    window.reset_action.setIcon(style.standardIcon(QStyle.SP_BrowserReload))
    window.rewind_action = _action(window, "Rewind...", "actionRewind", window.rewind, ["Ctrl+Z"],
                                   "Go back to a recent step, e.g. after a divergence (Ctrl+Z)")
    window.evaluate_action = _action(window, "Evaluate validation", "actionEvaluate",
                                     lambda: window.worker.evaluate(), tip="Measure validation perplexity now")

    bar = QToolBar("Training", window)
    bar.setObjectName("trainingToolbar")
    bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))        # a 720 px screen has no height to spare for 24 px icons
    for action, name in ((window.play_action, "playButton"), (window.step_action, "stepButton"),
                         (window.step_epoch_action, "stepEpochButton"), (window.reset_action, "resetButton")):
        bar.addAction(action)
        button = bar.widgetForAction(action)
        button.setObjectName(name)
        if isinstance(button, QToolButton):
            button.setMinimumWidth(92)
    bar.addSeparator()
    bar.addWidget(QLabel(" Speed cap "))
    window.speed_spin = QSpinBox(objectName="speedCap")
    window.speed_spin.setRange(0, 1000)
    window.speed_spin.setSpecialValueText("unlimited")
    window.speed_spin.setSuffix(" steps/s")
    window.speed_spin.setToolTip("Slow training down for a class to follow (0 = as fast as it goes)")
    window.speed_spin.setMinimumWidth(120)
    window.speed_spin.valueChanged.connect(lambda v: window.worker.set_speed_cap(float(v)))
    bar.addWidget(window.speed_spin)
    window.addToolBar(Qt.TopToolBarArea, bar)

    _build_menus(window)
    _build_status(window)
    # Space, S, E, G also while a number field has the focus (committing it first).
    window.field_keys = field_keys.install(window)


def _build_menus(window) -> None:
    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    file_menu.addAction(_action(window, "Open corpus...", "actionOpenCorpus", lambda: window.open_corpus(),
                                ["Ctrl+O"], "Train on a text file of your own"))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "Open checkpoint...", "actionOpenCheckpoint",
                                lambda: window.open_checkpoint(), ["Ctrl+Shift+O"]))
    recent = file_menu.addMenu("Open recent")
    recent.setObjectName("menuRecent")
    recent.aboutToShow.connect(lambda: window.fill_recent_menu(recent))
    window.fill_recent_menu(recent)
    file_menu.addAction(_action(window, "Save checkpoint...", "actionSaveCheckpoint",
                                lambda: window.save_checkpoint(), ["Ctrl+S"]))
    file_menu.addAction(_action(window, "Save seq2seq run...", "actionSaveSeq2seq",
                                lambda: window.save_seq2seq_run(),
                                tip="Save the seq2seq lab's model and curves (open it with Open checkpoint)"))
    export = file_menu.addMenu("Export")
    for name, panel in window.panels.items():
        sub = export.addMenu(getattr(panel, "TITLE", name))
        for suffix in ("png", "svg"):
            sub.addAction(_action(window, f"{suffix.upper()} image...", f"actionExport_{name}_{suffix}",
                                  lambda _=False, n=name, s=suffix: window.export_panel(n, s)))
    for view, title in window.seq2seq_lab.EXPORTS.items():
        sub = export.addMenu(f"Seq2seq: {title.lower()}")
        for suffix in ("png", "svg"):
            sub.addAction(_action(window, f"{suffix.upper()} image...", f"actionExport_seq2seq_{view}_{suffix}",
                                  lambda _=False, v=view, s=suffix: window.export_seq2seq(v, s)))
    export.addSeparator()
    export.addAction(_action(window, "Metrics as CSV...", "actionExportMetrics", lambda: window.export_metrics()))
    export.addAction(_action(window, "Config as JSON...", "actionExportConfig", lambda: window.export_config()))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, "Quit", "actionQuit", window.close, ["Ctrl+Q"]))

    run_menu = menu.addMenu("&Run")
    for action in (window.play_action, window.step_action, window.step_epoch_action, window.reset_action):
        run_menu.addAction(action)
    run_menu.addAction(window.rewind_action)
    run_menu.addSeparator()
    run_menu.addAction(window.evaluate_action)

    view = menu.addMenu("&View")
    view.addAction(window.experiment_dock.toggleViewAction())
    # The lab has one entry: "Seq2seq lab" (L) below, which also gives it room to float.
    for dock in window.docks.values():
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    view.addAction(_action(window, "BPTT stepper", "actionShowStepper", window.show_stepper, ["G"],
                           "Show the unrolled graph and the truncated-BPTT map (G)"))
    view.addAction(_action(window, "Seq2seq lab", "actionShowSeq2seq", window.show_seq2seq, ["L"],
                           "Show the seq2seq lab: addition and dates with reverse, peeky, attention (L)"))
    layouts = view.addMenu("Layout")
    layouts.setObjectName("menuLayout")
    group = QActionGroup(window)
    window.layout_actions = {}
    for choice, text, tip in (("auto", "Automatic (by screen size)", "Compact on a laptop screen, wide on a large one"),
                              ("wide", "Wide (1600 x 1000 and up)", "Every panel side by side, captions shown"),
                              ("compact", "Compact (laptop)", "Fewer columns, captions folded, panels in tabs")):
        action = _action(window, text, f"actionLayout_{choice}", lambda _=False, c=choice: window.set_layout_choice(c),
                         tip=tip)
        action.setCheckable(True)
        action.setChecked(choice == window.layout_choice)
        group.addAction(action)
        layouts.addAction(action)
        window.layout_actions[choice] = action
    view.addAction(_action(window, "Reset layout", "actionResetLayout", window.reset_layout))

    help_menu = menu.addMenu("&Help")
    help_menu.addAction(_action(window, "Keyboard shortcuts", "actionShortcuts",
                                lambda: window.show_message("information", "Keyboard shortcuts",
                                                            SHORTCUTS_HELP)))
    # Actions must belong to the window for their shortcuts to work while the toolbar is hidden.
    window.addActions([window.play_action, window.step_action, window.step_epoch_action,
                       window.reset_action])


def _build_status(window) -> None:
    status = window.statusBar()

    def label(name: str, text: str, width: int) -> QLabel:
        widget = QLabel(text, objectName=name)
        widget.setMinimumWidth(width)
        widget.setStyleSheet("padding: 0 6px;")
        status.addPermanentWidget(widget)
        return widget

    # Left of the counters: what the worker is busy with (loading, building, evaluating, saving).
    window.busy = BusyIndicator()
    status.addPermanentWidget(window.busy)
    window.iteration_label = label("iterationLabel", "iteration 0", 130)
    window.epoch_label = label("epochLabel", "epoch 0.00", 130)
    window.tokens_label = label("tokensLabel", "– tokens/s", 120)
    window.state_label = label("statusState", "paused", 90)
    window._set_state(window.state)


class FileActions:
    """The File menu's operations, mixed into :class:`~rnnviz.gui.main_window.MainWindow`.

    Each takes an optional path; without one it asks with a file dialog that opens in the
    folder last used (tests and scripts pass paths). Failures become a dialog, never an
    exception out of a menu click.
    """

    def _ask_save(self, title: str, default: str, filters: str) -> str | None:
        return file_dialogs.save_file(self, self.settings, title, default, filters)

    def _pause_and_sync(self, timeout: float = 2.0) -> None:
        """Pause, then wait until every step the worker made is in the history."""
        if self.state != TRAINING:
            self.tick()
            return
        self.worker.pause()
        # The worker posts "paused" after its last step snapshot, so once it is seen the
        # history is complete.
        self.drain_until(lambda: self.state != TRAINING, timeout)

    def drain_until(self, done, timeout: float) -> bool:
        """Keep the window alive (events processed, the mailbox drained) until ``done()`` holds
        or ``timeout`` seconds pass; True if it held."""
        deadline = time.perf_counter() + timeout
        while not done():
            if time.perf_counter() > deadline:
                return False
            QApplication.processEvents(QEventLoop.AllEvents, 20)
            self.tick()
            time.sleep(0.005)
        return True

    def open_corpus(self, path: str | None = None) -> None:
        """Pick a text file, select it in the experiment form and build a run on it."""
        if path is None:
            path = self.experiment.choose_corpus_file()
            if path is None:
                return
        else:
            self.experiment.set_corpus(str(path))
        self.experiment.apply()

    def save_checkpoint(self, path: str | None = None) -> bool:
        """Pause and have the worker write the run with its history (which the worker keeps).

        Returns True when the worker was asked to save (it confirms with a ``Saved`` event or
        reports why not), False when there is nothing to save or the file dialog was cancelled.
        """
        if self.info is None:
            self.show_message("information", "Nothing to save", "Build a model first (Apply).")
            return False
        self._pause_and_sync()
        if path is None:
            default = f"{Path(self.info.corpus_name).stem}-{self.info.model_config.cell}-{self.iteration}.npz"
            path = self._ask_save("Save checkpoint", default, "rnnviz checkpoints (*.npz)")
            if path is None:
                return False
        if not str(path).endswith(".npz"):
            path = f"{path}.npz"
        self.worker.save(str(path))
        return True

    def open_checkpoint(self, path: str | None = None) -> None:
        """Continue a saved run: weights, optimizer, position and curves. A bad file changes nothing.

        A seq2seq run goes to the seq2seq lab, a language model to the window.
        """
        from rnnviz.engine.checkpoint import CheckpointError, checkpoint_kind
        if path is None:
            path = file_dialogs.open_file(self, self.settings, "Open checkpoint",
                                          "rnnviz checkpoints (*.npz);;All files (*)")
            if path is None:
                return
        try:
            kind = checkpoint_kind(path)
        except CheckpointError as exc:
            self.show_message("critical", "Could not open the checkpoint", str(exc))
            return
        if kind == "seq2seq":
            self.seq2seq_lab.open_run(str(path))
            self.seq2seq_dock.show()
            self.seq2seq_dock.raise_()
        elif self.confirm_discard("Open checkpoint"):
            self.worker.load_checkpoint(str(path))

    def save_seq2seq_run(self, path: str | None = None) -> bool:
        """Write the seq2seq lab's run with its accuracy curves (File > Save seq2seq run...)."""
        lab = self.seq2seq_lab
        if lab.settings is None:
            self.show_message("information", "Nothing to save",
                              "Open the seq2seq lab (L) and train a model first.")
            return False
        if path is None:
            task = Path(lab.settings.task).stem
            default = f"seq2seq-{task}-{lab.settings.decoder}-{lab.iteration}.npz"
            path = self._ask_save("Save seq2seq run", default, "rnnviz checkpoints (*.npz)")
            if path is None:
                return False
        if not str(path).endswith(".npz"):
            path = f"{path}.npz"
        return lab.save_run(str(path))

    def export_panel(self, name: str, suffix: str, path: str | None = None) -> None:
        """Write one panel as PNG or SVG (``panel.export``)."""
        panel = self.panels[name]
        if path is None:
            title = getattr(panel, "TITLE", name)
            path = self._ask_save(f"Export {title}", f"{name}.{suffix}", f"{suffix.upper()} image (*.{suffix})")
            if path is None:
                return
        self._guarded("Export failed", panel.export, str(path))

    def export_seq2seq(self, view: str, suffix: str, path: str | None = None) -> None:
        """Write the seq2seq lab, or one of its views, as PNG or SVG (``Seq2seqLab.export``)."""
        if path is None:
            path = self._ask_save(f"Export {self.seq2seq_lab.EXPORTS[view].lower()}", f"seq2seq_{view}.{suffix}",
                                  f"{suffix.upper()} image (*.{suffix})")
            if path is None:
                return
        self._guarded("Export failed", self.seq2seq_lab.export, view, str(path))

    def export_metrics(self, path: str | None = None) -> None:
        """Every step as a CSV row (``History.to_csv``)."""
        path = path or self._ask_save("Export metrics", "metrics.csv", "CSV (*.csv)")
        if path:
            self._guarded("Export failed", self.history.to_csv, path)

    def export_config(self, path: str | None = None) -> None:
        """The run's configuration (``session.describe()``) with the live learning rate and clip."""
        if self.info is None:
            self.show_message("information", "Nothing to export", "Build a model first (Apply).")
            return
        path = path or self._ask_save("Export config", "config.json", "JSON (*.json)")
        if not path:
            return
        description = json.loads(json.dumps(self.info.description, default=str))
        description["train"]["lr"] = self.experiment.lr_spin.value()
        description["train"]["clip"] = self.experiment.clip_spin.value()
        description["train"]["eval_every"] = self.experiment.eval_every_spin.value()
        description["iteration"] = self.iteration
        self._guarded("Export failed", Path(path).write_text, json.dumps(description, indent=2) + "\n")

    def _guarded(self, title: str, func, *args) -> bool:
        try:
            func(*args)
        except (OSError, ValueError, RuntimeError) as exc:
            self.show_message("critical", title, str(exc))
            return False
        return True


__all__ = ["build_controls", "FileActions"]
