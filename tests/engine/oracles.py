"""Deliberately naive per-time-step recurrent cells: the book's style, one object per step.

The vectorised layers in rnnviz.engine.recurrent must equal these to round-off. Written for
obviousness, not speed; gate order as the engine's (LSTM [i, f, o, g], GRU [r, z, n]).
A plain softmax is here too, the oracle for sampling.
"""
import numpy as np


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x, axis=-1):
    """Softmax along ``axis``; subtracting the max keeps ``exp`` finite."""
    z = np.exp(x - x.max(axis=axis, keepdims=True))
    return z / z.sum(axis=axis, keepdims=True)


class RNNCell:
    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b

    def forward(self, x, h_prev):
        self.x, self.h_prev = x, h_prev
        self.h = np.tanh(x @ self.Wx + h_prev @ self.Wh + self.b)
        return self.h

    def backward(self, dh):
        da = dh * (1 - self.h ** 2)
        return {"Wx": self.x.T @ da, "Wh": self.h_prev.T @ da, "b": da.sum(0)}, da @ self.Wx.T, da @ self.Wh.T


class LSTMCell:
    def __init__(self, Wx, Wh, b):
        self.Wx, self.Wh, self.b = Wx, Wh, b

    def forward(self, x, h_prev, c_prev):
        H = h_prev.shape[1]
        a = x @ self.Wx + h_prev @ self.Wh + self.b
        self.i, self.f, self.o = sig(a[:, :H]), sig(a[:, H:2 * H]), sig(a[:, 2 * H:3 * H])
        self.g = np.tanh(a[:, 3 * H:])
        self.x, self.h_prev, self.c_prev = x, h_prev, c_prev
        self.c = self.f * c_prev + self.i * self.g
        self.h = self.o * np.tanh(self.c)
        return self.h, self.c

    def backward(self, dh, dc):
        tc = np.tanh(self.c)
        ds = dc + dh * self.o * (1 - tc ** 2)
        di = ds * self.g * self.i * (1 - self.i)
        df = ds * self.c_prev * self.f * (1 - self.f)
        do = dh * tc * self.o * (1 - self.o)
        dg = ds * self.i * (1 - self.g ** 2)
        da = np.hstack([di, df, do, dg])
        grads = {"Wx": self.x.T @ da, "Wh": self.h_prev.T @ da, "b": da.sum(0)}
        return grads, da @ self.Wx.T, da @ self.Wh.T, ds * self.f


class GRUCell:
    def __init__(self, Wx, Wh, b, bhn):
        self.Wx, self.Wh, self.b, self.bhn = Wx, Wh, b, bhn

    def forward(self, x, h_prev):
        H = h_prev.shape[1]
        ax = x @ self.Wx + self.b
        ah = h_prev @ self.Wh
        self.r = sig(ax[:, :H] + ah[:, :H])
        self.z = sig(ax[:, H:2 * H] + ah[:, H:2 * H])
        self.hn = ah[:, 2 * H:] + self.bhn
        self.n = np.tanh(ax[:, 2 * H:] + self.r * self.hn)
        self.x, self.h_prev = x, h_prev
        self.h = (1 - self.z) * self.n + self.z * h_prev
        return self.h

    def backward(self, dh):
        dn = dh * (1 - self.z)
        dz = dh * (self.h_prev - self.n)
        dan = dn * (1 - self.n ** 2)
        dr = dan * self.hn
        dar = dr * self.r * (1 - self.r)
        daz = dz * self.z * (1 - self.z)
        dax = np.hstack([dar, daz, dan])
        dah = np.hstack([dar, daz, dan * self.r])
        grads = {"Wx": self.x.T @ dax, "Wh": self.h_prev.T @ dah, "b": dax.sum(0),
                 "bhn": (dan * self.r).sum(0)}
        return grads, dax @ self.Wx.T, dah @ self.Wh.T + dh * self.z


def run(cell_kind, params, xs, dhs, h0, c0=None):
    """Forward then backward through T per-step cells; returns hs, grads, dxs, dh0, dc0."""
    N, T, _ = xs.shape
    cls = {"rnn": RNNCell, "lstm": LSTMCell, "gru": GRUCell}[cell_kind]
    cells = [cls(**params) for _ in range(T)]
    h, c, hs = h0, c0, []
    for t, cell in enumerate(cells):
        if cell_kind == "lstm":
            h, c = cell.forward(xs[:, t], h, c)
        else:
            h = cell.forward(xs[:, t], h)
        hs.append(h)
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dxs = np.zeros_like(xs)
    dh = np.zeros_like(h0)
    dc = None if c0 is None else np.zeros_like(c0)
    for t in reversed(range(T)):
        if cell_kind == "lstm":
            g, dxs[:, t], dh, dc = cells[t].backward(dhs[:, t] + dh, dc)
        else:
            g, dxs[:, t], dh = cells[t].backward(dhs[:, t] + dh)
        for k in grads:
            grads[k] += g[k]
    return np.stack(hs, axis=1), grads, dxs, dh, dc
