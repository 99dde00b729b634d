"""Optimizers with the book's update rules.

Optimizers see only ``update(params, grads)`` with the model's name -> array dicts and
update in place; global-norm clipping reaches them as ``scale``, the factor
:func:`rnnviz.engine.training.clip_rate` works out. Their slots (velocity, squared-gradient sums, Adam moments) are kept by
parameter name, so :meth:`Optimizer.state_dict` can put them in a checkpoint as
``adam.m.embed.W`` and so on. ``lr`` is a plain attribute: change it at any step.
"""
from __future__ import annotations

import numpy as np

from .config import TrainConfig

EPS = 1e-7  # the book's denominator guard


def squared_norm(a: np.ndarray) -> float:
    """Sum of squares of ``a`` in whatever memory order it has.

    ``np.vdot(a, a)`` copies an array that is not C-contiguous first (the LSTM stores ``Wh``
    transposed, so its views are Fortran-ordered); ``ravel(order="K")`` is a view for both.
    """
    v = a.ravel(order="K")
    return float(np.dot(v, v))


class Optimizer:
    """Base: named slots and a learning rate that may change between any two steps."""

    name = "sgd"
    slot_names: tuple[str, ...] = ()

    def __init__(self, lr: float):
        self.lr = float(lr)
        self.slots: dict[str, dict[str, np.ndarray]] = {s: {} for s in self.slot_names}
        self.iter = 0

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray],
               scale: float = 1.0, rows: dict[str, np.ndarray] | None = None) -> None:
        """One step. ``scale`` multiplies every gradient first (clipping), without a pass of its
        own where the rule allows folding it in. ``rows`` names parameters whose gradient is
        zero outside the given rows (RNNLM.grad_rows); rules for which a zero gradient means
        no change (SGD) update only those rows."""
        self.iter += 1
        self._lr_scale = 1.0
        self._rows = rows or {}
        if scale != 1.0:
            self._apply_scale(grads, scale)
        for key, p in params.items():
            self._update_one(key, p, grads[key])

    def _apply_scale(self, grads: dict[str, np.ndarray], scale: float) -> None:
        for g in grads.values():
            g *= scale

    def _slot(self, slot: str, key: str, like: np.ndarray) -> np.ndarray:
        table = self.slots[slot]
        if key not in table:
            table[key] = np.zeros_like(like)
        return table[key]

    def _update_one(self, key: str, p: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict[str, np.ndarray]:
        """Slots as ``{name}.{slot}.{param}`` arrays, plus ``{name}.iter``; copies."""
        state = {f"{self.name}.iter": np.array(self.iter, np.int64)}
        for slot, table in self.slots.items():
            for key, value in table.items():
                state[f"{self.name}.{slot}.{key}"] = value.copy()
        return state

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        """Restore what :meth:`state_dict` returned; raises ``ValueError`` on foreign keys."""
        prefix = f"{self.name}."
        for key, value in state.items():
            if not key.startswith(prefix):
                raise ValueError(f"optimizer state entry {key!r} does not belong to {self.name}")
            rest = key[len(prefix):]
            if rest == "iter":
                self.iter = int(value)
                continue
            slot, _, param = rest.partition(".")
            if slot not in self.slots:
                raise ValueError(f"{self.name} has no slot {slot!r} (entry {key!r})")
            self.slots[slot][param] = np.array(value)


class SGD(Optimizer):
    name = "sgd"

    def __init__(self, lr: float):
        super().__init__(lr)
        self._scratch: dict[str, np.ndarray] = {}    # lr * g without a fresh array each step

    def _update_one(self, key, p, g):
        rows = self._rows.get(key)
        if rows is not None:
            p[rows] -= (self.lr * self._lr_scale) * g[rows]
            return
        buf = self._scratch.get(key)
        if buf is None or buf.shape != g.shape or buf.dtype != g.dtype:
            buf = self._scratch[key] = np.empty_like(g)
        np.multiply(g, self.lr * self._lr_scale, out=buf)
        p -= buf

    def _apply_scale(self, grads, scale):
        # SGD is linear in g: fold the clip factor into the step size instead of a pass over g.
        self._lr_scale = scale


class Momentum(Optimizer):
    """v <- momentum * v - lr * g; p <- p + v."""

    name = "momentum"
    slot_names = ("v",)

    def __init__(self, lr: float, momentum: float = 0.9):
        super().__init__(lr)
        self.momentum = momentum

    def _update_one(self, key, p, g):
        v = self._slot("v", key, p)
        v *= self.momentum
        v -= self.lr * g
        p += v


class AdaGrad(Optimizer):
    """h <- h + g^2; p <- p - lr * g / (sqrt(h) + 1e-7)."""

    name = "adagrad"
    slot_names = ("h",)

    def _update_one(self, key, p, g):
        h = self._slot("h", key, p)
        h += g * g
        p -= self.lr * g / (np.sqrt(h) + EPS)


class RMSProp(Optimizer):
    """h <- decay * h + (1 - decay) * g^2; p <- p - lr * g / (sqrt(h) + 1e-7)."""

    name = "rmsprop"
    slot_names = ("h",)

    def __init__(self, lr: float, decay_rate: float = 0.99):
        super().__init__(lr)
        self.decay_rate = decay_rate

    def _update_one(self, key, p, g):
        h = self._slot("h", key, p)
        h *= self.decay_rate
        h += (1 - self.decay_rate) * g * g
        p -= self.lr * g / (np.sqrt(h) + EPS)


class Adam(Optimizer):
    """The book's Adam: bias correction folded into the step size lr_t."""

    name = "adam"
    slot_names = ("m", "v")

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999):
        super().__init__(lr)
        self.beta1, self.beta2 = beta1, beta2

    def update(self, params, grads, scale=1.0, rows=None):
        self.iter += 1
        if scale != 1.0:
            self._apply_scale(grads, scale)
        self._lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key, p in params.items():
            self._update_one(key, p, grads[key])

    def _update_one(self, key, p, g):
        m, v = self._slot("m", key, p), self._slot("v", key, p)
        m += (1 - self.beta1) * (g - m)
        v += (1 - self.beta2) * (g * g - v)
        p -= self._lr_t * m / (np.sqrt(v) + EPS)


def make_optimizer(config: TrainConfig) -> Optimizer:
    """The optimizer ``config.optimizer`` names, with its hyperparameters from ``config``."""
    kind = config.optimizer
    if kind == "sgd":
        return SGD(config.lr)
    if kind == "momentum":
        return Momentum(config.lr, config.momentum)
    if kind == "adagrad":
        return AdaGrad(config.lr)
    if kind == "rmsprop":
        return RMSProp(config.lr, config.decay_rate)
    return Adam(config.lr, config.beta1, config.beta2)
