import numpy as np
import pytest

from rnnviz.engine.config import TrainConfig
from rnnviz.engine import training
from rnnviz.engine.optim import SGD, AdaGrad, Adam, Momentum, RMSProp, make_optimizer


def book_reference(kind, p, g, steps, lr):
    """The book's common/optimizer.py rules, written out for a single array."""
    p = p.copy()
    v = np.zeros_like(p)
    h = np.zeros_like(p)
    m = np.zeros_like(p)
    for it in range(1, steps + 1):
        if kind == "sgd":
            p -= lr * g
        elif kind == "momentum":
            v = 0.9 * v - lr * g
            p += v
        elif kind == "adagrad":
            h += g * g
            p -= lr * g / (np.sqrt(h) + 1e-7)
        elif kind == "rmsprop":
            h = 0.99 * h + 0.01 * g * g
            p -= lr * g / (np.sqrt(h) + 1e-7)
        else:
            lr_t = lr * np.sqrt(1 - 0.999 ** it) / (1 - 0.9 ** it)
            m += 0.1 * (g - m)
            v += 0.001 * (g ** 2 - v)
            p -= lr_t * m / (np.sqrt(v) + 1e-7)
    return p


@pytest.mark.parametrize("kind", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
def test_optimizers_follow_the_book(kind):
    rng = np.random.default_rng(0)
    p0, g = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    opt = make_optimizer(TrainConfig(optimizer=kind, lr=0.01))
    params = {"w": p0.copy()}
    for _ in range(5):
        opt.update(params, {"w": g})
    np.testing.assert_allclose(params["w"], book_reference(kind, p0, g, 5, 0.01), rtol=1e-12)


@pytest.mark.parametrize("cls", [Momentum, AdaGrad, RMSProp, Adam])
def test_state_dict_roundtrip_continues_identically(cls):
    rng = np.random.default_rng(1)
    g = {"a.W": rng.normal(size=(2, 2)), "b": rng.normal(size=3)}
    p1 = {k: rng.normal(size=v.shape) for k, v in g.items()}
    p2 = {k: v.copy() for k, v in p1.items()}
    o1, o2 = cls(0.1), cls(0.1)
    o1.update(p1, g)
    o2.load_state_dict(o1.state_dict())
    p2 = {k: v.copy() for k, v in p1.items()}
    o1.update(p1, g)
    o2.update(p2, g)
    for k in p1:
        np.testing.assert_array_equal(p1[k], p2[k])
    assert any(k.startswith(f"{cls.name}.") and k.endswith(".a.W") for k in o1.state_dict())


def test_learning_rate_changes_between_steps():
    opt = SGD(1.0)
    p = {"w": np.zeros(1)}
    opt.update(p, {"w": np.ones(1)})
    opt.lr = 0.5
    opt.update(p, {"w": np.ones(1)})
    assert p["w"][0] == -1.5


def clip(grads, max_norm):
    """The book's clip_grads as the sessions do it: the pre-clip norm, and the factor applied."""
    norm = float(np.sqrt(training.squared_norms(grads).sum()))
    _, rate = training.clip_rate(norm, max_norm)
    for g in grads.values():
        g *= rate
    return norm


def test_clip_returns_preclip_norm_and_scales_globally():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    norm = clip(grads, 1.0)
    assert norm == 5.0
    after = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
    assert after == pytest.approx(1.0, rel=1e-5)
    np.testing.assert_allclose(grads["a"] / grads["b"][0, 0], [0.75, 0.0])
    small = {"a": np.array([0.1])}
    assert clip(small, 1.0) == pytest.approx(0.1)
    assert small["a"][0] == 0.1
    unclipped = {"a": np.array([30.0])}
    assert clip(unclipped, 0.0) == 30.0 and unclipped["a"][0] == 30.0


def test_the_clip_factor_reaches_the_update_as_scale():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    _, rate = training.clip_rate(5.0, 1.0)
    params = {k: np.zeros_like(g) for k, g in grads.items()}
    SGD(1.0).update(params, grads, scale=rate)
    step = np.sqrt(sum((p ** 2).sum() for p in params.values()))
    assert step == pytest.approx(1.0, rel=1e-5)
