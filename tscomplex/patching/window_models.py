"""A frozen context model applied per look-back window, as EntroPE applies its trained model.

Each window is tokenized on its own (its own mean and mean absolute value, the model's tokenizer settings)
and modelled as a sequence of its own: its first ``order`` steps have no past. The traces then go through
the per-window thresholds and rules of :func:`~tscomplex.patching.windows.windowed_patches`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..options import ENTROPE_SPECIAL_TOKENS
from .tokenizers import _entrope_quantize, _quantize, entrope_edges


@njit(cache=True, nogil=True)
def _window_symbols(x, win_starts, width, entrope, means, scales, value_range, edges, n_sym, out):
    """out[w] = the symbols of window w: value bins over [-R, R], or (``entrope``) Chronos' ids."""
    for w in range(win_starts.shape[0]):
        s0 = win_starts[w]
        if entrope:
            _entrope_quantize(x[s0:s0 + width], means[w], scales[w], edges, ENTROPE_SPECIAL_TOKENS, n_sym, out[w])
        else:
            _quantize(x[s0:s0 + width], means[w], scales[w], value_range, n_sym, out[w])


def window_symbols(x: np.ndarray, win_starts: np.ndarray, width: int, tokenizer: dict, means: np.ndarray,
                   scales: np.ndarray) -> np.ndarray:
    """(windows x W) symbols of the windows by a model's tokenizer description (its ``window`` aside);
    ``means`` and ``scales`` are each window's (see ``windows._window_scales``)."""
    out = np.empty((win_starts.size, width), dtype=np.int64)
    if tokenizer["name"] == "entrope":
        n_sym = int(tokenizer["vocab_size"])
        edges = entrope_edges(n_sym, tokenizer["range_low"], tokenizer["range_high"])
        _window_symbols(x, win_starts, width, True, means, scales, 1.0, edges, n_sym, out)
    else:
        _window_symbols(x, win_starts, width, False, means, scales, float(tokenizer["value_range"]), np.zeros(2),
                        int(tokenizer["bins"]), out)
    return out


def model_window_traces(x: np.ndarray, win_starts: np.ndarray, width: int, model, means: np.ndarray,
                        scales: np.ndarray) -> dict:
    """The model's per-step entropy, ln p and known-context flags of every window (windows x W each)."""
    if width <= model.order:
        raise ValueError(f"window of {width} samples is too short for the model's order {model.order}: "
                         f"needs at least {model.order + 1}")
    return model.apply_rows(window_symbols(x, win_starts, width, model.header["tokenizer"], means, scales))
