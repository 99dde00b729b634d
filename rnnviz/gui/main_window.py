"""The main window: docked panels, the experiment form, controls, and the 30 Hz redraw.

The window owns a language-model worker (:mod:`rnnviz.runtime.lm`: a child process, or a thread
with ``RNNVIZ_WORKER=thread``) and talks to it only through its command methods. A QTimer drains
the worker's mailbox about 30 times a second into a :class:`~rnnviz.runtime.history.History` and
refreshes only the panels whose data changed; the worker never emits a Qt signal, so however
fast it trains it cannot flood the event loop. Menus, the toolbar and file operations live in
:mod:`rnnviz.gui.actions`; the panel registry in :mod:`rnnviz.gui.panels`; the wide and compact
arrangements in :mod:`rnnviz.gui.layout`; how much each tick may redraw in
:mod:`rnnviz.gui.redraw`. docs/architecture.md draws the whole data path.
"""
from __future__ import annotations

import sys
import time
from collections import deque
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QWidget

from rnnviz.engine.presets import PRESETS
from rnnviz.localize import localize
from rnnviz.runtime import lm
from rnnviz.runtime.history import History
from rnnviz.runtime.loop import worker_kind
from rnnviz.runtime.messages import PAUSED, TRAINING

from .actions import FileActions, build_controls
from .closing import Closing
from .dock_scroll import scrolled
from .dock_title import DockTitle
from .experiment import DEFAULT_PRESET, ExperimentPanel
from .gradcheck_dialog import GradChecking
from . import i18n, panels
from .i18n import live, translate
from .lab_actions import LabActions
from .lens_link import LensLink
from .layout import arrange
from .redraw import RedrawBudget
from .recovery import Recovery
from .rewind_dialog import Rewinding
from .scrubbing import Scrubbing
from .spectrum_link import SpectrumLink
from .status_texts import StatusTexts
from .view_modes import ViewModes
from .weights_actions import WeightsActions
from .worker_events import WorkerEvents

REDRAW_MS = 30             # ~33 Hz redraw; a precise timer keeps the intervals from drifting past 33 ms
RATE_WINDOW_S = 2.0         # tokens/s is measured over this much wall time

class MainWindow(FileActions, LabActions, ViewModes, RedrawBudget, Closing, Rewinding, Recovery, StatusTexts,
                 SpectrumLink, WeightsActions, GradChecking, LensLink, Scrubbing, WorkerEvents, QMainWindow):
    """The application window.

    Parameters
    ----------
    settings : QSettings, optional
        Layout and recent files; default ``QSettings("rnnviz", "rnnviz")``. Tests pass a file.
    interactive : bool
        False for scripted runs (``--screenshot``): messages go to stderr instead of dialogs.
    restore_layout : bool
        Restore the dock layout saved at the last close, and save it at this one.
    """

    def __init__(self, settings: QSettings | None = None, *, interactive: bool = True,
                 restore_layout: bool = True, worker: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("rnnviz")
        self.settings = settings if settings is not None else QSettings("rnnviz", "rnnviz")
        # Before any text is made: every widget below starts in the user's language.
        i18n.set_language(i18n.choose(self.settings))
        self.interactive = interactive
        self.restore_layout = restore_layout
        self.history = History()
        self.info = None                        # RunInfo of the current run (None until built)
        self.state = PAUSED
        self.shown_state = PAUSED               # the state the status bar says (STOPPED too)
        self.rewind_points: tuple[int, ...] = ()   # steps the worker keeps to rewind to
        self.messages: list[tuple[str, str]] = []   # every (title, text) shown: scripts check it
        self._pending_dialogs: list[tuple[str, str, str]] = []
        self._in_dialog = False
        self._seen: dict[str, tuple[Any, Any]] = {}           # panel -> (history, version or probe) drawn
        self._refreshed_at: dict[str, float] = {}
        self._rate: deque[tuple[float, int]] = deque()
        self._tokens = 0
        self.join_seconds: float | None = None  # how long closing took to stop the worker
        self.saved_iteration = 0                # the step the run was last saved (or opened) at
        self.frames = 0                         # ticks that redrew at least one panel
        self._fallback = False                  # build the default run if the first one fails
        self.gui_load = 0.0                     # smoothed CPU share of the GUI thread
        self._load_clock = (time.perf_counter(), time.thread_time())

        # The worker runs in a child process unless asked otherwise (RNNVIZ_WORKER=thread, or
        # worker="thread": tests that inspect the session directly use the thread).
        self.worker_kind = worker_kind(worker)
        self.worker = self._make_worker()

        self.experiment = ExperimentPanel(self.settings)
        self.panels: dict[str, QWidget] = {spec.name: spec.make() for spec in panels.REGISTRY}
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        build_controls(self)                   # toolbar, menus, status bar (actions.py)
        self._build_timeline()                 # the scrubber under the toolbar (scrubbing.py)
        self._connect_panels()
        self._event_handlers = self._make_event_handlers()
        self._sized = False

        self._start_recovery()                 # autosave (recovery.py)
        i18n.notifier.changed.connect(self._language_changed)

        self.timer = QTimer(self)
        self.timer.setInterval(REDRAW_MS)
        self.timer.setTimerType(Qt.PreciseTimer)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _make_worker(self):
        worker = lm.make_worker(self.worker_kind)
        worker.start()
        return worker

    # -- layout -------------------------------------------------------------------------------
    def _make_dock(self, widget: QWidget, name: str, title) -> QDockWidget:
        """A dock holding ``widget``; ``title`` gives its title in the window's language."""
        dock = QDockWidget(self)
        live(dock, lambda: dock.setWindowTitle(title()))
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable
                         | QDockWidget.DockWidgetFloatable)
        caption = getattr(self.panels.get(name), "caption", None)
        dock.setTitleBarWidget(DockTitle(dock, caption))
        return dock

    def _build_docks(self) -> None:
        self.setDockNestingEnabled(True)
        self.experiment_dock = self._make_dock(self.experiment, "experimentPanel",
                                               lambda: translate("main_window", "Experiment"))
        self._build_lab_dock()
        for spec in panels.REGISTRY:
            self.docks[spec.name] = self._make_dock(scrolled(self.panels[spec.name]), spec.name,
                                                    lambda spec=spec: spec.title)
        arrange(self, self.arrangement)
        # No central widget: the panels are all docks, so each can be hidden, moved or floated.
        self.setCentralWidget(None)

    def _connect_panels(self) -> None:
        self.experiment.apply_requested.connect(self.apply_config)
        # Through lambdas: a restarted worker (recovery.py) is a new object.
        self.experiment.lr_changed.connect(lambda v: self.worker.set_lr(v))
        self.experiment.clip_changed.connect(lambda v: self.worker.set_clip(v))
        self.experiment.probe_every_changed.connect(lambda k: self.worker.set_probe_every(k))
        self.experiment.eval_every_changed.connect(lambda k: self.worker.set_eval_every(k))
        self.worker.set_probe_every(self.experiment.probe_every())
        # A time step clicked in one probe panel is selected in every panel that shows time.
        timed = [p for p in self.panels.values() if getattr(p, "LINKS_TIME", False)]
        for source in timed:
            for target in timed:
                if target is not source:
                    source.time_selected.connect(target.set_selected_time)
        # The two panels the window talks to besides redrawing them: the stepper and the console.
        self.panels["graphPanel"].substep_requested.connect(self.substep)
        console = self.panels["samplePanel"]
        console.sample_requested.connect(self.request_sample)
        console.stop_requested.connect(lambda: self.worker.stop_sample())
        self._connect_spectrum()
        self._connect_lens()
        self.panels["gateSaturationPanel"].unit_selected.connect(self.show_hidden_unit)

    def show_hidden_unit(self, layer: str, unit: int) -> None:
        """A unit clicked in the gate saturation scatter, found in the hidden-state heatmap: its
        dock brought forward (it may be the tab behind), the same probe drawn, the unit outlined."""
        dock, hidden = self.docks["hiddenStatePanel"], self.panels["hiddenStatePanel"]
        dock.show()
        dock.raise_()
        hidden.refresh(self.shown_history())    # behind a tab it was not redrawn: catch up first
        hidden.select_unit(layer, unit)

    # -- starting a run ---------------------------------------------------------------------------
    def start(self, corpus: str | None = None, preset: str | None = None,
              checkpoint: str | None = None) -> bool:
        """Open a checkpoint, or build the form's run (a preset's, a corpus's): Play then works.

        Returns False when the request cannot be met as given (unknown preset, its corpus not
        chosen, invalid settings). An interactive window then still builds the default run, and
        so does a checkpoint or corpus that fails to load, so the window always opens ready.
        """
        self._fallback = self.interactive
        if checkpoint:
            self.worker.load_checkpoint(checkpoint)
            return True
        if self.interactive and self.offer_restore():
            return True
        ok = True
        if preset and preset not in PRESETS:
            self.show_message("critical", translate("main_window", "Unknown preset"),
                              translate("main_window", "{preset} is not a preset; the presets are {presets}")
                              .format(preset=repr(preset), presets=", ".join(PRESETS)))
            ok, preset = False, None
        if preset:
            if not self.experiment.load_preset(preset, ask=self.interactive, source=corpus):
                self.show_message("critical", translate("main_window", "Preset unavailable"),
                                  self.experiment.error_label.text())
                ok = False
        elif corpus:
            self.experiment.set_corpus(corpus)
        if not self.experiment.validate():
            self.show_message("critical", translate("main_window", "Invalid settings"),
                              self.experiment.error_label.text())
            return False
        if ok or self.interactive:
            self.worker.build(*self.experiment.config())
        return ok

    def _build_fallback(self) -> None:
        """The first run could not be built or opened: build the default one instead (once)."""
        self._fallback = False
        self.experiment.load_preset(DEFAULT_PRESET, ask=False)
        self.worker.build(*self.experiment.config())

    @property
    def iteration(self) -> int:
        """Steps trained in the current run, as far as the window has heard."""
        stats = self.history.latest_stats
        return stats.iteration if stats is not None else (self.info.iteration if self.info else 0)

    def confirm_discard(self, what: str) -> bool:
        """Ask before throwing away trained steps; True when there is nothing to lose.

        ``what`` is the question's title, already in the window's language.

        Training pauses first, so the count asked about is the count lost; a No resumes it.
        """
        if not self.interactive:
            return True
        training = self.state == TRAINING
        if training:
            self._pause_and_sync()
        n = self.iteration
        if n == 0:
            return True
        answer = QMessageBox.question(
            self, what, translate("main_window", "Discard {n} steps of training?\n\nThe current weights and "
                                  "curves will be lost (File > Save checkpoint... keeps them).").format(n=f"{n:,}"),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self.keep_discarded()
            return True
        if training:
            self.play()
        return False

    def apply_config(self, data: dict, model_config, train_config) -> None:
        """Rebuild the model in the worker (after saying what is discarded)."""
        if self.confirm_discard(translate("main_window", "Apply new settings")):
            self.worker.build(data, model_config, train_config)

    # -- controls ---------------------------------------------------------------------------------
    def toggle_play(self) -> None:
        """Space and the Play/Pause button."""
        if self.state == TRAINING:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        self.worker.play()
        self._set_state(TRAINING)       # at once, so a second Space press pauses; the worker confirms

    def pause(self) -> None:
        self.worker.pause()
        if self.state == TRAINING:
            self._set_state(PAUSED)

    def step(self) -> None:
        self.worker.step()

    def substep(self, kind: str) -> None:
        """The graph panel's BPTT stepper (forward / backward one time step, clip, update)."""
        self.worker.substep(kind)

    def step_epoch(self) -> None:
        self.worker.step_epoch()
        self._set_state(TRAINING)

    def train_steps(self, n: int) -> None:
        """Train exactly ``n`` steps, then pause (scripted captures)."""
        self.worker.train_steps(n)
        self._set_state(TRAINING)

    def reset(self) -> None:
        if self.confirm_discard(translate("main_window", "Reset")):
            self.worker.reset()

    def request_sample(self, settings: dict) -> None:
        self.panels["samplePanel"].begin_sample(str(settings.get("prefix", "")))
        self.worker.sample(settings)

    # -- the redraw timer -------------------------------------------------------------------------
    def tick(self) -> None:
        """Drain the mailbox into the history, then refresh panels whose data changed."""
        events = self.worker.mailbox.drain()
        steps = 0
        for event in events:
            steps += self._dispatch(event)
        now = time.perf_counter()
        if steps:
            self._rate.append((now, self._tokens))
        while self._rate and now - self._rate[0][0] > RATE_WINDOW_S:
            self._rate.popleft()
        self._follow_spectrum()
        self._follow_lens()
        self._follow_timeline()
        if self._within_budget(now):
            self._refresh_panels()
        self._update_status(now)
        self._show_pending_dialogs()

    # -- messages ---------------------------------------------------------------------------------
    def show_message(self, kind: str, title: str, text: str) -> None:
        """Queue a dialog; shown after the current drain so a modal loop never reorders events.

        ``title`` is in the window's language already; ``text`` may be a message from the worker
        or the engine (a :class:`rnnviz.engine.texts.Text`), said here in the user's language.
        """
        text = localize(text)
        self.messages.append((title, text))
        if not self.interactive:
            print(f"rnnviz: {title}: {text}", file=sys.stderr)
            return
        self._pending_dialogs.append((kind, title, text))

    def _show_pending_dialogs(self) -> None:
        if self._in_dialog:
            return          # the outer call shows these when the open dialog closes
        self._in_dialog = True
        try:
            while self._pending_dialogs:
                kind, title, text = self._pending_dialogs.pop(0)
                if kind == "divergence":
                    self._ask_rewind(text)      # text is the Divergence record
                else:
                    getattr(QMessageBox, kind)(self, title, text)
        finally:
            self._in_dialog = False
