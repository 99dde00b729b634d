"""Exports in Korean: the axis labels are Korean and every Hangul glyph comes from a Korean face."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QGuiApplication, QTextLayout

from rnnviz.gui import i18n
from rnnviz.gui.panels.perplexity import PerplexityPanel

from .conftest import show_panel, synthetic_history


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def glyph_faces(text: str) -> list[tuple[str, int]]:
    """(font family, glyph index) of every glyph Qt draws ``text`` with in the application font;
    glyph 0 is the empty box a face without the character shows."""
    layout = QTextLayout(text, QGuiApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), index) for run in layout.glyphRuns() for index in run.glyphIndexes()]


def test_a_korean_window_draws_hangul_with_a_korean_face(qapp, korean):
    family = i18n.korean_family()
    assert family is not None, "install fonts-nanum or fonts-noto-cjk (README's Debian packages)"
    assert family in QGuiApplication.font().families()
    faces = glyph_faces("퍼플렉서티 (로그 눈금)")
    assert faces and all(index != 0 for _, index in faces)
    assert {name for name, _ in faces} & {family}


def test_an_exported_panel_has_korean_axis_labels(qtbot, tmp_path, korean):
    panel = show_panel(qtbot, PerplexityPanel())
    panel.refresh(synthetic_history(300)[0])
    svg = tmp_path / "perplexity.svg"
    panel.export(str(svg))
    text = svg.read_text(encoding="utf-8")
    label = i18n.translate("perplexity", "iteration (TBPTT steps)")
    assert any("\uac00" <= ch <= "\ud7a3" for ch in label)
    # SVG keeps text as text (Qt may split a label in runs), in the Korean face.
    assert all(word in text for word in re.findall(r"\w+", label)), label
    assert i18n.translate("perplexity", "validation") in text
    assert f"font-family=\"{','.join(QGuiApplication.font().families())}\"" in text
    assert i18n.korean_family() in QGuiApplication.font().families()
    png = tmp_path / "perplexity.png"
    panel.export(str(png))
    assert png.stat().st_size > 5_000
