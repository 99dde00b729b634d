"""Help > Tour: a guided walk through one chapter, read from a data file, in the window's language.

A tour is ``assets/tours/<id>.json`` (both languages in the file; no code per tour): which
preset to load, then 5-10 steps. Each step names one control or panel by its object name,
says in two or three sentences what to do and what to look for, and says what it waits for::

    {"target": "stepButton", "wait": "step",
     "text": {"en": "Press Step ...", "ko": "한 스텝을 누르세요 ..."}}

:class:`TourGuide` rings the target in the window (an overlay that lets clicks through), shows
the step on a card beside it and checks every 200 ms whether the user did what the step asks
(:data:`WAITS`); then it moves on by itself. Next, Back and Close are always there.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget)

from rnnviz.resources import assets_dir
from rnnviz.runtime.messages import TRAINING

from . import i18n
from .i18n import live, translate

RING = QColor("#e4572e")
ADVANCE_MS = 900                # after the awaited action, long enough to see what happened


@dataclass(frozen=True)
class TourStep:
    target: str                         # object name of the widget to ring ("" for none)
    text: dict[str, str]                # language -> two or three sentences
    wait: str = "next"                  # a key of WAITS
    show: str = ""                      # "lab", "classify" or "stepper": bring that view forward first


@dataclass(frozen=True)
class Tour:
    id: str
    title: dict[str, str]
    preset: str | None                  # loaded first (None: keep the run)
    corpus: str | None                  # the preset's corpus when the book's file is absent
    view: str                           # "main", "stepper", "lab" (seq2seq) or "classify"
    steps: tuple[TourStep, ...]
    lab: dict[str, Any] | None = None   # a lab's settings: {"task": ...} (seq2seq), {"source": ...} (classifier)

    def says(self, field: dict[str, str]) -> str:
        return field.get(i18n.language()) or field["en"]


def load_tours(folder: Path | None = None) -> list[Tour]:
    """Every tour on disk, in the books' order (the file names sort that way)."""
    folder = assets_dir() / "tours" if folder is None else folder
    tours = []
    for path in sorted(folder.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        steps = tuple(TourStep(s.get("target", ""), s["text"], s.get("wait", "next"), s.get("show", "")) for s in raw["steps"])
        tours.append(Tour(path.stem, raw["title"], raw.get("preset"), raw.get("corpus"),
                          raw.get("view", "main"), steps, raw.get("lab")))
    return tours


# -- what a step waits for: a baseline taken when the step starts, then a test ----------------------
# Each takes the running TourGuide (``g.window_`` is the main window).

def _iteration(g) -> Any:
    return g.window_.iteration


def _sample(g) -> Any:
    return g.window_.history.latest_sample


def _lab_epochs(g) -> Any:
    """(the lab's curves, how many test accuracies they hold): a rebuilt model has new curves."""
    curves = g.window_.seq2seq_lab.curves
    return curves, len(curves.accuracy)


def _new_epoch(g, base) -> bool:
    curves, count = _lab_epochs(g)
    return count > (base[1] if curves is base[0] else 0)


def _answer(g) -> Any:
    return g.window_.seq2seq_lab.ask.answer_label.text()


def _lab(g) -> Any:
    return g.window_.seq2seq_lab.controls.settings()


def _classify_epochs(g) -> Any:
    """(the classifier lab's curves, how many epoch results they hold)."""
    curves = g.window_.classify_lab.curves
    return curves, len(curves.columns["epoch"])


def _classify_new_epoch(g, base) -> bool:
    curves, count = _classify_epochs(g)
    return count > (base[1] if curves is base[0] else 0)


def _classify_trace(g) -> Any:
    return g.window_.classify_lab.trace_views.trace


def _typed_reading(g, base) -> bool:
    trace = _classify_trace(g)
    return trace is not None and trace is not base and not trace.label_known


WAITS: dict[str, tuple[Callable[[Any], Any], Callable[[Any, Any], bool]]] = {
    "next": (lambda g: None, lambda g, base: False),
    "step": (_iteration, lambda g, base: _iteration(g) > base),
    "play": (lambda g: None, lambda g, base: g.window_.state == TRAINING),
    "pause": (lambda g: None, lambda g, base: g.window_.state != TRAINING and _iteration(g) > 0),
    "sample": (_sample, lambda g, base: _sample(g) is not None and _sample(g) is not base),
    "select_time": (lambda g: g.selections, lambda g, base: g.selections > base),
    "stepper": (lambda g: None, lambda g, base: not g.window_.docks["graphPanel"].visibleRegion().isEmpty()),
    "lab_epoch": (_lab_epochs, _new_epoch),
    "lab_decode": (_answer, lambda g, base: bool(_answer(g)) and _answer(g) != base),
    "lab_reverse": (_lab, lambda g, base: _lab(g).reverse),
    "lab_peeky": (_lab, lambda g, base: _lab(g).decoder == "peeky"),
    "lab_attention": (_lab, lambda g, base: _lab(g).decoder == "attention"),
    "classify_epoch": (_classify_epochs, _classify_new_epoch),
    "classify_full": (lambda g: None, lambda g, base: g.window_.classify_lab.truncate == 0),
    "classify_rebuilt": (lambda g: g.window_.classify_lab.builds,
                         lambda g, base: g.window_.classify_lab.builds > base),
    "classify_typed": (_classify_trace, _typed_reading),
}


def find_target(window, name: str) -> QWidget | None:
    """The visible widget called ``name`` in the window or one of its floating labs, else None."""
    if not name:
        return None
    for root in (window, window.seq2seq_lab, window.classify_lab):
        for widget in root.findChildren(QWidget, name):
            if widget.isVisible():
                return widget
    return None


def reveal(window, name: str) -> None:
    """Bring forward the dock holding the widget called ``name`` (it may be a hidden tab)."""
    from PySide6.QtWidgets import QDockWidget
    for root in (window, window.seq2seq_lab, window.classify_lab):
        for widget in root.findChildren(QWidget, name):
            parent = widget
            while parent is not None and not isinstance(parent, QDockWidget):
                parent = parent.parentWidget()
            if parent is not None and parent not in (window.seq2seq_dock, window.classify_dock):
                parent.show()
                parent.raise_()
                return


class Ring(QWidget):
    """A coloured frame around the target, over everything, letting every click through."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.rect_: QRect | None = None

    def point_at(self, target: QWidget | None) -> None:
        if target is None or target.window() is not self.parentWidget().window():
            self.rect_ = None
        else:
            top_left = target.mapTo(self.parentWidget(), QPoint(0, 0))
            self.rect_ = QRect(top_left, target.size()).adjusted(-4, -4, 4, 4)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.setVisible(self.rect_ is not None)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.rect_ is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(RING, 3))
        painter.drawRoundedRect(self.rect_, 6, 6)


class TourGuide(QFrame):
    """The card of a running tour: chapter, step n of m, the text, Back / Next / Close."""

    def __init__(self, window, tour: Tour):
        super().__init__(window, Qt.Tool | Qt.WindowStaysOnTopHint)
        self.setObjectName("tourCard")
        self.window_, self.tour, self.index = window, tour, 0
        self.base: Any = None
        self.done = False
        self.met_at: int | None = None
        self.selections = 0                 # time steps clicked in a panel since the tour began
        for panel in window.panels.values():
            if getattr(panel, "LINKS_TIME", False):
                panel.time_selected.connect(self._selected)
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("#tourCard { background: #fffdf5; border: 2px solid #e4572e; border-radius: 6px; }")
        self.setMinimumWidth(300)
        self.setMaximumWidth(380)
        self.heading = QLabel(objectName="tourHeading")
        self.heading.setStyleSheet("font-weight: bold; color: #a33a1c;")
        self.body = QLabel(objectName="tourText")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.RichText)
        self.waiting = QLabel(objectName="tourWaiting")
        self.waiting.setStyleSheet("color: #666666; font-style: italic;")
        self.back = QPushButton(objectName="tourBack")
        self.next = QPushButton(objectName="tourNext")
        self.close_button = QPushButton(objectName="tourClose")
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.close_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.waiting)
        layout.addLayout(buttons)
        self.ring = Ring(window)
        self.timer = QTimer(self, interval=200)
        self.timer.timeout.connect(self._check)
        live(self, self._retranslate)

    # -- moving through the steps ---------------------------------------------------------------
    def begin(self) -> None:
        self.show()
        self.go(0)
        self.timer.start()

    def go(self, index: int) -> None:
        if index >= len(self.tour.steps):
            self.finish()
            return
        self.index = max(0, index)
        step = self.tour.steps[self.index]
        show_view(self.window_, step.show)
        reveal(self.window_, step.target)
        self.base = WAITS[step.wait][0](self)
        self.met_at = None
        self._retranslate()
        self._place()

    def _selected(self, _t: int) -> None:
        self.selections += 1

    def finish(self) -> None:
        self.done = True
        self.timer.stop()
        self.ring.hide()
        self.ring.deleteLater()
        self.close()
        self.deleteLater()

    def _check(self) -> None:
        step = self.tour.steps[self.index]
        self._place()
        if step.wait == "next" or self.met_at is not None:
            return
        if WAITS[step.wait][1](self, self.base):
            self.met_at = self.index
            self.waiting.setText(translate("tour", "Well done. On to the next step..."))
            QTimer.singleShot(ADVANCE_MS, lambda i=self.index: self.index == i and not self.done and self.go(i + 1))

    # -- what it shows ------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        step = self.tour.steps[self.index]
        self.heading.setText(translate("tour", "{tour} · step {n} of {m}").format(
            tour=self.tour.says(self.tour.title), n=self.index + 1, m=len(self.tour.steps)))
        self.body.setText(self.tour.says(step.text))
        self.waiting.setText("" if step.wait == "next" else translate("tour", "Waiting for you to do this..."))
        self.back.setText(translate("tour", "Back"))
        self.back.setEnabled(self.index > 0)
        last = self.index == len(self.tour.steps) - 1
        self.next.setText(translate("tour", "Finish") if last else translate("tour", "Next"))
        self.close_button.setText(translate("tour", "Close tour"))
        self.adjustSize()

    def _place(self) -> None:
        """Ring the target and put the card beside it, inside the target's window."""
        target = find_target(self.window_, self.tour.steps[self.index].target)
        host = target.window() if target is not None else self.window_
        if self.ring.parentWidget() is not host:
            self.ring.setParent(host)
        self.ring.point_at(target)
        frame = host.geometry()
        size = self.sizeHint()
        if target is None:
            spot = QPoint(frame.right() - size.width() - 24, frame.top() + 80)
        else:
            box = QRect(target.mapToGlobal(QPoint(0, 0)), target.size())
            right = QPoint(box.right() + 12, box.top())
            left = QPoint(box.left() - size.width() - 12, box.top())
            below = QPoint(box.left(), box.bottom() + 12)
            spot = next((p for p in (right, left, below) if frame.contains(QRect(p, size))), None) \
                or QPoint(frame.right() - size.width() - 24, frame.bottom() - size.height() - 40)
        spot.setX(max(frame.left(), min(spot.x(), frame.right() - size.width())))
        spot.setY(max(frame.top(), min(spot.y(), frame.bottom() - size.height())))
        if self.pos() != spot:
            self.move(spot)


def show_view(window, view: str) -> None:
    if view == "stepper":
        window.show_stepper()
    elif view == "lab":
        window.show_seq2seq()
    elif view == "classify":
        window.show_classify()


def start_tour(window, tour: Tour) -> TourGuide:
    """Load the tour's preset (or its lab settings), bring its view forward, and begin."""
    if tour.preset:
        corpus = None
        if not window.experiment.load_preset(tour.preset, ask=False):
            corpus = tour.corpus                    # the book's file is not here: the bundled text
            window.experiment.load_preset(tour.preset, ask=False, source=corpus)
        window.apply_config(*window.experiment.config())
    show_view(window, tour.view)
    if tour.view == "lab":
        if tour.lab and tour.lab.get("task"):
            window.seq2seq_lab.controls.choose_task(tour.lab["task"])
    elif tour.view == "classify" and tour.lab and tour.lab.get("source"):
        window.classify_lab.controls.choose_source(tour.lab["source"])
    guide = TourGuide(window, tour)
    window.tour_guide = guide
    guide.begin()
    return guide
