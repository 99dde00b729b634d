"""The lockstep comparison task: two or three language models on one worker, one step each in turn.

It plugs into the shared :class:`~rnnviz.runtime.loop.CommandLoop` as the other tasks do; what it
adds is that every record names its model: the engine's :class:`~rnnviz.engine.lockstep.Tagged`
(index, record). The loop paces whole rounds (``Tagged.ends_round``), and a model that diverges
drops out of the rotation without stopping the others, so a clip-off model can blow up beside a
clipped one.

Events besides the tagged records: :class:`CompareReady` (built or reset: what each model is and
what the comparison costs), and the runtime's :class:`StateChanged`, :class:`Progress`,
:class:`SampleFailed` and :class:`WorkerError`.

Run ``python -m rnnviz.runtime.compare`` to train RNN, LSTM and GRU on the bundled tale through a
worker and print each model's last perplexity.
"""
from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rnnviz.engine.config import ModelConfig, TrainConfig
from rnnviz.engine.data import load_corpus_from
from rnnviz.engine.lockstep import Lockstep, Tagged, parse_variants
from rnnviz.engine.memory import estimate_lm
from rnnviz.engine.texts import translate

from .history import History
from .run_info import corpus_label, run_info
from .loop import CommandLoop, Commands, Interrupt, ThreadWorker
from .mailbox import Mailbox
from .messages import RunInfo, SampleFailed, Saved, user_message
from .process import ProcessWorker


@dataclass(frozen=True)
class CompareReady:
    """A comparison was built or reset: one :class:`RunInfo` per model, in rotation order."""

    labels: tuple[str, ...]                 # as written: "lstm", "lstm+clip=0"
    infos: tuple[RunInfo, ...]
    memory: tuple[int, ...]                 # bytes each model needs while it trains (estimated)
    reason: str                             # "build" | "reset"


# --- the commands (any thread) -------------------------------------------------------------------

class CompareCommands(Commands):
    """What the comparison window sends; each only enqueues."""

    def build(self, data: dict[str, Any], model_config: ModelConfig, train_config: TrainConfig,
              variants: str) -> None:
        """Load ``data``'s corpus and build one model per variant (``"rnn,lstm,gru"``, ...)."""
        self._put("build", dict(data), model_config, train_config, str(variants))

    def step(self) -> None:
        """One round: a step of every model still training."""
        self._put("step")

    def train_rounds(self, n: int) -> None:
        """Exactly ``n`` rounds, then pause (scripts and tests)."""
        self._put("train_rounds", int(n))

    def set_probe_every(self, k: int) -> None:
        self._put("set_probe_every", int(k))

    def save(self, path: str) -> None:
        """Every model's checkpoint beside ``path`` (``run.npz`` -> ``run-lstm.npz``, ...)."""
        self._put("save", str(path))

    def sample(self, settings: dict[str, Any]) -> None:
        """Every model continues the same prefix with the same settings and seed."""
        self._stop_sample.clear()
        self._put("sample", dict(settings))


# --- the handlers (the worker's thread) ----------------------------------------------------------

class CompareTask:
    """A :class:`Lockstep` and the handlers of :class:`CompareCommands`."""

    NAME = "compare"

    def __init__(self, loop: CommandLoop, stop_sample: Interrupt) -> None:
        self.loop = loop
        self.stop_sample = stop_sample
        self.session: Lockstep | None = None       # the loop reads ``iteration`` from it
        self._probe_every = 10
        self.histories: list[History] = []         # one per model, what its checkpoint carries

    def handlers(self) -> dict:
        return {"build": self.build, "play": self.play, "step": self.step, "step_epoch": self.step_epoch,
                "train_rounds": self.train_rounds, "reset": self.reset,
                "set_probe_every": self.set_probe_every, "sample": self.sample, "save": self.save}

    @property
    def finished(self) -> bool:
        return self.session is not None and self.session.finished

    def record(self, item: Any) -> None:
        """Keep each model's curves: a save writes them into its checkpoint."""
        if isinstance(item, Tagged) and History.keeps(item.item) and item.index < len(self.histories):
            self.histories[item.index].add(item.item)

    def _require(self) -> Lockstep:
        if self.session is None:
            raise ValueError(translate("compare", "no models yet: choose them and press Build"))
        return self.session

    def _ready(self, reason: str) -> None:
        lockstep = self.session
        self.histories = [History() for _ in lockstep.sessions]
        memory = tuple(estimate_lm(s.model_config, s.train_config.batch_size, s.train_config.bptt,
                                   s.train_config.optimizer).total for s in lockstep.sessions)
        self.loop.new_run(CompareReady(tuple(v.label for v in lockstep.variants),
                                       tuple(run_info(s) for s in lockstep.sessions), memory, reason))

    def build(self, data, model_config, train_config, variants: str) -> None:
        chosen = parse_variants(variants)
        with self.loop.busy("build", translate("compare", "Loading corpus {name}").format(
                name=corpus_label(data["source"]))):
            corpus = load_corpus_from(data)
        with self.loop.busy("build", translate("compare", "Building {count} models").format(count=len(chosen))):
            model_config = dataclasses.replace(model_config, vocab_size=len(corpus.vocab))
            lockstep = Lockstep(corpus, model_config, train_config, chosen, data=data)
        lockstep.set_probe_every(self._probe_every)
        self.loop.close_run()
        self.session = lockstep
        self._ready("build")

    def reset(self) -> None:
        lockstep = self._require()
        self.loop.close_run()
        lockstep.reset()
        self._ready("reset")

    def play(self) -> None:
        lockstep = self._require()
        if self.loop.playing in ("play", "more"):
            return
        if lockstep.finished:
            self.loop.start_run("more", lockstep.run(rounds=10**12))
        else:
            self.loop.start_run("play", lockstep.run())

    def step(self) -> None:
        lockstep = self._require()
        self.loop.pause()
        for item in lockstep.step_round(probe=True):
            self.loop.post(item)

    def step_epoch(self) -> None:
        lockstep = self._require()
        first = lockstep.sessions[lockstep.live[0]] if lockstep.live else lockstep.sessions[0]
        self.loop.start_run("epoch", lockstep.run(first.iters_per_epoch - first.iteration % first.iters_per_epoch))

    def train_rounds(self, n: int) -> None:
        self.loop.start_run("steps", self._require().run(rounds=n))

    def set_probe_every(self, k: int) -> None:
        if k < 1:
            raise ValueError(translate("compare", "probe cadence must be at least 1 step, got {value}").format(
                value=k))
        self._probe_every = k
        if self.session is not None:
            self.session.set_probe_every(k)

    def sample(self, settings: dict[str, Any]) -> None:
        """Each model in turn, the same prefix and seed; training waits (the weights must hold)."""
        lockstep = self._require()
        seed = settings.get("seed")
        for i, session in enumerate(lockstep.sessions):
            if self.stop_sample.requested:
                self.loop.post(SampleFailed(None))
                return
            try:
                result = session.sample(
                    str(settings.get("prefix", "")), int(settings.get("length", 100)),
                    temperature=float(settings.get("temperature", 1.0)), top_k=int(settings.get("top_k", 0)),
                    greedy=bool(settings.get("greedy", False)), seed=seed)
            except Exception as exc:  # noqa: BLE001 - a bad prefix is the user's to fix, not a crash
                self.loop.post(SampleFailed(user_message(exc)))
                return
            self.loop.post(Tagged(i, result))


    def save(self, path: str) -> None:
        """Each model as a checkpoint of its own beside ``path``: ``run.npz`` -> ``run-lstm.npz``, ...

        Each is an ordinary language-model checkpoint (the window opens it, ``rnnviz train
        --resume`` continues it). None is written if any of the files exists already.
        """
        lockstep = self._require()
        self.loop.pause()
        paths = save_paths(path, [v.slug for v in lockstep.variants])
        taken = [p for p in paths if p.exists()]
        if taken:
            raise ValueError(translate("compare", "{name} exists already; choose another name, so no run is "
                                       "overwritten").format(name=taken[0].name))
        with self.loop.busy("save", translate("compare", "Saving {count} checkpoints").format(count=len(paths))):
            for session, history, target in zip(lockstep.sessions, self.histories, paths):
                session.save(target, extra=history.to_arrays())
        self.loop.post(Saved(str(paths[0].parent), lockstep.iteration))


def save_paths(path: str | Path, slugs: list[str]) -> list[Path]:
    """Where :meth:`CompareTask.save` writes each model: the chosen name with the model's added."""
    base = Path(path)
    stem = base.stem if base.suffix == ".npz" else base.name
    return [base.with_name(f"{stem}-{slug}.npz") for slug in slugs]


# --- the workers ---------------------------------------------------------------------------------

class CompareWorker(CompareCommands, ThreadWorker):
    """A comparison on a thread of this process (tests read its ``session``)."""

    def __init__(self, mailbox: Mailbox | None = None) -> None:
        super().__init__(CompareTask, mailbox)


class CompareProcessWorker(CompareCommands, ProcessWorker):
    """A comparison in a child process (the window's default)."""

    def __init__(self, mailbox: Mailbox | None = None, threads: int = 1) -> None:
        super().__init__(CompareTask, mailbox, threads)


def make_worker(kind: str = "thread", mailbox: Mailbox | None = None):
    """A comparison worker, not started: ``kind`` "process" or "thread"."""
    return CompareProcessWorker(mailbox) if kind == "process" else CompareWorker(mailbox)


if __name__ == "__main__":
    from rnnviz.engine.data import corpus_spec
    from rnnviz.engine.snapshots import StepSnapshot
    # By name, not as __main__: the child finds the task, and its events are these classes.
    from rnnviz.runtime.compare import CompareReady as Ready, make_worker as make
    from rnnviz.runtime.messages import WorkerError
    worker = make("process")
    worker.start()
    worker.build(corpus_spec("tale", level="char"), ModelConfig(vocab_size=2, embed_size=16, hidden_size=64),
                 TrainConfig(batch_size=16, bptt=32, optimizer="adam", lr=0.005, clip=1.0, epochs=1), "rnn,lstm,gru")
    worker.train_rounds(100)
    t0, last, labels = time.perf_counter(), {}, ()
    while len(last) < 3 or min(s.iteration for s in last.values()) < 100:
        time.sleep(0.03)
        for event in worker.mailbox.drain():
            if isinstance(event, WorkerError):
                raise SystemExit(event.message)
            if isinstance(event, Ready):
                labels = event.labels
            if isinstance(event, Tagged) and isinstance(event.item, StepSnapshot):
                last[event.index] = event.item.stats
    elapsed = time.perf_counter() - t0
    for i, label in enumerate(labels):
        print(f"{label}: step {last[i].iteration}, perplexity {last[i].perplexity:.2f}")
    print(f"100 rounds of {len(labels)} models in {elapsed:.2f} s")
    worker.shutdown()
