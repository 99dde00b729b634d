"""The truncated-BPTT map: StreamMap records drawn where the streams really read."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from rnnviz.engine.snapshots import StreamMap
from rnnviz.gui.panels.tbptt_map import CURRENT, ROW_BG, SHOWN, TbpttMapPanel, segments
from rnnviz.runtime.history import History

from .conftest import show_panel

PTB_SIZE = 929_588          # len(ptb.train) - 1, the book's data_size for batch 20 x 35


def ptb(block_start: int) -> StreamMap:
    return StreamMap(N=20, T=35, jump=PTB_SIZE // 20, data_size=PTB_SIZE, block_start=block_start,
                     iters_per_epoch=PTB_SIZE // (20 * 35))


def history(stream, graph=None) -> SimpleNamespace:
    return SimpleNamespace(latest_stream=stream, latest_graph=graph)


def shown(qtbot, size=(700, 260)) -> TbpttMapPanel:
    return show_panel(qtbot, TbpttMapPanel(), size)


def image(panel: TbpttMapPanel) -> QImage:
    return panel.map.grab().toImage()


def colour_at(panel: TbpttMapPanel, row: int, col: int) -> QColor:
    """The colour at the middle of a (minimum-width) block starting at token ``col`` of ``row``."""
    view = panel.map
    rect = view.token_rect(view.plot_rect(), row, col, col + view.stream.T, grow="right")
    return image(panel).pixelColor(rect.center().toPoint())


def count(img: QImage, colour: QColor) -> int:
    rgb = colour.rgb()
    return sum(img.pixel(x, y) == rgb for y in range(0, img.height(), 2) for x in range(0, img.width(), 2))


def test_segments_cut_at_row_ends_and_wrap_at_the_corpus_end():
    m = StreamMap(N=4, T=5, jump=30, data_size=121, block_start=0, iters_per_epoch=6)
    assert segments(m, 27, 5) == [(0, 27, 30), (1, 0, 2)]          # continues at the next row's start
    assert segments(m, 119, 5) == [(3, 29, 31), (0, 0, 3)]         # last row keeps the leftover token
    assert segments(m, 120, 3) == [(3, 30, 31), (0, 0, 2)]
    assert segments(m, 0, 500) == [(0, 0, 30), (1, 0, 30), (2, 0, 30), (3, 0, 31)]
    jumpy = StreamMap(N=3, T=8, jump=5, data_size=16, block_start=0, iters_per_epoch=0)
    assert segments(jumpy, 3, 8) == [(0, 3, 5), (1, 0, 5), (2, 0, 1)]   # T > jump: three rows


def test_placeholder_until_a_stream_arrives(qtbot):
    panel = shown(qtbot)
    panel.refresh(history(None))
    assert panel.showing_placeholder
    assert panel.placeholder.text() == "Train or step to see where the batch reads"
    panel.refresh(history(ptb(0)))
    assert not panel.showing_placeholder
    panel.refresh(history(None))
    assert panel.showing_placeholder and panel.map.stream is None


def test_first_block_sits_at_the_start_of_every_row(qtbot):
    panel = shown(qtbot)
    panel.refresh(history(ptb(0)))
    assert panel.status.text().startswith("block 1 of 1,327 in epoch 1;")
    assert "T = 35 tokens" in panel.status.text() and "jump = 46,479 tokens apart" in panel.status.text()
    img = image(panel)
    assert img.width() > 600 and img.height() > 100
    assert count(img, CURRENT) > 20 * 4                        # every stream's block is visible
    for row in range(20):
        assert colour_at(panel, row, 0) == CURRENT
    assert colour_at(panel, 5, 20_000) == ROW_BG[5 % 2]         # nothing read mid-row yet


def test_redraws_only_when_the_stream_changes(qtbot, monkeypatch):
    panel = shown(qtbot)
    first = ptb(0)
    panel.refresh(history(first))
    before = image(panel)
    calls = []
    original = panel.map.set_stream
    monkeypatch.setattr(panel.map, "set_stream", lambda *a: (calls.append(a), original(*a)))
    panel.refresh(history(first))
    assert calls == []
    panel.refresh(history(ptb(35 * 100)))
    assert len(calls) == 1
    assert panel.status.text().startswith("block 101 of 1,327 in epoch 1;")
    after = image(panel)
    assert after != before
    assert colour_at(panel, 7, 3500) == CURRENT
    assert colour_at(panel, 7, 0) != CURRENT                     # the block has left the row start
    assert colour_at(panel, 7, 1000) not in (CURRENT, ROW_BG[7 % 2])   # read: lightly shaded


def test_after_an_epoch_streams_read_in_the_next_row(qtbot):
    panel = shown(qtbot)
    real = History()                        # the real History works as well as a stand-in
    real.latest_stream = ptb(35 * 1400)     # block 1401 since training began
    panel.refresh(real)
    assert panel.status.text().startswith("block 74 of 1,327 in epoch 2;")
    col = 35 * 1400 - PTB_SIZE // 20       # 2,521 tokens into the next stream's row
    for stream in range(19):
        assert colour_at(panel, stream + 1, col) == CURRENT
    assert colour_at(panel, 0, col - 8) == CURRENT               # the last stream wrapped to row 0
    assert "stream 0: current block 49,000" in panel.map.row_tooltip(panel.map.token_rect(
        panel.map.plot_rect(), 1, 0, 1).center().y())


def test_graph_row_is_highlighted_and_its_block_named(qtbot):
    panel = shown(qtbot)
    stream = ptb(35 * 100)
    graph = SimpleNamespace(row=3, stream=stream, input_tokens=("the", "<unk>", "said", "\n"))
    panel.refresh(history(stream, graph))
    assert panel.graph_label.full_text == "Graph panel: stream 3, block 101: the <unk> said ⏎"
    assert colour_at(panel, 3, 3500) == SHOWN
    assert colour_at(panel, 4, 3500) == CURRENT
    chars = SimpleNamespace(row=0, stream=stream, input_tokens=tuple("to be"))
    panel.refresh(history(stream, chars))
    assert panel.graph_label.full_text.endswith(": to␣be")        # characters read as text


@pytest.mark.parametrize("stream", [
    StreamMap(N=4, T=5, jump=30, data_size=121, block_start=35, iters_per_epoch=6),    # tiny corpus
    StreamMap(N=3, T=8, jump=5, data_size=16, block_start=16, iters_per_epoch=0),      # T > jump
    StreamMap(N=1, T=35, jump=2000, data_size=2000, block_start=350, iters_per_epoch=57),
    StreamMap(N=128, T=35, jump=7262, data_size=PTB_SIZE, block_start=35 * 700, iters_per_epoch=207),
])
def test_small_and_odd_layouts_draw(qtbot, stream, tmp_path):
    panel = shown(qtbot)
    panel.refresh(history(stream))
    assert count(image(panel), CURRENT) > 10
    panel.export(str(tmp_path / "map.png"))
    assert QImage(str(tmp_path / "map.png")).width() == panel.content.width()


def orange_label_row(panel: TbpttMapPanel) -> int:
    """The row beside which the shown stream's (orange) label is drawn, from the pixels."""
    view = panel.map
    plot = view.plot_rect()
    img = image(panel)
    ys = [y for x in range(int(plot.left()) - 2) for y in range(int(plot.top()), int(plot.bottom()))
          if (c := img.pixelColor(x, y)).red() > 180 and 70 < c.green() < 190 and c.blue() < 110]
    assert len(ys) > 5
    return int((np.mean(ys) - plot.top()) / (plot.height() / view.stream.N))


def test_from_epoch_2_each_row_is_named_after_the_stream_reading_it(qtbot):
    panel = shown(qtbot)
    # Epoch 1: stream r reads in the row where it started.
    stream = ptb(35 * 100)
    panel.refresh(history(stream, SimpleNamespace(row=0, stream=stream, input_tokens=("the",))))
    assert panel.map.row_labels()[:3] == ["stream 0", "stream 1", "stream 2"]
    assert panel.map.shown_at() == 0 and orange_label_row(panel) == 0
    # Epoch 2: every stream has run on into the next row, the last one round to row 0.
    stream = ptb(35 * 1400)
    panel.refresh(history(stream, SimpleNamespace(row=0, stream=stream, input_tokens=("the",))))
    labels = panel.map.row_labels()
    assert labels[0] == "stream 19" and labels[1] == "stream 0" and labels[19] == "stream 18"
    assert colour_at(panel, 1, 35 * 1400 - PTB_SIZE // 20) == SHOWN     # stream 0's block is in row 1
    assert panel.map.shown_at() == 1
    assert orange_label_row(panel) == 1                                  # and so is its label
    # The row tint follows: row 1 is tinted, row 0 (stream 19's now) is plain.
    assert colour_at(panel, 0, 20_000) == ROW_BG[0]
    assert colour_at(panel, 1, 20_000) not in (ROW_BG[1], CURRENT)


def test_rows_two_streams_share_say_both(qtbot):
    # The last row is a few tokens longer than jump, so for a while it holds two streams' blocks
    # and row 0 none.
    m = StreamMap(N=4, T=5, jump=30, data_size=123, block_start=31, iters_per_epoch=6)
    panel = shown(qtbot)
    panel.refresh(history(m))
    assert panel.map.row_labels() == ["", "stream 0", "stream 1", "streams 2, 3"]
