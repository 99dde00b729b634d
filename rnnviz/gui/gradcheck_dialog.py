"""Run > Check gradients…: the worker's :class:`~rnnviz.engine.grad_report.GradCheckReport`, shown.

One row per parameter (its shape, the entries and directions compared, the worst relative error
and the part of it float64 round-off cannot explain, pass or fail), the verdict, and a line
saying how the check was made and against what tolerance. Everything is the engine's; the dialog
only formats it. It is not modal: training may go on behind it, and Copy as text puts the
table on the clipboard for a report or a forum post.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from rnnviz.engine.grad_report import GradCheckReport
from rnnviz.localize import localize

from .i18n import live, translate

PASS_COLOUR, FAIL_COLOUR = QColor("#1a7f37"), QColor("#c62828")
CELL_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def error_text(value: float) -> str:
    """A relative error in scientific notation; an exact zero as 0."""
    return "0" if value == 0 else f"{value:.1e}"


def shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(str(n) for n in shape)


class GradCheckDialog(QDialog):
    """The table of a :class:`GradCheckReport` (``gradCheckTable``), its verdict and method, Copy
    as text and Close. Until a report arrives it says the check is running."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("gradCheckDialog")
        self.setModal(False)
        self.report: GradCheckReport | None = None
        self.waiting = False                        # a check was asked for; its report is on its way
        self.failure: str | None = None             # why the last check could not run
        layout = QVBoxLayout(self)
        self.header = QLabel(objectName="gradCheckHeader")
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.table = QTableWidget(0, 7, objectName="gradCheckTable")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setFocusPolicy(Qt.NoFocus)          # no current-cell frame on a table only read
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeToContents)
        head.setSectionResizeMode(0, QHeaderView.Stretch)          # the names take what is left
        # As tall as its rows (two to nine parameters): no empty grey box under a short table.
        self.table.setSizeAdjustPolicy(QAbstractItemView.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(self.table)
        self.verdict = QLabel(objectName="gradCheckVerdict")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.method = QLabel(objectName="gradCheckMethod")
        self.method.setWordWrap(True)
        self.method.setStyleSheet("color: #555;")
        self.method.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.method)
        self.buttons = QDialogButtonBox(objectName="gradCheckButtons")
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ActionRole)
        self.copy_button.setObjectName("gradCheckCopy")
        self.copy_button.clicked.connect(self.copy_text)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.RejectRole)
        self.close_button.setObjectName("gradCheckClose")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(660)
        live(self, self._retranslate_texts)

    # -- what is shown -------------------------------------------------------------------------
    def checking(self) -> None:
        """A check was asked for: say so until its report arrives."""
        self.waiting, self.failure = True, None
        self._retranslate_texts()

    def show_report(self, report: GradCheckReport) -> None:
        self.report, self.waiting, self.failure = report, False, None
        self._retranslate_texts()

    def show_failed(self, message: str) -> None:
        """The check could not run (the worker said why): say so instead of "Checking…"."""
        self.report, self.waiting, self.failure = None, False, message
        self._retranslate_texts()

    def _retranslate_texts(self) -> None:
        self.setWindowTitle(translate("gradcheck_dialog", "Gradient check"))
        self.copy_button.setText(translate("gradcheck_dialog", "Copy as text"))
        self.close_button.setText(translate("gradcheck_dialog", "Close"))
        self.table.setHorizontalHeaderLabels(self.columns())
        self.copy_button.setEnabled(self.report is not None and not self.waiting)
        if self.waiting:
            self.header.setText(translate("gradcheck_dialog", "Checking the gradients on a float64 copy of "
                                          "the model…"))
            self.verdict.clear()
            self.method.clear()
            self.table.setRowCount(0)
            return
        if self.failure is not None:
            self.header.setText(translate("gradcheck_dialog", "The check could not run: {reason}").format(
                reason=localize(self.failure)))
            self.header.setStyleSheet(f"color: {FAIL_COLOUR.name()};")
            self.table.setRowCount(0)
            self.verdict.clear()
            self.method.clear()
            return
        self.header.setStyleSheet("")
        if self.report is None:
            return
        self.header.setText(f"<b>{self.header_text()}</b>")
        self._fill_table()
        passed = self.report.passed
        self.verdict.setText(self.verdict_text())
        self.verdict.setStyleSheet(f"color: {(PASS_COLOUR if passed else FAIL_COLOUR).name()}; font-weight: bold;")
        self.method.setText(self.method_text())
        self.adjustSize()

    def _fill_table(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, (check, cells) in enumerate(zip(self.report.params, rows)):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c == len(cells) - 1:
                    item.setTextAlignment(Qt.AlignCenter)
                    item.setForeground(PASS_COLOUR if check.passed else FAIL_COLOUR)
                self.table.setItem(r, c, item)

    # -- the texts (also what Copy as text gives) ----------------------------------------------
    @staticmethod
    def columns() -> list[str]:
        return [translate("gradcheck_dialog", "Parameter"), translate("gradcheck_dialog", "Shape"),
                translate("gradcheck_dialog", "Entries"), translate("gradcheck_dialog", "Directions"),
                translate("gradcheck_dialog", "Max relative error"),
                translate("gradcheck_dialog", "Beyond round-off"), translate("gradcheck_dialog", "Pass")]

    def rows(self) -> list[list[str]]:
        return [[p.name, shape_text(p.shape), str(p.entries), str(p.directions), error_text(p.max_error),
                 error_text(p.beyond_roundoff), "✓" if p.passed else "✗"] for p in self.report.params]

    def header_text(self) -> str:
        r = self.report
        layers = (translate("gradcheck_dialog", "1 layer") if r.num_layers == 1
                  else translate("gradcheck_dialog", "{n} layers").format(n=r.num_layers))
        inputs = (translate("gradcheck_dialog", "one-hot input") if r.input == "onehot"
                  else translate("gradcheck_dialog", "embedding input"))
        if r.tie_weights:
            inputs = translate("gradcheck_dialog", "{input}, tied weights").format(input=inputs)
        return translate("gradcheck_dialog", "{cell}, {layers}, {input} · the batch of step {step}").format(
            cell=CELL_NAMES.get(r.cell, r.cell), layers=layers, input=inputs, step=f"{r.iteration + 1:,}")

    def verdict_text(self) -> str:
        failed = [p.name for p in self.report.params if not p.passed]
        if not failed:
            return translate("gradcheck_dialog", "✓ Pass: every parameter's analytic gradient agrees with the "
                             "central differences.")
        return translate("gradcheck_dialog", "✗ Fail: the central differences disagree with the analytic gradient "
                         "of {names} ({count} of {total} parameters).").format(
            names=", ".join(failed), count=len(failed), total=len(self.report.params))

    def method_text(self) -> str:
        """How the check was made and judged: four short paragraphs."""
        r = self.report
        if r.rows < r.batch_rows:
            batch = translate("gradcheck_dialog", "its first {rows} of {total} rows × {bptt} time steps "
                              "(a big model: fewer rows keep the check quick)").format(
                rows=r.rows, total=r.batch_rows, bptt=r.bptt)
        else:
            batch = translate("gradcheck_dialog", "{rows} rows × {bptt} time steps").format(rows=r.rows, bptt=r.bptt)
        state = (translate("gradcheck_dialog", "from the hidden state the run carries into it") if r.state == "carried"
                 else translate("gradcheck_dialog", "from a zero hidden state"))
        how = translate(
            "gradcheck_dialog", "How: float64 central differences (L(p + εu) − L(p − εu)) / 2ε with ε = {eps}, on a "
            "float64 copy of the model (the run itself is not touched), dropout off, on the batch of step {step}: "
            "{batch}, {state}. Per parameter: {directions} random unit directions u over all of it, and its "
            "{entries} largest gradient entries one at a time.").format(
            eps=f"{r.eps:.0e}", step=f"{r.iteration + 1:,}", batch=batch, state=state,
            directions=max((p.directions for p in r.params), default=0),
            entries=max((p.entries for p in r.params), default=0))
        error = translate("gradcheck_dialog", "Relative error: |a − n| / (|a| + |n|), a analytic (backward), "
                          "n numerical.")
        tolerance = translate(
            "gradcheck_dialog", "Tolerance: a parameter passes when the part of |a − n| that float64 round-off "
            "cannot explain ({ulps} ulps of the loss, over 2ε) is at most {tolerance} of |a| + |n|.").format(
            ulps=f"{r.roundoff_ulps:g}", tolerance=f"{r.tolerance:.0e}")
        cost = translate("gradcheck_dialog", "Loss {loss}; {evaluations} loss evaluations in {seconds} s.").format(
            loss=f"{r.loss:.6f}", evaluations=r.evaluations, seconds=f"{r.seconds:.2f}")
        # No-break spaces keep "|a − n|" on one line wherever the paragraph wraps.
        return "\n".join(line.replace("|a − n|", "|a\u00a0−\u00a0n|") for line in (how, error, tolerance, cost))

    def as_text(self) -> str:
        """The report as plain text: header, an aligned table, verdict and method."""
        table = [self.columns(), *self.rows()]
        widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
        lines = ["  ".join(cell.ljust(w) if c < 2 else cell.rjust(w) for c, (cell, w) in enumerate(zip(row, widths)))
                 .rstrip() for row in table]
        return "\n".join([self.header_text(), "", *lines, "", self.verdict_text(), self.method_text()]) + "\n"

    def copy_text(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.as_text())


class GradChecking:
    """The window's side of Run > Check gradients…, mixed into :class:`~rnnviz.gui.main_window.MainWindow`."""

    grad_check_dialog: GradCheckDialog | None = None

    def check_gradients(self) -> None:
        """Ask the worker for a check of the model as it is now and show the dialog (not modal)."""
        if self.info is None:
            self.show_message("information", translate("gradcheck_dialog", "Nothing to check"),
                              translate("gradcheck_dialog", "Build a model first (Apply), then check its gradients."))
            return
        if self.grad_check_dialog is None:
            self.grad_check_dialog = GradCheckDialog(self)
        self.grad_check_dialog.checking()
        self.worker.check_gradients()
        self.grad_check_dialog.show()
        self.grad_check_dialog.raise_()

    def _grad_check_failed(self, message: str) -> None:
        if self.grad_check_dialog is not None:
            self.grad_check_dialog.show_failed(message)

    def _grad_check_report(self, report: GradCheckReport) -> None:
        if self.grad_check_dialog is None:
            self.grad_check_dialog = GradCheckDialog(self)
            self.grad_check_dialog.show()
        self.grad_check_dialog.show_report(report)
