"""What every training session does between backward and update: measure, guard, clip, report.

A language-model :class:`~rnnviz.engine.trainer.Session` (through its
:class:`~rnnviz.engine.stepper.BlockStepper`) and a
:class:`~rnnviz.engine.seq2seq_session.Seq2seqSession` train differently, but after the
backward pass both do the same four things, written once here:

1. measure the global gradient norm (:func:`squared_norms`);
2. refuse a step that has diverged (:func:`guard`, with :func:`loss_limit`), describing it
   with advice (:func:`divergence`) in the :class:`DivergenceError` it raises;
3. work out the clipping factor (:func:`clip_rate`), which the optimizer applies;
4. after the update, report the step (:func:`step_stats`).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

from .optim import squared_norm
from .snapshots import Divergence, StepStats
from .texts import translate

# Added to the norm in the clipping factor, as the book's ``clip_grads`` does: a norm just
# above the threshold still gets a factor below 1.
CLIP_EPS = 1e-6


class DivergenceError(RuntimeError):
    """A step produced a non-finite or exploding loss or gradient; it was not applied.

    ``record`` is the :class:`Divergence` snapshot describing it.
    """

    def __init__(self, record: Divergence):
        super().__init__(record.message)
        self.record = record


def loss_limit(vocab_size: int) -> float:
    """The loss above which a step counts as diverged: ``max(50, 5 ln V)``.

    A loss this far above a uniform guess (ln V) means the weights have blown up even when
    every number is still finite: the stable log-softmax never returns inf by itself.
    """
    return max(50.0, 5.0 * math.log(vocab_size))


def healthy_loss(vocab_size: int) -> float:
    """``ln V + 1``: a kept state whose loss was already this much worse than a uniform guess is
    ruined, so a rewind suggestion skips it (see :meth:`RewindRing.choose
    <rnnviz.engine.rewind.RewindRing.choose>`)."""
    return math.log(vocab_size) + 1.0


def squared_norms(grads: Mapping[str, np.ndarray],
                  rows: Mapping[str, np.ndarray] | None = None) -> np.ndarray:
    """Squared L2 norm of each gradient, (P,) float64 in ``grads`` order.

    ``rows`` names gradients that are zero outside the given rows (``RNNLM.grad_rows``): only
    those rows are read, which on PTB skips 9,300 of the embedding's 10,000.
    The global norm is ``sqrt(result.sum())``.
    """
    rows = rows or {}
    return np.array([squared_norm(g[rows[k]] if k in rows else g) for k, g in grads.items()],
                    np.float64)


def diverged(loss: float, norm: float, limit: float) -> bool:
    """True if the loss or the gradient norm is not finite, or the loss is above ``limit``."""
    return not (math.isfinite(loss) and math.isfinite(norm)) or loss > limit


def guard(number: int, loss: float, norm: float, limit: float,
          describe: Callable[[int, float, float], Divergence]) -> None:
    """Raise :class:`DivergenceError` if step ``number`` has :func:`diverged`.

    ``describe(number, loss, norm)`` builds the record (usually a :func:`divergence` with the
    session's advice); it runs only when the step has diverged.
    """
    if diverged(loss, norm, limit):
        raise DivergenceError(describe(number, loss, norm))


def clip_rate(norm: float, clip: float) -> tuple[bool, float]:
    """The book's global-norm clipping rule: ``(clipped, rate)``.

    When ``clip > 0`` and ``norm > clip`` every gradient is to be scaled by
    ``rate = clip / (norm + 1e-6)``; otherwise ``rate`` is 1. The optimizer applies the rate
    (SGD folds it into its step size), so no pass over the gradients is spent here.
    """
    clipped = clip > 0 and norm > clip
    return clipped, (clip / (norm + CLIP_EPS) if clipped else 1.0)


def guarded_update(model, optimizer, loss: float, number: int, *, clip: float, limit: float,
                   describe: Callable[[int, float, float], Divergence]) -> tuple[np.ndarray, float, bool, float]:
    """After a backward: measure the gradients, refuse a diverged step, clip and update.

    The whole-batch sessions (seq2seq, classifier) end every step this way; the language model's
    stepper does the same in sub-steps. Returns ``(squared, norm, clipped, rate)``:
    :func:`squared_norms` of the gradients, their global norm before clipping and
    :func:`clip_rate`'s answer.

    Raises
    ------
    DivergenceError
        From :func:`guard`; the update is not applied.
    """
    squared = squared_norms(model.grads)
    norm = float(np.sqrt(squared.sum()))
    guard(number, loss, norm, limit, describe)
    clipped, rate = clip_rate(norm, clip)
    optimizer.update(model.params, model.grads, scale=rate)
    return squared, norm, clipped, rate


def divergence(number: int, loss: float, norm: float, *, grads: Mapping[str, np.ndarray], lr: float,
               clip: float, vocab_size: int, rewind_to: int | None = None) -> Divergence:
    """The record of a refused step, with a message that says what to do.

    Parameters
    ----------
    number : int
        The step that diverged (1-based; it was not applied).
    loss, norm : float
        Its loss and global gradient norm.
    grads : mapping of str to numpy.ndarray
        The step's gradients, to name the first non-finite one.
    lr, clip : float
        The learning rate and clipping threshold in force; the advice suggests a tenth of
        ``lr`` and, when clipping is off, turning it on.
    vocab_size : int
        V, to compare the loss with a uniform guess (ln V).
    rewind_to : int, optional
        A kept step to suggest going back to (a session with a rewind ring).

    Returns
    -------
    Divergence
    """
    bad = next((k for k, g in grads.items() if not np.isfinite(g).all()), None)
    if rewind_to is None and clip <= 0:
        advice = translate("training", "Lower the learning rate (now {lr}, try {suggested}) or enable gradient "
                           "clipping; Reset starts over.")
    elif rewind_to is None:
        advice = translate("training", "Lower the learning rate (now {lr}, try {suggested}) or the clipping "
                           "threshold (now {clip}); Reset starts over.")
    elif clip <= 0:
        advice = translate("training", "Rewind to step {step} and lower the learning rate (now {lr}, try "
                           "{suggested}) or enable gradient clipping; Reset starts over.")
    else:
        advice = translate("training", "Rewind to step {step} and lower the learning rate (now {lr}, try "
                           "{suggested}) or the clipping threshold (now {clip}); Reset starts over.")
    advice = advice.format(step=rewind_to, lr=f"{lr:g}", suggested=f"{lr / 10:g}", clip=f"{clip:g}")
    if bad:
        message = translate("training", "training diverged at step {step}: loss {loss} (a uniform guess scores "
                            "{uniform}), gradient norm {norm} (first bad gradient: {parameter}); the step was "
                            "not applied. {advice}")
    else:
        message = translate("training", "training diverged at step {step}: loss {loss} (a uniform guess scores "
                            "{uniform}), gradient norm {norm}; the step was not applied. {advice}")
    message = message.format(step=number, loss=f"{loss:.4g}", uniform=f"{math.log(vocab_size):.2f}",
                             norm=f"{norm:.4g}", parameter=bad, advice=advice)
    return Divergence(iteration=number, loss=float(loss), grad_norm=float(norm), parameter=bad,
                      message=message, lr=float(lr), suggested_lr=float(lr / 10), rewind_to=rewind_to)


def step_stats(number: int, iters_per_epoch: int, loss: float, *, lr: float, norm: float,
               clipped: bool, rate: float, clip: float, seconds: float, tokens: int,
               squared: np.ndarray | None = None, params: Mapping[str, np.ndarray] | None = None,
               dh_norms: np.ndarray | None = None) -> StepStats:
    """The :class:`StepStats` of an applied step.

    Parameters
    ----------
    number : int
        The step (1-based), now done.
    iters_per_epoch : int
    loss, lr, norm : float
        The step's loss, the learning rate it used and its gradient norm before clipping.
    clipped, rate, clip : bool, float, float
        What :func:`clip_rate` said, and the threshold in force.
    seconds : float
        Compute time of the step.
    tokens : int
        Target tokens the loss scored (the loss layer's ``count``): N * T for a language
        model, N * (Ta - 1) answer characters for seq2seq.
    squared : numpy.ndarray, optional
        (P,) :func:`squared_norms` of the gradients; with ``params`` (after the update), the
        per-parameter telemetry. Leave both out for none.
    dh_norms : numpy.ndarray, optional
        (L, T) ||dL/dh_t|| per recurrent layer; empty when left out.
    """
    telemetry = params is not None and squared is not None
    return StepStats(
        iteration=number, epoch=(number - 1) // iters_per_epoch,
        epoch_fraction=number / iters_per_epoch, loss=float(loss),
        perplexity=math.exp(min(loss, 700.0)), lr=float(lr), grad_norm=float(norm),
        grad_norm_clipped=norm * rate if clipped else norm, clip=float(clip), clipped=bool(clipped),
        param_names=tuple(params) if telemetry else (),
        param_grad_norms=np.sqrt(squared) if telemetry else np.zeros(0),
        param_norms=(np.sqrt(np.array([squared_norm(p) for p in params.values()], np.float64))
                     if telemetry else np.zeros(0)),
        dh_norms=np.zeros((0, 0)) if dh_norms is None else dh_norms,
        seconds=float(seconds), tokens=int(tokens))


def run_steps(step: Callable[[], Any], at: Callable[[], int], target: int,
              after: Callable[[], Any | None]) -> Iterator[Any]:
    """The training loop every session's ``run`` is: ``step()`` until ``at()`` reaches
    ``target``, yielding each snapshot and then whatever ``after()`` returns when not None (an
    evaluation that is due). A divergence is yielded as its record and ends the run; the caller
    may stop between any two yields."""
    while at() < target:
        try:
            snapshot = step()
        except DivergenceError as exc:
            yield exc.record
            return
        yield snapshot
        extra = after()
        if extra is not None:
            yield extra

