"""The Help menu's pages: the tour chooser (also offered at first launch), About, and what each panel shows.

The window adds them to Help (:func:`add_to_menu`); each opens without blocking the window, so
a tour can run beside it and a test can read it.
"""
from __future__ import annotations

import html
import platform

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QTextBrowser, QVBoxLayout)

from rnnviz import __version__

from . import panels
from .i18n import QT_TRANSLATE_NOOP, live, translate
from .recovery import data_folder
from .tour import load_tours, start_tour

FIRST_RUN = "ui/tourOffered"
# The lab's views, beside the docked panels (their titles are the lab's export names).
LAB_VIEWS = (
    (QT_TRANSLATE_NOOP("help_pages", "Seq2seq lab"),
     QT_TRANSLATE_NOOP("help_pages", "An encoder reads a question (an addition, a date) and a decoder writes the answer. "
                       "Tick Reverse input, Peeky or Attention to rebuild with the book's improvements; the "
                       "curves show test accuracy per epoch and the loss per step, the table the test "
                       "examples, and a decoded question its attention weights.")),
    (QT_TRANSLATE_NOOP("help_pages", "Classifier lab"),
     QT_TRANSLATE_NOOP("help_pages", "A many-to-one classifier: an RNN reads a whole review and one sigmoid says how "
                       "likely it is positive. Type a review to see that probability after every token, the "
                       "hidden state over the tokens, and how far back the gradient reaches: with truncation at "
                       "k steps it stops k tokens before the end, so the review's beginning can never teach the "
                       "weights.")),
)


class TourChooser(QDialog):
    """Pick a chapter's tour; at first launch it also says what rnnviz is."""

    def __init__(self, window, first_run: bool = False):
        super().__init__(window)
        self.setObjectName("tourChooser")
        self.window_ = window
        self.guide = None
        self.intro = QLabel(objectName="tourIntro")
        self.intro.setWordWrap(True)
        self.list = QListWidget(objectName="tourList")
        self.tours = load_tours()
        for tour in self.tours:
            self.list.addItem(QListWidgetItem())
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.start())
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton("", QDialogButtonBox.AcceptRole)
        self.start_button.setObjectName("tourStart")
        self.later_button = self.buttons.addButton("", QDialogButtonBox.RejectRole)
        self.later_button.setObjectName("tourLater")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(480, 340)

        def texts() -> None:
            self.setWindowTitle(translate("help_pages", "Guided tours"))
            welcome = translate("help_pages", "Welcome to rnnviz. ") if first_run else ""
            self.intro.setText(welcome + translate(
                "help_pages", "Each tour loads a chapter's run and walks you through it, one panel at a time: "
                "it rings a control, says what to do and what to look for, and waits for you to do it."))
            for row, tour in enumerate(self.tours):
                self.list.item(row).setText(tour.says(tour.title))
            self.start_button.setText(translate("help_pages", "Start tour"))
            self.later_button.setText(translate("help_pages", "Not now") if first_run
                                      else translate("help_pages", "Close"))
        live(self, texts)

    def start(self) -> None:
        row = self.list.currentRow()
        self.accept()
        if 0 <= row < len(self.tours):
            self.guide = start_tour(self.window_, self.tours[row])


def about_html(window) -> str:
    """Version, licences, and where rnnviz keeps its data and settings."""
    from PySide6 import __version__ as pyside_version
    import numpy
    import pyqtgraph
    settings = html.escape(window.settings.fileName())
    rows = [
        (translate("help_pages", "Version"), f"rnnviz {__version__}"),
        (translate("help_pages", "Licence"), translate("help_pages", "MIT (rnnviz)")),
        (translate("help_pages", "Built with"),
         f"Python {platform.python_version()} (PSF) · numpy {numpy.__version__} (BSD) · "
         f"PySide6 {pyside_version} / Qt {qVersion()} (LGPLv3) · pyqtgraph {pyqtgraph.__version__} (MIT)"),
        (translate("help_pages", "Settings"), settings),
        (translate("help_pages", "Autosaves and kept runs"), html.escape(str(data_folder()))),
        (translate("help_pages", "Command-line runs"), translate("help_pages", "runs/ in the folder you start it from")),
    ]
    body = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
    intro = translate("help_pages", "Watch a recurrent neural network learn, step by step: a NumPy engine "
                      "with its own backpropagation through time, following Deep Learning from Scratch 2 "
                      "(ch. 5-8) and Dive into Deep Learning (ch. 9).")
    return f"<p>{intro}</p><table cellpadding=3>{body}</table>"


def panels_html() -> str:
    """What each panel shows: its title and caption, in the window's language."""
    items = [(spec.title, translate("panels", spec.cls.CAPTION)) for spec in panels.REGISTRY]
    items += [(translate("help_pages", name), translate("help_pages", text)) for name, text in LAB_VIEWS]
    return "".join(f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>" for title, text in items)


class Page(QDialog):
    """A page of rich text (About, the panels) with a Close button; not modal."""

    def __init__(self, window, name: str, title, body):
        super().__init__(window)
        self.setObjectName(name)
        self.view = QTextBrowser(objectName=f"{name}Text")
        self.view.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(620, 480)
        live(self, lambda: (self.setWindowTitle(title()), self.view.setHtml(body())))


def add_to_menu(window, menu: QMenu) -> None:
    """Tour..., What each panel shows, About rnnviz at the end of the Help menu."""
    from .actions import _action
    menu.addSeparator()
    for name, text, slot in (
            ("actionTour", QT_TRANSLATE_NOOP("help_pages", "Tour..."), lambda: show_tours(window)),
            ("actionPanelsHelp", QT_TRANSLATE_NOOP("help_pages", "What each panel shows"),
             lambda: show_page(window, "panelsPage", lambda: translate("help_pages", "What each panel shows"),
                               panels_html)),
            ("actionAbout", QT_TRANSLATE_NOOP("help_pages", "About rnnviz"),
             lambda: show_page(window, "aboutPage", lambda: translate("help_pages", "About rnnviz"),
                               lambda: about_html(window)))):
        menu.addAction(_action(window, lambda t=text: translate("help_pages", t), name, slot))


def show_tours(window, first_run: bool = False) -> TourChooser:
    chooser = TourChooser(window, first_run)
    chooser.setAttribute(Qt.WA_DeleteOnClose)
    chooser.show()
    window.tour_chooser = chooser
    return chooser


def show_page(window, name: str, title, body) -> Page:
    page = Page(window, name, title, body)
    page.setAttribute(Qt.WA_DeleteOnClose)
    page.show()
    setattr(window, name, page)
    return page


def offer_first_tour(window) -> TourChooser | None:
    """At the first launch, offer the tours (once: the settings remember it was offered)."""
    if window.settings.value(FIRST_RUN, False, type=bool):
        return None
    window.settings.setValue(FIRST_RUN, True)
    return show_tours(window, first_run=True)
