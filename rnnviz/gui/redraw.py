"""How much the window redraws per tick, mixed into :class:`~rnnviz.gui.main_window.MainWindow`.

The GUI thread's work per tick is bounded three ways: only panels on screen and whose data
changed are refreshed; while training, one panel per tick (the least recently refreshed first);
and a training tick whose GUI thread has been taking more than its share of a core skips
redrawing altogether. A fast machine keeps ~30 Hz; a slow or busy one redraws less often rather
than training slower or freezing.
"""
from __future__ import annotations

import time

from . import panels
from rnnviz.runtime.messages import TRAINING

REFRESH_PER_TICK = 1        # panels redrawn per tick while training (round robin)
GUI_BUDGET = {"thread": 0.3, "process": 0.2}   # GUI thread's CPU share (of one core) above
                            # which a training tick skips redrawing
LOAD_SMOOTHING = 0.1        # per tick: the measured share averages over ~10 ticks


class RedrawBudget:
    """``_within_budget`` and ``_refresh_panels`` for the window's :meth:`tick`."""

    def _within_budget(self, now: float) -> bool:
        """Whether this tick may redraw: while training, the GUI thread's CPU share stays small.

        With a thread worker every millisecond the GUI spends in Python (pyqtgraph paints) is a
        millisecond the training loop waits for the GIL. With a process worker there is no lock,
        but on a two-core laptop with a browser beside rnnviz the GUI, the worker and the
        browser share two cores, and what the GUI takes the worker loses. The share is measured,
        not guessed: thread CPU time over wall time, smoothed over about ten ticks. A fast
        machine keeps ~30 Hz; a slow or busy one redraws less often rather than training slower.
        """
        cpu = time.thread_time()
        last_now, last_cpu = self._load_clock
        self._load_clock = (now, cpu)
        if now > last_now:
            share = min(1.0, (cpu - last_cpu) / (now - last_now))
            self.gui_load += LOAD_SMOOTHING * (share - self.gui_load)
        budget = GUI_BUDGET["thread" if self.worker_kind == "thread" else "process"]
        return self.state != TRAINING or self.gui_load <= budget

    def _refresh_panels(self) -> None:
        """Refresh visible panels whose data changed; while training, only a few per tick.

        Painting a plot costs several milliseconds, and the worker holds the GIL for much of
        the time, so redrawing all five plots on every tick slowed both the event loop and
        training. While training, the least recently refreshed dirty panels go first, so each
        one still updates several times a second; when paused everything is brought up to date.
        """
        history = self.shown_history()            # the live run, or the step the timeline went back to
        dirty = []
        for spec in panels.REGISTRY:
            panel = self.panels[spec.name]
            if spec.reads is None or not panel.isVisible() or panel.visibleRegion().isEmpty():
                # Fed through its own slots; or hidden, minimized, or behind another tab (Qt
                # keeps such a dock "visible", parked off the window): it catches up when shown.
                continue
            changed, key = spec.changed(self._seen.get(spec.name), history)
            if changed:
                dirty.append((spec.name, key))
        if self.state == TRAINING:
            dirty.sort(key=lambda item: self._refreshed_at.get(item[0], 0.0))
            dirty = dirty[:REFRESH_PER_TICK]
        now = time.perf_counter()
        self.frames += bool(dirty)
        for name, key in dirty:
            self._seen[name] = key
            self._refreshed_at[name] = now
            self.panels[name].refresh(history)
