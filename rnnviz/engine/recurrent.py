"""Recurrent layers over whole sequences: TimeRNN, TimeLSTM (and TimeGRU, in :mod:`rnnviz.engine.gru`).

Shared shape of all three:

* input ``xs`` (N, T, D) -> output ``hs`` (N, T, H);
* the input projection ``xs @ Wx + b`` for every step is one matmul before the loop, and
  ``dWx``, ``dWh``, ``db`` are one matmul (or sum) each after the backward loop: only the
  ``h @ Wh`` term is sequential;
* caches are time-major, (T, N, .), so each step reads one contiguous slab; the hidden
  buffer has T + 1 rows with the initial state in row 0, which makes "h_{t-1} for every t"
  a plain slice for ``dWh``;
* stateful: the last (h, c) is carried into the next call (truncated BPTT) but no gradient
  flows through it; ``dh0`` (and ``dc0``) keep the gradient w.r.t. the initial state, which
  a seq2seq decoder passes back to its encoder;
* ``dh_norms`` (T,) is ||dL/dh_t|| of the batch after each backward, for the gradient-flow view;
* ``mask`` (T, N, 1), when set, marks the steps that hold text in pre-padded rows (a many-to-one
  classifier's batch, padding first as Keras pads): a masked step's state is zero, as the state
  before the text is, and no gradient passes it, so each row runs as if it started at its first
  real token. A language model never sets it.

Gate layouts (columns of ``Wx``, ``Wh``, ``b``):

* LSTM: ``[i, f, o, g]`` - the three sigmoid gates are contiguous so one sigmoid pass
  covers them. PyTorch stores ``[i, f, g, o]``; :mod:`rnnviz.engine.torch_layout` permutes.
* GRU: ``[r, z, n]``, PyTorch's order and formulation (see :class:`TimeGRU`).
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np



class _TimeRecurrent:
    """Bookkeeping shared by the three cells: state, caches sized on demand.

    The carried state is ``h``; a cell that carries more (the LSTM's ``c``) overrides
    :meth:`set_state`, :meth:`carry_state` and :meth:`states_over_time`.
    """

    gates = 1          # blocks of H columns in Wx

    def __init__(self, params: dict[str, np.ndarray], stateful: bool = True):
        self.params = params
        self.grads = {k: np.zeros_like(v) for k, v in params.items()}
        self.stateful = stateful
        self.H = params["Wh"].shape[0]
        self.dtype = params["Wh"].dtype
        self.h: np.ndarray | None = None   # carried (N, H)
        self.c: np.ndarray | None = None
        self.dh0: np.ndarray | None = None
        self.dc0: np.ndarray | None = None
        self._backward_done = False
        self._shape: tuple[int, int] | None = None
        self.dhs_in: np.ndarray | None = None   # (N, T, H) the last backward's gradient from above
        self.dxs: np.ndarray | None = None      # (N, T, D) the last backward's gradient to the input
        self.mask: np.ndarray | None = None     # (T, N, 1) 1 where a pre-padded row's text is, else 0

    # -- state -----------------------------------------------------------------------------
    def set_state(self, h: np.ndarray | None, c: np.ndarray | None = None) -> None:
        """Start the next forward from ``h`` (and an LSTM's ``c``), copied; ``None`` means zeros.

        ``c`` is ignored by a cell that carries no c.
        """
        self.h = None if h is None else np.array(h, dtype=self.dtype)

    def reset_state(self) -> None:
        self.h = None
        self.c = None

    def carry_state(self) -> None:
        """Start the next forward from where the last one ended (copies); a stateful layer
        does this by itself, greedy decoding asks for it one step at a time."""
        self.h = self.Hs[-1].copy()

    def states_over_time(self) -> dict[str, np.ndarray]:
        """Each carried state over the last forward, by name: (T + 1, N, H) with the initial
        state in row 0 (views of the caches)."""
        return {"h": self.Hs}

    def _initial(self, state: np.ndarray | None, N: int) -> np.ndarray:
        """A carried state for a batch of N rows: itself if it fits the batch, else zeros."""
        return state if state is not None and state.shape == (N, self.H) else np.zeros((N, self.H), self.dtype)

    def _allocate(self, N: int, T: int) -> None:
        """(Re)allocate caches only when the batch shape changes."""
        if self._shape == (N, T):
            return
        self._shape = (N, T)
        H, G = self.H, self.gates
        self.Hs = np.empty((T + 1, N, H), self.dtype)       # row 0 = h0
        self.A = np.empty((T, N, G * H), self.dtype)        # activated gates
        self.dA = np.empty((T, N, G * H), self.dtype)
        self.dH = np.empty((T, N, H), self.dtype)           # total dL/dh_t
        self._alloc_extra(N, T)

    def _alloc_extra(self, N: int, T: int) -> None:
        pass

    @staticmethod
    def extra_cache_elements(N: int, T: int, H: int) -> int:
        """Elements :meth:`_alloc_extra` allocates for a batch (N, T), for memory estimates."""
        return 0

    def _project(self, xs: np.ndarray) -> None:
        """A[t] = x_t @ Wx + b for all t in one matmul."""
        N, T, D = xs.shape
        self.X = np.ascontiguousarray(xs.transpose(1, 0, 2)).reshape(T * N, D)   # (T*N, D)
        np.matmul(self.X, self.params["Wx"], out=self.A.reshape(T * N, -1))
        self.A += self.params["b"]

    def _weight_grads(self, dAx: np.ndarray, dAh: np.ndarray) -> np.ndarray:
        """dWx, dWh, db after the loop; returns dxs (N, T, D)."""
        T, N, _ = dAx.shape
        dAx2 = dAx.reshape(T * N, -1)
        np.matmul(self.X.T, dAx2, out=self.grads["Wx"])
        Hprev, dAh2 = self.Hs[:-1].reshape(T * N, self.H), dAh.reshape(T * N, -1)
        dWh = self.grads["Wh"]
        if dWh.flags.c_contiguous:
            np.matmul(Hprev.T, dAh2, out=dWh)
        else:                                   # stored transposed (TimeLSTM): fill (4H, H)
            np.matmul(dAh2.T, Hprev, out=dWh.T)
        np.sum(dAx2, axis=0, out=self.grads["b"])
        dxs = (dAx2 @ self.params["Wx"].T).reshape(T, N, -1)
        self._backward_done = True
        self.dxs = dxs.transpose(1, 0, 2)                   # (N, T, D)
        return self.dxs

    # -- whole sequences, or one time step at a time ----------------------------------------
    def forward(self, xs: np.ndarray) -> np.ndarray:
        """(N, T, D) -> hidden states (N, T, H), a view of the cache valid until the next forward."""
        for _ in self.forward_steps(xs):
            pass
        return self.Hs[1:].transpose(1, 0, 2)

    def backward(self, dhs: np.ndarray) -> np.ndarray:
        """dL/dhs (N, T, H) from above -> dL/dxs (N, T, D); fills ``grads``, ``dh0`` (``dc0``)."""
        for _ in self.backward_steps(dhs):
            pass
        return self.dxs

    def forward_steps(self, xs: np.ndarray) -> Iterator[int]:
        """The forward pass as a generator: yields ``t`` once ``h_t`` is computed.

        :meth:`forward` runs it to the end; the BPTT stepper advances it one step at a time,
        so both execute the very same operations. The carried state is stored when it ends.
        """
        raise NotImplementedError

    def backward_steps(self, dhs: np.ndarray) -> Iterator[int]:
        """The backward pass as a generator: yields ``t`` (T-1 down to 0) once dL/da_t is known.

        The weight gradients and ``dxs`` are computed when it ends, as in :meth:`backward`.
        """
        raise NotImplementedError

    def _finish_forward(self) -> None:
        if self.stateful:
            self.carry_state()

    @property
    def dh_norms(self) -> np.ndarray | None:
        """||dL/dh_t|| over the batch for t = 0..T-1 after a backward (None before one).

        Read from the dH buffer the backward loop fills anyway, only when someone asks.
        """
        if not self._backward_done:
            return None
        return np.sqrt(np.einsum("tnh,tnh->t", self.dH, self.dH))

    @property
    def hs_time_major(self) -> np.ndarray:
        """Hidden states of the last forward, (T, N, H) (a view of the cache)."""
        return self.Hs[1:]


class TimeRNN(_TimeRecurrent):
    """h_t = tanh(x_t Wx + h_{t-1} Wh + b)."""

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray, stateful: bool = True):
        super().__init__({"Wx": Wx, "Wh": Wh, "b": b}, stateful)

    def forward_steps(self, xs: np.ndarray) -> Iterator[int]:
        N, T, _ = xs.shape
        self._allocate(N, T)
        self._project(xs)
        h0 = self._initial(self.h, N)
        Wh, Hs, A, mask = self.params["Wh"], self.Hs, self.A, self.mask
        Hs[0] = h0
        for t in range(T):
            a = A[t]                                       # (N, H)
            a += Hs[t] @ Wh
            np.tanh(a, out=Hs[t + 1])
            if mask is not None:
                Hs[t + 1] *= mask[t]
            yield t
        self._finish_forward()

    def backward_steps(self, dhs: np.ndarray) -> Iterator[int]:
        T = dhs.shape[1]
        Wh_T, Hs, dA, dH, mask = self.params["Wh"].T, self.Hs, self.dA, self.dH, self.mask
        self.dhs_in = dhs
        np.copyto(dH, dhs.transpose(1, 0, 2))
        dh_next = None
        for t in range(T - 1, -1, -1):
            dh = dH[t]
            if dh_next is not None:
                dh += dh_next
            if mask is not None:
                dh *= mask[t]
            h = Hs[t + 1]
            da = dA[t]
            np.multiply(h, h, out=da)                      # tanh' = 1 - h^2
            np.subtract(1.0, da, out=da)
            da *= dh
            dh_next = da @ Wh_T
            yield t
        self.dh0 = dh_next
        self._weight_grads(dA, dA)


class TimeLSTM(_TimeRecurrent):
    """LSTM with gates [i, f, o, g]: c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t).

    Per-step NumPy calls are what the loop costs at small batch sizes, so both directions
    do as much as possible over all T at once and keep ~10 calls inside the loop:

    * forward uses sigmoid(a) = (1 + tanh(a / 2)) / 2 with the 1/2 folded into the sigmoid
      columns of the input projection (for all t at once) and of a scaled copy of ``Wh``, so one
      ``tanh`` covers the whole gate slab of a step;
    * backward first turns the cached gates into the local derivative factors for every t
      (vectorised), then the loop only multiplies them by the flowing dh and dc;
    * ``Wh`` is stored transposed: ``params["Wh"]`` is an (H, 4H) view of a contiguous (4H, H)
      array, because both hot matmuls want that layout. Backward's ``dh @ Wh.T`` reads it with
      no copy (a transposed copy of a 1 MB matrix costs 0.7 ms, NumPy's strided read being
      slow), and from H = 128 up the forward runs ``Wh.T @ h.T`` into a (4H, N) buffer, a
      fifth faster than ``h @ Wh`` there (measured: 214 vs 272 us at N=32, H=256; the other
      way round below H = 128, where the forward keeps ``h @ Wh``).
    """

    gates = 4
    TRANSPOSED_FORWARD_FROM = 128     # hidden size from which the forward matmul runs as Wh.T @ h.T

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray, stateful: bool = True):
        self._WhT = np.ascontiguousarray(Wh.T)             # (4H, H): the storage
        super().__init__({"Wx": Wx, "Wh": self._WhT.T, "b": b}, stateful)

    def _alloc_extra(self, N: int, T: int) -> None:
        H = self.H
        self.Cs = np.empty((T + 1, N, H), self.dtype)      # row 0 = c0
        self.tanhC = np.empty((T, N, H), self.dtype)
        self._ah = np.empty((N, 4 * H), self.dtype)
        self._ahT = np.empty((4 * H, N), self.dtype)
        self._nh = np.empty((N, H), self.dtype)
        self._K = np.empty((T, N, H), self.dtype)
        self.dS = np.empty((T, N, H), self.dtype)           # dL/dc_t
        self._dh_next = np.empty((N, H), self.dtype)

    @staticmethod
    def extra_cache_elements(N: int, T: int, H: int) -> int:
        M = N * T
        return (M + N) * H + 3 * M * H + 2 * N * 4 * H + 2 * N * H    # Cs; tanhC, K, dS; ah, ahT; nh, dh_next

    def set_state(self, h: np.ndarray | None, c: np.ndarray | None = None) -> None:
        super().set_state(h)
        self.c = None if c is None else np.array(c, dtype=self.dtype)

    def carry_state(self) -> None:
        super().carry_state()
        self.c = self.Cs[-1].copy()

    def states_over_time(self) -> dict[str, np.ndarray]:
        return {"h": self.Hs, "c": self.Cs}

    def forward_steps(self, xs: np.ndarray) -> Iterator[int]:
        N, T, _ = xs.shape
        H = self.H
        self._allocate(N, T)
        self._project(xs)
        h0, c0 = self._initial(self.h, N), self._initial(self.c, N)
        transposed = H >= self.TRANSPOSED_FORWARD_FROM
        if transposed:
            WhT = self._WhT.copy()                         # (4H, H), contiguous copy: cheap
            WhT[:3 * H] *= 0.5
        else:
            Wh = np.ascontiguousarray(self.params["Wh"])   # (H, 4H); small H: cheap
            Wh[:, :3 * H] *= 0.5
        Hs, Cs, A, tanhC, ah, ahT, ig = self.Hs, self.Cs, self.A, self.tanhC, self._ah, self._ahT, self._nh
        mask = self.mask
        A[:, :, :3 * H] *= 0.5
        Hs[0] = h0
        Cs[0] = c0
        for t in range(T):
            a = A[t]                                       # (N, 4H)
            if transposed:
                np.matmul(WhT, Hs[t].T, out=ahT)
                a += ahT.T
            else:
                np.matmul(Hs[t], Wh, out=ah)
                a += ah
            np.tanh(a, out=a)
            s = a[:, :3 * H]
            s += 1.0
            s *= 0.5                                       # i, f, o = sigmoid; g = tanh
            c = Cs[t + 1]
            np.multiply(a[:, H:2 * H], Cs[t], out=c)
            np.multiply(a[:, :H], a[:, 3 * H:], out=ig)
            c += ig
            if mask is not None:
                c *= mask[t]                               # then h = o * tanh(0) = 0 too
            np.tanh(c, out=tanhC[t])
            np.multiply(a[:, 2 * H:3 * H], tanhC[t], out=Hs[t + 1])
            yield t
        self._finish_forward()

    def backward_steps(self, dhs: np.ndarray) -> Iterator[int]:
        T = dhs.shape[1]
        H = self.H
        self.dhs_in = dhs
        Cs, A, dA, dH, tc, K = self.Cs, self.A, self.dA, self.dH, self.tanhC, self._K
        Wh_T = self._WhT                                     # (4H, H), contiguous: the storage
        i, f, o, g = A[..., :H], A[..., H:2 * H], A[..., 2 * H:3 * H], A[..., 3 * H:]
        # Local derivatives for all t (vectorised). With ds = dL/dc_t:
        #   da_i = ds * g i(1-i)   da_f = ds * c_{t-1} f(1-f)   da_o = dh * tanh(c) o(1-o)
        #   da_g = ds * i (1-g^2)  ds = dc_next + dh * o (1 - tanh(c)^2)
        np.multiply(tc, tc, out=K)
        np.subtract(1.0, K, out=K)
        K *= o                                                # K = o (1 - tanh(c)^2)
        np.subtract(1.0, i, out=dA[..., :H])
        dA[..., :H] *= i
        dA[..., :H] *= g
        np.subtract(1.0, f, out=dA[..., H:2 * H])
        dA[..., H:2 * H] *= f
        dA[..., H:2 * H] *= Cs[:-1]
        np.subtract(1.0, o, out=dA[..., 2 * H:3 * H])
        dA[..., 2 * H:3 * H] *= o
        dA[..., 2 * H:3 * H] *= tc
        np.multiply(g, g, out=dA[..., 3 * H:])
        np.subtract(1.0, dA[..., 3 * H:], out=dA[..., 3 * H:])
        dA[..., 3 * H:] *= i
        np.copyto(dH, dhs.transpose(1, 0, 2))
        N = dH.shape[1]
        dh_next = self._dh_next
        dc = np.zeros((N, H), self.dtype)
        mask = self.mask
        for t in range(T - 1, -1, -1):
            dh = dH[t]
            if t < T - 1:
                dh += dh_next
            if mask is not None:
                dh *= mask[t]
                dc *= mask[t]
            da = dA[t]
            ds = self.dS[t]                                            # total dL/dc_t, kept for the graph view
            np.multiply(dh, K[t], out=ds)
            ds += dc
            da[:, :2 * H].reshape(N, 2, H)[...] *= ds[:, None, :]     # i, f
            da[:, 2 * H:3 * H] *= dh                                   # o
            da[:, 3 * H:] *= ds                                        # g
            np.multiply(ds, f[t], out=dc)
            np.matmul(da, Wh_T, out=dh_next)
            yield t
        self.dh0, self.dc0 = dh_next.copy(), dc
        self._weight_grads(dA, dA)
