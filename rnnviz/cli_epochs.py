"""The training loop of ``rnnviz train`` for the whole-batch tasks (seq2seq, the classifier): step
by step to the end, an evaluation after every epoch, saves between whole steps.

Ctrl-C, a divergence and a save all fall between two steps, so the run folder's logs and its
checkpoint always agree (:class:`~rnnviz.run_logs.RunLogs`); an epoch's evaluation is never
skipped. The language model's loop (:mod:`rnnviz.cli_train`) adds rewinds and periodic
evaluations of its own.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from .cli_errors import EXIT_USAGE, said
from .engine.texts import translate


def train_by_epochs(session, run, *, save_every: int, on_step: Callable[[Any], None],
                    on_epoch: Callable[[Any], None]) -> int | None:
    """Train ``session`` to its planned steps, keeping ``run`` (its RunLogs) in step.

    Parameters
    ----------
    session : Seq2seqSession or ClassifySession
        ``step()``, ``evaluate()``, ``iteration``, ``total_steps``, ``iters_per_epoch``.
    run : RunLogs
        Saved every ``save_every`` steps (0: each epoch), at the end and on Ctrl-C; rolled back
        to the checkpoint on disk if anything fails.
    on_step, on_epoch : callable
        Told every step's snapshot, and every epoch's evaluation (to log and print it).

    Returns
    -------
    int or None
        None when the planned steps are done; else the exit status (2 after a divergence, whose
        last good state is saved; the interrupt's status after Ctrl-C).
    """
    from rnnviz.cli_train import interrupted_message
    from rnnviz.engine.trainer import DivergenceError
    from rnnviz.run_folder import Interrupts

    ipe = session.iters_per_epoch
    save_every = save_every or ipe
    try:
        with Interrupts() as interrupts:
            while session.iteration < session.total_steps:
                try:
                    snapshot = session.step()
                except DivergenceError as exc:
                    run.save()
                    text = said(translate("cli_epochs", "{error} The last good state is in {path}.").format(
                        error=exc.record.message, path=str(run.checkpoint)))
                    print(f"rnnviz train: error: {text}", file=sys.stderr)
                    return EXIT_USAGE
                on_step(snapshot)
                it = session.iteration
                if it % ipe == 0:
                    on_epoch(session.evaluate())
                if it % save_every == 0 or it >= session.total_steps:
                    run.save()
                if interrupts.requested and it < session.total_steps:
                    if run.saved_at != it:
                        run.save()
                    print("\n" + said(interrupted_message(it, run.checkpoint)), file=sys.stderr)
                    return interrupts.exit_status
    except BaseException:
        run.roll_back()
        raise
    finally:
        run.close()
    return None
