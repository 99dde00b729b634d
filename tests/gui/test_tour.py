"""Help > Tour: tours are data, every step names a real control, and a tour waits for the user."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QWidget

from rnnviz.engine.presets import PRESETS
from rnnviz.gui import help_pages, i18n
from rnnviz.gui.main_window import MainWindow
from rnnviz.gui.tour import WAITS, find_target, load_tours

PATIENCE = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat), worker="thread")
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    assert win.start(preset="tale-lstm")
    qtbot.waitUntil(lambda: win.info is not None, timeout=PATIENCE)
    win.interactive = False             # nothing to ask on close (pytest-qt closes it first)
    yield win


def test_each_chapter_has_a_tour_of_five_to_ten_steps_in_both_languages():
    tours = load_tours()
    assert [t.id for t in tours] == ["1-dlfs2-ch5", "2-dlfs2-ch6", "3-dlfs2-ch7", "4-dlfs2-ch8", "5-d2l-9.5",
                                     "6-doit-ch9"]
    for tour in tours:
        assert 5 <= len(tour.steps) <= 10, tour.id
        assert tour.preset is None or tour.preset in PRESETS
        assert tour.view in ("main", "stepper", "lab", "classify")
        for field in (tour.title, *(step.text for step in tour.steps)):
            assert set(field) == {"en", "ko"} and all(field.values()), (tour.id, field)
            assert any("\uac00" <= ch <= "\ud7a3" for ch in field["ko"])
        for step in tour.steps:
            assert step.wait in WAITS and step.show in ("", "lab", "stepper"), (tour.id, step)
        # Two or three sentences a step, not a page.
        assert all(len(step.text["en"]) < 330 for step in tour.steps), tour.id


def test_every_step_rings_a_control_that_exists(window):
    for tour in load_tours():
        for step in tour.steps:
            found = window.findChildren(QWidget, step.target) \
                or window.seq2seq_lab.findChildren(QWidget, step.target) \
                or window.classify_lab.findChildren(QWidget, step.target)
            assert found, f"{tour.id}: no widget called {step.target!r}"


def test_the_ch5_tour_loads_its_run_rings_step_and_waits_for_it(qtbot, window):
    chooser = help_pages.show_tours(window)
    chooser.list.setCurrentRow(0)
    chooser.start_button.click()
    guide = window.tour_guide
    # The book's ch.5 run (on the bundled tale where PTB is absent): an RNN with T = 5.
    qtbot.waitUntil(lambda: window.info is not None and window.info.train_config.bptt == 5, timeout=PATIENCE)
    assert window.info.model_config.cell == "rnn"
    assert guide.index == 0 and guide.isVisible()
    guide.next.click()
    assert guide.index == 1
    button = find_target(window, "stepButton")
    ring = QRect(guide.ring.rect_)
    assert ring.contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size()))
    qtbot.wait(500)
    assert guide.index == 1                         # it waits: nothing was done yet
    window.step()                                   # what the step asks for
    qtbot.waitUntil(lambda: guide.index == 2, timeout=PATIENCE)
    assert not window.docks["graphPanel"].visibleRegion().isEmpty()     # the stepper's view
    guide.close_button.click()
    qtbot.waitUntil(lambda: not guide.ring.isVisible() if not guide.done else True)
    assert guide.done


def test_the_classifier_tour_waits_for_an_epoch_then_for_full_bptt(qtbot, window):
    chooser = help_pages.show_tours(window)
    chooser.list.setCurrentRow(5)
    chooser.start_button.click()
    guide, lab = window.tour_guide, window.classify_lab
    qtbot.waitUntil(lambda: lab.ready is not None, timeout=PATIENCE)
    assert lab.choice.source == "first-token" and lab.truncate == 10 and window.classify_dock.isVisible()
    guide.next.click()
    guide.next.click()
    assert guide.index == 2 and find_target(window, "classifyPlay") is not None
    qtbot.wait(400)
    assert guide.index == 2                         # it waits for an epoch's result
    lab.step_epoch()
    qtbot.waitUntil(lambda: guide.index == 3, timeout=PATIENCE)
    guide.next.click()
    assert guide.index == 4
    lab.controls.full_button.click()                # what the step asks for
    qtbot.waitUntil(lambda: guide.index == 5, timeout=PATIENCE)
    assert lab.truncate == 0
    guide.close_button.click()
    lab.saved_iteration = lab.iteration             # nothing to ask when the window closes


def test_a_tour_speaks_the_windows_language(qtbot, window):
    guide = help_pages.show_tours(window)
    guide.start()
    card = window.tour_guide
    english = card.body.text()
    i18n.set_language("ko")
    try:
        assert card.body.text() != english
        assert any("\uac00" <= ch <= "\ud7a3" for ch in card.body.text() + card.next.text())
    finally:
        i18n.set_language("en")
    assert card.body.text() == english


def test_about_and_the_panel_page_say_what_they_should(qtbot, window):
    about = help_pages.show_page(window, "aboutPage", lambda: "About", lambda: help_pages.about_html(window))
    text = about.view.toPlainText()
    assert "rnnviz 0." in text and "LGPL" in text and "MIT" in text
    assert str(window.settings.fileName()) in text            # where the settings live
    page = help_pages.show_page(window, "panelsPage", lambda: "Panels", help_pages.panels_html)
    text = page.view.toPlainText()
    for dock in window.docks.values():
        assert dock.windowTitle() in text


def test_the_first_launch_offers_the_tours_once(qtbot, window):
    first = help_pages.offer_first_tour(window)
    assert first is not None and first.isVisible() and first.later_button.text()
    first.later_button.click()
    assert help_pages.offer_first_tour(window) is None


def test_a_lab_step_waits_for_a_test_accuracy_even_across_a_rebuild():
    import numpy as np
    from types import SimpleNamespace

    from rnnviz.engine.snapshots import AccuracyResult
    from rnnviz.runtime.seq2seq_curves import Seq2seqCurves

    def accuracy(step):
        return AccuracyResult(step, step / 10, 0.5, np.zeros(3), (), 0.1)
    lab = SimpleNamespace(curves=Seq2seqCurves(10, 3))
    guide = SimpleNamespace(window_=SimpleNamespace(seq2seq_lab=lab))
    start, met = WAITS["lab_epoch"]
    lab.curves.add_accuracy(accuracy(10))
    base = start(guide)
    lab.curves.add_loss(11, 2.0)
    assert not met(guide, base)                     # a step is not an epoch
    lab.curves.add_accuracy(accuracy(20))
    assert met(guide, base)
    base = start(guide)
    lab.curves = Seq2seqCurves(10, 3)               # Reverse ticked: a new model, new curves
    assert not met(guide, base)
    lab.curves.add_accuracy(accuracy(10))
    assert met(guide, base)
