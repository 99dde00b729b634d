"""Colours, scales and labels of the unrolled-graph panel, and the legend that explains them.

Fill is the forward size on a per-row scale; ring and edge colour are the gradient norm on one
log scale shared by the frame (softmax and loss rows clamped to it). Everything here maps
numbers the engine sent to colours: nothing is computed about the model.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QWidget

from ...engine.cells import CELL_TYPES
from ...engine.snapshots import GraphFrame
from ..i18n import QT_TRANSLATE_NOOP, translate
from .common import MUTED, TEXT, display_token

LUT_SIZE = 64            # colour levels of each scale
# Forward size: matplotlib's "Blues" without its white end, so a small value is still a fill.
FILL_STOPS = ("#e3eef9", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
# Gradient norm: "OrRd" from a light orange that still shows as a ring on white.
GRAD_STOPS = ("#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000")
PENDING = QColor("#b4b4b4")     # a node or edge the pass has not reached yet
NO_GRAD = QColor("#9a9a9a")     # computed forward, no gradient yet
CUT = QColor("#d62728")
PHASE_COLOURS = {"forward": "#1f77b4", "backward": "#d94801", "clipped": "#7b3fa0",
                 "updated": "#2ca02c", "trained": "#555555", "seq2seq": "#8c564b", "classify": "#8c564b"}
GROUP_BANDS = ("#f3f6fa", "#ffffff")        # alternate layers, so the eye finds each one
TOKEN_CHARS = 7          # longer tokens are cut with "…"
STUB_W = 28              # room left of column 1 for the state carried in
MIN_COL, MAX_COL = 14.0, 48.0    # column pitch (px) that "fit" may choose
MIN_ROW, MAX_ROW = 22.0, 60.0
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter      # combined once: "|" on Qt
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter    # enums is slow in a loop
ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter


def _ramp(stops: tuple[str, ...]) -> list[QColor]:
    """LUT_SIZE colours interpolated linearly between ``stops``."""
    rgb = np.array([QColor(s).getRgb()[:3] for s in stops], np.float64)
    at = np.linspace(0, len(stops) - 1, LUT_SIZE)
    lo = np.minimum(at.astype(int), len(stops) - 2)
    frac = (at - lo)[:, None]
    mixed = np.rint(rgb[lo] * (1 - frac) + rgb[lo + 1] * frac).astype(int)
    return [QColor(int(r), int(g), int(b)) for r, g, b in mixed]


FILL_LUT = _ramp(FILL_STOPS)
GRAD_LUT = _ramp(GRAD_STOPS)


STATES = frozenset(state for cell in CELL_TYPES.values() for state in cell.states)   # h, c


def is_recurrent(node: str) -> bool:
    """h0, c0, h1, ...: the rows whose state passes right to the next time step."""
    return node[:1] in STATES and node[1:].isdigit()


# The other rows' labels (English sources, shown through translate("graph_style", ...)).
ROW_LABELS = {"x": QT_TRANSLATE_NOOP("graph_style", "input xₜ"), "embed": "Embedding",
              "onehot": QT_TRANSLATE_NOOP("graph_style", "one-hot"),
              "context": QT_TRANSLATE_NOOP("graph_style", "Attention cₜ"), "scores": "Affine sₜ",
              "probs": "Softmax yₜ", "loss": QT_TRANSLATE_NOOP("graph_style", "Loss Lₜ")}
ROW_SYMBOLS = {"x": "xₜ", "embed": "xₜ", "onehot": "xₜ", "context": "cₜ", "scores": "sₜ", "probs": "yₜ",
               "loss": "Lₜ"}


def row_label(node: str, cell: str) -> str:
    """A node row's label in the book's notation, in the window's language: "LSTM h¹ₜ",
    "Affine sₜ", "Softmax yₜ"."""
    if is_recurrent(node):
        return f"{cell.upper()} {row_symbol(node)}"
    return translate("graph_style", ROW_LABELS[node]) if node in ROW_LABELS else node


def row_symbol(node: str) -> str:
    """A node row's symbol alone: "h¹ₜ", "sₜ" (the row's name when it has none)."""
    if is_recurrent(node):
        return f"{node[0]}{str(int(node[1:]) + 1).translate(_SUPERSCRIPT)}ₜ"
    return ROW_SYMBOLS.get(node, node)


def short_token(token: str) -> str:
    text = display_token(token)
    return text if len(text) <= TOKEN_CHARS else text[:TOKEN_CHARS - 1] + "…"


SCALE_EXCLUDED = ("probs", "loss")    # rows whose gradients do not set the colour scale


def grad_range(frame: GraphFrame) -> tuple[float, float] | None:
    """The smallest and largest finite positive gradient norm (nodes and edges) of the frame.

    The softmax and loss rows are left out (they are drawn clamped to the scale): dL/dy_t is
    1/(N T y_t[target]), up to a few units for an unlikely target, and including it would
    push every hidden state's gradient into the pale end of the scale.
    """
    keep = [r for r, name in enumerate(frame.nodes) if name not in SCALE_EXCLUDED]
    g = np.concatenate([np.ravel(np.asarray(a)[keep]) for a in (frame.grads, frame.up_grads, frame.right_grads)])
    g = g[np.isfinite(g) & (g > 0)]
    if not g.size:
        return None
    lo, hi = float(g.min()), float(g.max())
    return (lo, hi) if hi > lo * 1.0001 else (lo / 2, hi * 2)


def fill_indices(frame: GraphFrame) -> tuple[np.ndarray, np.ndarray]:
    """LUT indices (-1 = not computed) of the forward sizes, (R, T), and the carried-in states, (R,).

    Each row is scaled from its own smallest to its largest value: rows differ in kind (RMS of
    h within 0..1, scores larger, p(target) and loss their own), and within a row the sizes of a
    trained network sit close together, so a scale from 0 would paint a row one colour. The
    carried state shares its row's scale; a row with a single value gets the middle colour.
    """
    both = np.column_stack([np.asarray(frame.values, np.float64), np.asarray(frame.carry_in, np.float64)])
    finite = np.isfinite(both)
    masked = np.where(finite, both, np.nan)
    lo, hi = np.fmin.reduce(masked, axis=1), np.fmax.reduce(masked, axis=1)    # NaN for an empty row
    span = np.where(hi - lo > 0, hi - lo, np.inf)[:, None]                      # NaN > 0 is False
    pos = np.where(np.isinf(span), 0.5, (np.where(finite, both, 0.0) - np.nan_to_num(lo)[:, None]) / span)
    idx = np.where(finite, np.clip(np.rint(pos * (LUT_SIZE - 1)), 0, LUT_SIZE - 1), -1).astype(np.int64)
    return idx[:, :-1], idx[:, -1]


def grad_indices(g: np.ndarray, lo_hi: tuple[float, float] | None) -> np.ndarray:
    """LUT indices of gradient norms on the frame's shared log scale (-1 = not computed)."""
    g = np.asarray(g, np.float64)
    finite = np.isfinite(g)
    if lo_hi is None:
        return np.full(g.shape, -1, np.int64)
    lo, hi = np.log(lo_hi[0]), np.log(lo_hi[1])
    pos = (np.log(np.maximum(np.where(finite, g, lo_hi[0]), lo_hi[0])) - lo) / (hi - lo)
    return np.where(finite, np.clip(np.rint(pos * (LUT_SIZE - 1)), 0, LUT_SIZE - 1), -1).astype(np.int64)


def label_font(points: float) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    return font


class LegendStrip(QWidget):
    """What fill, ring, dashes and the red line mean, with the frame's gradient range in numbers.

    Items flow left to right and wrap to a second line in a narrow dock.
    """

    SWATCH = 14

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("graphLegend")
        self.font_ = label_font(8)
        self.grad_lo_hi: tuple[float, float] | None = None
        self.seq2seq = self.classify = False
        self.setMinimumHeight(22)

    def set_range(self, lo_hi: tuple[float, float] | None, seq2seq: bool = False, classify: bool = False) -> None:
        """Show the frame's gradient range; a seq2seq frame has a hand-over instead of a cut, a
        classifier's text the truncation point of its backward pass."""
        self.grad_lo_hi, self.seq2seq, self.classify = lo_hi, seq2seq, classify
        self._relayout()
        self.update()

    def _items(self) -> list[tuple[str, float, str]]:
        """(kind, swatch width, text) in reading order."""
        if self.grad_lo_hi is None:
            grad = translate("graph_style", "‖gradient‖: none yet")
        else:
            grad = translate("graph_style", "‖gradient‖ {lo} … {hi}, log (rings, edges; softmax and loss "
                                            "clamped)").format(lo=f"{self.grad_lo_hi[0]:.2g}",
                                                               hi=f"{self.grad_lo_hi[1]:.2g}")
        if self.seq2seq:
            ends = [("handover", 12, translate("graph_style", "encoder → decoder: only h crosses"))]
        elif self.classify:
            ends = [("cut", 12, translate("graph_style", "truncation: no gradient to its left"))]
        else:
            ends = [("carry", 22, translate("graph_style", "carried in")),
                    ("cut", 12, translate("graph_style", "BPTT cut"))]
        return [("fill", 54, translate("graph_style", "forward size (row min → max)")), ("grad", 72, grad),
                ("pending", self.SWATCH, translate("graph_style", "not computed yet")),
                ("nograd", self.SWATCH, translate("graph_style", "no gradient yet")), *ends]

    def _positions(self, width: float) -> list[tuple[float, float]]:
        metrics = QFontMetricsF(self.font_)
        x, y, line, out = 6.0, 3.0, metrics.height() + 6, []
        for _, swatch, text in self._items():
            w = swatch + 5 + metrics.horizontalAdvance(text) + 16
            if x > 6 and x + w > width:
                x, y = 6.0, y + line
            out.append((x, y))
            x += w
        return out

    def _relayout(self) -> None:
        bottom = max(y for _, y in self._positions(self.width())) if self.width() > 0 else 3
        self.setFixedHeight(int(bottom + QFontMetricsF(self.font_).height() + 9))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:     # the texts' widths changed
            self._relayout()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.font_)
        h = QFontMetricsF(self.font_).height()
        for (kind, swatch, text), (x, y) in zip(self._items(), self._positions(self.width())):
            mid = y + h / 2
            if kind in ("fill", "grad"):
                ramp = QLinearGradient(x, 0, x + swatch, 0)
                for i, stop in enumerate(FILL_STOPS if kind == "fill" else GRAD_STOPS):
                    ramp.setColorAt(i / (len(FILL_STOPS if kind == "fill" else GRAD_STOPS) - 1), QColor(stop))
                p.setPen(QPen(QColor("#999999"), 0.8))
                p.setBrush(QBrush(ramp))
                p.drawRect(QRectF(x, mid - 5, swatch, 10))
            elif kind in ("pending", "nograd"):
                p.setPen(QPen(PENDING, 1.2, Qt.PenStyle.DashLine) if kind == "pending" else QPen(NO_GRAD, 1.0))
                p.setBrush(QBrush(Qt.GlobalColor.white if kind == "pending" else FILL_LUT[LUT_SIZE // 2]))
                p.drawEllipse(QPointF(x + swatch / 2, mid), 6, 6)
            else:
                colour = {"cut": CUT, "handover": QColor(MUTED)}.get(kind, QColor("#8a8a8a"))
                p.setPen(QPen(colour, 1.6 if kind != "handover" else 1.2, Qt.PenStyle.DashLine))
                if kind in ("cut", "handover"):
                    p.drawLine(QPointF(x + swatch / 2, mid - 7), QPointF(x + swatch / 2, mid + 7))
                else:
                    p.drawLine(QPointF(x, mid), QPointF(x + swatch, mid))
            p.setPen(QColor(TEXT))
            p.drawText(QPointF(x + swatch + 5, y + QFontMetricsF(self.font_).ascent()), text)
