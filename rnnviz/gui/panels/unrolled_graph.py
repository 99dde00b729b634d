"""The network unrolled over the current truncated-BPTT block, with a stepper through its passes.

Columns are the block's time steps, rows the layers bottom to top as the book draws them; a
node's fill is its forward size, its ring and the edges its backward gradient norm. The panel
draws the engine's :class:`~rnnviz.engine.snapshots.GraphFrame` and asks for sub-steps through
``substep_requested``; it computes nothing about the model itself. The seq2seq lab sends it one
example at a time (encoder columns, then decoder columns); the stepper stays with the language
model's block. The clicked node's side view is :mod:`.graph_node_view`.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QToolButton,
                               QVBoxLayout, QWidget)

from ...engine.snapshots import GraphFrame
from rnnviz.runtime.history import History
from ..flow_layout import flow_row
from .common import MUTED, TEXT, Panel, export_painting, export_widget
from .graph_node_view import NodeView
from .graph_style import PHASE_COLOURS, LegendStrip
from .graph_view import GraphView

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


def _points(size: float) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


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
        # The buttons wrap onto a second line in a narrow dock instead of widening the window.
        bar = flow_row(spacing=3)
        row = bar.layout()
        row.setContentsMargins(2, 0, 2, 0)
        self.buttons: dict[str, tuple[QPushButton, str]] = {}     # objectName -> (button, sub-step it needs)
        for name, text, payload, needs, tip in STEPPER:
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, p=payload: self.substep_requested.emit(p))
            self.buttons[name] = (button, needs)
            row.addWidget(button)
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
        """Save banner, the whole graph with its legend, and the side view if open, as PNG or SVG
        (by the file suffix): every column and row, whatever the scroll position and zoom."""
        if self.frame is None:
            export_widget(self.content, path)
            return
        parts, size = self._export_layout()

        def paint(painter: QPainter) -> None:
            for widget, at in parts:
                widget.render(painter, at)

        export_painting(path, size, paint)

    def export_size(self) -> QSize:
        """Size (px) of the picture :meth:`export` writes."""
        return self._export_layout()[1]

    def _export_layout(self) -> tuple[list[tuple[QWidget, QPoint]], QSize]:
        """Where each part goes in an export. The canvas is drawn whole, not the scroll area's
        window onto it; the banner and legend keep their on-screen widths."""
        top = self.banner.height() + 2
        parts = [(self.banner, QPoint(0, 0)), (self.canvas, QPoint(0, top)),
                 (self.legend, QPoint(0, top + self.canvas.height()))]
        if not self.node_view.isHidden():
            parts.append((self.node_view, QPoint(max(self.canvas.width(), self.legend.width()) + 6, top)))
        size = QSize(max(at.x() + w.width() for w, at in parts), max(at.y() + w.height() for w, at in parts))
        return parts, size
