"""A training run's logs: metrics.csv, evals.csv and checkpoint.npz kept matching each other.

The folder itself (claiming it, atomic files, the CSV logs, Ctrl-C) is :mod:`rnnviz.run_folder`'s;
``rnnviz train`` (every task) keeps its run's logs through :class:`RunLogs`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from .run_folder import CsvLog, RunFolderError, checkpoint_step, write_csv
from .runtime.history import History, metrics_header


class RunLogs:
    """metrics.csv, evals.csv and checkpoint.npz of a training run, kept matching each other.

    The curves live in a :class:`~rnnviz.runtime.history.History` that every row is formatted from and
    that the checkpoint carries; :attr:`saved_at` is the step of the checkpoint on disk, and
    :meth:`roll_back` cuts the logs back to it when something fails. A seq2seq run adds its
    accuracy log (:meth:`add_log`, :attr:`carry`) and keeps no evals.csv.

    Parameters
    ----------
    session : Session or Seq2seqSession
        The run being trained (its step is where the logs start); ``save(path, extra=...)``.
    folder : Path
    history : History or None
        The curves up to the session's step: a fresh run's empty history, or a resumed
        checkpoint's (the logs are then rebuilt from it); None for a resumed checkpoint that
        carries none, whose logs on disk are cut back to its step instead.
    resumed : bool
    evals : bool
        Keep evals.csv (validation perplexities).
    """

    def __init__(self, session, folder: Path, history: History | None, *, resumed: bool,
                 evals: bool = True):
        self.session = session
        self.checkpoint = folder / "checkpoint.npz"
        self.saved_at = session.iteration if resumed else None     # step of checkpoint.npz
        header = metrics_header(tuple(session.model.params) if getattr(session, "telemetry", True) else ())
        metrics = folder / "metrics.csv"
        rebuild = resumed and history is not None
        if rebuild:
            # The checkpoint's curves are the truth: the logs are rebuilt from them, so rows a
            # killed run wrote after its last save, or a partial last row, are gone.
            write_csv(metrics, header, (history.csv_row(i) for i in range(len(history))))
        self.history = history if history is not None else History()
        self.metrics = CsvLog(metrics, header, append=resumed)
        self.logs = [self.metrics]
        self.evals: CsvLog | None = None
        # Further arrays the checkpoint carries (a seq2seq run's accuracy history), or None.
        self.carry: Callable[[], dict[str, Any]] | None = None
        if evals:
            if rebuild:
                write_csv(folder / "evals.csv", history.eval_csv_header(),
                          (history.eval_csv_row(j) for j in range(len(history.eval_column("iteration")))))
            self.evals = CsvLog(folder / "evals.csv", self.history.eval_csv_header(), append=resumed)
            self.logs.append(self.evals)
        if resumed and history is None:
            self.roll_back()

    def add_log(self, log: CsvLog) -> None:
        """Keep one more log (first column the iteration) in step with the checkpoint."""
        self.logs.append(log)

    def step(self, snapshot) -> None:
        self.history.add(snapshot)
        self.metrics.write(self.history.csv_row(len(self.history) - 1))

    def evaluation(self, result) -> None:
        self.history.add(result)
        self.evals.write(self.history.eval_csv_row(len(self.history.eval_column("iteration")) - 1))

    def extra(self) -> dict[str, Any]:
        """The arrays the checkpoint carries besides the run itself."""
        return {**self.history.to_arrays(), **(self.carry() if self.carry else {})}

    def save(self) -> None:
        from rnnviz.engine.checkpoint import CheckpointError
        try:
            self.session.save(self.checkpoint, extra=self.extra())
        except CheckpointError:
            self.roll_back()
            raise
        self.saved_at = self.session.iteration

    def rewind(self, iteration: int) -> None:
        self.history = self.history.truncated(iteration)
        for log in self.logs:
            log.truncate_after(iteration)

    def roll_back(self) -> None:
        """Cut the logs back to the checkpoint on disk (to nothing when there is none).

        The step is read from the file itself: a second Ctrl-C may have landed after a save
        renamed its file into place but before :attr:`saved_at` was updated.
        """
        step = checkpoint_step(self.checkpoint)
        if step is None:
            step = self.saved_at if self.saved_at is not None and self.checkpoint.exists() else 0
        for log in self.logs:
            try:
                log.truncate_after(step)
            except RunFolderError:
                pass                    # the first error is the one to report

    def close(self) -> None:
        for log in self.logs:
            log.close()
