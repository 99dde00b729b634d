"""The network unrolled over the current truncated-BPTT block, with a stepper through its passes.

Columns are the block's time steps, rows the layers bottom to top as the book draws them; a
node's fill is its forward size, its ring and the edges its backward gradient norm. The panel
draws the engine's :class:`~rnnviz.engine.snapshots.GraphFrame` and asks for sub-steps through
``substep_requested``; it computes nothing about the model itself.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QToolButton, QVBoxLayout,
                               QWidget)

from ...engine.snapshots import GraphFrame
from ...history import History
from .common import MUTED, TEXT, Panel, display_token, export_widget, style_plot
from .graph_view import GraphView
from .graph_style import FILL_STOPS, GRAD_STOPS, PHASE_COLOURS, LegendStrip, is_recurrent, row_label

# (objectName, label, signal payload, what the stepper must allow, tooltip)
STEPPER = (
    ("graphForwardStep", "Forward 1 step", "forward", "forward",
     "Advance one time step of one recurrent layer. The first click also looks up the embedding "
     "for all T; the last runs Time Affine + softmax + loss for all T at once."),
    ("graphForwardAll", "Forward to end", "forward_all", "forward",
     "Finish the forward pass of this block: every layer, every time step, then the loss."),
    ("graphBackwardStep", "Backward 1 step", "backward", "backward",
     "Send the gradient back one time step of one layer (right to left, top layer first). The "
     "first click runs softmax-with-loss and Time Affine backward for all T."),
    ("graphBackwardAll", "Backward to end", "backward_all", "backward",
     "Finish the backward pass: every layer back to t = 1, then the embedding."),
    ("graphClip", "Clip", "clip", "clip",
     "Scale all gradients down if their global norm exceeds the clipping threshold."),
    ("graphUpdate", "Update", "update", "update",
     "Let the optimizer move the weights by these gradients; the next Forward starts the next block."),
)
BADGES = {"forward": "FORWARD", "backward": "BACKWARD", "clipped": "CLIP", "updated": "UPDATE",
          "trained": "TRAINED STEP", "seq2seq": "SEQ2SEQ"}
SEQ2SEQ_CAPTION = ("One question and its answer unrolled: the encoder reads the question (left), hands its "
                   "last h to the decoder (right), which is trained to write the answer. Fill = forward "
                   "size, ring = gradient.")
VALUE_BAR, GRAD_BAR = FILL_STOPS[4], GRAD_STOPS[4]


def _points(size: float) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


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
    if is_recurrent(node):
        k = int(node[1:])
        h, h_prev = _sym("h", frame, k), _sym("h", frame, k, "t−1")
        c, c_prev = _sym("c", frame, k), _sym("c", frame, k, "t−1")
        below = _sym("x", frame) if k == 0 else _sym("h", frame, k - 1)
        gate = lambda g: f"<i>{g}</i><sub>t</sub>"      # noqa: E731
        if frame.cell == "rnn":
            lines = [f"{h} = tanh({h_prev} <i>W</i><sub>h</sub> + {below} <i>W</i><sub>x</sub> + <i>b</i>)"]
        elif frame.cell == "gru":
            lines = [f"{h} = (1 − {gate('z')}) ⊙ {gate('n')} + {gate('z')} ⊙ {h_prev}",
                     f"{gate('n')} = tanh({below} <i>W</i><sub>x</sub> + <i>b</i> + {gate('r')} ⊙ "
                     f"({h_prev} <i>W</i><sub>h</sub> + <i>b</i><sub>hn</sub>))"]
        elif node[0] == "c":
            lines = [f"{c} = {gate('f')} ⊙ {c_prev} + {gate('i')} ⊙ {gate('g')}",
                     f"i, f, o, g from {below} <i>W</i><sub>x</sub> + {h_prev} <i>W</i><sub>h</sub> + <i>b</i>"
                     f" &nbsp;(N, 4H)"]
        else:
            lines = [f"{h} = {gate('o')} ⊙ tanh({c})",
                     f"{gate('o')} = σ({below} <i>W</i><sub>x</sub><sup>(o)</sup> + {h_prev} "
                     f"<i>W</i><sub>h</sub><sup>(o)</sup> + <i>b</i><sup>(o)</sup>)"]
        return "<br>".join(lines), f"{_sym(node[0], frame, k)}: (N, H) = ({N}, {H})"
    x = _sym("x", frame)
    top = _sym("h", frame, s.get("L", 1) - 1)
    table = {
        "x": (f"{x} = id<sub>t</sub>, the input token's id", f"id<sub>t</sub>: (N,) = ({N},)"),
        "embed": (f"{x} = <i>W</i>[id<sub>t</sub>] &nbsp;(a row of the embedding)", f"{x}: (N, D) = ({N}, {D})"),
        "onehot": (f"{x} = one-hot(id<sub>t</sub>)", f"{x}: (N, V) = ({N}, {V})"),
        "scores": (f"{_sym('s', frame)} = {top} <i>W</i> + <i>b</i> &nbsp;(Time Affine, all T at once)",
                   f"{_sym('s', frame)}: (N, V) = ({N}, {V})"),
        "probs": (f"{_sym('y', frame)} = softmax({_sym('s', frame)})", f"{_sym('y', frame)}: (N, V) = ({N}, {V})"),
        "loss": (f"{_sym('L', frame)} = −log {_sym('y', frame)}[target]",
                 f"{_sym('L', frame)}: (N,) = ({N},); &nbsp;L = mean over N·T"),
    }
    return table.get(node, (html.escape(node), ""))


def _seq2seq_formula(frame: GraphFrame, node: str, decoding: bool) -> tuple[str, str] | None:
    """A seq2seq node's formula where it differs from a language model's; else None."""
    s = frame.sizes
    N, D, H, V = (s.get(k, "?") for k in "NDHV")
    h, hs, x = _sym("h", frame), "<i>hs</i>", _sym("x", frame)
    if node == "context":
        return (f"{_sym('c', frame)} = Σ<sub>s</sub> <i>a</i><sub>ts</sub> {hs}<sub>s</sub>, &nbsp;"
                f"<i>a</i><sub>t</sub> = softmax({hs} · {h}) &nbsp;(weights in the lab's heatmap)",
                f"{_sym('c', frame)}: (N, H) = ({N}, {H}); {hs}: (N, T<sub>q</sub>, H) = ({N}, {s.get('Tq')}, {H})")
    if node == "scores":
        inputs = {"plain": h, "peeky": f"[<i>h</i><sub>enc</sub>, {h}]",
                  "attention": f"[{_sym('c', frame)}, {h}]"}[frame.decoder]
        width = "H" if frame.decoder == "plain" else "2H"
        return (f"{_sym('s', frame)} = {inputs} <i>W</i> + <i>b</i> &nbsp;(Time Affine, all T at once)",
                f"{_sym('s', frame)}: (N, V) = ({N}, {V}); <i>W</i>: ({width}, V)")
    if node == "embed" and decoding and frame.decoder == "peeky":
        return (f"{x} = [<i>h</i><sub>enc</sub>, <i>W</i>[id<sub>t</sub>]] &nbsp;(the encoder's h peeks in "
                f"at every step; the size shown is the embedding's)", f"{x}: (N, H + D) = ({N}, {H} + {D})")
    return None


def phase_banner(frame: GraphFrame) -> tuple[str, str, str]:
    """(phase key for the colour, headline, detail line) of a frame."""
    T = len(frame.input_tokens)
    if frame.encoder_steps:
        details = [f"lab step {frame.iteration}", f"loss {frame.loss:.3f}"]
        return ("seq2seq", f"Seq2seq, {frame.caption}: one forward and backward pass, weights unchanged",
                " · ".join(details))
    where = ""
    if frame.cursor is not None:
        where = f"layer {frame.cursor[0] + 1}, t = {frame.cursor[1] + 1} of {T}"
    details = [f"step {frame.iteration}"]
    if math.isfinite(frame.loss):
        details.append(f"loss {frame.loss:.3f}")
    if math.isfinite(frame.grad_norm):
        details.append(f"‖g‖ {frame.grad_norm:.3g}")
    details.append(f"lr {frame.lr:g}")
    if not frame.stepping:
        return ("trained", f"Step {frame.iteration} as trained: this block's forward values and gradients; "
                           f"weights updated since", " · ".join(details))
    if frame.phase == "forward":
        if math.isfinite(frame.loss):
            text = (f"After forward — loss {frame.loss:.2f}: Time Affine, softmax and loss ran on all "
                    f"{T} columns at once (no gradients yet)")
        elif where:
            text = f"After forward — {where} (gradients not computed yet)"
        else:
            text = "New block — nothing computed yet: Forward 1 step looks up the embedding and runs t = 1"
    elif frame.phase == "backward":
        if "backward" not in frame.next_substeps:
            text = "After backward — every gradient of the block is in (not clipped yet)"
        elif where:
            text = f"Backward — {where} … (gradients fill right to left)"
        else:
            text = "Backward — loss, softmax and Time Affine for all T at once; the layers fill right to left next"
    elif frame.phase == "clipped":
        g, clip, scale = frame.grad_norm, frame.clip, frame.clip_scale
        if clip <= 0:
            text = f"Clipping off — global norm {g:.3g}; gradients unchanged"
        elif math.isfinite(scale) and scale < 1:
            text = f"After clip — global norm {g:.3g} > {clip:g}, gradients × {scale:.3g}"
        else:
            text = f"After clip — global norm {g:.3g} ≤ {clip:g}; gradients unchanged"
    else:
        text = (f"After the update (step {frame.iteration}): weights moved; values and gradients "
                f"are this block's")
        if frame.update_norms:
            name, norm = max(frame.update_norms.items(), key=lambda item: item[1])
            details.append(f"largest ‖Δθ‖ {name} {norm:.3g}")
    return frame.phase, text, " · ".join(details)


def _top_k_html(frame: GraphFrame, t: int) -> str:
    """The likeliest next tokens at t, with the target marked."""
    if t >= len(frame.top_tokens):
        return f"<span style='color:{MUTED}'>No scores yet: the forward pass has not reached the head.</span>"
    target = frame.target_tokens[t]
    rows = []
    for rank, (token, p, s) in enumerate(zip(frame.top_tokens[t], frame.top_probs[t], frame.top_scores[t]), 1):
        style = f" style='color:{GRAD_STOPS[4]}; font-weight:bold'" if token == target else ""
        mark = " ← target" if token == target else ""
        rows.append(f"<tr{style}><td align='right'>{rank}</td><td>{html.escape(display_token(token))}{mark}</td>"
                    f"<td align='right'>{p:.3f}</td><td align='right'>{s:.2f}</td></tr>")
    out = ("<table cellspacing='0' cellpadding='2'><tr style='color:#666'><td>#</td><td>next token</td>"
           "<td align='right'>&nbsp;&nbsp;y<sub>t</sub></td><td align='right'>&nbsp;&nbsp;s<sub>t</sub></td></tr>"
           + "".join(rows) + "</table>")
    if target not in frame.top_tokens[t]:
        out += f"<p>target “{html.escape(display_token(target))}” is not in the top {len(frame.top_tokens[t])}</p>"
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
        close.setToolTip("Close (Esc)")
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
            side, step = ("encoder", t + 1) if t < frame.encoder_steps else ("decoder", t - frame.encoder_steps + 1)
            where = f"{side}, t = {step}"
        self.title.setText(f"{row_label(node, frame.cell)} &nbsp;<span style='color:{MUTED}'>{where}</span>")
        source, target = (html.escape(display_token(tok)) for tok in (frame.input_tokens[t], frame.target_tokens[t]))
        self.token.setText(f"input “<b>{source}</b>” &nbsp;→ target “<b>{target}</b>”")
        formula, shape = node_formula(frame, node, t)
        self.formula.setText(f"{formula}<br><span style='color:{MUTED}'>{shape}</span>")
        self.numbers.setText(self._numbers(frame, r, t))
        head = node in ("scores", "probs", "loss")
        self.top_k.setVisible(head)
        if head:
            self.top_k.setText(_top_k_html(frame, t))
        for (widget, plot, bars), source, what in ((self.plots[0], frame.vectors, "value"),
                                                   (self.plots[1], frame.grad_vectors, "gradient")):
            values = source.get(node)
            row = None if values is None or head else np.asarray(values[t], np.float64)
            shown = row is not None and bool(np.isfinite(row).any())
            widget.setVisible(shown)
            if shown:
                units = np.asarray(frame.units[node], np.float64)
                width = float(np.min(np.diff(units))) * 0.8 if len(units) > 1 else 0.8
                bars.setOpts(x=units, height=np.nan_to_num(row), width=width)
                plot.setTitle(f"{what} by unit ({len(units)} shown)", color=MUTED, size="8pt")

    @staticmethod
    def _numbers(frame: GraphFrame, r: int, t: int) -> str:
        node = frame.nodes[r]
        if node == "x":
            return f"<span style='color:{MUTED}'>A token has no size and takes no gradient.</span>"
        value, grad = float(frame.values[r, t]), float(frame.grads[r, t])
        name = {"probs": "y<sub>t</sub>[target]", "loss": "L<sub>t</sub>"}.get(node, "RMS")
        lines = [f"{name} = " + (f"<b>{value:.4g}</b>" if math.isfinite(value) else "not computed yet (run forward)")]
        grad_text = f"<b>{grad:.3g}</b>" if math.isfinite(grad) else "not computed yet (run backward)"
        symbol = "xₜ" if node in ("embed", "onehot") else row_label(node, frame.cell).split()[-1]
        lines.append(f"‖∂L/∂{symbol}‖ = {grad_text}")
        return "<br>".join(lines)


class UnrolledGraphPanel(Panel):
    """The unrolled network of the latest block, a phase banner, a stepper and a node side view."""

    TITLE = "Unrolled graph"
    CAPTION = ("One batch row's block unrolled over time: fill = forward size, ring = gradient; Affine, "
               "softmax and loss run on all T columns at once.")
    PLACEHOLDER = "No graph yet.\nPress Forward 1 step to walk through a block, or Play to train."

    substep_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.frame: GraphFrame | None = None
        self.lm_frame: GraphFrame | None = None              # the language model's latest: the stepper's
        self.training = False
        self.selection: tuple[str, int] | None = None        # (node name, t): survives new frames
        self._styled_phase = ""
        self.view = GraphView()
        self.canvas = self.view.canvas
        self.legend = LegendStrip()
        self.node_view = NodeView()
        # Scrolled, so its formula and two plots never force the dock (and its neighbours) taller.
        self.node_scroll = QScrollArea()
        self.node_scroll.setWidgetResizable(True)
        self.node_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.node_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.node_scroll.setMinimumWidth(self.node_view.minimumWidth())
        self.node_scroll.setWidget(self.node_view)
        self.node_scroll.hide()                              # until a node is clicked
        self.node_view.hide()
        self.layout().insertWidget(1, self._build_toolbar())  # outside the stack: usable before any frame
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.node_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        self.content = QWidget()
        box = QVBoxLayout(self.content)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self._build_banner())
        box.addWidget(self.splitter, 1)
        self.set_content(self.content)
        self.canvas.node_selected.connect(self._on_node_selected)
        self.canvas.selection_cleared.connect(self._close_node_view)
        self.node_view.closed.connect(self._close_node_view)
        self._update_buttons()

    def _build_toolbar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(2, 0, 2, 0)
        row.setSpacing(3)
        self.buttons: dict[str, tuple[QPushButton, str]] = {}     # objectName -> (button, sub-step it needs)
        for name, text, payload, needs, tip in STEPPER:
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, p=payload: self.substep_requested.emit(p))
            self.buttons[name] = (button, needs)
            row.addWidget(button)
        row.addStretch(1)
        for name, text, tip, slot in (
                ("graphZoomOut", "−", "Zoom out (ctrl+wheel, or the − key)", lambda: self.view.zoom(0.8)),
                ("graphZoomIn", "+", "Zoom in (ctrl+wheel, or the + key)", lambda: self.view.zoom(1.25)),
                ("graphZoomFit", "Fit", "Fit the whole block into the view", self.view.fit)):
            button = QToolButton()
            button.setObjectName(name)
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
        return bar

    def _build_banner(self) -> QFrame:
        """Badge, headline and numbers of the phase; show_frame colours and fills them."""
        self.badge, self.headline, self.detail = QLabel(), QLabel(), QLabel()
        self.badge.setObjectName("graphPhaseBadge")
        self.headline.setObjectName("graphPhaseText")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet(f"color: {TEXT}; font-size: 10.5pt; font-weight: bold;")
        self.detail.setStyleSheet(f"color: {MUTED};")
        self.detail.setFont(_points(9))
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.banner = QFrame()
        self.banner.setObjectName("graphBanner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(6, 3, 8, 3)
        row.addWidget(self.badge)
        row.addWidget(self.headline, 1)
        row.addWidget(self.detail)
        return self.banner

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Draw ``history.latest_graph`` if it is a new frame."""
        frame = history.latest_graph
        if frame is None:
            if self.lm_frame is not None:
                self.clear()
            return
        if frame is not self.lm_frame:      # a seq2seq example stays until the model moves on
            self.show_frame(frame)

    def show_frame(self, frame: GraphFrame) -> None:
        """Draw ``frame``, keep the selected node, and enable the stepper's next sub-steps (a
        seq2seq example from the lab leaves them as the language model's frame has them)."""
        self.frame = frame
        if not frame.encoder_steps:
            self.lm_frame = frame
        self.caption.setText(SEQ2SEQ_CAPTION if frame.encoder_steps else self.CAPTION)
        self.show_content()
        self.view.set_frame(frame)
        self.legend.set_range(self.canvas.grad_lo_hi, seq2seq=bool(frame.encoder_steps))
        phase, text, detail = phase_banner(frame)
        if phase != self._styled_phase:     # restyling is the slow part of a label: only on a change
            self._styled_phase = phase
            colour = PHASE_COLOURS.get(phase, TEXT)
            self.badge.setStyleSheet(f"background: {colour}; color: white; font-weight: bold; font-size: 9pt;"
                                     f" padding: 3px 8px; border-radius: 4px;")
            self.banner.setStyleSheet(f"#graphBanner {{ background: #1f{colour[1:]}; "
                                      f"border-left: 4px solid {colour}; }}")
        self.badge.setText(BADGES.get(phase, phase.upper()))
        self.headline.setText(text)
        self.detail.setText(detail)
        # One line while it is short; a long one (the update's largest step) may wrap in two.
        self.detail.setFixedWidth(min(self.detail.fontMetrics().horizontalAdvance(detail) + 6, 300))
        if self.selection is not None and self.selection[0] in frame.nodes:
            node, t = self.selection
            self._select(frame.nodes.index(node), min(t, len(frame.input_tokens) - 1))
        else:
            self._close_node_view()
        self._update_buttons()

    def set_training(self, training: bool) -> None:
        """Disable the stepper while training runs; enable it by the frame's next sub-steps."""
        self.training = bool(training)
        self._update_buttons()

    def _update_buttons(self) -> None:
        frame = self.lm_frame
        allowed = set() if self.training else {"forward"} if frame is None else set(frame.next_substeps)
        for button, needs in self.buttons.values():
            button.setEnabled(needs in allowed)

    def node_center(self, node: str, t: int) -> QPoint:
        """Where node ``node`` at time step ``t`` (0-based) is drawn, in canvas coordinates."""
        return self.canvas.node_center(self.frame.nodes.index(node), t).toPoint()

    def _on_node_selected(self, r: int, t: int) -> None:
        self._select(r, t)
        centre = self.canvas.node_center(r, t)
        self.view.ensureVisible(round(centre.x()), round(centre.y()), 40, 40)

    def _select(self, r: int, t: int) -> None:
        self.selection = (self.frame.nodes[r], t)
        self.canvas.set_selected((r, t))
        self.node_view.show_node(self.frame, r, t)
        if self.node_view.isHidden():
            self.node_view.show()
            self.node_scroll.show()
            self.splitter.setSizes([max(self.splitter.width() - 270, 200), 270])

    def _close_node_view(self) -> None:
        self.selection = None
        self.canvas.set_selected(None)
        self.node_view.hide()
        self.node_scroll.hide()

    def clear(self) -> None:
        """Forget the frame: the placeholder, no selection, only Forward enabled."""
        self.frame = self.lm_frame = None
        self.caption.setText(self.CAPTION)
        self._close_node_view()
        self.show_placeholder()
        self._update_buttons()

    def export(self, path: str) -> None:
        """Save banner, graph, legend and side view as PNG or SVG (by the file suffix)."""
        export_widget(self.content, path)
