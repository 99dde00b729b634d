"""What the window is told about a language-model session, and the corpus it names: plain data
copied out of the session (the lab tasks and the comparison use them too)."""
from __future__ import annotations

from pathlib import Path

from .messages import RunInfo


def corpus_label(source: str) -> str:
    """The file a corpus source names, for "Loading corpus ptb.train.txt" (a PTB folder: its train file)."""
    path = Path(str(source))
    if path.is_dir():
        path = path / "ptb.train.txt"
    return path.name or str(source)


def run_info(session) -> RunInfo:
    """Copy what the GUI shows about a session (plain data: safe to hand across a thread or a pipe)."""
    return RunInfo(
        corpus_name=session.corpus.name, level=session.corpus.level, vocab=session.corpus.vocab,
        data=dict(session.data), model_config=session.model_config, train_config=session.train_config,
        iteration=session.iteration, iters_per_epoch=session.iters_per_epoch,
        total_steps=session.total_steps, tokens_per_step=session.tokens_per_step,
        param_shapes={k: tuple(v.shape) for k, v in session.model.params.items()},
        num_parameters=int(session.model.num_parameters), description=session.describe(),
        lr=float(session.optimizer.lr), clip=float(session.clip))
