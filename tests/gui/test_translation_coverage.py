"""Nothing left in the other language: every text the window shows, in Korean and in English.

The window is opened in one language with a run trained a step (so the panels have drawn), the
stepper, the seq2seq lab, the classifier lab (and one text it unrolls), the Help pages, the tour
chooser and every step of every tour, the keyboard-shortcut dialog and the divergence dialog. Every text a user can read is collected:
labels, buttons, group boxes, tabs, dock titles, combo items, spin-box affixes, placeholders,
tooltips, menu and action texts, table headers, and the text items of every plot (axis labels,
legends, readouts). In Korean no English word may remain except names and symbols
(:data:`NAMES`); in English no Hangul may appear except the language menu's own "한국어".
"""
from __future__ import annotations

import html
import re

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGraphicsSimpleTextItem,
                               QGraphicsTextItem, QGraphicsView, QGroupBox, QLabel, QLineEdit, QMenu, QTabBar,
                               QTableWidget, QTextBrowser, QWidget)

from rnnviz.engine.classify_generated import CUE_WORDS
from rnnviz.engine.training import divergence
from rnnviz.gui import help_pages, i18n
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.rewind_dialog import RewindDialog
from rnnviz.gui.tour import TourGuide, load_tours

PATIENCE = 60_000
HANGUL = re.compile(r"[\uac00-\ud7a3]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’_.-]*[A-Za-z0-9]|[A-Za-z]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|'[^']*'")      # a corpus's text, an example's data

# English a Korean window keeps on purpose (docs/i18n.md): symbols, code and model names, the
# books' English terms (DLFS2 keeps gate names, Encoder/Decoder, Affine, Softmax in English),
# proper nouns, file formats, keys, corpus and optimizer names, units.
NAMES = set("""
LSTM GRU RNN BPTT Truncated Adam SGD Momentum AdaGrad RMSProp sgd momentum adagrad rmsprop adam rnn lstm gru
PTB Softmax softmax tanh sigmoid Affine Embedding Encoder Decoder encoder decoder Reverse Peeky seq2seq Seq2seq
forget input output reset update rnnviz d2l DLFS2 Python PySide6 PySide Qt numpy pyqtgraph LGPLv3 LGPL MIT BSD PSF
Deep Learning from Scratch Dive into The Time Machine PNG SVG CSV JSON Ctrl Shift Space Esc Enter Right S E G L Z R O Q
A B C K NaN nan inf top-k KB MB GB KiB MiB GiB PyTorch safetensors ms log exp RMS max min id char word tale toy python-docs txt npz csv json runs
SimpleRnnlm Rnnlm RNNLM TBPTT Softmax-with-Loss NumPy English ctrl DLFS2 LGPLv3 Do it aclImdb tsv IMDB Keras
SimpleRNN
N T D H V W Wx Wh b x h c f i o g r z n p s y t k L dL dh dx ds dy dW db dc
""".split())


NAMES |= {word for half in CUE_WORDS for word in half}         # first token's made-up words: data


def readable(widget: QWidget) -> list[str]:
    """The texts a user can read on ``widget`` itself (not its children)."""
    texts = [widget.toolTip(), widget.whatsThis()]
    if isinstance(widget, QLabel):
        texts.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QGroupBox):
        texts.append(widget.title())
    elif isinstance(widget, QDockWidget):
        texts.append(widget.windowTitle())
    elif isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QLineEdit):
        texts += [widget.placeholderText()]
    elif isinstance(widget, QAbstractSpinBox):
        texts += [getattr(widget, name)() for name in ("prefix", "suffix", "specialValueText") if hasattr(widget, name)]
    elif isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())] + [widget.tabToolTip(i) for i in range(widget.count())]
    elif isinstance(widget, QTableWidget):
        for i in range(widget.columnCount()):
            item = widget.horizontalHeaderItem(i)
            texts.append(item.text() if item else "")
    elif isinstance(widget, QTextBrowser):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QMenu):
        texts.append(widget.title())
    if isinstance(widget, QGraphicsView) and widget.scene() is not None:
        for item in widget.scene().items():
            if isinstance(item, QGraphicsTextItem) and item.isVisible():
                texts.append(item.toPlainText())
            elif isinstance(item, QGraphicsSimpleTextItem) and item.isVisible():
                texts.append(item.text())
    if widget.isWindow() or isinstance(widget, QDockWidget):
        texts.append(widget.windowTitle())
    for action in widget.actions():
        texts += [action.text(), action.toolTip(), action.statusTip()]
        if action.menu() is not None:
            texts += [a.text() for a in action.menu().actions()] + [action.menu().title()]
    return texts


def collect(*roots: QWidget) -> list[str]:
    """Every readable text under ``roots`` (visible or not: a hidden dock is one click away)."""
    found = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            found += readable(widget)
    return [t for t in found if t and t.strip()]


def plain(text: str) -> str:
    """The words of a text: HTML tags, entities and mnemonics gone."""
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")


def english_words(text: str) -> list[str]:
    """Words of ``text`` that are neither Korean nor a name: paths, quoted data, code names
    (``embed.W``) and words with a digit (``lstm0``, ``1x128``, ``L2``, ``seq2seq``) left out."""
    text = QUOTED.sub(" ", plain(re.sub(r"<code>.*?</code>", " ", text)))
    text = re.sub(r"\S+\.(txt|npz|csv|json|png|svg|ini)\b|\S*[/\\]\S*|\[[^]]*]", " ", text)
    words = WORD.findall(text)
    return [w for w in words if w not in NAMES and w.lower() not in NAMES and not re.search(r"[._]\w|\d", w)]


@pytest.fixture
def captured(monkeypatch):
    """Message boxes answered at once, their titles and texts kept."""
    from PySide6.QtWidgets import QMessageBox
    shown = []

    def show(parent, title, text, *args, **kwargs):
        shown.append(title)
        shown.append(text)
        return QMessageBox.Ok
    for kind in ("information", "critical", "warning", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(show))
    return shown


def open_everything(qtbot, window, captured) -> list[str]:
    """Drive the window through what a user can open, and return every text seen on the way."""
    texts = []
    window.step()
    qtbot.waitUntil(lambda: window.iteration >= 1 and window.history.latest_probe is not None, timeout=PATIENCE)
    window.tick()
    window.show_stepper()
    window.tick()
    texts += collect(window)
    window.show_seq2seq()
    qtbot.waitUntil(lambda: window.seq2seq_lab.builds >= 1, timeout=PATIENCE)
    texts += collect(window.seq2seq_lab)
    window.show_classify()
    lab = window.classify_lab
    qtbot.waitUntil(lambda: lab.builds >= 1 and lab.trace_views.trace is not None, timeout=PATIENCE)
    lab.step()
    qtbot.waitUntil(lambda: lab.iteration >= 1, timeout=PATIENCE)
    lab.unroll()
    graph = window.panels["graphPanel"]
    qtbot.waitUntil(lambda: graph.frame is not None and bool(graph.frame.pool), timeout=PATIENCE)
    lab.poll()
    texts += collect(lab, window.docks["graphPanel"])
    window.show_compare()
    compare = window.compare_lab
    qtbot.waitUntil(lambda: compare.builds >= 1, timeout=PATIENCE)
    compare.step()
    qtbot.waitUntil(lambda: compare.iteration >= 1, timeout=PATIENCE)
    compare.poll()
    for page in range(compare.side.count()):
        compare.side.setCurrentIndex(page)
        texts += collect(compare)
    # Each view of the window itself, in front in turn (a panel behind a tab is not drawn).
    for name in ("gateSaturationPanel", "whSpectrumPanel"):
        window.docks[name].raise_()
        window.tick()
        texts += collect(window.docks[name])
    window.findChild(type(window.play_action), "actionShortcuts").trigger()
    window._show_pending_dialogs()
    for name in ("actionAbout", "actionPanelsHelp"):
        window.findChild(type(window.play_action), name).trigger()
    texts += collect(window.aboutPage, window.panelsPage)
    chooser = help_pages.show_tours(window, first_run=True)
    texts += collect(chooser)
    chooser.close()
    for tour in load_tours():
        guide = TourGuide(window, tour)
        for index in range(len(tour.steps)):
            guide.index = index
            guide._retranslate()
            texts += collect(guide)
        guide.timer.stop()
        guide.finish()
    # The divergence dialog as a run with lr 20 and no clipping would raise it.
    record = divergence(40, float("nan"), float("inf"), grads={"lstm0.Wh": np.full((2, 2), np.nan)}, lr=20.0,
                        clip=0.0, vocab_size=50, rewind_to=25)
    dialog = RewindDialog((0, 25), record.rewind_to, record.suggested_lr, record.message)
    texts += collect(dialog)
    dialog.close()
    # interactive=False: dialogs the window raises go to window.messages instead of a box.
    return texts + captured + [text for pair in window.messages for text in pair]


def make_window(qtbot, tmp_path, lang: str) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    settings.setValue(i18n.SETTING, lang)
    window = MainWindow(settings, worker="thread")
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.experiment.hidden_spin.setValue(32)
    assert window.start(preset="tale-lstm")
    qtbot.waitUntil(lambda: window.info is not None, timeout=PATIENCE)
    window.interactive = False
    return window


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def test_a_korean_window_leaves_no_english_sentence(qtbot, tmp_path, captured):
    window = make_window(qtbot, tmp_path, "ko")
    assert i18n.language() == "ko"
    texts = open_everything(qtbot, window, captured)
    left = sorted({(text[:90], " ".join(words)) for text in texts if (words := english_words(text))})
    print(f"\nKorean window: {len(texts)} texts checked, {len(set(texts))} distinct")
    assert left == [], f"{len(left)} texts still English:\n" + "\n".join(f"  {t!r}: {w}" for t, w in left[:80])
    assert len(set(texts)) > 350


def test_an_english_window_shows_no_korean(qtbot, tmp_path, captured):
    window = make_window(qtbot, tmp_path, "en")
    texts = open_everything(qtbot, window, captured)
    korean = sorted({text[:90] for text in texts if HANGUL.search(text) and text != "한국어"})
    print(f"\nEnglish window: {len(texts)} texts checked, {len(set(texts))} distinct")
    assert korean == []
    assert len(set(texts)) > 350
