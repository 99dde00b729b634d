"""A training session: model + optimizer + data streams, advanced one truncated-BPTT block at a time.

``python -m rnnviz.engine.trainer`` trains a small LSTM on a bundled corpus and prints perplexity.
"""
from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from collections.abc import Callable, Iterator

import numpy as np

from . import training
from .config import ModelConfig, TrainConfig
from .batches import TBPTTStream, eval_batches
from .data import Corpus, CorpusError
from .models import RNNLM
from .optim import Optimizer, make_optimizer
from .rewind import RewindPoint, RewindRing
from .sampling import iter_generate, render_text
from .snapshots import (Divergence, EvalResult, GraphFrame, SampleResult, SampleToken, Snapshot,
                        StepSnapshot, StreamMap)
from .stepper import BlockStepper, refuse_opening
from .texts import translate
from .training import DivergenceError   # defined beside the guard; the GUI and CLI import it from here


def perplexity(model: RNNLM, ids: np.ndarray, batch_size: int = 10, bptt: int = 35,
               progress: Callable[[int, int], None] | None = None) -> float:
    """Perplexity of ``ids`` as the book's ``eval_perplexity``: stateful, forward only, dropout off.

    The model's carried state and train/eval mode are restored afterwards, so evaluating in the
    middle of training does not change what training does next. ``batch_size`` and ``bptt`` shrink
    when the data is too short for them. ``progress(done, total)`` is called before the first
    batch and after each one (on PTB a validation pass takes a while).
    """
    n = len(ids)
    if n < 3:
        raise CorpusError(translate("trainer", "evaluation data has {count} tokens; at least 3 are needed")
                          .format(count=n))
    bptt = min(bptt, n - 1)
    batch_size = max(1, min(batch_size, (n - 1) // bptt))
    saved, was_training = model.get_state(), model.training
    model.eval()
    model.reset_state()
    total = (n - 1) // (batch_size * bptt)         # the number of batches eval_batches yields
    losses = []
    try:
        for xs, ts in eval_batches(ids, batch_size, bptt):
            if progress is not None:
                progress(len(losses), total)
            losses.append(model.forward(xs, ts))
        if progress is not None:
            progress(len(losses), total)
    finally:
        model.set_state(saved)
        if was_training:
            model.train()
    mean = float(np.mean(losses))
    return math.exp(mean) if mean < 709.0 else math.inf     # a wrecked model: inf, not OverflowError


class Session:
    """Owns a model, its optimizer and the training stream; :meth:`step` trains one block.

    Parameters
    ----------
    corpus : Corpus
        Token ids and vocabulary; ``corpus.train`` feeds the truncated-BPTT stream.
    model_config, train_config : ModelConfig, TrainConfig
    data : dict, optional
        How the corpus was loaded (:func:`~rnnviz.engine.data.corpus_spec`), stored in
        checkpoints for resuming (:func:`~rnnviz.engine.data.load_corpus_from` loads it again).
    """

    def __init__(self, corpus: Corpus, model_config: ModelConfig, train_config: TrainConfig, *,
                 data: dict[str, Any] | None = None, model: RNNLM | None = None,
                 optimizer: Optimizer | None = None):
        if model is None:   # a given model exists already (load_checkpoint checked it before building)
            from .memory import check_fits
            check_fits(model_config, train_config)      # ConfigError, before allocating a model too big
        if model_config.vocab_size != len(corpus.vocab):
            raise CorpusError(translate("trainer", "model vocab_size {size} != corpus vocabulary {count}")
                              .format(size=model_config.vocab_size, count=len(corpus.vocab)))
        self.corpus = corpus
        self.model_config = model_config
        self.train_config = train_config
        self.data = dict(data or {})
        self.model = model if model is not None else RNNLM(model_config)
        self.optimizer = optimizer if optimizer is not None else make_optimizer(train_config)
        self.stream = TBPTTStream(corpus.train, train_config.batch_size, train_config.bptt,
                                  name=corpus.name)
        self.iteration = 0
        self.clip = train_config.clip
        self.telemetry = True       # per-parameter and per-time-step norms in every StepStats
        self.probe_every = 10       # steps between probes (0: only when asked)
        self.probe_row = 0          # batch row the probe follows
        self.block: BlockStepper | None = None   # a block being stepped by hand (substep)
        self.loss_limit = training.loss_limit(model_config.vocab_size)
        self.healthy_loss = training.healthy_loss(model_config.vocab_size)
        self.rewinds = RewindRing()
        self.rewinds.keep(self)
        self._unscaled_at: int | None = None    # the step whose state before a W_h scaling is kept
        self._last_loss = float("nan")          # of the last applied step: a kept point's loss

    @classmethod
    def from_checkpoint(cls, checkpoint, corpus: Corpus) -> "Session":
        """Continue a run saved by :meth:`save` on the same corpus."""
        if checkpoint.vocab.tokens != corpus.vocab.tokens:
            raise CorpusError(translate("trainer", "{name}: its vocabulary differs from the checkpoint's; resume "
                                        "with the corpus the run was trained on").format(name=corpus.name))
        session = cls(corpus, checkpoint.model_config, checkpoint.train_config, data=checkpoint.data,
                      model=checkpoint.model, optimizer=checkpoint.optimizer)
        session.iteration = checkpoint.step
        if "train" in checkpoint.streams:
            session.stream.load_state_dict(checkpoint.streams["train"])
        session.rewinds.clear()
        session.rewinds.keep(session)
        return session

    # -- progress --------------------------------------------------------------------------
    @property
    def iters_per_epoch(self) -> int:
        return self.stream.iters_per_epoch

    @property
    def epoch(self) -> int:
        return self.iteration // self.iters_per_epoch

    @property
    def total_steps(self) -> int:
        cfg = self.train_config
        return cfg.max_steps if cfg.max_steps > 0 else cfg.epochs * self.iters_per_epoch

    @property
    def finished(self) -> bool:
        return self.iteration >= self.total_steps

    @property
    def tokens_per_step(self) -> int:
        return self.train_config.batch_size * self.train_config.bptt

    # -- training --------------------------------------------------------------------------
    def step(self, probe: bool | None = None) -> StepSnapshot:
        """One truncated-BPTT block: forward, backward, clip, update.

        A block being stepped by hand (:meth:`substep`) is finished instead of a new one begun.

        Parameters
        ----------
        probe : bool, optional
            Take a :class:`Probe` (and the unrolled :class:`GraphFrame`) of this step; by
            default every ``probe_every`` steps.

        Raises
        ------
        DivergenceError
            If the loss or a gradient is not finite, or the loss is far above a uniform guess.
            The update is skipped, so the parameters stay as they were before this step.
        """
        block, self.block = self.block, None
        if block is None:
            if probe is None:
                number = self.iteration + 1
                probe = self.probe_every > 0 and number % self.probe_every == 0
            block = self._new_block(bool(probe))
        snapshot = block.finish()
        self._done(block)
        return snapshot

    def substep(self, kind: str) -> GraphFrame | StepSnapshot:
        """Advance the block by hand: ``forward``, ``backward`` (one time step of one layer),
        ``forward_all``, ``backward_all``, ``clip`` or ``update``.

        Returns the :class:`GraphFrame` after the sub-step or, after the update, the block's
        :class:`StepSnapshot` (whose ``graph`` is that frame). A clip that finds the step
        diverged raises :class:`DivergenceError` and drops the block, as :meth:`step` does.
        """
        if self.block is None:
            refuse_opening(kind)            # before a batch is drawn: a refused click changes nothing
            self.block = self._new_block(True)
        block = self.block
        try:
            block.run(kind)
        except DivergenceError:
            self.block = None
            raise
        if block.done:
            self.block = None
            self._done(block)
            return block.snapshot
        return block.frame()

    def _new_block(self, probe: bool) -> BlockStepper:
        """Draw the next batch and hand it, with the model and optimizer, to a :class:`BlockStepper`."""
        st = self.stream
        start = st.time_idx
        xs, ts = st.next_batch()
        where = StreamMap(N=st.batch_size, T=st.bptt, jump=st.data_size // st.batch_size,
                          data_size=st.data_size, block_start=start, iters_per_epoch=st.iters_per_epoch)
        # Copies: the stream refills its buffers for the next batch.
        return BlockStepper(self.model, self.optimizer, xs.copy(), ts.copy(), self.iteration + 1,
                            stream=where, vocab=self.corpus.vocab, check=self._check, clip=self.clip,
                            probe=probe, row=self.probe_row, telemetry=self.telemetry)

    def _done(self, block: BlockStepper) -> None:
        """Count the block's applied update as this session's step."""
        self.iteration = block.number
        self._unscaled_at, self._last_loss = None, block.snapshot.stats.loss
        self.rewinds.after_step(self, block.snapshot.stats.loss)

    def _check(self, number: int, loss: float, norm: float) -> None:
        training.guard(number, loss, norm, self.loss_limit, self._divergence)

    def _divergence(self, number: int, loss: float, norm: float) -> Divergence:
        point = self.rewinds.choose(number - 1, self.healthy_loss)
        return training.divergence(number, loss, norm, grads=self.model.grads, lr=self.optimizer.lr,
                                   clip=self.clip, vocab_size=self.model_config.vocab_size,
                                   rewind_to=None if point is None else point.iteration)

    def run(self, steps: int | None = None, *,
            eval_progress: Callable[[str, int, int], None] | None = None) -> Iterator[Snapshot]:
        """Train, yielding a :class:`StepSnapshot` per step and an :class:`EvalResult` per evaluation.

        Runs ``steps`` steps, or to the end of the configured epochs / max_steps when None. A
        divergence is yielded as a :class:`Divergence` and ends the run. The caller may stop
        between any two yields; the session is then ready for the next step.
        ``eval_progress(split, done, total)`` is called between evaluation batches (see
        :meth:`evaluate`).
        """
        target = self.total_steps if steps is None else self.iteration + steps

        def due() -> EvalResult | None:
            # Read at every step: set_eval_every() may change it while the run plays.
            eval_every = self.train_config.eval_every or self.iters_per_epoch
            if self.iteration % eval_every == 0 and len(self.corpus.valid) > 2:
                return self.evaluate(progress=eval_progress)
            return None
        return training.run_steps(self.step, lambda: self.iteration, target, due)

    def run_epoch(self, *, eval_progress: Callable[[str, int, int], None] | None = None) -> Iterator[Snapshot]:
        """:meth:`run` up to the end of the current epoch."""
        remaining = self.iters_per_epoch - self.iteration % self.iters_per_epoch
        return self.run(remaining, eval_progress=eval_progress)

    def evaluate(self, split: str = "valid", batch_size: int = 10, *,
                 progress: Callable[[str, int, int], None] | None = None) -> EvalResult:
        """Perplexity of the ``"valid"`` or ``"test"`` split, not disturbing training.

        ``progress(split, done, total)`` is called before the first batch and after each one
        (a PTB validation pass takes a while); None: silent.
        """
        ids = {"valid": self.corpus.valid, "test": self.corpus.test}.get(split)
        if ids is None or len(ids) < 3:
            if split == "valid":
                message = translate("trainer", "{name} has no valid data to evaluate")
            elif split == "test":
                message = translate("trainer", "{name} has no test data to evaluate")
            else:
                message = translate("trainer", "{name} has no {split} data to evaluate")
            raise CorpusError(message.format(name=self.corpus.name, split=split))
        start = time.perf_counter()
        report = None if progress is None else (lambda done, total: progress(split, done, total))
        ppl = perplexity(self.model, ids, batch_size, self.train_config.bptt, report)
        return EvalResult(iteration=self.iteration, epoch_fraction=self.iteration / self.iters_per_epoch,
                          split=split, perplexity=ppl, seconds=time.perf_counter() - start)

    def iter_sample(self, prefix: str, length: int, *, temperature: float = 1.0, top_k: int = 0,
                    greedy: bool = False, seed: int | None = None,
                    stop_at_eos: bool = False) -> Iterator[SampleToken | SampleResult]:
        """Stream generated tokens as :class:`SampleToken`, then the whole :class:`SampleResult`.

        Generation saves and restores the model's carried state and mode (see
        :mod:`rnnviz.engine.sampling`), so training continues exactly as if it had not run.
        Arguments are checked at once (``ValueError``) before anything is generated.
        """
        vocab = self.corpus.vocab
        skip = [vocab.tokens.index(t) for t in ("<unk>",) if t in vocab]
        stream = iter_generate(self.model, vocab, prefix, length, temperature=temperature,
                               top_k=top_k, greedy=greedy, seed=seed, skip_ids=skip,
                               stop_at_eos=stop_at_eos)
        settings = dict(temperature=temperature, top_k=top_k, greedy=greedy, seed=seed, length=length,
                        stop_at_eos=bool(stop_at_eos))
        return self._stream_sample(stream, prefix, settings)

    def _stream_sample(self, stream, prefix: str, settings: dict) -> Iterator[SampleToken | SampleResult]:
        vocab = self.corpus.vocab
        ids, tokens, probs, top_ids, top_probs = [], [], [], [], []
        with contextlib.closing(stream):
            for i, (tid, token, prob, tids, tprobs) in enumerate(stream):
                ids.append(tid)
                tokens.append(token)
                probs.append(prob)
                top_ids.append(tids)
                top_probs.append(tprobs)
                yield SampleToken(index=i, token=token, prob=float(prob),
                                  top_tokens=tuple(vocab.tokens[j] for j in tids),
                                  top_probs=np.array(tprobs, np.float64))
        K = len(top_ids[0]) if top_ids else 0
        tids = np.array(top_ids, np.int64).reshape(len(ids), K)
        prefix_tokens = vocab.tokenize(prefix) if prefix else []
        yield SampleResult(
            iteration=self.iteration, prefix=prefix, text=render_text(vocab, [*prefix_tokens, *tokens]),
            tokens=tuple(tokens), probs=np.array(probs, np.float64), top_ids=tids,
            top_tokens=tuple(tuple(vocab.tokens[j] for j in row) for row in tids),
            top_probs=np.array(top_probs, np.float64).reshape(len(ids), K), settings=settings,
            stopped_at_eos=bool(settings.get("stop_at_eos") and ids and ids[-1] == vocab.eos_id))

    def sample(self, prefix: str, length: int, **options) -> SampleResult:
        """:meth:`iter_sample` run to the end; returns the :class:`SampleResult`."""
        result = None
        for result in self.iter_sample(prefix, length, **options):
            pass
        return result

    def reset(self) -> None:
        """Start over: fresh weights from the config's seed, a new optimizer, stream at 0."""
        self.model = RNNLM(self.model_config)
        self.block = None
        self.optimizer = make_optimizer(self.train_config)
        self.stream.time_idx = 0
        self.iteration = 0
        self.clip = self.train_config.clip
        self._unscaled_at, self._last_loss = None, float("nan")
        self.rewinds.clear()
        self.rewinds.keep(self)

    def rewind(self, iteration: int | None = None) -> RewindPoint:
        """Go back to a kept state: step ``iteration``, or by default the newest one at least
        one keeping interval before now (see :meth:`RewindRing.choose`).

        Parameters, optimizer slots, carried state, stream position and dropout generator are
        restored, so training from there repeats what happened then; the learning rate and the
        clipping threshold stay as they are now, for the caller to lower. A block being stepped
        by hand is dropped.

        Raises
        ------
        ValueError
            If no state of that step is kept.
        """
        ring = self.rewinds
        point = (ring.choose(self.iteration, self.healthy_loss) if iteration is None
                 else ring.find(iteration))
        if point is None:
            raise ValueError(translate("trainer", "no state kept to rewind to"))
        self.block = None
        ring.restore(self, point)
        self._unscaled_at, self._last_loss = None, point.loss
        return point

    def scale_recurrent(self, scale: float) -> RewindPoint:
        """Multiply every recurrent W_h by ``scale`` (DLFS2 ch.6's experiment on the live model).

        The state before is kept first as a rewind point of this step, so :meth:`rewind` to it
        undoes the scaling exactly; scaling twice at one step keeps the state before the first.
        Returns that point.

        Raises
        ------
        ValueError
            If ``scale`` is not a positive finite number, or a block is being stepped by hand
            (its forward pass ran with the old W_h).
        """
        if not (scale > 0 and math.isfinite(scale)):
            raise ValueError(translate("trainer", "W_h's scale must be a positive finite number, got {value}")
                             .format(value=repr(scale)))
        if self.block is not None:
            raise ValueError(translate("trainer", "a block is being stepped by hand: finish it (Update) "
                                       "before scaling W_h"))
        if self._unscaled_at != self.iteration:
            self.rewinds.keep(self, self._last_loss)
            self._unscaled_at = self.iteration
        for rnn in self.model.rnns:
            rnn.params["Wh"] *= scale           # in place: the optimizer's params are these arrays
        return self.rewinds.find(self.iteration)

    def set_lr(self, lr: float) -> None:
        """Change the learning rate for the next step."""
        if not (lr > 0 and math.isfinite(lr)):
            raise ValueError(translate("trainer", "learning rate must be a positive finite number, got {value}")
                             .format(value=repr(lr)))
        self.optimizer.lr = float(lr)

    def set_clip(self, clip: float) -> None:
        """Change the clipping threshold for the next step (0 turns clipping off)."""
        if not (clip >= 0 and math.isfinite(clip)):
            raise ValueError(translate("trainer", "clip threshold must be >= 0, got {value}").format(value=repr(clip)))
        self.clip = float(clip)
        if self.block is not None:      # a block stepped by hand clips with it too, as before its clip
            self.block.threshold = self.clip

    def set_eval_every(self, k: int) -> None:
        """Validate every ``k`` steps from now on (0: once per epoch), also in a run being played."""
        self.train_config = dataclasses.replace(self.train_config, eval_every=k)

    def save(self, path: str | Path, extra: dict[str, np.ndarray] | None = None) -> Path:
        """Write a checkpoint that :meth:`from_checkpoint` continues bit-identically.

        A clipping threshold changed live is saved as the config's (the optimizer keeps its
        live learning rate itself).
        """
        from .checkpoint import save_checkpoint
        train_config = dataclasses.replace(self.train_config, clip=self.clip)
        return save_checkpoint(
            path, self.model, self.optimizer, vocab=self.corpus.vocab, train_config=train_config,
            step=self.iteration, epoch=self.epoch, streams={"train": self.stream.state_dict()},
            data=self.data, extra=extra)

    def describe(self) -> dict[str, Any]:
        """The run's configuration as JSON-ready data."""
        return {"model": asdict(self.model_config), "train": asdict(self.train_config),
                "data": self.data, "vocab_size": len(self.corpus.vocab),
                "train_tokens": int(len(self.corpus.train)), "valid_tokens": int(len(self.corpus.valid)),
                "iters_per_epoch": self.iters_per_epoch, "parameters": self.model.num_parameters}


if __name__ == "__main__":
    from .data import corpus_spec, load_corpus_from
    spec = corpus_spec("tale")
    corpus = load_corpus_from(spec)
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=32, hidden_size=128),
                      TrainConfig(batch_size=16, bptt=32, optimizer="adam", lr=0.005, clip=1.0, epochs=3),
                      data=spec)
    for snap in session.run():
        if isinstance(snap, EvalResult):
            print(f"epoch {snap.epoch_fraction:.0f}: valid perplexity {snap.perplexity:.2f}")
