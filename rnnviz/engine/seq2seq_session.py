"""Training a :class:`~rnnviz.engine.seq2seq.Seq2seq` on question/answer pairs, as the book's
ch.7 scripts do, one mini-batch per :meth:`Seq2seqSession.step`.

Each epoch visits the training pairs in a fresh random order (the book's ``Trainer.fit``) in
``len(x_train) // batch_size`` batches; after the last batch of an epoch :meth:`run` yields
the test set's exact-match :class:`AccuracyResult` (the book's ``eval_seq2seq``, batched).
"""
from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import training
from .config import Seq2seqConfig, TrainConfig
from .epochs import EpochSchedule, EvaluationStopped
from .memory import check_fits
from .optim import Optimizer, make_optimizer
from .pairs import PairData
from .seq2seq import Seq2seq
from .seq2seq_checkpoint import (Seq2seqCheckpoint, Stream, check_pairs, load_seq2seq_checkpoint, pairs_for,
                                 save_seq2seq_checkpoint)
from .seq2seq_unroll import unroll_example
from .snapshots import (TOP_K, AccuracyResult, DecodeTrace, Divergence, GraphFrame, Seq2seqExample,
                        StepSnapshot)
from .texts import translate

EVAL_BATCH = 500        # test questions decoded at once (and how often a stop is noticed)
EXAMPLES = 12           # test examples listed with every accuracy


class Seq2seqSession(EpochSchedule):
    """A seq2seq model, its optimizer and its data; :meth:`step` trains one mini-batch.

    Parameters
    ----------
    data : PairData
        Padded questions and answers, split into training and test sets.
    config : Seq2seqConfig
        ``vocab_size`` must equal the data's vocabulary.
    train : TrainConfig
        batch_size, optimizer, lr, clip, epochs (``bptt`` is not used) and the data-order seed
        (unused when ``config.stream`` is "book": the book's stream orders the data).
    source : str or os.PathLike, optional
        What ``data`` was loaded from, saved in checkpoints so they can load it again; by
        default its name, right for the generated sets ("addition", "date").
    model, optimizer, rng : optional
        A run to continue, all three together (see :meth:`from_checkpoint`); by default a
        fresh model and optimizer, and the stream ``config.stream`` names.

    Raises
    ------
    ConfigError
        A model that would not fit in the memory available.
    ValueError
        A vocabulary size that is not the data's, or fewer pairs than one batch.
    """

    def __init__(self, data: PairData, config: Seq2seqConfig, train: TrainConfig, *,
                 source: str | os.PathLike | None = None, model: Seq2seq | None = None,
                 optimizer: Optimizer | None = None, rng: Stream | None = None):
        if (model is None) != (optimizer is None) or (model is None) != (rng is None):
            raise ValueError("give a model, its optimizer and its data-order stream together, or none")
        if model is None:   # a given model exists already (the checkpoint checked it before building)
            check_fits(config, train, widths=(data.question_width, data.answer_width))
        if config.vocab_size != len(data.vocab):
            raise ValueError(translate("seq2seq_session", "model vocab_size {size} != the data's {count} characters")
                             .format(size=config.vocab_size, count=len(data.vocab)))
        if len(data.x_train) < train.batch_size:
            raise ValueError(translate("seq2seq_session", "{name}: {count} training pairs, fewer than one batch of "
                                       "{batch}").format(name=data.name, count=len(data.x_train),
                                                         batch=train.batch_size))
        self.data, self.config, self.train_config = data, config, train
        self.source = source
        if model is not None:
            self.rng, self.model, self.optimizer = rng, model, optimizer
        elif config.stream == "book":
            # One stream for the weights and then every epoch's order, as in the book's scripts.
            self.rng = data.book_stream()
            self.model = Seq2seq(config, self.rng)
        else:
            self.rng = np.random.default_rng(train.seed)
            self.model = Seq2seq(config)
        if model is None:
            self.optimizer = make_optimizer(train)
        self.clip = train.clip
        self.iteration = 0
        self.iters_per_epoch = len(data.x_train) // train.batch_size
        self._order = np.arange(len(data.x_train))
        self.loss_limit = training.loss_limit(len(data.vocab))

    @classmethod
    def from_checkpoint(cls, checkpoint: Seq2seqCheckpoint | str | os.PathLike,
                        data: PairData | None = None) -> "Seq2seqSession":
        """Continue a run saved by :meth:`save`, bit-identically.

        Parameters
        ----------
        checkpoint : Seq2seqCheckpoint, str or os.PathLike
            A loaded checkpoint, or the file to load (:func:`load_seq2seq_checkpoint`).
        data : PairData, optional
            The pairs the run was trained on; by default loaded again as the checkpoint
            describes them.

        Raises
        ------
        CheckpointError
            A file that cannot be read or is refused (one line naming it).
        CorpusError
            Data that cannot be loaded, or that is not the run's: another vocabulary, other
            sizes or widths.
        """
        if not isinstance(checkpoint, Seq2seqCheckpoint):
            checkpoint = load_seq2seq_checkpoint(checkpoint)
        if data is None:
            data = pairs_for(checkpoint)
        else:
            check_pairs(checkpoint, data)
        session = cls(data, checkpoint.config, checkpoint.train_config, source=checkpoint.data["source"],
                      model=checkpoint.model, optimizer=checkpoint.optimizer, rng=checkpoint.rng)
        session.iteration = checkpoint.step
        session._order = checkpoint.order
        return session

    def save(self, path: str | os.PathLike, extra: dict[str, np.ndarray] | None = None) -> Path:
        """Write a checkpoint that :meth:`from_checkpoint` continues bit-identically.

        ``extra`` arrays (an accuracy history, say) come back as the checkpoint's ``extra``.
        A clipping threshold changed live is saved as the config's (the optimizer keeps its
        live learning rate itself).

        Raises
        ------
        CheckpointError
            One line: the run diverged (non-finite weights), bad ``extra`` arrays, or the file
            cannot be written (a previous file at ``path`` is left intact).
        """
        train_config = dataclasses.replace(self.train_config, clip=self.clip)
        return save_seq2seq_checkpoint(path, self.model, self.optimizer, data=self.data,
                                       train_config=train_config, step=self.iteration, order=self._order,
                                       rng=self.rng, source=self.source, extra=extra)

    # -- training --------------------------------------------------------------------------
    def step(self) -> StepSnapshot:
        """One mini-batch: forward (teacher forcing), backward, clip, update.

        Raises
        ------
        DivergenceError
            On a non-finite or exploding loss or gradient; the update is not applied.
        """
        start = time.perf_counter()
        rows, _ = self.next_rows()
        model = self.model
        loss = model.forward(self.data.x_train[rows], self.data.t_train[rows])
        model.backward()
        number = self.iteration + 1
        sq, norm, clipped, rate = training.guarded_update(model, self.optimizer, loss, number, clip=self.clip,
                                                          limit=self.loss_limit, describe=self._divergence)
        self.iteration = number
        # tokens: the answer characters predicted (N * (Ta - 1)), as a language model counts N * T.
        return StepSnapshot(training.step_stats(
            number, self.iters_per_epoch, loss, lr=self.optimizer.lr, norm=norm, clipped=clipped,
            rate=rate, clip=self.clip, seconds=time.perf_counter() - start,
            tokens=model.loss_layer.count, squared=sq, params=model.params))

    def _divergence(self, number: int, loss: float, norm: float) -> Divergence:
        # No rewind ring here: a seq2seq run is short, and Reset or a lower rate is the advice.
        return training.divergence(number, loss, norm, grads=self.model.grads, lr=self.optimizer.lr,
                                   clip=self.clip, vocab_size=len(self.data.vocab))

    # -- evaluation ------------------------------------------------------------------------
    def evaluate(self, interrupt: Callable[[], bool] | None = None) -> AccuracyResult:
        """Exact-match and per-position accuracy of greedy answers on the whole test set.

        ``interrupt()`` is asked between batches of :data:`EVAL_BATCH` questions: a window closing
        during the ~3 s a dates test set takes stops it there (:class:`EvaluationStopped`).
        """
        start = time.perf_counter()
        data = self.data
        truth = data.t_test[:, 1:]
        chunks = []
        for i in range(0, len(data.x_test), EVAL_BATCH):
            if interrupt is not None and interrupt():
                raise EvaluationStopped(translate("seq2seq_session", "evaluation stopped after {done} of {total} "
                                                  "questions").format(done=f"{i:,}", total=f"{len(data.x_test):,}"))
            chunks.append(self.model.generate(data.x_test[i:i + EVAL_BATCH], data.start_id, truth.shape[1]))
        guesses = np.concatenate(chunks)
        right = guesses == truth                                        # (M, Ta - 1)
        examples = tuple(
            Seq2seqExample(question=data.decode(data.x_test[i], strip=True),
                           answer=data.answer_text(data.t_test[i]), guess=data.decode(guesses[i], strip=True),
                           correct=bool(right[i].all()))
            for i in range(min(EXAMPLES, len(guesses))))
        return AccuracyResult(iteration=self.iteration, epoch_fraction=self.epoch_fraction,
                              accuracy=float(right.all(axis=1).mean()),
                              per_position=right.mean(axis=0).astype(np.float64), examples=examples,
                              seconds=time.perf_counter() - start)

    def graph(self, example: int | tuple[str, str]) -> GraphFrame:
        """Test example number ``example``, or a typed (question, answer), unrolled through one
        forward and backward pass for the graph view; the weights are not changed.

        Raises
        ------
        CorpusError
            A typed question or answer with a character the model does not know, or too long.
        """
        data = self.data
        if isinstance(example, (int, np.integer)):
            i = int(example)
            question, answer = data.x_test[i], data.t_test[i]
            caption = translate("seq2seq_session", "test example {number}: {question} → {answer}")
            number = i + 1
        else:
            question, answer = data.encode_question(example[0]), data.encode_answer(example[1])
            caption = translate("seq2seq_session", "your question: {question} → {answer}")
            number = None
        caption = caption.format(number=number, question=data.decode(question, strip=True),
                                 answer=data.answer_text(answer))
        return unroll_example(self.model, data.vocab.tokens, question, answer, iteration=self.iteration,
                              batch_size=self.train_config.batch_size, lr=self.optimizer.lr, caption=caption)

    def decode(self, question: str | int) -> DecodeTrace:
        """Decode a typed question, or test example number ``question``, step by step.

        Raises
        ------
        CorpusError
            A typed question with a character the model does not know, or too long.
        """
        data = self.data
        if isinstance(question, (int, np.integer)):
            ids, answer = data.x_test[int(question)], data.answer_text(data.t_test[int(question)])
        else:
            ids, answer = data.encode_question(question), ""
        length = data.answer_width - 1
        out, trace = self.model.generate(ids[None, :], data.start_id, length, trace=True)
        probs = trace["probs"][:, 0]                                    # (L, V)
        K = min(TOP_K, probs.shape[1])
        top = np.argsort(-probs, axis=1, kind="stable")[:, :K]
        attention = trace["attention"]
        if attention is not None:
            attention = attention[:, 0]                                 # (L, Tq) in encoder order
            if self.config.reverse:
                attention = attention[:, ::-1]                          # back to the order written
            attention = attention.astype(np.float32)
        tokens = data.vocab.tokens
        return DecodeTrace(
            iteration=self.iteration, question=data.decode(ids, strip=True),
            input_tokens=tuple(tokens[i] for i in ids), reversed_input=self.config.reverse,
            answer=answer, guess=data.decode(out[0], strip=True), tokens=tuple(tokens[i] for i in out[0]),
            top_tokens=tuple(tuple(tokens[i] for i in row) for row in top),
            top_probs=np.take_along_axis(probs, top, axis=1).astype(np.float32),
            hidden=trace["hidden"][:, 0].astype(np.float32), attention=attention)
