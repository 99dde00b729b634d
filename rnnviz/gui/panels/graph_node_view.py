"""The unrolled graph's side view: the selected node's formula with shapes, its numbers, and bars
of its vector and gradient (or the top-k next tokens at the head).

Everything shown is read from the engine's :class:`~rnnviz.engine.snapshots.GraphFrame`.
"""
from __future__ import annotations

import html
import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...engine.cells import cell_type
from ...engine.snapshots import GraphFrame
from ...localize import localize
from ..i18n import live, translate
from .common import MUTED, TEXT, display_token, style_plot
from .graph_style import FILL_STOPS, GRAD_STOPS, is_recurrent, row_label, row_symbol

VALUE_BAR, GRAD_BAR = FILL_STOPS[4], GRAD_STOPS[4]


def _sym(letter: str, frame: GraphFrame, layer: int | None = None, t: str = "t") -> str:
    """A symbol as rich text: ``h`` with the layer as superscript (when there are several) and
    the time as subscript."""
    sup = f"<sup>{layer + 1}</sup>" if layer is not None and frame.sizes.get("L", 1) > 1 else ""
    return f"<i>{letter}</i>{sup}<sub>{t}</sub>"


def node_formula(frame: GraphFrame, node: str, t: int | None = None) -> tuple[str, str]:
    """The node's formula and its shape line, rich text in the book's letters (``t``: the
    column, which tells a seq2seq encoder's node from its decoder's)."""
    s = frame.sizes
    N, D, H, V = (s.get(k, "?") for k in "NDHV")
    if frame.encoder_steps:
        extra = _seq2seq_formula(frame, node, t is not None and t >= frame.encoder_steps)
        if extra is not None:
            return extra
    if frame.pool and node in ("scores", "probs", "loss"):
        return _classify_formula(frame, node)
    if is_recurrent(node):
        k = int(node[1:])
        h, h_prev = _sym("h", frame, k), _sym("h", frame, k, "t−1")
        c, c_prev = _sym("c", frame, k), _sym("c", frame, k, "t−1")
        below = _sym("x", frame) if k == 0 else _sym("h", frame, k - 1)
        symbols = {"h": h, "h_prev": h_prev, "c": c, "c_prev": c_prev, "x": below}
        lines = [localize(line) for line in cell_type(frame.cell).formulas[node[0]]]   # "from" is prose
        return "<br>".join(_rich(line, symbols) for line in lines), f"{_sym(node[0], frame, k)}: (N, H) = ({N}, {H})"
    x = _sym("x", frame)
    top = _sym("h", frame, s.get("L", 1) - 1)
    table = {
        "x": (f"{x} = id<sub>t</sub>, " + translate("graph_node_view", "the input token's id"),
              f"id<sub>t</sub>: (N,) = ({N},)"),
        "embed": (f"{x} = <i>W</i>[id<sub>t</sub>] &nbsp;" + translate("graph_node_view", "(a row of the embedding)"),
                  f"{x}: (N, D) = ({N}, {D})"),
        "onehot": (f"{x} = one-hot(id<sub>t</sub>)", f"{x}: (N, V) = ({N}, {V})"),
        "scores": (f"{_sym('s', frame)} = {top} <i>W</i> + <i>b</i> &nbsp;" + _all_at_once(),
                   f"{_sym('s', frame)}: (N, V) = ({N}, {V})"),
        "probs": (f"{_sym('y', frame)} = softmax({_sym('s', frame)})", f"{_sym('y', frame)}: (N, V) = ({N}, {V})"),
        "loss": (f"{_sym('L', frame)} = −log {_sym('y', frame)}[target]",
                 f"{_sym('L', frame)}: (N,) = ({N},); &nbsp;" + translate("graph_node_view", "L = mean over N·T")),
    }
    return table.get(node, (html.escape(node), ""))


def _all_at_once() -> str:
    return translate("graph_node_view", "(Time Affine, all T at once)")


_PARAMS = {"Wx": "<i>W</i><sub>x</sub>", "Wh": "<i>W</i><sub>h</sub>", "b": "<i>b</i>",
           "bhn": "<i>b</i><sub>hn</sub>"}


def _rich(line: str, symbols: dict[str, str]) -> str:
    """A cell's formula line (see :class:`~rnnviz.engine.cells.CellType`) as rich text: ``{h}``
    and friends from ``symbols``, a parameter in the book's letters (``{Wx.o}``: gate o's
    block), any other name a gate at time t."""
    def one(name: str) -> str:
        if name in symbols:
            return symbols[name]
        base, _, gate = name.partition(".")
        if base in _PARAMS:
            return _PARAMS[base] + (f"<sup>({html.escape(gate)})</sup>" if gate else "")
        return f"<i>{html.escape(name)}</i><sub>t</sub>"
    parts = re.split(r"\{([^}]+)\}", line)             # text, name, text, name, ..., text
    return "".join(one(p) if i % 2 else html.escape(p) for i, p in enumerate(parts))


def _seq2seq_formula(frame: GraphFrame, node: str, decoding: bool) -> tuple[str, str] | None:
    """A seq2seq node's formula where it differs from a language model's; else None."""
    s = frame.sizes
    N, D, H, V = (s.get(k, "?") for k in "NDHV")
    h, hs, x = _sym("h", frame), "<i>hs</i>", _sym("x", frame)
    if node == "context":
        return (f"{_sym('c', frame)} = Σ<sub>s</sub> <i>a</i><sub>ts</sub> {hs}<sub>s</sub>, &nbsp;"
                f"<i>a</i><sub>t</sub> = softmax({hs} · {h}) &nbsp;"
                + translate("graph_node_view", "(weights in the lab's heatmap)"),
                f"{_sym('c', frame)}: (N, H) = ({N}, {H}); {hs}: (N, T<sub>q</sub>, H) = ({N}, {s.get('Tq')}, {H})")
    if node == "scores":
        inputs = {"plain": h, "peeky": f"[<i>h</i><sub>enc</sub>, {h}]",
                  "attention": f"[{_sym('c', frame)}, {h}]"}[frame.decoder]
        width = "H" if frame.decoder == "plain" else "2H"
        return (f"{_sym('s', frame)} = {inputs} <i>W</i> + <i>b</i> &nbsp;" + _all_at_once(),
                f"{_sym('s', frame)}: (N, V) = ({N}, {V}); <i>W</i>: ({width}, V)")
    if node == "embed" and decoding and frame.decoder == "peeky":
        return (f"{x} = [<i>h</i><sub>enc</sub>, <i>W</i>[id<sub>t</sub>]] &nbsp;"
                + translate("graph_node_view", "(the encoder's h peeks in at every step; the size shown is the "
                                               "embedding's)"), f"{x}: (N, H + D) = ({N}, {H} + {D})")
    return None


def _classify_formula(frame: GraphFrame, node: str) -> tuple[str, str]:
    """A classifier's head: one output for the whole text, from h_T or the mean of h_t."""
    s = frame.sizes
    N, H, C = (s.get(k, "?") for k in "NHC")
    top = _sym("h", frame, s.get("L", 1) - 1, "T")
    feature = top if frame.pool == "last" else f"mean<sub>t</sub> {_sym('h', frame, s.get('L', 1) - 1)}"
    out, width = ("1", 1) if C == 2 else ("C", C)          # two classes: one logit and a sigmoid
    y, sc = "<i>y</i>", "<i>s</i>"
    if node == "scores":
        return (f"{sc} = {feature} <i>W</i> + <i>b</i>",
                f"{sc}: (N, {out}) = ({N}, {width}); <i>W</i>: (H, {out}) = ({H}, {width})")
    if node == "probs":
        if C == 2:
            return f"{y} = σ({sc}) = P(" + translate("graph_node_view", "positive") + ")", f"{y}: (N, 1)"
        return f"{y} = softmax({sc})", f"{y}: (N, C) = ({N}, {C})"
    return (f"<i>L</i> = −log {y}[" + translate("graph_node_view", "label") + "]",
            f"<i>L</i>: (N,) = ({N},); &nbsp;" + translate("graph_node_view", "L = mean over N"))


def _top_k_html(frame: GraphFrame, t: int) -> str:
    """The likeliest next tokens at t, with the target marked."""
    if t >= len(frame.top_tokens):
        return (f"<span style='color:{MUTED}'>"
                + translate("graph_node_view", "No scores yet: the forward pass has not reached the head.")
                + "</span>")
    target = frame.target_tokens[t]
    rows = []
    for rank, (token, p, s) in enumerate(zip(frame.top_tokens[t], frame.top_probs[t], frame.top_scores[t]), 1):
        style = f" style='color:{GRAD_STOPS[4]}; font-weight:bold'" if token == target else ""
        mark = " " + translate("graph_node_view", "← target") if token == target else ""
        rows.append(f"<tr{style}><td align='right'>{rank}</td><td>{html.escape(display_token(token))}{mark}</td>"
                    f"<td align='right'>{p:.3f}</td><td align='right'>{s:.2f}</td></tr>")
    out = ("<table cellspacing='0' cellpadding='2'><tr style='color:#666'><td>#</td><td>"
           + (translate("graph_node_view", "class") if frame.pool else translate("graph_node_view", "next token"))
           + "</td>"
           "<td align='right'>&nbsp;&nbsp;y<sub>t</sub></td><td align='right'>&nbsp;&nbsp;s<sub>t</sub></td></tr>"
           + "".join(rows) + "</table>")
    if target not in frame.top_tokens[t]:
        out += "<p>" + translate("graph_node_view", "target “{token}” is not in the top {k}").format(
            token=html.escape(display_token(target)), k=len(frame.top_tokens[t])) + "</p>"
    return out


class NodeView(QFrame):
    """The side view of the selected node: formula with shapes, numbers, vector bars or top-k."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphNodeView")
        self.setMinimumWidth(220)
        self.setStyleSheet("#graphNodeView { background: white; border-left: 1px solid #dddddd; }")
        self.title = QLabel()
        self.title.setObjectName("graphNodeTitle")
        self.title.setStyleSheet(f"color: {TEXT}; font-size: 11pt; font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)            # "decoder, t = 2" goes under a long row name
        close = QToolButton()
        close.setObjectName("graphNodeClose")
        close.setText("×")
        live(close, lambda: close.setToolTip(translate("graph_node_view", "Close (Esc)")))
        close.setAutoRaise(True)
        close.clicked.connect(self.closed.emit)
        self.formula, self.numbers, self.top_k, self.token = QLabel(), QLabel(), QLabel(), QLabel()
        self.formula.setObjectName("graphNodeFormula")
        self.numbers.setObjectName("graphNodeNumbers")
        self.top_k.setObjectName("graphNodeTopK")
        for label in (self.formula, self.numbers, self.top_k, self.token):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setStyleSheet(f"color: {TEXT}; font-size: 9.5pt;")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet(f"color: {TEXT}; font-size: 10.5pt; background: #f6f6f6; padding: 4px;")
        self.plots = []
        for name, colour in (("graphNodeValues", VALUE_BAR), ("graphNodeGrads", GRAD_BAR)):
            widget = pg.PlotWidget()
            widget.setObjectName(name)
            widget.setFixedHeight(130)
            plot = widget.getPlotItem()
            style_plot(plot, bottom="", left="")
            plot.layout.setContentsMargins(0, 0, 12, 0)     # room for the last tick label
            plot.setMouseEnabled(x=False, y=False)
            plot.setTitle("", color=MUTED, size="8pt")
            bars = pg.BarGraphItem(x=[], height=[], width=1.0, brush=colour, pen=None)
            plot.addItem(bars)
            self.plots.append((widget, plot, bars))
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(close)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 4, 6, 4)
        box.setSpacing(4)
        box.addLayout(head)
        for widget in (self.token, self.formula, self.numbers, self.plots[0][0], self.plots[1][0], self.top_k):
            box.addWidget(widget)
        box.addStretch(1)

    def show_node(self, frame: GraphFrame, r: int, t: int) -> None:
        """Fill the view with node row ``r`` at time step ``t`` of ``frame``."""
        node = frame.nodes[r]
        where = f"t = {t + 1}"
        if frame.encoder_steps:
            if t < frame.encoder_steps:
                where = translate("graph_node_view", "encoder, t = {t}").format(t=t + 1)
            else:
                where = translate("graph_node_view", "decoder, t = {t}").format(t=t - frame.encoder_steps + 1)
        where = f"<span style='color:{MUTED}; white-space:nowrap'>{where}</span>"     # wraps as one piece
        self.title.setText(f"{row_label(node, frame.cell)} &nbsp;{where}")
        source, target = (html.escape(display_token(tok)) for tok in (frame.input_tokens[t], frame.target_tokens[t]))
        self.token.setText(translate("graph_node_view", "input “<b>{input}</b>” &nbsp;→ target “<b>{target}</b>”")
                           .format(input=source, target=target))
        formula, shape = node_formula(frame, node, t)
        self.formula.setText(f"{formula}<br><span style='color:{MUTED}'>{shape}</span>")
        self.numbers.setText(self._numbers(frame, r, t))
        head = node in ("scores", "probs", "loss")
        self.top_k.setVisible(head)
        if head:
            self.top_k.setText(_top_k_html(frame, t))
        for (widget, plot, bars), source, what in (
                (self.plots[0], frame.vectors, translate("graph_node_view", "value by unit ({n} shown)")),
                (self.plots[1], frame.grad_vectors, translate("graph_node_view", "gradient by unit ({n} shown)"))):
            values = source.get(node)
            row = None if values is None or head else np.asarray(values[t], np.float64)
            shown = row is not None and bool(np.isfinite(row).any())
            widget.setVisible(shown)
            if shown:
                units = np.asarray(frame.units[node], np.float64)
                width = float(np.min(np.diff(units))) * 0.8 if len(units) > 1 else 0.8
                bars.setOpts(x=units, height=np.nan_to_num(row), width=width)
                plot.setTitle(what.format(n=len(units)), color=MUTED, size="8pt")

    @staticmethod
    def _numbers(frame: GraphFrame, r: int, t: int) -> str:
        node = frame.nodes[r]
        if node == "x":
            return (f"<span style='color:{MUTED}'>"
                    + translate("graph_node_view", "A token has no size and takes no gradient.") + "</span>")
        value, grad = float(frame.values[r, t]), float(frame.grads[r, t])
        name = {"probs": "y<sub>t</sub>[target]", "loss": "L<sub>t</sub>"}.get(node, "RMS")
        lines = [f"{name} = " + (f"<b>{value:.4g}</b>" if math.isfinite(value)
                                 else translate("graph_node_view", "not computed yet (run forward)"))]
        grad_text = (f"<b>{grad:.3g}</b>" if math.isfinite(grad)
                     else translate("graph_node_view", "not computed yet (run backward)"))
        symbol = row_symbol(node)
        lines.append(f"‖∂L/∂{symbol}‖ = {grad_text}")
        return "<br>".join(lines)
