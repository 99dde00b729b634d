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
from .i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.engine.texts import message_of
from rnnviz.localize import LANGUAGES
from rnnviz.runtime.messages import TRAINING

# Shown through translate("actions", SHORTCUTS_HELP) (Help > Keyboard shortcuts).
SHORTCUTS_HELP = QT_TRANSLATE_NOOP("actions", """<table cellpadding=3>
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
</table>""")

# View > Layout: (choice, text, tip), shown through translate("actions", ...).
LAYOUT_ENTRIES = (
    ("auto", QT_TRANSLATE_NOOP("actions", "Automatic (by screen size)"),
     QT_TRANSLATE_NOOP("actions", "Compact on a laptop screen, wide on a large one")),
    ("wide", QT_TRANSLATE_NOOP("actions", "Wide (1600 x 1000 and up)"),
     QT_TRANSLATE_NOOP("actions", "Every panel side by side, captions shown")),
    ("compact", QT_TRANSLATE_NOOP("actions", "Compact (laptop)"),
     QT_TRANSLATE_NOOP("actions", "Fewer columns, captions folded, panels in tabs")))


def _action(window: QMainWindow, text, name: str, slot, shortcuts=(), tip=None) -> QAction:
    """An action of ``window``; ``text`` and ``tip`` are callables giving the translated text
    (run again on a language switch), or None (``text``: set elsewhere, e.g. Play/Pause)."""
    action = QAction(window)
    action.setObjectName(name)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    # Window-wide, yet a text field that wants the key (a prefix being typed) still gets it.
    action.setShortcutContext(Qt.WindowShortcut)

    def apply() -> None:
        if text is not None:
            action.setText(text())
        if tip is not None:
            action.setToolTip(tip())
            action.setStatusTip(tip())
    live(action, apply)
    action.triggered.connect(slot)
    return action


def _menu(parent, title, name: str = ""):
    """A submenu of ``parent`` (a menu bar or a menu) titled by the callable ``title``."""
    menu = parent.addMenu("")
    if name:
        menu.setObjectName(name)
    live(menu, lambda: menu.setTitle(title()))
    return menu


def build_controls(window) -> None:
    """Toolbar (Play, Step, Step epoch, Reset, speed cap), menus and status bar of ``window``."""
    style = window.style()
    window.play_icon = style.standardIcon(QStyle.SP_MediaPlay)
    window.pause_icon = style.standardIcon(QStyle.SP_MediaPause)
    # Its text and tooltip say Play or Pause: _set_state sets them.
    window.play_action = _action(window, None, "actionPlay", window.toggle_play, ["Space"])
    window.play_action.setIcon(window.play_icon)
    window.step_action = _action(
        window, lambda: translate("actions", "Step"), "actionStep", window.step, ["S", "Right"],
        lambda: translate("actions", "One truncated-BPTT block: forward, backward, clip, update (S or Right)"))
    window.step_action.setIcon(style.standardIcon(QStyle.SP_MediaSkipForward))
    window.step_epoch_action = _action(
        window, lambda: translate("actions", "Step epoch"), "actionStepEpoch", window.step_epoch, ["E"],
        lambda: translate("actions", "Train to the end of the current epoch, then pause (E)"))
    window.step_epoch_action.setIcon(style.standardIcon(QStyle.SP_MediaSeekForward))
    window.reset_action = _action(
        window, lambda: translate("actions", "Reset"), "actionReset", window.reset, ["Ctrl+R"],
        lambda: translate("actions", "Fresh weights from the seed, iteration 0 (Ctrl+R)"))
    window.reset_action.setIcon(style.standardIcon(QStyle.SP_BrowserReload))
    window.rewind_action = _action(
        window, lambda: translate("actions", "Rewind..."), "actionRewind", window.rewind, ["Ctrl+Z"],
        lambda: translate("actions", "Go back to a recent step, e.g. after a divergence (Ctrl+Z)"))
    window.evaluate_action = _action(
        window, lambda: translate("actions", "Evaluate validation"), "actionEvaluate",
        lambda: window.worker.evaluate(), tip=lambda: translate("actions", "Measure validation perplexity now"))

    bar = QToolBar(window)
    live(bar, lambda: bar.setWindowTitle(translate("actions", "Training")))
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
    speed_label = QLabel(objectName="speedCapLabel")
    live(speed_label, lambda: speed_label.setText(translate("actions", " Speed cap ")))
    bar.addWidget(speed_label)
    window.speed_spin = spin = QSpinBox(objectName="speedCap")
    spin.setRange(0, 1000)

    def speed_texts() -> None:
        spin.setSpecialValueText(translate("actions", "unlimited"))
        spin.setSuffix(translate("actions", " steps/s"))
        spin.setToolTip(translate("actions", "Slow training down for a class to follow (0 = as fast as it goes)"))
    live(spin, speed_texts)
    spin.setMinimumWidth(120)
    spin.valueChanged.connect(lambda v: window.worker.set_speed_cap(float(v)))
    bar.addWidget(spin)
    window.addToolBar(Qt.TopToolBarArea, bar)

    _build_menus(window)
    _build_status(window)
    # Space, S, E, G also while a number field has the focus (committing it first).
    window.field_keys = field_keys.install(window)


def _export_title(panel, name: str) -> str:
    """A panel's name in the window's language (the Export menu and its dialogs)."""
    return translate("panels", getattr(panel, "TITLE", name))


def _build_menus(window) -> None:
    menu = window.menuBar()
    file_menu = _menu(menu, lambda: translate("actions", "&File"), "menuFile")
    file_menu.addAction(_action(window, lambda: translate("actions", "Open corpus..."), "actionOpenCorpus",
                                lambda: window.open_corpus(), ["Ctrl+O"],
                                lambda: translate("actions", "Train on a text file of your own")))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, lambda: translate("actions", "Open checkpoint..."), "actionOpenCheckpoint",
                                lambda: window.open_checkpoint(), ["Ctrl+Shift+O"]))
    recent = _menu(file_menu, lambda: translate("actions", "Open recent"), "menuRecent")
    recent.aboutToShow.connect(lambda: window.fill_recent_menu(recent))
    window.fill_recent_menu(recent)
    file_menu.addAction(_action(window, lambda: translate("actions", "Save checkpoint..."), "actionSaveCheckpoint",
                                lambda: window.save_checkpoint(), ["Ctrl+S"]))
    file_menu.addAction(_action(
        window, lambda: translate("actions", "Import weights..."), "actionImportWeights", lambda: window.import_weights(),
        tip=lambda: translate("actions", "Open a model saved as .safetensors in PyTorch's names (nn.Embedding + "
                                         "nn.RNN/LSTM/GRU + nn.Linear) to train on the Experiment form's corpus")))
    file_menu.addAction(_action(
        window, lambda: translate("actions", "Export weights..."), "actionExportWeights", lambda: window.export_weights(),
        tip=lambda: translate("actions", "Write the model's weights as .safetensors in PyTorch's names, its "
                                         "vocabulary beside them (.vocab.txt)")))
    file_menu.addAction(_action(
        window, lambda: translate("actions", "Save seq2seq run..."), "actionSaveSeq2seq",
        lambda: window.save_seq2seq_run(),
        tip=lambda: translate("actions", "Save the seq2seq lab's model and curves (open it with Open checkpoint)")))
    file_menu.addAction(_action(
        window, lambda: translate("actions", "Save classifier run..."), "actionSaveClassify",
        lambda: window.save_classify_run(),
        tip=lambda: translate("actions", "Save the classifier lab's model and curves (open it with Open checkpoint)")))
    file_menu.addAction(_action(
        window, lambda: translate("actions", "Save compared models..."), "actionSaveCompare",
        lambda: window.save_compare_run(),
        tip=lambda: translate("actions", "Save each compared model with its curves as a checkpoint of its own "
                                         "(run.npz gives run-lstm.npz, run-gru.npz, ...)")))
    export = _menu(file_menu, lambda: translate("actions", "Export"), "menuExport")

    def image_text(suffix: str):
        return lambda: translate("actions", "{format} image...").format(format=suffix.upper())
    for name, panel in window.panels.items():
        sub = _menu(export, lambda p=panel, n=name: _export_title(p, n))
        for suffix in ("png", "svg"):
            sub.addAction(_action(window, image_text(suffix), f"actionExport_{name}_{suffix}",
                                  lambda _=False, n=name, s=suffix: window.export_panel(n, s)))
    for view, title in window.seq2seq_lab.EXPORTS.items():
        sub = _menu(export, lambda t=title: translate("actions", "Seq2seq: {view}").format(
            view=translate("seq2seq_lab", t).lower()))
        for suffix in ("png", "svg"):
            sub.addAction(_action(window, image_text(suffix), f"actionExport_seq2seq_{view}_{suffix}",
                                  lambda _=False, v=view, s=suffix: window.export_seq2seq(v, s)))
    for view, title in window.classify_lab.EXPORTS.items():
        sub = _menu(export, lambda t=title: translate("actions", "Classifier: {view}").format(
            view=translate("classify_lab", t)))                 # as written: "P(positive)" keeps its P
        for suffix in ("png", "svg"):
            sub.addAction(_action(window, image_text(suffix), f"actionExport_classify_{view}_{suffix}",
                                  lambda _=False, v=view, s=suffix: window.export_classify(v, s)))
    export.addSeparator()
    export.addAction(_action(window, lambda: translate("actions", "Metrics as CSV..."), "actionExportMetrics",
                             lambda: window.export_metrics()))
    export.addAction(_action(window, lambda: translate("actions", "Config as JSON..."), "actionExportConfig",
                             lambda: window.export_config()))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, lambda: translate("actions", "Quit"), "actionQuit", window.close,
                                ["Ctrl+Q"]))

    run_menu = _menu(menu, lambda: translate("actions", "&Run"), "menuRun")
    for action in (window.play_action, window.step_action, window.step_epoch_action, window.reset_action):
        run_menu.addAction(action)
    run_menu.addAction(window.rewind_action)
    run_menu.addSeparator()
    run_menu.addAction(window.evaluate_action)
    run_menu.addAction(_action(
        window, lambda: translate("actions", "Check gradients..."), "actionCheckGradients", window.check_gradients,
        tip=lambda: translate("actions", "Compare the model's gradients with float64 central differences on the "
                                         "current batch (on a copy: training is not disturbed)")))

    view = _menu(menu, lambda: translate("actions", "&View"), "menuView")
    view.addAction(window.experiment_dock.toggleViewAction())
    # The lab has one entry: "Seq2seq lab" (L) below, which also gives it room to float.
    for dock in window.docks.values():
        view.addAction(dock.toggleViewAction())
    view.addSeparator()
    view.addAction(_action(window, lambda: translate("actions", "BPTT stepper"), "actionShowStepper",
                           window.show_stepper, ["G"],
                           lambda: translate("actions", "Show the unrolled graph and the truncated-BPTT map (G)")))
    view.addAction(_action(
        window, lambda: translate("actions", "Seq2seq lab"), "actionShowSeq2seq", window.show_seq2seq, ["L"],
        lambda: translate("actions", "Show the seq2seq lab: addition and dates with reverse, peeky, attention (L)")))
    view.addAction(_action(
        window, lambda: translate("actions", "Classifier lab"), "actionShowClassify", window.show_classify, ["K"],
        lambda: translate("actions", "Show the classifier lab: a many-to-one RNN reads a review, and the gradient "
                                     "of truncated BPTT stops after k steps (K)")))
    view.addAction(_action(
        window, lambda: translate("actions", "Compare models"), "actionShowCompare", window.show_compare, ["C"],
        lambda: translate("actions", "Train RNN, LSTM and GRU (or clipping on and off, or two learning rates) in "
                                     "lockstep on the same batches and watch them side by side (C)")))
    layouts = _menu(view, lambda: translate("actions", "Layout"), "menuLayout")
    group = QActionGroup(window)
    window.layout_actions = {}
    for choice, text, tip in LAYOUT_ENTRIES:
        action = _action(window, lambda t=text: translate("actions", t), f"actionLayout_{choice}",
                         lambda _=False, c=choice: window.set_layout_choice(c),
                         tip=lambda t=tip: translate("actions", t))
        action.setCheckable(True)
        action.setChecked(choice == window.layout_choice)
        group.addAction(action)
        layouts.addAction(action)
        window.layout_actions[choice] = action
    view.addAction(_action(window, lambda: translate("actions", "Reset layout"), "actionResetLayout",
                           window.reset_layout))
    _build_language_menu(window, view)

    window.help_menu = help_menu = _menu(menu, lambda: translate("actions", "&Help"), "menuHelp")
    help_menu.addAction(_action(
        window, lambda: translate("actions", "Keyboard shortcuts"), "actionShortcuts",
        lambda: window.show_message("information", translate("actions", "Keyboard shortcuts"),
                                    translate("actions", SHORTCUTS_HELP))))
    from . import help_pages                # Tour..., What each panel shows, About
    help_pages.add_to_menu(window, help_menu)
    # Actions must belong to the window for their shortcuts to work while the toolbar is hidden.
    window.addActions([window.play_action, window.step_action, window.step_epoch_action,
                       window.reset_action])


def _build_language_menu(window, view) -> None:
    """View > Language: one checkable entry per language, each named in itself (not translated)."""
    from . import i18n
    languages = _menu(view, lambda: translate("actions", "Language"), "menuLanguage")
    group = QActionGroup(window)
    window.language_actions = {}
    for code, name in LANGUAGES.items():
        action = QAction(name, window)
        action.setObjectName(f"actionLanguage_{code}")
        action.setCheckable(True)
        action.setChecked(code == i18n.language())
        action.triggered.connect(lambda _=False, c=code: i18n.set_language(c, window.settings))
        group.addAction(action)
        languages.addAction(action)
        window.language_actions[code] = action


def _build_status(window) -> None:
    status = window.statusBar()

    def label(name: str, width: int) -> QLabel:
        widget = QLabel(objectName=name)
        widget.setMinimumWidth(width)
        widget.setStyleSheet("padding: 0 6px;")
        status.addPermanentWidget(widget)
        return widget

    # Left of the counters: what the worker is busy with (loading, building, evaluating, saving).
    window.busy = BusyIndicator()
    status.addPermanentWidget(window.busy)
    window.iteration_label = label("iterationLabel", 130)
    window.epoch_label = label("epochLabel", 130)
    window.tokens_label = label("tokensLabel", 120)
    window.state_label = label("statusState", 90)
    window._set_state(window.state)
    window._update_status(time.perf_counter())


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
            self.show_message("information", translate("actions", "Nothing to save"),
                              translate("actions", "Build a model first (Apply)."))
            return False
        self._pause_and_sync()
        if path is None:
            default = f"{Path(self.info.corpus_name).stem}-{self.info.model_config.cell}-{self.iteration}.npz"
            path = self._ask_save(translate("actions", "Save checkpoint"), default,
                                  translate("actions", "rnnviz checkpoints (*.npz)"))
            if path is None:
                return False
        if not str(path).endswith(".npz"):
            path = f"{path}.npz"
        self.worker.save(str(path))
        return True

    def open_checkpoint(self, path: str | None = None) -> None:
        """Continue a saved run: weights, optimizer, position and curves. A bad file changes nothing.

        A seq2seq run goes to the seq2seq lab, a classifier run to the classifier lab, a language
        model to the window.
        """
        from rnnviz.engine.checkpoint import CheckpointError, checkpoint_kind
        if path is None:
            path = file_dialogs.open_file(self, self.settings, translate("actions", "Open checkpoint"),
                                          translate("actions", "rnnviz checkpoints (*.npz);;All files (*)"))
            if path is None:
                return
        try:
            kind = checkpoint_kind(path)
        except CheckpointError as exc:
            self.show_message("critical", translate("actions", "Could not open the checkpoint"),
                              message_of(exc))
            return
        if kind in ("seq2seq", "classify"):
            lab, dock = ((self.seq2seq_lab, self.seq2seq_dock) if kind == "seq2seq"
                         else (self.classify_lab, self.classify_dock))
            lab.open_run(str(path))
            dock.show()
            dock.raise_()
        elif self.confirm_discard(translate("actions", "Open checkpoint")):
            self.worker.load_checkpoint(str(path))

    def export_panel(self, name: str, suffix: str, path: str | None = None) -> None:
        """Write one panel as PNG or SVG (``panel.export``)."""
        panel = self.panels[name]
        if path is None:
            path = self._ask_save(translate("actions", "Export {title}").format(title=_export_title(panel, name)),
                                  f"{name}.{suffix}", image_filter(suffix))
            if path is None:
                return
        self._guarded(translate("actions", "Export failed"), panel.export, str(path))

    def export_metrics(self, path: str | None = None) -> None:
        """Every step as a CSV row (``History.to_csv``)."""
        path = path or self._ask_save(translate("actions", "Export metrics"), "metrics.csv", "CSV (*.csv)")
        if path:
            self._guarded(translate("actions", "Export failed"), self.history.to_csv, path)

    def export_config(self, path: str | None = None) -> None:
        """The run's configuration (``session.describe()``) with the live learning rate and clip."""
        if self.info is None:
            self.show_message("information", translate("actions", "Nothing to export"),
                              translate("actions", "Build a model first (Apply)."))
            return
        path = path or self._ask_save(translate("actions", "Export config"), "config.json", "JSON (*.json)")
        if not path:
            return
        description = json.loads(json.dumps(self.info.description, default=str))
        description["train"]["lr"] = self.experiment.lr_spin.value()
        description["train"]["clip"] = self.experiment.clip_spin.value()
        description["train"]["eval_every"] = self.experiment.eval_every_spin.value()
        description["iteration"] = self.iteration
        self._guarded(translate("actions", "Export failed"), Path(path).write_text, json.dumps(description, indent=2) + "\n")

    def _guarded(self, title: str, func, *args) -> bool:
        try:
            func(*args)
        except (OSError, ValueError, RuntimeError) as exc:
            self.show_message("critical", title, message_of(exc))
            return False
        return True


def image_filter(suffix: str) -> str:
    """A save dialog's filter: "PNG image (*.png)"."""
    return translate("actions", "{format} image (*.{suffix})").format(format=suffix.upper(), suffix=suffix)


__all__ = ["build_controls", "FileActions"]
