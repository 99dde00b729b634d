"""What every panel shares: the caption / placeholder frame, plot styling, colours, export.

Panels only display: numbers arrive from :class:`rnnviz.runtime.history.History` and the engine's
snapshot records, and nothing here computes a model quantity.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from rnnviz.gui.i18n import QT_TRANSLATE_NOOP, live, translate

# One palette for every panel (matplotlib's tab10), so "layer 0" or "valid" look alike everywhere.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
TEXT = "#222222"        # axis text and readouts, on the white background the app sets
MUTED = "#666666"       # captions and secondary text
GRID_ALPHA = 0.18
TICK_PT = 9             # tick labels; axis titles are one point larger
LABEL_STYLE = {"color": TEXT, "font-size": "10pt"}

# Line tokens would break a tick label or a one-line context, so they get visible stand-ins.
_TOKEN_GLYPHS = {"\n": "⏎", " ": "␣", "\t": "⇥", "\r": "↵"}


def display_token(token: str) -> str:
    """A token as one visible, single-line string: newline as "⏎", space as "␣"."""
    if token in _TOKEN_GLYPHS:
        return _TOKEN_GLYPHS[token]
    return "".join(_TOKEN_GLYPHS.get(ch, ch) if ch in "\n\t\r" else ch for ch in token)


def positive(y) -> np.ndarray:
    """A float copy with non-positive values as NaN: a log axis has no place for them, and
    log10(0) would warn (curves are drawn with ``connect="finite"`` so NaN leaves a gap)."""
    y = np.asarray(y, np.float64)
    return np.where(y > 0, y, np.nan)


def dot_lone_points(curve: pg.PlotDataItem, size: float = 7) -> None:
    """Draw ``curve`` with a dot while it holds a single finite point.

    A line needs two points, so after a single Step the curve would be invisible. The dot takes
    the line's colour, opaque, and goes as soon as there is a line to draw.

    Parameters
    ----------
    curve : pyqtgraph.PlotDataItem
        A curve without symbols of its own; checked after every ``setData``.
    size : float
        Dot diameter in pixels.
    """
    colour = pg.mkColor(curve.opts["pen"].color())
    colour.setAlpha(255)        # a faint line's colour would leave a faint dot
    curve.setSymbolSize(size)
    curve.setSymbolBrush(colour)
    curve.setSymbolPen(colour)
    curve.sigPlotChanged.connect(_toggle_lone_dot)
    _toggle_lone_dot(curve)


def _toggle_lone_dot(curve: pg.PlotDataItem) -> None:
    _, y = curve.getOriginalDataset()
    lone = y is not None and np.count_nonzero(np.isfinite(y)) == 1
    if lone != (curve.opts["symbol"] is not None):
        curve.setSymbol("o" if lone else None)


def pixel_points(plot: pg.PlotItem, least: int = 200) -> int:
    """Points worth drawing across ``plot``: a min and a max per pixel column (downsampling
    keeps both), so a long run costs what the plot's width costs, not what its length does."""
    return max(least, 2 * int(plot.vb.width()))


def tick_font() -> QFont:
    font = QFont()
    font.setPointSize(TICK_PT)
    return font


def style_plot(plot: pg.PlotItem, *, bottom: str, left: str) -> None:
    """Axis titles, readable tick fonts and a faint grid, the same in every panel.

    Units go in the title text ("iteration (steps)"): pyqtgraph's ``units=`` would add SI prefixes
    such as "k" to counts.
    """
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTickFont(tick_font())
        axis.setTextPen(TEXT)
        axis.setPen(pg.mkPen("#888888"))
        axis.enableAutoSIPrefix(False)      # no "(x0.001)" in a title: ticks say what they are
    plot.setLabel("bottom", bottom, **LABEL_STYLE)
    plot.setLabel("left", left, **LABEL_STYLE)
    plot.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    plot.setMenuEnabled(False)


def format_number(value: float) -> str:
    """A tick label without exponents for the ranges a student meets: 0.05, 200, 5000, 20k."""
    if value >= 1e4:
        return f"{value / 1e3:g}k"
    return f"{value:g}" if value >= 1e-3 else f"{value:.0e}"


class LogAxis(pg.AxisItem):
    """A log axis labelled 1-2-5 in plain numbers (pyqtgraph writes every 2..9 as "3·10²").

    Labels sit on decades, plus 2 and 5 within a decade when at most three decades show;
    the other integer multiples get unlabelled minor ticks.
    """

    # Decades a log view should span at least (its ViewBox's minYRange): the first step's raw
    # and smoothed perplexity differ only by round-off, and a view fitted to that labels
    # "937.196" four times.
    MIN_SPAN = 0.05

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802,N803 (pyqtgraph names)
        lo, hi = int(np.floor(minVal)), int(np.ceil(maxVal))
        span = maxVal - minVal
        every = max(1, int(np.ceil(span / 6)))          # at most about six decade labels
        mid = (2, 3, 5) if span <= 1 else (2, 5) if span <= 3 else ()

        def inside(values):
            return [float(v) for v in values if minVal <= v <= maxVal]

        decades = inside(d for d in range(lo, hi + 1) if d % every == 0)
        mids = inside(d + np.log10(m) for d in range(lo, hi) for m in mid)
        minor = inside(d + np.log10(m) for d in range(lo, hi) for m in range(2, 10)
                       if m not in mid) if span <= 5 else []
        # pyqtgraph leaves out a label that would stick out past an end of the axis, so only
        # labels half a line inside the ends count towards the two a reader needs.
        margin = span * 0.5 * QFontMetricsF(self.style["tickFont"] or QFont()).height() / max(size, 1.0)
        low, high = 10.0 ** (minVal + margin), 10.0 ** (maxVal - margin)
        if sum(low <= 10.0 ** v <= high for v in decades + mids) < 2 and high > low:
            # A small part of one decade (perplexity of a character model, gradients of one run):
            # plain 1-2-5 steps. A step of at most a fifth of the range rounds up to at most half
            # of it, which leaves at least two labels inside.
            raw = (high - low) / 5
            base = 10.0 ** np.floor(np.log10(raw))
            step = base * next(m for m in (1, 2, 5, 10) if m * base >= raw)
            values = step * np.arange(np.ceil(low / step), np.floor(high / step) + 1)
            mids = [v for v in inside(np.log10(values[values > 0])) if not np.isclose(decades, v).any()]
            minor = [v for v in minor if not np.isclose(mids, v).any()]
        return [(1.0, decades), (0.5, mids), (None, minor)]

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph name)
        if spacing is None:
            return [""] * len(values)
        return [format_number(10.0 ** v) for v in values]


class TokenAxis(pg.AxisItem):
    """A bottom axis labelled with one token per integer position.

    Tokens are written level when they fit, turned upright (rotated 90 degrees) when they do
    not, and thinned to every k-th column only when even upright labels would collide.
    """

    MAX_CHARS = 10      # longer tokens are cut with "…"
    UPRIGHT_SHARE = 0.3  # of the plot's height, at most, for upright labels

    def __init__(self):
        super().__init__("bottom")
        self.tokens: list[str] = []
        self.rotated = False
        self.step = 1
        self._upright: list[tuple[float, str]] = []     # (t, label) drawn rotated
        self.setTickFont(tick_font())

    def set_tokens(self, tokens) -> None:
        """Label position t with ``tokens[t]`` (shown through :func:`display_token`)."""
        self.tokens = [self._short(t) for t in tokens]
        self.update_layout()

    def _short(self, token: str) -> str:
        text = display_token(token)
        return text if len(text) <= self.MAX_CHARS else text[:self.MAX_CHARS - 1] + "…"

    def update_layout(self) -> None:
        """Choose level / upright / thinned labels for the current zoom and width."""
        view = self.linkedView()
        if not self.tokens or view is None or view.width() <= 0:
            return
        (x0, x1), _ = view.viewRange()
        column_px = view.width() / max(x1 - x0, 1.0)
        metrics = QFontMetricsF(tick_font())
        widest = max(metrics.horizontalAdvance(t) for t in self.tokens)
        gap = 2 if widest < 12 else 6     # centred single characters need little air between
        level_step = max(1, int(np.ceil((widest + gap) / column_px)))
        upright_step = max(1, int(np.ceil((metrics.height() + 1) / column_px)))
        # Level text reads best (single characters especially): turn upright only if that
        # shows more of the tokens.
        self.rotated = upright_step < level_step
        self.step = upright_step if self.rotated else level_step
        labelled = range(0, len(self.tokens), self.step)
        major = [(float(t), "" if self.rotated else self.tokens[t]) for t in labelled]
        minor = [(float(t), "") for t in range(len(self.tokens)) if t % self.step]
        text = widest if self.rotated else metrics.height()
        if self.rotated:
            # Upright words must not squeeze the plot above them to a sliver (a word-level PTB
            # probe in a laptop's short dock): at most about a third of the plot's height.
            plot = self.parentItem()
            room = self.UPRIGHT_SHARE * plot.boundingRect().height() if plot is not None else widest
            text = min(widest, max(room, metrics.horizontalAdvance("word…")))
        self._upright = [(float(t), metrics.elidedText(self.tokens[t], Qt.TextElideMode.ElideRight, text))
                         for t in labelled] if self.rotated else []
        self.setTicks([major, minor])
        self.setHeight(int(text + self.style["tickTextOffset"][1] + 8))

    def _updateHeight(self):  # noqa: N802 (pyqtgraph name)
        super()._updateHeight()
        if self.fixedHeight is not None:       # a fixed height excludes the title; add it back
            label = self.label.boundingRect().height() * 0.8 if self.label.isVisible() else 0
            self.setMaximumHeight(self.fixedHeight + label)
            self.setMinimumHeight(self.fixedHeight + label)

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):  # noqa: N802 (pyqtgraph name)
        super().drawPicture(p, axisSpec, tickSpecs, textSpecs)
        if not self._upright:
            return
        view = self.linkedView()
        (x0, x1), _ = view.viewRange()
        bounds = self.mapRectFromScene(view.sceneBoundingRect())
        top = max(0, self.style["tickLength"]) + self.style["tickTextOffset"][1]
        p.setFont(tick_font())
        p.setPen(self.textPen())
        height = QFontMetricsF(tick_font()).height()
        for t, text in self._upright:
            if not x0 - 0.5 <= t <= x1 + 0.5:
                continue
            x = bounds.left() + (t - x0) / (x1 - x0) * bounds.width()
            p.save()
            p.translate(x, top)
            p.rotate(-90)           # reads bottom to top, its end at the tick
            p.drawText(QRectF(-400, -height / 2, 400, height),
                       int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text)
            p.restore()


def make_readout() -> pg.TextItem:
    """The hover box: dark text on a nearly opaque white card, drawn above the data."""
    item = pg.TextItem(color=TEXT, fill=pg.mkBrush(255, 255, 255, 230),
                       border=pg.mkPen("#999999"), anchor=(0, 1))
    item.setZValue(1000)
    item.setVisible(False)
    return item


def place_readout(item: pg.TextItem, view: pg.ViewBox, x: float, y: float, text: str) -> None:
    """Show ``text`` at view point (x, y), flipped toward the centre so it never leaves the plot."""
    (x0, x1), (y0, y1) = view.viewRange()
    right = x > (x0 + x1) / 2
    top = y > (y0 + y1) / 2
    if view.yInverted():
        top = not top
    item.setAnchor((1.0 if right else 0.0, 0.0 if top else 1.0))
    item.setText(text)
    item.setPos(x, y)
    item.setVisible(True)


class Panel(QWidget):
    """A caption line above a stack of (placeholder text, the panel's content).

    Subclasses set ``TITLE`` and ``CAPTION`` (English, marked with ``QT_TRANSLATE_NOOP("panels",
    ...)`` and shown through ``translate("panels", ...)``), build their content once, pass it to
    :meth:`set_content`, and call :meth:`show_content` once they have data. A panel whose
    caption follows its data overrides :meth:`caption_text` and calls :meth:`update_caption`.
    """

    TITLE = ""
    CAPTION = ""
    PLACEHOLDER = QT_TRANSLATE_NOOP("panels", "Nothing to show yet: press Play or Step to train.")
    LINKS_TIME = False      # has ``time_selected`` and follows the other panels' selected time step

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(f"color: {MUTED}; font-size: 9pt; padding: 2px 4px;")
        self.placeholder = QLabel()
        self._placeholder_text: Callable[[], str] | None = None   # None: the default one
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(
            f"color: {MUTED}; font-size: 11pt; background: white; border: 1px dashed #cccccc;")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self._stack, 1)
        live(self, self.retranslate)

    @classmethod
    def title(cls) -> str:
        """The panel's name in the window's language (dock title, Export menu)."""
        return translate("panels", cls.TITLE)

    def caption_text(self) -> str:
        """The caption now, in the window's language."""
        return translate("panels", self.CAPTION) if self.CAPTION else ""

    def update_caption(self) -> None:
        self.caption.setText(self.caption_text())

    def retranslate(self) -> None:
        """Redo the texts this panel set once (after a language switch; also at construction)."""
        self.update_caption()
        self.placeholder.setText(self._placeholder_text() if self._placeholder_text
                                 else translate("panels", self.PLACEHOLDER))

    def set_margin(self, margin: int) -> None:
        """Content margins in px (tighter in the compact layout)."""
        self.layout().setContentsMargins(margin, margin, margin, margin)

    def set_vocab(self, vocab) -> None:
        """A new run's vocabulary (panels that show tokens keep it)."""

    def set_selected_time(self, t: int) -> None:
        """Another panel selected time step ``t`` (panels with :attr:`LINKS_TIME` follow it)."""

    def set_content(self, widget: QWidget) -> None:
        self._stack.addWidget(widget)

    def show_content(self) -> None:
        self._stack.setCurrentIndex(1)

    def show_placeholder(self, text: Callable[[], str] | str | None = None) -> None:
        """Show the empty-state text: the default one, or ``text``: best a function returning
        it, so that it is said again in the new language after a switch."""
        self._placeholder_text = (lambda: text) if isinstance(text, str) else text
        self.placeholder.setText(self._placeholder_text() if self._placeholder_text
                                 else translate("panels", self.PLACEHOLDER))
        self._stack.setCurrentIndex(0)

    @property
    def showing_placeholder(self) -> bool:
        """True while the empty-state text is shown instead of the data."""
        return self._stack.currentIndex() == 0

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(560, 340)


def export_item(item: pg.GraphicsObject, path: str) -> None:
    """Write one plot item (a PlotItem or a GraphicsLayout) to PNG or SVG, chosen by suffix.

    PNG goes through pyqtgraph's ImageExporter at twice the on-screen size. SVG is painted with
    Qt's QSvgGenerator: pyqtgraph 0.14.0's SVGExporter fails on Qt >= 6.10, whose SVG paths end
    with "Z" (pyqtgraph issue #3495).
    """
    suffix = _suffix(path)
    if suffix == ".png":
        from pyqtgraph.exporters import ImageExporter
        exporter = ImageExporter(item)
        width = int(item.sceneBoundingRect().width())
        exporter.parameters()["width"] = max(2 * width, 800)
        exporter.parameters()["antialias"] = True
        exporter.export(str(path))
        return
    rect = item.sceneBoundingRect()
    _paint_svg(path, rect.size().toSize(),
               lambda p, target: item.scene().render(p, target, rect))


def export_widget(widget: QWidget, path: str) -> None:
    """Write a whole widget to PNG (``grab``) or SVG (``render`` into a QSvgGenerator)."""
    if _suffix(path) == ".png":
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return
    _paint_svg(path, widget.size(), lambda p, target: widget.render(p, QPoint(0, 0)))


def export_painting(path: str, size: QSize, paint: Callable[[QPainter], None]) -> None:
    """Write what ``paint(painter)`` draws within ``size`` (px) to PNG or SVG, chosen by suffix.

    For a picture no single widget shows on screen, such as the unrolled graph's whole canvas
    with its banner. PNG is drawn at up to twice the size, as :func:`export_item` does.
    """
    if _suffix(path) == ".png":
        # Twice the size, unless that makes a very wide graph an image of hundreds of MB.
        scale = min(2.0, 16_000 / max(size.width(), size.height(), 1))
        image = QImage(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(scale)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            paint(painter)
        finally:
            painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return
    _paint_svg(path, size, lambda p, target: paint(p))


def _suffix(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"export needs a .png or .svg file name, got {Path(path).name!r}")
    return suffix


def _paint_svg(path: str, size: QSize, paint) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("rnnviz")
    # At the screen's resolution: pyqtgraph replays cached QPictures (axes) and Qt sizes fonts
    # by DPI, so the SVG default of 90 dpi would shift axes against data and stretch text.
    screen = QGuiApplication.primaryScreen()
    generator.setResolution(round(screen.logicalDotsPerInch()) if screen is not None else 96)
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
