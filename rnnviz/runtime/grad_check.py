"""Run > Check gradients on the worker: the language-model task's handler, kept beside it.

The check (:func:`rnnviz.engine.grad_report.check_session`) runs between two steps like any
command: a playing run waits for it, then goes on; it pauses nothing. It works on a float64 copy
of the model and reads the next batch without moving the stream, so the run trains on exactly as
if it had never been checked. While it runs, :class:`Progress` events count the parameters done
for the status bar's busy indicator; at the end the
:class:`~rnnviz.engine.grad_report.GradCheckReport` is posted (History does not keep it).
"""
from __future__ import annotations

from rnnviz.engine.texts import translate

from .messages import Progress

TASK = "check_gradients"        # the Progress events' task name


def checking_text():
    """The busy indicator's text while the check runs."""
    return translate("grad_check", "Checking gradients")


def check_gradients(loop, session) -> None:
    """Check ``session``'s model and post the report through ``loop`` (a :class:`CommandLoop`).

    Ends early, posting no report, when the worker is being shut down.
    """
    from rnnviz.engine.grad_report import check_session
    text = checking_text()
    state = {"total": None}

    def progress(done: int, total: int) -> None:
        state["total"] = total
        loop.post(Progress(TASK, text, done, total))

    loop.post(Progress(TASK, text))
    try:
        report = check_session(session, progress=progress, stop=loop.interrupt)
    finally:
        loop.post(Progress(TASK, text, state["total"] or 0, state["total"], finished=True))
    if report is not None:
        loop.post(report)
