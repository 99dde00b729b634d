"""Training a :class:`~rnnviz.engine.classifier.Classifier` on labelled texts, one mini-batch per
:meth:`ClassifySession.step`, as the seed's ``RecurrentNetwork.fit`` does.

Each epoch visits the training texts in a fresh random order in ``ceil(M / batch_size)``
batches, the last one shorter when the batch does not divide M (the seed's ``gen_batch``).
After the last batch of an epoch :meth:`ClassifySession.run` yields a :class:`ClassifyResult`:
the epoch's training loss and accuracy as its batches were trained (what Keras prints), and the
validation set's with the current weights.

:meth:`ClassifySession.read` reads one text token by token for the lab: P(class) after every
token, the hidden states, and ||dL/dh_t|| both as training computes it (nothing before the
truncation point) and with full BPTT.
"""
from __future__ import annotations

import dataclasses
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import training
from .classifier import PAD_ID, Classifier, class_probabilities
from .classify_data import ClassData
from .config import ClassifierConfig, TrainConfig
from .epochs import EpochSchedule, EvaluationStopped
from .memory import check_fits
from .optim import Optimizer, make_optimizer
from .snapshots import (MAX_UNITS, ClassifyExample, ClassifyResult, Divergence, GraphFrame, ReviewTrace,
                        StepSnapshot)
from .texts import translate

EVAL_BATCH = 500        # validation texts read at once (and how often a stop is noticed)
EXAMPLES = 12           # validation examples listed with every result


class ClassifySession(EpochSchedule):
    """A classifier, its optimizer and its data; :meth:`step` trains one mini-batch.

    Parameters
    ----------
    data : ClassData
        Padded texts and labels, split into training and validation sets.
    config : ClassifierConfig
        ``vocab_size`` and ``num_classes`` must be the data's.
    train : TrainConfig
        batch_size, optimizer, lr, clip, epochs (``bptt`` is not used) and the seed of the order
        the training texts are visited in.
    model, optimizer, rng : optional
        A run to continue, all three together (see :meth:`from_checkpoint`).

    Raises
    ------
    ConfigError
        A model that would not fit in the memory available.
    ValueError
        A vocabulary or class count that is not the data's, or fewer texts than one batch.
    """

    def __init__(self, data: ClassData, config: ClassifierConfig, train: TrainConfig, *,
                 model: Classifier | None = None, optimizer: Optimizer | None = None,
                 rng: np.random.Generator | None = None):
        if (model is None) != (optimizer is None) or (model is None) != (rng is None):
            raise ValueError("give a model, its optimizer and its data-order stream together, or none")
        if model is None:
            check_fits(config, train, widths=(data.max_len,))
        if config.vocab_size != len(data.vocab):
            raise ValueError(translate("classify_session", "model vocab_size {size} != the data's {count} tokens")
                             .format(size=config.vocab_size, count=len(data.vocab)))
        if config.num_classes != data.num_classes:
            raise ValueError(translate("classify_session", "model num_classes {size} != the data's {count} classes")
                             .format(size=config.num_classes, count=data.num_classes))
        if len(data.x_train) < train.batch_size:
            raise ValueError(translate("classify_session", "{name}: {count} training texts, fewer than one batch "
                                       "of {batch}; lower the batch size").format(
                name=data.name, count=len(data.x_train), batch=train.batch_size))
        self.data, self.config, self.train_config = data, config, train
        self.model = model if model is not None else Classifier(config)
        self.optimizer = optimizer if optimizer is not None else make_optimizer(train)
        self.rng = rng if rng is not None else np.random.default_rng(train.seed)
        self.clip = train.clip
        self.iteration = 0
        self.iters_per_epoch = math.ceil(len(data.x_train) / train.batch_size)
        self._order = np.arange(len(data.x_train))
        # The epoch's batches so far: summed loss and right answers, and texts seen.
        self.epoch_sums = np.zeros(3, np.float64)
        self.loss_limit = training.loss_limit(config.num_classes)

    @property
    def truncate(self) -> int:
        """k, the steps the backward pass walks back over (0: all); may change between steps."""
        return self.model.truncate

    def set_truncate(self, k: int) -> None:
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise ValueError(translate("classify_session", "the truncation k must be 0 (full BPTT) or a positive "
                                       "number of steps, got {value}").format(value=repr(k)))
        self.model.truncate = k

    # -- training --------------------------------------------------------------------------
    def step(self) -> StepSnapshot:
        """One mini-batch: forward, backward through the last k steps, clip, update.

        Raises
        ------
        DivergenceError
            On a non-finite or exploding loss or gradient; the update is not applied.
        """
        start = time.perf_counter()
        rows, new_epoch = self.next_rows()
        if new_epoch:
            self.epoch_sums[:] = 0.0
        model = self.model
        labels = self.data.y_train[rows]
        loss = model.forward(self.data.x_train[rows], labels)
        model.backward()
        number = self.iteration + 1
        sq, norm, clipped, rate = training.guarded_update(model, self.optimizer, loss, number, clip=self.clip,
                                                          limit=self.loss_limit, describe=self._divergence)
        self.iteration = number
        right = int((model.probs.argmax(axis=1) == labels).sum())
        self.epoch_sums += (loss * len(rows), right, len(rows))
        return StepSnapshot(training.step_stats(
            number, self.iters_per_epoch, loss, lr=self.optimizer.lr, norm=norm, clipped=clipped,
            rate=rate, clip=self.clip, seconds=time.perf_counter() - start, tokens=len(rows),
            squared=sq, params=model.params, dh_norms=model.dh_norms()))

    def _divergence(self, number: int, loss: float, norm: float) -> Divergence:
        return training.divergence(number, loss, norm, grads=self.model.grads, lr=self.optimizer.lr,
                                   clip=self.clip, vocab_size=self.config.num_classes)

    # -- evaluation ------------------------------------------------------------------------
    def evaluate(self, interrupt: Callable[[], bool] | None = None) -> ClassifyResult:
        """Validation loss and accuracy with the current weights, and the epoch's training figures.

        ``interrupt()`` is asked between batches of :data:`EVAL_BATCH` texts.
        """
        start = time.perf_counter()
        data, model = self.data, self.model
        probs = []
        for i in range(0, len(data.x_valid), EVAL_BATCH):
            if interrupt is not None and interrupt():
                raise EvaluationStopped(translate("classify_session", "validation stopped after {done} of {total} "
                                                  "texts").format(done=f"{i:,}", total=f"{len(data.x_valid):,}"))
            probs.append(model.predict(data.x_valid[i:i + EVAL_BATCH]))
        p = np.concatenate(probs)                                        # (M_valid, C)
        truth = data.y_valid
        picked = np.clip(p[np.arange(len(truth)), truth], 1e-300, 1.0)
        guesses = p.argmax(axis=1)
        examples = tuple(self._example(i, p[i]) for i in range(min(EXAMPLES, len(truth))))
        loss_sum, right, seen = self.epoch_sums
        return ClassifyResult(
            iteration=self.iteration, epoch_fraction=self.epoch_fraction,
            train_loss=float(loss_sum / seen) if seen else math.nan,
            train_accuracy=float(right / seen) if seen else math.nan,
            valid_loss=float(-np.log(picked).mean()), valid_accuracy=float((guesses == truth).mean()),
            examples=examples, seconds=time.perf_counter() - start)

    def _example(self, i: int, p: np.ndarray) -> ClassifyExample:
        guess = int(p.argmax())
        label = int(self.data.y_valid[i])
        prob = float(p[1]) if len(p) == 2 else float(p[guess])
        return ClassifyExample(index=i, text=self.data.valid_texts[i], label=label, guess=guess, prob=prob,
                               correct=guess == label)

    # -- one text, token by token ----------------------------------------------------------
    def text_ids(self, text: str | int) -> tuple[np.ndarray, str, int | None]:
        """(ids (n,), the text, its label or None) of validation example ``text`` or typed text.

        Raises
        ------
        CorpusError
            A typed text with nothing the vocabulary can read.
        ValueError
            A validation example that does not exist.
        """
        data = self.data
        if isinstance(text, (int, np.integer)):
            i = int(text)
            if not 0 <= i < len(data.x_valid):
                raise ValueError(translate("classify_session", "validation example {example} does not exist "
                                           "(there are {count})").format(example=i, count=len(data.x_valid)))
            row = data.x_valid[i]
            return row[row != PAD_ID], data.valid_texts[i], int(data.y_valid[i])
        ids, _ = data.encode(text)
        return ids, text, None

    def read(self, text: str | int, label: int | None = None) -> ReviewTrace:
        """Read validation example ``text`` (an index) or a typed text, token by token.

        ``label`` is the class the gradient is taken for when the text has none of its own
        (default: the last class, "positive"). The weights are not changed.

        Raises
        ------
        CorpusError
            A typed text with nothing the vocabulary can read.
        """
        ids, shown, own = self.text_ids(text)
        C = self.config.num_classes
        if own is not None:
            label = own
        elif label is None or not 0 <= label < C:
            label = C - 1
        model, k = self.model, self.model.truncate
        batch, target = ids[None, :], np.array([label])
        try:
            model.truncate = 0
            model.forward(batch, target)
            model.backward()
            full = model.dh_norms()
            hs = model.hs[0].copy()                                      # (n, H)
            model.truncate = k
            model.forward(batch, target)
            model.backward()
            cut = model.dh_norms()
        finally:
            model.truncate = k
        n = len(ids)
        feats = hs if self.config.pool == "last" else np.cumsum(hs, axis=0) / np.arange(1, n + 1)[:, None]
        probs = class_probabilities(model.affine.forward(feats).copy())  # (n, C): the verdict after each token
        H = hs.shape[1]
        units = np.arange(H) if H <= MAX_UNITS else np.linspace(0, H - 1, MAX_UNITS).round().astype(np.int64)
        return ReviewTrace(
            iteration=self.iteration, text=shown, tokens=self.data.tokens_of(ids), classes=self.data.classes,
            probs=probs.astype(np.float32), hidden=hs[:, units].astype(np.float32), label=int(label),
            label_known=own is not None, dh_norms=cut.astype(np.float32), dh_norms_full=full.astype(np.float32),
            truncate=k, pool=self.config.pool)

    def graph(self, text: str | int, label: int | None = None) -> GraphFrame:
        """One text unrolled through one forward and backward pass for the graph view."""
        from .classify_unroll import unroll_text
        ids, shown, own = self.text_ids(text)
        label = own if own is not None else (self.config.num_classes - 1 if label is None else label)
        return unroll_text(self.model, self.data, ids, label, iteration=self.iteration,
                           batch_size=self.train_config.batch_size, lr=self.optimizer.lr, caption=shown)

    # -- checkpoints -----------------------------------------------------------------------
    @classmethod
    def from_checkpoint(cls, checkpoint, data: ClassData | None = None) -> "ClassifySession":
        """Continue a run saved by :meth:`save`, bit-identically (see :mod:`rnnviz.engine.classify_checkpoint`)."""
        from .classify_checkpoint import ClassifyCheckpoint, data_for, load_classify_checkpoint
        if not isinstance(checkpoint, ClassifyCheckpoint):
            checkpoint = load_classify_checkpoint(checkpoint)
        data = data_for(checkpoint, data)
        session = cls(data, checkpoint.config, checkpoint.train_config, model=checkpoint.model,
                      optimizer=checkpoint.optimizer, rng=checkpoint.rng)
        session.iteration = checkpoint.step
        session._order = checkpoint.order
        session.epoch_sums[:] = checkpoint.epoch_sums
        session.model.truncate = checkpoint.truncate
        return session

    def save(self, path: str | os.PathLike, extra: dict[str, np.ndarray] | None = None) -> Path:
        """Write a checkpoint that :meth:`from_checkpoint` continues bit-identically; the live
        clipping threshold and k are saved as the config's."""
        from .classify_checkpoint import save_classify_checkpoint
        train_config = dataclasses.replace(self.train_config, clip=self.clip)
        config = dataclasses.replace(self.config, truncate=self.model.truncate)
        return save_classify_checkpoint(path, self.model, self.optimizer, config=config, data=self.data,
                                        train_config=train_config, step=self.iteration, order=self._order,
                                        rng=self.rng, epoch_sums=self.epoch_sums, extra=extra)
