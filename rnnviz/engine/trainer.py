"""A training session: model + optimizer + data streams, advanced one truncated-BPTT block at a time.

``python -m rnnviz.engine.trainer`` trains a small LSTM on a bundled corpus and prints perplexity.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .config import ModelConfig, TrainConfig
from .data import Corpus, CorpusError, TBPTTStream, eval_batches
from .models import RNNLM
from .optim import Optimizer, clip_grads, make_optimizer


class DivergenceError(RuntimeError):
    """A step produced a non-finite loss or gradient; it was not applied."""


@dataclass(frozen=True)
class StepResult:
    """Scalars of one truncated-BPTT step."""

    iteration: int          # steps done, this one included
    epoch: int              # 0-based epoch this step belongs to
    epoch_fraction: float   # epoch + position within it, for plotting against epochs
    loss: float             # mean cross-entropy of the block
    perplexity: float       # exp(loss)
    grad_norm: float        # global gradient norm before clipping
    clipped: bool           # whether clipping scaled the gradients
    lr: float               # learning rate used for this update
    seconds: float          # wall time of forward + backward + clip + update


def perplexity(model: RNNLM, ids: np.ndarray, batch_size: int = 10, bptt: int = 35) -> float:
    """Perplexity of ``ids`` as the book's ``eval_perplexity``: stateful, forward only, dropout off.

    The model's carried state and train/eval mode are restored afterwards, so evaluating in the
    middle of training does not change what training does next. ``batch_size`` and ``bptt`` shrink
    when the data is too short for them.
    """
    n = len(ids)
    if n < 3:
        raise CorpusError(f"evaluation data has {n} tokens; at least 3 are needed")
    bptt = min(bptt, n - 1)
    batch_size = max(1, min(batch_size, (n - 1) // bptt))
    saved, was_training = model.get_state(), model.training
    model.eval()
    model.reset_state()
    try:
        losses = [model.forward(xs, ts) for xs, ts in eval_batches(ids, batch_size, bptt)]
    finally:
        model.set_state(saved)
        if was_training:
            model.train()
    return float(math.exp(np.mean(losses)))


class Session:
    """Owns a model, its optimizer and the training stream; :meth:`step` trains one block.

    Parameters
    ----------
    corpus : Corpus
        Token ids and vocabulary; ``corpus.train`` feeds the truncated-BPTT stream.
    model_config, train_config : ModelConfig, TrainConfig
    data : dict, optional
        How the corpus was loaded (source, level, ...), stored in checkpoints for resuming.
    """

    def __init__(self, corpus: Corpus, model_config: ModelConfig, train_config: TrainConfig, *,
                 data: dict[str, Any] | None = None, model: RNNLM | None = None,
                 optimizer: Optimizer | None = None):
        if model_config.vocab_size != len(corpus.vocab):
            raise CorpusError(f"model vocab_size {model_config.vocab_size} != corpus vocabulary "
                              f"{len(corpus.vocab)}")
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
        # A loss this far above a uniform guess (ln V) means the weights have blown up even when
        # every number is still finite: the stable log-softmax never returns inf by itself.
        self.loss_limit = max(50.0, 5.0 * math.log(model_config.vocab_size))

    @classmethod
    def from_checkpoint(cls, checkpoint, corpus: Corpus) -> "Session":
        """Continue a run saved by :meth:`save` on the same corpus."""
        if checkpoint.vocab.tokens != corpus.vocab.tokens:
            raise CorpusError(f"{corpus.name}: its vocabulary differs from the checkpoint's; "
                              "resume with the corpus the run was trained on")
        session = cls(corpus, checkpoint.model_config, checkpoint.train_config, data=checkpoint.data,
                      model=checkpoint.model, optimizer=checkpoint.optimizer)
        session.iteration = checkpoint.step
        if "train" in checkpoint.streams:
            session.stream.load_state_dict(checkpoint.streams["train"])
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
    def step(self) -> StepResult:
        """One truncated-BPTT block: forward, backward, clip, update.

        Raises
        ------
        DivergenceError
            If the loss or a gradient is not finite. The update is skipped, so the parameters
            stay at their last good values.
        """
        start = time.perf_counter()
        model = self.model
        xs, ts = self.stream.next_batch()
        loss = model.forward(xs, ts)
        model.backward()
        norm = clip_grads(model.grads, self.clip)
        if not (math.isfinite(loss) and math.isfinite(norm)) or loss > self.loss_limit:
            bad = next((k for k, g in model.grads.items() if not np.isfinite(g).all()), None)
            where = f" (first bad gradient: {bad})" if bad else ""
            raise DivergenceError(
                f"training diverged at step {self.iteration + 1}: loss {loss:.4g} (a uniform guess "
                f"scores {math.log(self.model_config.vocab_size):.2f}), gradient norm {norm:.4g}"
                f"{where}; the step was not applied. Lower the learning rate "
                f"(now {self.optimizer.lr:g}) or enable gradient clipping.")
        self.optimizer.update(model.params, model.grads)
        self.iteration += 1
        ipe = self.iters_per_epoch
        return StepResult(
            iteration=self.iteration, epoch=(self.iteration - 1) // ipe,
            epoch_fraction=self.iteration / ipe, loss=loss, perplexity=math.exp(min(loss, 700.0)),
            grad_norm=norm, clipped=bool(self.clip > 0 and norm > self.clip),
            lr=self.optimizer.lr, seconds=time.perf_counter() - start)

    def evaluate(self, ids: np.ndarray | None = None, batch_size: int = 10) -> float:
        """Perplexity on ``ids`` (default: the validation split), not disturbing training."""
        ids = self.corpus.valid if ids is None else ids
        return perplexity(self.model, ids, batch_size, self.train_config.bptt)

    def set_lr(self, lr: float) -> None:
        """Change the learning rate for the next step."""
        if not (lr > 0 and math.isfinite(lr)):
            raise ValueError(f"learning rate must be a positive finite number, got {lr!r}")
        self.optimizer.lr = float(lr)

    def save(self, path: str | Path, extra: dict[str, np.ndarray] | None = None) -> Path:
        """Write a checkpoint that :meth:`from_checkpoint` continues bit-identically."""
        from .checkpoint import save_checkpoint
        return save_checkpoint(
            path, self.model, self.optimizer, vocab=self.corpus.vocab, train_config=self.train_config,
            step=self.iteration, epoch=self.epoch, streams={"train": self.stream.state_dict()},
            data=self.data, extra=extra)

    def describe(self) -> dict[str, Any]:
        """The run's configuration as JSON-ready data."""
        return {"model": asdict(self.model_config), "train": asdict(self.train_config),
                "data": self.data, "vocab_size": len(self.corpus.vocab),
                "train_tokens": int(len(self.corpus.train)), "valid_tokens": int(len(self.corpus.valid)),
                "iters_per_epoch": self.iters_per_epoch, "parameters": self.model.num_parameters}


if __name__ == "__main__":
    from .data import load_corpus
    corpus = load_corpus("tale", "char")
    session = Session(corpus, ModelConfig(vocab_size=len(corpus.vocab), embed_size=32, hidden_size=128),
                      TrainConfig(batch_size=16, bptt=32, optimizer="adam", lr=0.005, clip=1.0, epochs=3))
    while not session.finished:
        result = session.step()
        if result.iteration % session.iters_per_epoch == 0:
            print(f"epoch {result.epoch + 1}: train ppl {result.perplexity:.2f}, "
                  f"valid ppl {session.evaluate():.2f}")
