"""The text lens's words: the status line, the tint's legend and the hover readout, in the window's
language. Every number in them is a field of a record of :mod:`rnnviz.engine.lens`, written out."""
from __future__ import annotations

import html

import pyqtgraph as pg

from rnnviz.engine.lens import LensComparison, LensConnectivity, LensReading
from rnnviz.gui.i18n import translate
from .common import MUTED, display_token
from .lens_view import tint

SWATCHES = 6


def quoted(token: str) -> str:
    """A token in quotes, escaped for rich text, a space or newline made visible."""
    return "‘" + html.escape(display_token(token)) + "’"


def summary(r: LensReading, now: int, comparison: LensComparison | None) -> str:
    """One line: what was read, how much of it, its perplexity, at which step (and the comparison)."""
    if r.source == "valid":
        what = translate("lens_readout", "validation split")
    elif r.source == "text":
        what = translate("lens_readout", "pasted text")
    else:
        what = r.source
    if r.truncated:
        size = translate("lens_readout", "first {n} of {total} tokens").format(
            n=f"{len(r.tokens):,}", total=f"{r.total_tokens:,}")
    else:
        size = translate("lens_readout", "{n} tokens").format(n=f"{len(r.tokens):,}")
    step = translate("lens_readout", "step {step}").format(step=f"{r.iteration:,}")
    if now != r.iteration:
        step = translate("lens_readout", "step {step} (now {now}: Read again)").format(
            step=f"{r.iteration:,}", now=f"{now:,}")
    parts = [what, size, translate("lens_readout", "perplexity {value}").format(value=f"{r.perplexity:.2f}"), step]
    if r.unknown:
        parts.append(translate("lens_readout", "{n} read as <unk>").format(n=f"{r.unknown:,}"))
    if r.dropped:
        parts.append(translate("lens_readout", "{n} unknown skipped").format(n=f"{r.dropped:,}"))
    if comparison is not None:
        parts.append(translate("lens_readout", "{name} (step {step}): perplexity {value}; {easier} tokens easier "
                               "now, {harder} harder").format(
            name=comparison.label, step=f"{comparison.other_iteration:,}",
            value=f"{comparison.other_perplexity:.2f}", easier=f"{comparison.easier:,}",
            harder=f"{comparison.harder:,}"))
    return " · ".join(parts)


def legend(colormap: pg.ColorMap, low: str, high: str) -> str:
    """A colour scale in rich text: ``low``, a few swatches, ``high``."""
    boxes = "".join(f"<span style='background:{tint(colormap, k / (SWATCHES - 1)).name()}'>&nbsp;&nbsp;&nbsp;</span>"
                    for k in range(SWATCHES))
    return (f"<span style='color:{MUTED}'>{html.escape(low)}</span>&nbsp;{boxes}&nbsp;"
            f"<span style='color:{MUTED}'>{html.escape(high)}</span>")


def hint() -> str:
    return (f"<span style='color:{MUTED}'>" + html.escape(translate(
        "lens_readout", "Hover a token for its surprisal and the model's guesses; click it for its connectivity."))
        + "</span>")


def readout(r: LensReading, k: int, vocab_tokens, links: LensConnectivity | None,
            comparison: LensComparison | None) -> str:
    """Token ``k`` in rich text: −log p, p, perplexity so far, what the tint shows, the guesses."""
    head = translate("lens_readout", "{token} (token {k})").format(token=quoted(r.tokens[k]), k=f"{k:,}")
    if k == 0:
        return f"<b>{head}</b> · " + html.escape(translate(
            "lens_readout", "the first token is only read: nothing predicts it"))
    parts = [f"<b>{head}</b>", f"−log p = {r.surprisal[k]:.2f} " + html.escape(translate("lens_readout", "nats")),
             f"p = {r.prob[k]:.3g}",
             html.escape(translate("lens_readout", "perplexity so far {value}").format(
                 value=f"{r.running_perplexity[k]:.2f}"))]
    if links is not None and k < links.t:
        parts.append(html.escape(translate("lens_readout", "moves log p of token {t} by {value} (distance {d})")
                                 .format(t=f"{links.t:,}", value=f"{links.norms[k]:.2e}", d=f"{links.t - k:,}")))
    if comparison is not None:
        parts.append(html.escape(translate("lens_readout", "{delta} nats against {name} ({value} there)").format(
            delta=f"{comparison.delta[k]:+.2f}", name=comparison.label,
            value=f"{comparison.other_surprisal[k]:.2f}")))
    guesses = ", ".join(f"{quoted(vocab_tokens[int(i)])} {float(p):.2f}" for i, p in zip(r.top_ids[k], r.top_probs[k]))
    label = html.escape(translate("lens_readout", "the model's guesses:"))
    return " · ".join(parts) + f"<br><span style='color:{MUTED}'>{label}</span> {guesses}"
