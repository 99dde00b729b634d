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
from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate
from rnnviz.localize import localize
from rnnviz.runtime.history import History
from ..flow_layout import flow_row
from .common import MUTED, TEXT, Panel, export_painting, export_widget
from .graph_node_view import NodeView
from .graph_style import PHASE_COLOURS, LegendStrip
from .graph_view import GraphView

# (objectName, label, signal payload, what the stepper must allow, tooltip); label and tooltip
# are English sources, shown through translate("unrolled_graph", ...).
STEPPER = (
    ("graphForwardStep", QT_TRANSLATE_NOOP("unrolled_graph", "Forward 1 step"), "forward", "forward",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Advance one time step of one recurrent layer. The first click also looks up the embedding "
                       "for all T; the last runs Time Affine + softmax + loss for all T at once.")),
    ("graphForwardAll", QT_TRANSLATE_NOOP("unrolled_graph", "Forward to end"), "forward_all", "forward",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Finish the forward pass of this block: every layer, every time step, then the loss.")),
    ("graphBackwardStep", QT_TRANSLATE_NOOP("unrolled_graph", "Backward 1 step"), "backward", "backward",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Send the gradient back one time step of one layer (right to left, top layer first). The "
                       "first click runs softmax-with-loss and Time Affine backward for all T.")),
    ("graphBackwardAll", QT_TRANSLATE_NOOP("unrolled_graph", "Backward to end"), "backward_all", "backward",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Finish the backward pass: every layer back to t = 1, then the embedding.")),
    ("graphClip", QT_TRANSLATE_NOOP("unrolled_graph", "Clip"), "clip", "clip",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Scale all gradients down if their global norm exceeds the clipping threshold.")),
    ("graphUpdate", QT_TRANSLATE_NOOP("unrolled_graph", "Update"), "update", "update",
     QT_TRANSLATE_NOOP("unrolled_graph",
                       "Let the optimizer move the weights by these gradients; the next Forward starts the "
                       "next block.")),
)
# Badge of each phase (English sources, shown through translate("unrolled_graph", ...)).
BADGES = {"forward": QT_TRANSLATE_NOOP("unrolled_graph", "FORWARD"),
          "backward": QT_TRANSLATE_NOOP("unrolled_graph", "BACKWARD"),
          "clipped": QT_TRANSLATE_NOOP("unrolled_graph", "CLIP"),
          "updated": QT_TRANSLATE_NOOP("unrolled_graph", "UPDATE"),
          "trained": QT_TRANSLATE_NOOP("unrolled_graph", "TRAINED STEP"),
          "seq2seq": QT_TRANSLATE_NOOP("unrolled_graph", "SEQ2SEQ"),
          "classify": QT_TRANSLATE_NOOP("unrolled_graph", "MANY-TO-ONE")}
SEQ2SEQ_CAPTION = QT_TRANSLATE_NOOP(
    "panels", "One question and its answer unrolled: the encoder reads the question (left), hands its "
              "last h to the decoder (right), which is trained to write the answer. Fill = forward "
              "size, ring = gradient.")

CLASSIFY_CAPTION = QT_TRANSLATE_NOOP(
    "panels", "One text read by the classifier: every token updates h, and only the last h reaches the "
              "output and the one loss. Left of the red line the truncated backward pass never goes. "
              "Fill = forward size, ring = gradient.")


def _points(size: float) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    return font


def phase_banner(frame: GraphFrame) -> tuple[str, str, str]:
    """(phase key for the colour, headline, detail line) of a frame, in the window's language."""
    T = len(frame.input_tokens)
    if frame.pool:
        details = [translate("unrolled_graph", "lab step {n}").format(n=frame.iteration),
                   translate("unrolled_graph", "loss {loss}").format(loss=f"{frame.loss:.3f}")]
        if frame.cut:
            headline = translate("unrolled_graph", "Classifier, one text: forward over all {T} tokens, backward over "
                                                   "the last {k} only; weights unchanged").format(T=T, k=T - frame.cut)
        else:
            headline = translate("unrolled_graph", "Classifier, one text: forward and backward over all {T} tokens; "
                                                   "weights unchanged").format(T=T)
        return "classify", headline, " · ".join(details)
    if frame.encoder_steps:
        details = [translate("unrolled_graph", "lab step {n}").format(n=frame.iteration),
                   translate("unrolled_graph", "loss {loss}").format(loss=f"{frame.loss:.3f}")]
        return ("seq2seq", translate("unrolled_graph", "Seq2seq, {example}: one forward and backward pass, "
                                                       "weights unchanged").format(example=localize(frame.caption)),
                " · ".join(details))
    where = ""
    if frame.cursor is not None:
        where = translate("unrolled_graph", "layer {layer}, t = {t} of {T}").format(
            layer=frame.cursor[0] + 1, t=frame.cursor[1] + 1, T=T)
    details = [translate("unrolled_graph", "step {n}").format(n=frame.iteration)]
    if math.isfinite(frame.loss):
        details.append(translate("unrolled_graph", "loss {loss}").format(loss=f"{frame.loss:.3f}"))
    if math.isfinite(frame.grad_norm):
        details.append(f"‖g‖ {frame.grad_norm:.3g}")
    details.append(translate("unrolled_graph", "lr {lr}").format(lr=f"{frame.lr:g}"))
    if not frame.stepping:
        return ("trained", translate("unrolled_graph", "Step {n} as trained: this block's forward values and "
                                                       "gradients; weights updated since").format(n=frame.iteration),
                " · ".join(details))
    if frame.phase == "forward":
        if math.isfinite(frame.loss):
            text = translate("unrolled_graph", "After forward — loss {loss}: Time Affine, softmax and loss ran on "
                                               "all {T} columns at once (no gradients yet)").format(
                loss=f"{frame.loss:.2f}", T=T)
        elif where:
            text = translate("unrolled_graph", "After forward — {where} (gradients not computed yet)").format(
                where=where)
        else:
            text = translate("unrolled_graph", "New block — nothing computed yet: Forward 1 step looks up the "
                                               "embedding and runs t = 1")
    elif frame.phase == "backward":
        if "backward" not in frame.next_substeps:
            text = translate("unrolled_graph", "After backward — every gradient of the block is in (not clipped yet)")
        elif where:
            text = translate("unrolled_graph", "Backward — {where} … (gradients fill right to left)").format(
                where=where)
        else:
            text = translate("unrolled_graph", "Backward — loss, softmax and Time Affine for all T at once; the "
                                               "layers fill right to left next")
    elif frame.phase == "clipped":
        g, clip, scale = frame.grad_norm, frame.clip, frame.clip_scale
        if clip <= 0:
            text = translate("unrolled_graph", "Clipping off — global norm {norm}; gradients unchanged").format(
                norm=f"{g:.3g}")
        elif math.isfinite(scale) and scale < 1:
            text = translate("unrolled_graph", "After clip — global norm {norm} > {clip}, gradients × {scale}").format(
                norm=f"{g:.3g}", clip=f"{clip:g}", scale=f"{scale:.3g}")
        else:
            text = translate("unrolled_graph", "After clip — global norm {norm} ≤ {clip}; gradients unchanged").format(
                norm=f"{g:.3g}", clip=f"{clip:g}")
    else:
        text = translate("unrolled_graph", "After the update (step {n}): weights moved; values and gradients "
                                           "are this block's").format(n=frame.iteration)
        if frame.update_norms:
            name, norm = max(frame.update_norms.items(), key=lambda item: item[1])
            details.append(translate("unrolled_graph", "largest ‖Δθ‖ {name} {norm}").format(
                name=name, norm=f"{norm:.3g}"))
    return frame.phase, text, " · ".join(details)


class UnrolledGraphPanel(Panel):
    """The unrolled network of the latest block, a phase banner, a stepper and a node side view."""

    TITLE = QT_TRANSLATE_NOOP("panels", "Unrolled graph")
    CAPTION = QT_TRANSLATE_NOOP("panels", "One batch row's block unrolled over time: fill = forward size, ring = "
                                          "gradient; Affine, softmax and loss run on all T columns at once.")
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "No graph yet.\nPress Forward 1 step to walk through a block, or "
                                              "Play to train.")

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
            button = QPushButton()
            button.setObjectName(name)
            live(button, lambda b=button, text=text, tip=tip: (b.setText(translate("unrolled_graph", text)),
                                                               b.setToolTip(translate("unrolled_graph", tip))))
            button.clicked.connect(lambda _=False, p=payload: self.substep_requested.emit(p))
            self.buttons[name] = (button, needs)
            row.addWidget(button)
        for name, text, tip, slot in (
                ("graphZoomOut", "−", QT_TRANSLATE_NOOP("unrolled_graph", "Zoom out (ctrl+wheel, or the − key)"),
                 lambda: self.view.zoom(0.8)),
                ("graphZoomIn", "+", QT_TRANSLATE_NOOP("unrolled_graph", "Zoom in (ctrl+wheel, or the + key)"),
                 lambda: self.view.zoom(1.25)),
                ("graphZoomFit", QT_TRANSLATE_NOOP("unrolled_graph", "Fit"),
                 QT_TRANSLATE_NOOP("unrolled_graph", "Fit the whole block into the view"), self.view.fit)):
            button = QToolButton()
            button.setObjectName(name)
            live(button, lambda b=button, text=text, tip=tip: (b.setText(translate("unrolled_graph", text)),
                                                               b.setToolTip(translate("unrolled_graph", tip))))
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

    def caption_text(self) -> str:
        """The seq2seq caption while the lab's example is shown, else the language model's."""
        frame = getattr(self, "frame", None)       # None while Panel.__init__ sets the caption
        if frame is not None and frame.encoder_steps:
            return translate("panels", SEQ2SEQ_CAPTION)
        if frame is not None and frame.pool:
            return translate("panels", CLASSIFY_CAPTION)
        return super().caption_text()

    def retranslate(self) -> None:
        """After a language switch: the caption and placeholder, and the frame's banner, legend,
        row labels and side view said again."""
        super().retranslate()
        if getattr(self, "frame", None) is not None:
            self.show_frame(self.frame)

    # -- data ----------------------------------------------------------------------------------
    def refresh(self, history: History) -> None:
        """Draw ``history.latest_graph`` if it is a new frame."""
        frame = history.latest_graph
        if frame is None:
            if self.lm_frame is not None:
                self.clear()
            return
        if frame is not self.lm_frame:      # a lab's example stays until the model moves on
            self.show_frame(frame)

    def show_frame(self, frame: GraphFrame) -> None:
        """Draw ``frame``, keep the selected node, and enable the stepper's next sub-steps (a
        seq2seq example from the lab leaves them as the language model's frame has them)."""
        self.frame = frame
        if not (frame.encoder_steps or frame.pool):         # a lab's example is not the run's
            self.lm_frame = frame
        self.update_caption()
        self.show_content()
        self.view.set_frame(frame)
        self.legend.set_range(self.canvas.grad_lo_hi, seq2seq=bool(frame.encoder_steps), classify=bool(frame.pool))
        phase, text, detail = phase_banner(frame)
        if phase != self._styled_phase:     # restyling is the slow part of a label: only on a change
            self._styled_phase = phase
            colour = PHASE_COLOURS.get(phase, TEXT)
            self.badge.setStyleSheet(f"background: {colour}; color: white; font-weight: bold; font-size: 9pt;"
                                     f" padding: 3px 8px; border-radius: 4px;")
            self.banner.setStyleSheet(f"#graphBanner {{ background: #1f{colour[1:]}; "
                                      f"border-left: 4px solid {colour}; }}")
        self.badge.setText(translate("unrolled_graph", BADGES[phase]) if phase in BADGES else phase.upper())
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
        self.update_caption()
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
