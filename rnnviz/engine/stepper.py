"""One truncated-BPTT block taken apart: forward and backward one time step at a time, then clip,
then update.

:class:`BlockStepper` is also how :meth:`Session.step <rnnviz.engine.trainer.Session.step>`
trains a block (it simply runs every sub-step), so stepping a block by hand and pressing Step
execute the same operations in the same order and leave bitwise-equal parameters.

Sub-steps, in order (see :meth:`RNNLM.forward_steps <rnnviz.engine.models.RNNLM.forward_steps>`):

* ``forward`` x (L x T): one time step of one recurrent layer, layer by layer; the first also
  reads the batch and the embedding, the last also runs the Time Affine and the loss;
* ``backward`` x (L x T): top layer first, t = T-1 down to 0; the first also runs the loss and
  Time Affine backward, the last the embedding's;
* ``clip``: the global gradient norm, the divergence guard and the clipping factor;
* ``update``: the optimizer step, after which the block is done.
"""
from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import numpy as np

from . import probe as probes
from .optim import squared_norm
from .snapshots import GraphFrame, StepSnapshot, StepStats, StreamMap
from .unroll import Unroller

if TYPE_CHECKING:
    from .trainer import Session

SUBSTEPS = ("forward", "backward", "clip", "update")


class SubstepNotAllowed(RuntimeError):
    """A sub-step the block's state does not allow now (a click that arrived after the block
    moved on); nothing was changed."""


class BlockStepper:
    """Advances one block of ``session`` sub-step by sub-step.

    Parameters
    ----------
    session : Session
    probe : bool
        Take a :class:`Probe` and a :class:`GraphFrame` of this block (the stepper's frames
        need the graph, so a block stepped by hand always has both).
    """

    def __init__(self, session: Session, probe: bool = True):
        self.session = session
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
        L, T = len(self.session.model.rnns), self.xs.shape[1]
        complete = self.cursor == (L - 1, T - 1)
        self.phase = "forwarded" if complete else "forward"
        if self.probe and complete:
            s = self.session
            self._partial_probe = probes.forward_probe(s.model, s.corpus.vocab, self.xs, self.ts,
                                                       self.row, self.number)
        # By hand every sub-step is looked at; a whole step reads its caches once per pass.
        if self.probe and (self._by_hand or complete):
            top = (self._partial_probe["top_ids"], self._partial_probe["top_probs"]) if complete else None
            self.unroller.read_forward(self._forward_done(), complete, top)
        self.seconds += time.perf_counter() - start

    def backward_step(self) -> None:
        """One recurrent time step backward (the first runs the loss and Time Affine backward)."""
        self._require("backward")
        start = time.perf_counter()
        if self.phase == "forwarded":
            self._passes = self.session.model.backward_steps()
        self.cursor = next(self._passes)
        complete = self.cursor == (0, 0)
        self.phase = "backwarded" if complete else "backward"
        if self.probe and (self._by_hand or complete):
            self.unroller.read_backward(self._backward_done(), complete)
        if self.probe and complete:
            self._probe = probes.finish_probe(self.session.model, self._partial_probe, self.row)
        self.seconds += time.perf_counter() - start

    def clip(self) -> None:
        """Measure the global gradient norm, refuse a diverged step, work out the clip factor.

        Raises
        ------
        DivergenceError
            If the loss or a gradient is not finite, or the loss is far above a uniform guess.
        """
        from .trainer import DivergenceError      # trainer imports this module
        self._require("clip")
        start = time.perf_counter()
        s, model = self.session, self.session.model
        rows = model.grad_rows
        self._sq = np.array([squared_norm(g[rows[k]] if k in rows else g) for k, g in model.grads.items()],
                            np.float64)
        norm = float(np.sqrt(self._sq.sum()))
        loss = model.loss
        if not (math.isfinite(loss) and math.isfinite(norm)) or loss > s.loss_limit:
            raise DivergenceError(s._divergence(self.number, loss, norm))
        # The book's clipping rule (optim.clip_grads) with the norm already measured; the
        # optimizer applies the factor (SGD folds it into the step size).
        self.clipped = s.clip > 0 and norm > s.clip
        self.norm = norm
        self.rate = s.clip / (norm + 1e-6) if self.clipped else 1.0
        self.phase = "clipped"
        self.seconds += time.perf_counter() - start

    def update(self) -> StepSnapshot:
        """Apply the optimizer step; the block is done. Returns what :meth:`Session.step` returns."""
        self._require("update")
        start = time.perf_counter()
        s, model = self.session, self.session.model
        before = {k: p.copy() for k, p in model.params.items()} if self.probe and self._by_hand else None
        s.optimizer.update(model.params, model.grads, scale=self.rate, rows=model.grad_rows)
        s.iteration = self.number
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
        s = self.session
        return self.unroller.frame(
            phase, stepping=self._by_hand, cursor=cursor, next_substeps=self.next_substeps,
            grad_norm=self.norm, clip=s.clip, clip_scale=self.rate, lr=s.optimizer.lr,
            update_norms=self.update_norms)

    # -- internals -------------------------------------------------------------------------
    def _require(self, kind: str) -> None:
        if kind not in self.next_substeps:
            allowed = " or ".join(self.next_substeps)
            raise SubstepNotAllowed(f"cannot {kind} now: the block is at '{self.phase}', next is {allowed}")

    def _begin(self) -> None:
        s = self.session
        self.block_start = s.stream.time_idx
        xs, ts = s.stream.next_batch()
        self.xs, self.ts = xs.copy(), ts.copy()         # the stream refills its buffers next batch
        self.number = s.iteration + 1
        self.row = min(s.probe_row, self.xs.shape[0] - 1)
        st = s.stream
        self.stream = StreamMap(N=st.batch_size, T=st.bptt, jump=st.data_size // st.batch_size,
                                data_size=st.data_size, block_start=self.block_start,
                                iters_per_epoch=st.iters_per_epoch)
        if self.probe:
            self.unroller = Unroller(s.model, s.corpus.vocab, self.xs, self.ts, self.row, self.stream,
                                     self.number)
        self._passes = s.model.forward_steps(self.xs, self.ts)

    def _forward_done(self) -> list[int]:
        """Columns computed per layer, from the cursor (layers run bottom to top)."""
        k, t = self.cursor
        T = self.xs.shape[1]
        return [T if j < k else (t + 1 if j == k else 0) for j in range(len(self.session.model.rnns))]

    def _backward_done(self) -> list[int]:
        """Columns done per layer counted from the right (layers run top to bottom)."""
        k, t = self.cursor
        T = self.xs.shape[1]
        return [T if j > k else (T - t if j == k else 0) for j in range(len(self.session.model.rnns))]

    def _stats(self) -> StepStats:
        s, model = self.session, self.session.model
        if s.telemetry:
            grad_norms = np.sqrt(self._sq)
            param_norms = np.sqrt(np.array([squared_norm(p) for p in model.params.values()], np.float64))
            dh_norms = np.stack([rnn.dh_norms for rnn in model.rnns])
        else:
            grad_norms = param_norms = np.zeros(0)
            dh_norms = np.zeros((0, 0))
        ipe = s.iters_per_epoch
        loss, norm = model.loss, self.norm
        return StepStats(
            iteration=self.number, epoch=(self.number - 1) // ipe, epoch_fraction=self.number / ipe,
            loss=float(loss), perplexity=math.exp(min(loss, 700.0)), lr=s.optimizer.lr,
            grad_norm=norm, grad_norm_clipped=norm * self.rate if self.clipped else norm, clip=s.clip,
            clipped=bool(self.clipped), param_names=s._param_names if s.telemetry else (),
            param_grad_norms=grad_norms, param_norms=param_norms, dh_norms=dh_norms,
            seconds=self.seconds, tokens=s.tokens_per_step)
