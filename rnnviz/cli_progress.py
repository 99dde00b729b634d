"""The progress ``rnnviz train`` shows while a language model trains: a one-line bar on a
terminal, and a line per evaluation (step, training and validation perplexity, speed, time)."""
from __future__ import annotations

import math
import sys
import time

from .cli_errors import said
from .engine.texts import translate


class Progress:
    """A one-line bar on a terminal; otherwise only the per-evaluation lines."""

    def __init__(self, session, mode: str):
        self.session = session
        self.bar = sys.stderr.isatty() if mode == "auto" else mode == "bar"
        self.start = time.perf_counter()
        self.start_step = session.iteration
        self.last_draw = 0.0
        self.drawn = False

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def tokens_per_second(self) -> float:
        steps = self.session.iteration - self.start_step
        return steps * self.session.tokens_per_step / max(self.elapsed, 1e-9)

    def update(self, r) -> None:
        if not self.bar:
            return
        now = time.perf_counter()
        if now - self.last_draw < 0.2 and not self.session.finished:
            return
        self.last_draw = now
        total = self.session.total_steps
        done = r.iteration / total
        filled = int(30 * done)
        status = said(translate("cli_progress", "{percent}% step {step}/{total} epoch {epoch} ppl {perplexity} "
                                "{speed} tok/s").format(
            percent=f"{100 * done:5.1f}", step=r.iteration, total=total, epoch=f"{r.epoch_fraction:.2f}",
            perplexity=f"{r.perplexity:8.2f}", speed=f"{self.tokens_per_second():,.0f}"))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {status} ")
        sys.stderr.flush()
        self.drawn = True

    def line(self, r, train_ppl: float, valid_ppl: float) -> None:
        self.close()
        if math.isfinite(valid_ppl):
            line = translate("cli_progress", "epoch {epoch} | step {step} | train ppl {train} | valid ppl {valid} | "
                             "{speed} tok/s | {seconds} s")
        else:
            line = translate("cli_progress", "epoch {epoch} | step {step} | train ppl {train} | {speed} tok/s | "
                             "{seconds} s")
        print(said(line.format(epoch=f"{r.epoch_fraction:.2f}", step=r.iteration, train=f"{train_ppl:.2f}",
                               valid=f"{valid_ppl:.2f}", speed=f"{self.tokens_per_second():,.0f}",
                               seconds=f"{self.elapsed:.1f}")), flush=True)

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.drawn = False
