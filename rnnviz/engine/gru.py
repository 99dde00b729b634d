"""TimeGRU: the gated recurrent unit over whole sequences, on :mod:`rnnviz.engine.recurrent`'s
shared base (time-major caches, one input projection before the loop, masks, ``dh_norms``)."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .functions import sigmoid
from .recurrent import _TimeRecurrent


class TimeGRU(_TimeRecurrent):
    """GRU in PyTorch's formulation, gates [r, z, n]::

        r = sigmoid(x Wx_r + b_r + h Wh_r)
        z = sigmoid(x Wx_z + b_z + h Wh_z)
        n = tanh(x Wx_n + b_n + r * (h Wh_n + bhn))
        h' = (1 - z) * n + z * h

    d2l (9.x, "GRU from scratch") applies the reset gate *before* the recurrent matmul,
    ``tanh(x W_xh + (r * h) W_hh + b_h)``, and uses a single bias per gate. PyTorch's form
    lets a whole ``h @ Wh`` be computed at once, and it needs the separate hidden bias
    ``bhn`` inside the reset product; with it, weights carry over to ``nn.GRU`` exactly
    (the r and z hidden biases of PyTorch fold into ``b``).
    """

    gates = 3

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray, bhn: np.ndarray | None = None,
                 stateful: bool = True):
        if bhn is None:                     # zeros, as every other bias starts
            bhn = np.zeros(Wh.shape[0], Wh.dtype)
        super().__init__({"Wx": Wx, "Wh": Wh, "b": b, "bhn": bhn}, stateful)

    def _alloc_extra(self, N: int, T: int) -> None:
        H = self.H
        self.HN = np.empty((T, N, H), self.dtype)           # h Wh_n + bhn, kept for backward
        self.dAh = np.empty((T, N, 3 * H), self.dtype)
        self._ah = np.empty((N, 3 * H), self.dtype)

    @staticmethod
    def extra_cache_elements(N: int, T: int, H: int) -> int:
        return N * T * H + N * T * 3 * H + N * 3 * H              # HN, dAh, ah

    def forward_steps(self, xs: np.ndarray) -> Iterator[int]:
        N, T, _ = xs.shape
        H = self.H
        self._allocate(N, T)
        self._project(xs)
        h0 = self._initial(self.h, N)
        Wh, bhn, Hs, A, HN = self.params["Wh"], self.params["bhn"], self.Hs, self.A, self.HN
        mask = self.mask
        Hs[0] = h0
        ah = self._ah
        for t in range(T):
            a = A[t]                                       # (N, 3H)
            np.matmul(Hs[t], Wh, out=ah)
            a[:, :2 * H] += ah[:, :2 * H]
            sigmoid(a[:, :2 * H], out=a[:, :2 * H])
            r, z, n = a[:, :H], a[:, H:2 * H], a[:, 2 * H:]
            hn = HN[t]
            np.add(ah[:, 2 * H:], bhn, out=hn)
            n += r * hn
            np.tanh(n, out=n)
            # h' = n + z * (h - n)
            h = Hs[t + 1]
            np.subtract(Hs[t], n, out=h)
            h *= z
            h += n
            if mask is not None:
                h *= mask[t]
            yield t
        self._finish_forward()

    def backward_steps(self, dhs: np.ndarray) -> Iterator[int]:
        T = dhs.shape[1]
        H = self.H
        self.dhs_in = dhs
        Wh_T, Hs, A, dA, dAh, dH, HN = (self.params["Wh"].T, self.Hs, self.A, self.dA,
                                        self.dAh, self.dH, self.HN)
        np.copyto(dH, dhs.transpose(1, 0, 2))
        dh_next, mask = None, self.mask
        for t in range(T - 1, -1, -1):
            dh = dH[t]
            if dh_next is not None:
                dh += dh_next
            if mask is not None:
                dh *= mask[t]
            a, dax, dah = A[t], dA[t], dAh[t]
            r, z, n = a[:, :H], a[:, H:2 * H], a[:, 2 * H:]
            h_prev = Hs[t]
            dan = dax[:, 2 * H:]
            np.subtract(1.0, z, out=dan)                   # dn = dh * (1 - z)
            dan *= dh
            dan *= 1.0 - n * n                             # through tanh
            daz = dax[:, H:2 * H]
            np.subtract(h_prev, n, out=daz)                # dz = dh * (h_prev - n)
            daz *= dh
            daz *= z * (1.0 - z)
            dar = dax[:, :H]
            np.multiply(dan, HN[t], out=dar)               # dr = dan * (h Wh_n + bhn)
            dar *= r * (1.0 - r)
            dah[:, :2 * H] = dax[:, :2 * H]
            np.multiply(dan, r, out=dah[:, 2 * H:])
            dh_next = dah @ Wh_T
            dh_next += dh * z
            yield t
        self.dh0 = dh_next
        self._weight_grads(dA, dAh)
        np.sum(dAh[:, :, 2 * H:].reshape(-1, H), axis=0, out=self.grads["bhn"])
