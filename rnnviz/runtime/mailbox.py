"""The worker-to-window mailbox: every event kept, drained at the window's pace.

A worker posts; the window's ~30 Hz timer drains. Nothing here signals Qt: a step is a ``post``
(a lock and a list append), so a fast worker cannot flood the event loop however many steps per
second it makes: redrawn per step, a contended CPU starved the event loop, coalesced at 30 Hz it
did not. The window's mailbox keeps every probe (the timeline goes back to any of them, within
the archive's budget; the panels still draw only the newest of a tick's). A child process's
outbox keeps only the newest probe of each send interval (``newest_probe_only``), so however
fast the steps, at most ~30 probes a second are pickled across.
"""
from __future__ import annotations

import dataclasses
import threading
from typing import Any

from rnnviz.engine.snapshots import StepSnapshot


class Mailbox:
    """A lock-protected list of events, drained as a whole, oldest first.

    With ``newest_probe_only``, a probe arriving replaces the earlier pending snapshot that
    carried one by a copy without it (nor its unrolled graph, taken with it): every scalar stays.
    """

    def __init__(self, newest_probe_only: bool = False) -> None:
        self._lock = threading.Lock()
        self._items: list[Any] = []
        self._newest_only = newest_probe_only
        self._probe_at: int | None = None   # index in _items of the one snapshot still holding a probe
        self.posted = 0                      # items ever posted (for tests and diagnostics)
        self.probes_dropped = 0

    def post(self, item: Any) -> None:
        """Append one event (a snapshot or a worker event); thread-safe, never blocks for long."""
        with self._lock:
            if self._newest_only and isinstance(item, StepSnapshot) and item.probe is not None:
                if self._probe_at is not None:
                    older = self._items[self._probe_at]
                    self._items[self._probe_at] = dataclasses.replace(older, probe=None, graph=None)
                    self.probes_dropped += 1
                self._probe_at = len(self._items)
            self._items.append(item)
            self.posted += 1

    def drain(self) -> list[Any]:
        """Take every pending event, oldest first, leaving the mailbox empty."""
        with self._lock:
            items, self._items, self._probe_at = self._items, [], None
        return items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
