"""The gradient checks themselves: round-off is forgiven, a wrong derivative is not."""
import numpy as np

from rnnviz.engine.gradcheck import ROUNDOFF_ULPS, check_directions, check_entries, roundoff


def sine_loss(W, A):
    # L = sum(sin(W) * A) + 2.5: its gradient cos(W) * A is known exactly
    return lambda: float(np.sum(np.sin(W) * A)) + 2.5


def test_a_true_gradient_passes_and_a_slightly_wrong_one_fails():
    rng = np.random.default_rng(0)
    W, A = rng.standard_normal((6, 5)), rng.standard_normal((6, 5))
    loss = sine_loss(W, A)
    true = np.cos(W) * A
    assert max(check_directions(loss, {"W": W}, {"W": true}).values()) < 1e-8
    assert max(check_entries(loss, {"W": W}, {"W": true}).values()) < 1e-6
    wrong = true * (1 + 1e-4)           # a relative slip far above round-off
    assert max(check_directions(loss, {"W": W}, {"W": wrong}).values()) > 1e-5
    off = true.copy()
    off[2, 3] += 1e-3
    assert check_entries(loss, {"W": W}, {"W": off}, samples=30)["W"] > 1e-4


def test_roundoff_is_a_few_ulps_of_the_loss_over_the_step():
    eps = 1e-5
    bound = roundoff(2.4, 2.4, eps)
    assert bound == ROUNDOFF_ULPS * np.finfo(np.float64).eps * 2.4 / (2 * eps)
    # Two losses that differ in their last bit differ by far less than the bound says.
    a = 2.4
    b = np.nextafter(a, 3.0)
    assert abs(a - b) / (2 * eps) < bound
