"""Each recurrent cell type described once: its layer, gates, carried states and formulas.

The rest of the engine (the models, memory estimates, probes, the unrolled graph, checkpoints,
the PyTorch layout) and the GUI's formula view look a cell up here by name,
``cell_type(config.cell)``, rather than testing the name: a new cell type is a layer in
:mod:`rnnviz.engine.recurrent` plus one :class:`CellType` below (and its name in
``config.CELLS``).

Gate blocks are ``H`` columns each, side by side in ``Wx``, ``Wh`` and ``b``, in the order of
:attr:`CellType.gates` (the layer's own order; see :mod:`rnnviz.engine.recurrent`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import init
from .gru import TimeGRU
from .recurrent import TimeLSTM, TimeRNN
from .texts import translate

Layer = TimeRNN | TimeLSTM | TimeGRU


@dataclass(frozen=True)
class CellType:
    """What the engine and the views need to know about one recurrent cell type."""

    name: str                               # "rnn" | "lstm" | "gru", as in ModelConfig.cell
    layer: type[Layer]                      # called as layer(Wx, Wh, b, stateful=...)
    gates: tuple[str, ...]                  # gate blocks in column order (none for the plain RNN)
    states: tuple[str, ...]                 # carried states: ("h",) or ("h", "c")
    book_gates: tuple[str, ...]             # the order the book's init draws the blocks in
    torch_gates: tuple[str, ...]            # PyTorch's order of the blocks
    tanh_gates: tuple[str, ...] = ()        # squashed by tanh, in [-1, 1]; the others are sigmoids in [0, 1]
    extra_params: tuple[str, ...] = ()      # (H,) parameters beside Wx, Wh, b (the GRU's bhn)
    # The graph's side view, per state: lines in the book's letters. {h}, {h_prev}, {c}, {c_prev}
    # and {x} (the layer's input) are symbols at time t; a gate name is that gate at t; {Wx},
    # {Wh}, {b}, {bhn} are parameters, {Wx.o} the gate o's block of Wx. A line with words in it
    # is marked with translate(), and the view localizes it before filling in the symbols.
    formulas: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def blocks(self) -> int:
        """G: blocks of H columns in Wx, Wh and b (1 for the plain RNN, one per gate otherwise)."""
        return max(1, len(self.gates))

    @property
    def graph_states(self) -> tuple[str, ...]:
        """The states as rows of the unrolled graph, bottom to top (c under h: the gates feed c,
        and c feeds h)."""
        return tuple(reversed(self.states))

    def gate_columns(self, gate: str, H: int) -> slice:
        """The columns of ``gate``'s block in Wx, Wh, b and the layer's activations A."""
        k = self.gates.index(gate)
        return slice(k * H, (k + 1) * H)

    def block_order(self, order: tuple[str, ...]) -> tuple[int, ...]:
        """For each block of ``order`` (the book's, PyTorch's), which engine block it is."""
        return tuple(self.gates.index(g) for g in order) if self.gates else (0,)

    def param_shapes(self, prefix: str, fan_in: int, H: int) -> dict[str, tuple[int, ...]]:
        """Name -> shape of one layer's parameters, ``{prefix}.Wx`` and so on, without building it."""
        G = self.blocks
        shapes = {f"{prefix}.Wx": (fan_in, G * H), f"{prefix}.Wh": (H, G * H), f"{prefix}.b": (G * H,)}
        shapes.update({f"{prefix}.{name}": (H,) for name in self.extra_params})
        return shapes

    def make_layer(self, rng: np.random.Generator, fan_in: int, H: int, scheme: str, dtype,
                   stateful: bool = True) -> Layer:
        """A fresh layer, its weights drawn from ``rng`` by the ``scheme`` initialiser, biases zero
        (but the forget gate's 1 under "orthogonal", as Keras' ``unit_forget_bias`` does)."""
        # The book draws its blocks in its own order: each engine block takes the one the book
        # drew for that gate, so the book's random stream gives the book's weights.
        take = tuple(self.book_gates.index(g) for g in self.gates)
        Wx, Wh = init.recurrent(rng, fan_in, H, self.blocks, scheme, dtype,
                                book_order=None if take == tuple(range(len(take))) else take)
        b = np.zeros(self.blocks * H, dtype)
        if scheme == "orthogonal" and "f" in self.gates:
            # An LSTM whose forget gate starts half shut halves its memory every step: on the
            # classifier's "first token" task (T = 50) it never finds the cue; opened (f = 0.73)
            # it does within two epochs. Keras initialises it so, and the seed's LSTM twin is Keras'.
            b[self.gate_columns("f", H)] = 1.0
        return self.layer(Wx, Wh, b, stateful=stateful)


RNN = CellType(
    "rnn", TimeRNN, gates=(), states=("h",), book_gates=(), torch_gates=(),
    formulas={"h": ("{h} = tanh({h_prev} {Wh} + {x} {Wx} + {b})",)})

LSTM = CellType(
    # [i, f, o, g]: the three sigmoid gates side by side, so one pass covers them.
    "lstm", TimeLSTM, gates=("i", "f", "o", "g"), states=("h", "c"),
    book_gates=("f", "g", "i", "o"), torch_gates=("i", "f", "g", "o"), tanh_gates=("g",),
    formulas={"c": ("{c} = {f} ⊙ {c_prev} + {i} ⊙ {g}",
                    translate("cells", "i, f, o, g from {x} {Wx} + {h_prev} {Wh} + {b} \u00a0(N, 4H)")),
              "h": ("{h} = {o} ⊙ tanh({c})",
                    "{o} = σ({x} {Wx.o} + {h_prev} {Wh.o} + {b.o})")})

GRU = CellType(
    # PyTorch's formulation and order; the book's init has no GRU of its own, so it draws
    # the blocks in this order too.
    "gru", TimeGRU, gates=("r", "z", "n"), states=("h",), book_gates=("r", "z", "n"),
    torch_gates=("r", "z", "n"), tanh_gates=("n",), extra_params=("bhn",),
    formulas={"h": ("{h} = (1 − {z}) ⊙ {n} + {z} ⊙ {h_prev}",
                    "{n} = tanh({x} {Wx} + {b} + {r} ⊙ ({h_prev} {Wh} + {bhn}))")})

CELL_TYPES: dict[str, CellType] = {c.name: c for c in (RNN, LSTM, GRU)}


def cell_type(name: str) -> CellType:
    """The :class:`CellType` called ``name`` (a config's ``cell``).

    Raises
    ------
    KeyError
        A name no cell type has (configs refuse those before this is asked).
    """
    try:
        return CELL_TYPES[name]
    except KeyError:
        raise KeyError(f"no cell type {name!r}; known: {', '.join(CELL_TYPES)}") from None
