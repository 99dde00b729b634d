"""One truncated-BPTT block taken apart: forward and backward one time step at a time, then clip,
then update.

:class:`BlockStepper` is also how :meth:`Session.step <rnnviz.engine.trainer.Session.step>`
trains a block (it simply runs every sub-step), so stepping a block by hand and pressing Step
execute the same operations in the same order and leave bitwise-equal parameters.

Sub-steps, in order (see :meth:`RNNLM.forward_steps <rnnviz.engine.models.RNNLM.forward_steps>`):

* ``forward`` x (L x T): one time step of one recurrent layer, layer by layer; the first also
  runs the embedding, the last also runs the Time Affine and the loss;
* ``backward`` x (L x T): top layer first, t = T-1 down to 0; the first also runs the loss and
  Time Affine backward, the last the embedding's;
* ``clip``: the global gradient norm, the divergence guard and the clipping factor;
* ``update``: the optimizer step, after which the block is done.

The stepper knows nothing of sessions: the session draws the batch, hands it over with the
model, the optimizer and its divergence check, and counts the step when the update returns
(the stepper never imports :mod:`rnnviz.engine.trainer`).
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from . import probe as probes
from . import training
from .data import Vocab
from .models import RNNLM
from .optim import Optimizer, squared_norm
from .snapshots import GraphFrame, StepSnapshot, StepStats, StreamMap
from .texts import Text, translate
from .unroll import Unroller

SUBSTEPS = ("forward", "backward", "clip", "update")
# What a user reads for a sub-step and for the block's phase (English: the names themselves).
SUBSTEP_NAMES = {"forward": translate("stepper", "forward"), "backward": translate("stepper", "backward"),
                 "clip": translate("stepper", "clip"), "update": translate("stepper", "update")}
PHASE_NAMES = {"idle": translate("stepper", "idle"), "forward": translate("stepper", "forward"),
               "forwarded": translate("stepper", "forwarded"), "backward": translate("stepper", "backward"),
               "backwarded": translate("stepper", "backwarded"), "clipped": translate("stepper", "clipped"),
               "updated": translate("stepper", "updated")}


class SubstepNotAllowed(RuntimeError):
    """A sub-step the block's state does not allow now (a click that arrived after the block
    moved on); nothing was changed.

    Its message (``args[0]``) is a :class:`~rnnviz.engine.texts.Text`; its ``args["allowed"]``
    names the sub-step(s) that may come next, itself a ``Text``.
    """


def _not_allowed(kind: str, phase: str, allowed: tuple[str, ...]) -> SubstepNotAllowed:
    """"cannot clip now: the block is at 'forward', next is backward", as a translatable Text."""
    names: list[Text] = [SUBSTEP_NAMES.get(k, Text("", k)) for k in allowed]
    either = names[0]
    for name in names[1:]:
        either = translate("stepper", "{first} or {second}").format(first=either, second=name)
    return SubstepNotAllowed(
        translate("stepper", "cannot {kind} now: the block is at '{phase}', next is {allowed}").format(
            kind=SUBSTEP_NAMES.get(kind, Text("", kind)), phase=PHASE_NAMES.get(phase, Text("", phase)),
            allowed=either))


def refuse_opening(kind: str) -> None:
    """Refuse ``kind`` as a block's first sub-step unless it is a forward one.

    A session calls this before it draws a new block's batch, so a refused click leaves the
    data stream where it was.

    Raises
    ------
    ValueError
        ``kind`` is no sub-step at all.
    SubstepNotAllowed
        A sub-step that cannot begin a block.
    """
    if kind not in (*SUBSTEPS, "forward_all", "backward_all"):
        raise ValueError(f"unknown sub-step {kind!r}; expected one of {SUBSTEPS}")
    if kind not in ("forward", "forward_all"):
        raise _not_allowed(kind.removesuffix("_all"), "idle", ("forward",))


class BlockStepper:
    """Advances one truncated-BPTT block sub-step by sub-step.

    Everything it needs comes in as arguments; it changes the model's caches, gradients and
    parameters and the optimizer's slots, nothing else. The caller counts the step as done
    when :meth:`update` (or :meth:`finish`) returns the block's :class:`StepSnapshot`
    (``number`` is then the new iteration).

    Parameters
    ----------
    model : RNNLM
    optimizer : Optimizer
        Read for its live learning rate, so a rate changed mid-block applies at the update.
    xs, ts : numpy.ndarray
        (N, T) the block's inputs and targets (kept: pass copies, not the stream's buffers).
    number : int
        The step this block is (1-based).
    stream : StreamMap
        Where the block lies in the corpus; its ``iters_per_epoch`` numbers the epochs.
    vocab : Vocab
        For the probe's and the graph's tokens.
    check : callable
        ``check(number, loss, norm)`` raises :class:`DivergenceError` for a diverged step
        (see :func:`rnnviz.engine.training.guard`); called by the clip sub-step.
    clip : float
        The clipping threshold (0: off), kept as :attr:`threshold`, which the owner may change
        until the clip sub-step runs (a threshold set while a block is stepped by hand).
    probe : bool
        Take a :class:`Probe` and a :class:`GraphFrame` of this block (the stepper's frames
        need the graph, so a block stepped by hand always has both).
    row : int
        The batch row the probe and the graph follow (clamped to the batch).
    telemetry : bool
        Per-parameter and per-time-step norms in the :class:`StepStats`.
    """

    def __init__(self, model: RNNLM, optimizer: Optimizer, xs: np.ndarray, ts: np.ndarray, number: int, *,
                 stream: StreamMap, vocab: Vocab, check: Callable[[int, float, float], None],
                 clip: float, probe: bool = True, row: int = 0, telemetry: bool = True):
        self.model, self.optimizer, self.vocab = model, optimizer, vocab
        self.xs, self.ts, self.number, self.stream = xs, ts, number, stream
        self.row = min(row, xs.shape[0] - 1)
        self.check, self.threshold, self.telemetry = check, clip, telemetry
        self.probe = probe
        self.phase = "idle"             # idle | forward | forwarded | backward | backwarded | clipped | updated
        self.cursor: tuple[int, int] | None = None
        self.unroller: Unroller | None = None
        self._passes = None
        self._partial_probe: dict | None = None
        self._probe = None
        self.norm = self.rate = math.nan
        self.clipped = False
        self.seconds = 0.0              # compute time of the sub-steps so far
        self.update_norms: dict[str, float] = {}
        self._by_hand = False           # set by run(): frames say "stepping", the update measures its deltas

    # -- what may come next ----------------------------------------------------------------
    @property
    def next_substeps(self) -> tuple[str, ...]:
        return {"idle": ("forward",), "forward": ("forward",), "forwarded": ("backward",),
                "backward": ("backward",), "backwarded": ("clip",), "clipped": ("update",),
                "updated": ("forward",)}[self.phase]

    @property
    def done(self) -> bool:
        return self.phase == "updated"

    # -- sub-steps -------------------------------------------------------------------------
    def forward_step(self) -> None:
        """One recurrent time step forward (the first pulls the batch)."""
        self._require("forward")
        start = time.perf_counter()
        if self.phase == "idle":
            self._begin()
        self.cursor = next(self._passes)
        L, T = len(self.model.rnns), self.xs.shape[1]
        complete = self.cursor == (L - 1, T - 1)
        self.phase = "forwarded" if complete else "forward"
        if self.probe and complete:
            self._partial_probe = probes.forward_probe(self.model, self.vocab, self.xs, self.ts,
                                                       self.row, self.number)
        # By hand every sub-step is looked at; a whole step reads its caches once per pass.
        if self.probe and (self._by_hand or complete):
            top = (self._partial_probe["top_ids"], self._partial_probe["top_probs"]) if complete else None
            self.unroller.read_forward(self._forward_done(), top)
        self.seconds += time.perf_counter() - start

    def backward_step(self) -> None:
        """One recurrent time step backward (the first runs the loss and Time Affine backward)."""
        self._require("backward")
        start = time.perf_counter()
        if self.phase == "forwarded":
            self._passes = self.model.backward_steps()
        self.cursor = next(self._passes)
        complete = self.cursor == (0, 0)
        self.phase = "backwarded" if complete else "backward"
        if self.probe and (self._by_hand or complete):
            self.unroller.read_backward(self._backward_done(), complete)
        if self.probe and complete:
            self._probe = probes.finish_probe(self.model, self._partial_probe, self.row)
        self.seconds += time.perf_counter() - start

    def clip(self) -> None:
        """Measure the global gradient norm, refuse a diverged step, work out the clip factor.

        Raises
        ------
        DivergenceError
            If the loss or a gradient is not finite, or the loss is far above a uniform guess.
        """
        self._require("clip")
        start = time.perf_counter()
        model = self.model
        self._sq = training.squared_norms(model.grads, model.grad_rows)
        norm = float(np.sqrt(self._sq.sum()))
        self.check(self.number, model.loss, norm)
        self.norm = norm
        self.clipped, self.rate = training.clip_rate(norm, self.threshold)
        self.phase = "clipped"
        self.seconds += time.perf_counter() - start

    def update(self) -> StepSnapshot:
        """Apply the optimizer step; the block is done, and step :attr:`number` with it.

        Returns what :meth:`Session.step <rnnviz.engine.trainer.Session.step>` returns.
        """
        self._require("update")
        start = time.perf_counter()
        model = self.model
        before = {k: p.copy() for k, p in model.params.items()} if self.probe and self._by_hand else None
        self.optimizer.update(model.params, model.grads, scale=self.rate, rows=model.grad_rows)
        if before is not None:
            self.update_norms = {k: float(np.sqrt(squared_norm(model.params[k] - before[k]))) for k in before}
        self.phase = "updated"
        self.seconds += time.perf_counter() - start
        self.snapshot = StepSnapshot(self._stats(), self._probe, self.frame() if self.probe else None,
                                     self.stream)
        return self.snapshot

    def finish(self) -> StepSnapshot:
        """Run every remaining sub-step and return the block's :class:`StepSnapshot`."""
        while self.phase in ("idle", "forward"):
            self.forward_step()
        while self.phase in ("forwarded", "backward"):
            self.backward_step()
        if self.phase == "backwarded":
            self.clip()
        return self.update()

    def run(self, kind: str) -> None:
        """Do one sub-step by name, or ``forward_all`` / ``backward_all`` to the end of that pass."""
        self._by_hand = True
        if kind == "forward_all":
            self.forward_step()
            while self.phase == "forward":
                self.forward_step()
        elif kind == "backward_all":
            self.backward_step()
            while self.phase == "backward":
                self.backward_step()
        elif kind in ("forward", "backward", "clip"):
            getattr(self, {"forward": "forward_step", "backward": "backward_step", "clip": "clip"}[kind])()
        elif kind == "update":
            self.update()
        else:
            raise ValueError(f"unknown sub-step {kind!r}; expected one of {SUBSTEPS}")

    # -- the view's frame ------------------------------------------------------------------
    def frame(self) -> GraphFrame:
        """The unrolled graph as it stands now."""
        if self.unroller is None:
            raise RuntimeError("no block has started yet: do a forward sub-step first")
        phase = {"forward": "forward", "forwarded": "forward", "backward": "backward",
                 "backwarded": "backward", "clipped": "clipped", "updated": "updated"}[self.phase]
        cursor = self.cursor if self.phase in ("forward", "forwarded", "backward", "backwarded") else None
        return self.unroller.frame(
            phase, stepping=self._by_hand, cursor=cursor, next_substeps=self.next_substeps,
            grad_norm=self.norm, clip=self.threshold, clip_scale=self.rate, lr=self.optimizer.lr,
            update_norms=self.update_norms)

    # -- internals -------------------------------------------------------------------------
    def _require(self, kind: str) -> None:
        if kind not in self.next_substeps:
            raise _not_allowed(kind, self.phase, self.next_substeps)

    def _begin(self) -> None:
        if self.probe:
            self.unroller = Unroller(self.model, self.vocab, self.xs, self.ts, self.row, self.stream,
                                     self.number)
        self._passes = self.model.forward_steps(self.xs, self.ts)

    def _forward_done(self) -> list[int]:
        """Columns computed per layer, from the cursor (layers run bottom to top)."""
        k, t = self.cursor
        T = self.xs.shape[1]
        return [T if j < k else (t + 1 if j == k else 0) for j in range(len(self.model.rnns))]

    def _backward_done(self) -> list[int]:
        """Columns done per layer counted from the right (layers run top to bottom)."""
        k, t = self.cursor
        T = self.xs.shape[1]
        return [T if j > k else (T - t if j == k else 0) for j in range(len(self.model.rnns))]

    def _stats(self) -> StepStats:
        model = self.model
        telemetry = self.telemetry
        return training.step_stats(
            self.number, self.stream.iters_per_epoch, model.loss, lr=self.optimizer.lr, norm=self.norm,
            clipped=self.clipped, rate=self.rate, clip=self.threshold, seconds=self.seconds,
            tokens=model.loss_layer.count, squared=self._sq if telemetry else None,
            params=model.params if telemetry else None,
            dh_norms=np.stack([rnn.dh_norms for rnn in model.rnns]) if telemetry else None)
