"""Series -> patch boundaries (the conditional entropy, then a boundary rule) and the per-patch table."""

from __future__ import annotations

import numpy as np

from .boundaries import boundaries_from_entropy
from .conditional import conditional_entropy
from .defaults import DEFAULT_JUMP, DEFAULT_THRESHOLD, default_min_len


def patch_boundaries(x, estimator: str = "value", *, rule: str = "global", threshold=DEFAULT_THRESHOLD,
                     jump=DEFAULT_JUMP, min_len: int | None = None, max_len: int | None = None,
                     window: int | None = None, window_step: int | None = None, tokenizer: str = "value",
                     entropy=None, **entropy_options) -> np.ndarray:
    """Patch start indices of a series, cut where the next value is hard to predict (EntroPE without a model).

    Parameters
    ----------
    x : array_like, shape (N,)
        The series.
    estimator : {"value", "ordinal"}
        How H_t is estimated; see :func:`conditional_entropy`.
    rule, threshold, jump, min_len, max_len
        The boundary rule; see :func:`boundaries_from_entropy`. ``min_len``
        defaults to DEFAULT_MIN_LEN (8), or ``max_len`` when that is smaller;
        ``min_len=1`` gives the default of 0.1.0.
    window, window_step : int, optional
        EntroPE's per-window patching (:func:`windowed_patches`): every window
        of ``window`` samples, starting every ``window_step`` (default: they
        tile), is tokenized, modelled and thresholded on its own; starts are in
        series coordinates, each window's first sample is one, and samples
        after the last whole window start no patch.
    tokenizer : {"value", "entrope"}
        ``entrope``: EntroPE's token ids (:func:`entrope_tokens`; ``vocab_size``,
        ``value_range`` R, "LOW:HIGH" or "qA:qB").
    entropy : array_like, optional
        A trace of length N computed elsewhere: the rules are applied to it.
    **entropy_options
        ``bins``, ``order``, ``dim``, ``mode``, ``alpha``, ``value_range``,
        ``center`` (and ``vocab_size``), passed to :func:`conditional_entropy`.

    Returns
    -------
    starts : ndarray of int64
        Strictly increasing patch starts beginning with 0; the patches
        [starts[i], starts[i+1]) and [starts[-1], N) tile the series.

    Notes
    -----
    ``boundaries_from_entropy(conditional_entropy(x, ...), ...)``.

    References
    ----------
    Abeywickrama et al., EntroPE, arXiv 2509.26157 (2025); Pagnoni et al.,
    Byte Latent Transformer, arXiv 2412.09871 (2024).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = np.arange(600)
    >>> x = np.where((t >= 200) & (t < 400), rng.normal(size=600), np.sin(2 * np.pi * t / 25))
    >>> starts = patch_boundaries(x, mode="fit", threshold="q80", min_len=1)
    >>> int(np.sum((starts >= 200) & (starts < 400))), int(np.sum(starts >= 400))
    (116, 0)
    """
    if window is not None or tokenizer != "value" or entropy is not None:
        from .windows import windowed_patches

        if window is None and entropy is None:  # one window: the whole series, its trace from the kernel
            h = windowed_patches(x, None, estimator=estimator, tokenizer=tokenizer, rules=False,
                                 **entropy_options)["traces"][0]
        elif window is None:
            h = entropy
        else:
            return windowed_patches(x, window, window_step, estimator=estimator, tokenizer=tokenizer,
                                    entropy=entropy, rule=rule, threshold=threshold, jump=jump,
                                    min_len=default_min_len(min_len, max_len), max_len=max_len,
                                    **entropy_options)["start"]
        return boundaries_from_entropy(h, rule, threshold, jump, default_min_len(min_len, max_len), max_len)
    h = conditional_entropy(x, estimator, **entropy_options)
    starts = boundaries_from_entropy(h, rule, threshold, jump, default_min_len(min_len, max_len), max_len)
    return starts


def patch_table(entropy, starts) -> dict:
    """Per-patch arrays: start, end (exclusive), length, mean and max of the entropy over the patch.

    Examples
    --------
    >>> patch_table([0.0, 1.0, 3.0, 1.0], [0, 2])["mean_entropy"]
    array([0.5, 2. ])
    """
    h = np.asarray(entropy, dtype=np.float64)
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.append(starts[1:], h.size)
    lengths = ends - starts
    sums = np.add.reduceat(h, starts) if h.size else np.zeros(0)
    maxima = np.maximum.reduceat(h, starts) if h.size else np.zeros(0)
    return {"start": starts, "end": ends, "length": lengths, "mean_entropy": sums / lengths,
            "max_entropy": maxima}
