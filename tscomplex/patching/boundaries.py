"""Boundary rules: patch starts from an entropy trace (global threshold, relative jump, both, either)."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
from numba import njit

from .._validation import check_choice, check_int, check_series
from .defaults import DEFAULT_JUMP, DEFAULT_THRESHOLD, RULES


class ThresholdWarning(UserWarning):
    """A threshold outside the observed range: the rule marks no step, or every step."""


@njit(cache=True, nogil=True, inline="always")
def rule_cuts(rule, g, r):
    """Whether a boundary rule cuts, given its global (H_t > theta) and relative (jump > gamma) tests:
    rule 0 global, 1 relative, 2 both, 3 either."""
    if rule == 0:
        return g
    if rule == 1:
        return r
    if rule == 2:
        return g and r
    return g or r


@njit(cache=True, nogil=True)
def _boundaries_block(h, t0, prev, rule, threshold, jump, min_len, max_len, state, starts):
    """``_boundaries`` over positions t0 .. t0+len-1 of a longer trace (``prev``: h[t0-1]); state[0] is the
    current patch start, carried from block to block."""
    m = 0
    s = state[0]
    for j in range(h.shape[0]):
        t = t0 + j
        before = prev if j == 0 else h[j - 1]
        if t == 0:
            starts[m] = 0
            m += 1
            s = 0
            continue
        if max_len > 0 and t - s >= max_len:
            starts[m] = t
            m += 1
            s = t
            continue
        if t - s < min_len:
            continue
        g = h[j] > threshold
        r = h[j] - before > jump
        if rule_cuts(rule, g, r):
            starts[m] = t
            m += 1
            s = t
    state[0] = s
    return m


@njit(cache=True, nogil=True)
def _boundaries(h, rule, threshold, jump, min_len, max_len, starts):
    """Write patch starts into `starts`; return how many.

    rule: 0 global (h[t] > threshold), 1 relative (h[t] - h[t-1] > jump),
    2 both (and), 3 either (or). One left-to-right pass with s the current
    start: t starts a patch if t - s == max_len (forced split), or if t is a
    candidate and t - s >= min_len. max_len <= 0 means no maximum.
    """
    if h.shape[0] == 0:
        return 0
    return _boundaries_block(h, 0, 0.0, rule, threshold, jump, min_len, max_len, np.zeros(1, np.int64), starts)


def _outside_range(name: str, value: float, observed: np.ndarray, what: str) -> str | None:
    """A sentence when ``value`` is at or above the largest observed value or below the smallest, else None."""
    lo, hi = float(observed.min()), float(observed.max())
    if lo <= value < hi:
        return None
    where = "at or above the largest" if value >= hi else "below the smallest"
    return f"{name} {value:.6g} is {where} {what} (observed range [{lo:.6g}, {hi:.6g}] nats)"


_QUANTILE = re.compile(r"^[qQ](\d+(?:\.\d*)?|\.\d+)$")


def resolve_threshold(values, spec, name: str = "threshold") -> float:
    """A number, or ``"qNN"``: the NN-th percentile of ``values`` (numpy's linear interpolation).

    Examples
    --------
    >>> resolve_threshold([0.0, 1.0, 2.0, 3.0, 4.0], "q50")
    2.0
    >>> resolve_threshold([0.0, 1.0], 0.25)
    0.25

    When the percentile lands on a maximum that many values share, theta is
    the largest value below it, so that the rule H_t > theta still cuts there:

    >>> resolve_threshold([0.5, 1.0, 2.0, 2.0, 2.0], "q70")
    1.0
    """
    if isinstance(spec, str):
        text = spec.strip()
        match = _QUANTILE.match(text)
        if match:
            q = float(match.group(1))
            if not 0 <= q <= 100:
                raise ValueError(f"{name} quantile must be between q0 and q100, got {text}")
            values = np.asarray(values, dtype=np.float64)
            if values.size == 0:
                raise ValueError(f"{name} {text}: no values to take a quantile of")
            theta = float(np.quantile(values, q / 100.0))
            top = float(values.max())
            if q < 100 and theta >= top and (values < top).any():
                # more than (100-NN)% of the trace ties at its maximum (a causal trace sits at ln B
                # while contexts are unseen): with a strict H_t > theta nothing would ever cut, so
                # theta steps down to the largest value below the tie and the tied steps are cut
                theta = float(values[values < top].max())
            return theta
        try:
            spec = float(text)
        except ValueError:
            raise ValueError(f"{name} must be a number or a quantile like q95, got {spec!r}") from None
    if isinstance(spec, bool):
        raise ValueError(f"{name} must be a number or a quantile like q95, got {spec!r}")
    value = float(spec)
    if math.isnan(value):
        raise ValueError(f"{name} must not be NaN")
    return value


def boundaries_from_entropy(entropy, rule: str = "global", threshold=DEFAULT_THRESHOLD, jump=DEFAULT_JUMP,
                            min_len: int = 1, max_len: int | None = None) -> np.ndarray:
    """Patch starts from an entropy trace, by the rules of EntroPE and the Byte Latent Transformer.

    Parameters
    ----------
    entropy : array_like, shape (N,)
        H_t, e.g. from :func:`conditional_entropy`.
    rule : {"global", "relative", "both", "either"}
        Which steps are candidates: ``global`` H_t > theta; ``relative``
        H_t - H_{t-1} > gamma; ``both`` both hold; ``either`` at least one.
    threshold : float or str
        theta, or ``"qNN"`` for the NN-th percentile of H over the whole trace.
    jump : float or str
        gamma, or ``"qNN"`` for the NN-th percentile of the differences
        H_t - H_{t-1}, t = 1 .. N-1.
    min_len : int
        Smallest patch length (1: no minimum; EntroPE has none).
    max_len : int, optional
        Largest patch length: longer patches are split.

    Returns
    -------
    starts : ndarray of int64
        Strictly increasing, starting at 0; patch i is [starts[i], starts[i+1])
        and the last one ends at N.

    Notes
    -----
    Position 0 always starts a patch. Then one pass from t = 1 to N-1, with s
    the start of the current patch: t starts a new patch if t - s = max_len
    (the split comes first), else if t is a candidate of the rule and
    t - s >= min_len. So every patch is at most max_len long, and every patch
    but the last at least min_len long. Thresholds are resolved on the whole
    trace before the pass. A theta (gamma) at or above the largest H
    (difference), or below the smallest, makes the rule mark no step or every
    step; that raises a :class:`ThresholdWarning` that says how many patches
    resulted.

    Examples
    --------
    >>> boundaries_from_entropy([0, 0, 2, 0, 0, 0, 2, 2, 0], threshold=1)
    array([0, 2, 6, 7])
    >>> boundaries_from_entropy([0, 0, 2, 0, 0, 0, 2, 2, 0], threshold=1, min_len=2, max_len=3)
    array([0, 2, 5, 7])
    >>> boundaries_from_entropy([0, 1, 3, 3, 1, 2], rule="relative", jump=0.5)
    array([0, 1, 2, 5])
    """
    h = check_series(entropy, "entropy", min_size=0)
    check_choice(rule, "rule", RULES)
    min_len = check_int(min_len, "min_len", 1)
    if max_len is not None:
        max_len = check_int(max_len, "max_len", 1)
        if max_len < min_len:
            raise ValueError(f"max_len ({max_len}) must be >= min_len ({min_len})")
    uses_theta = rule in ("global", "both", "either")
    uses_gamma = rule in ("relative", "both", "either")
    diffs = np.diff(h) if uses_gamma else None
    theta = resolve_threshold(h, threshold, "threshold") if uses_theta else math.inf
    gamma = math.inf
    if uses_gamma:  # a one-sample trace has no differences: check the spec, nothing to compare
        gamma = resolve_threshold(diffs if h.size > 1 else [0.0], jump, "jump")
    starts = np.empty(max(h.size, 1), dtype=np.int64)
    rule_code = RULES.index(rule)
    m = _boundaries(h, rule_code, theta, gamma, min_len, max_len or 0, starts)
    starts = starts[:m].copy()
    notes = []
    if uses_theta and h.size > 1:
        notes.append(_outside_range("threshold", theta, h, "entropy"))
    if uses_gamma and h.size > 1:
        notes.append(_outside_range("jump", gamma, diffs, "entropy step"))
    notes = [note for note in notes if note]
    if notes:
        warnings.warn("; ".join(notes) + f": {starts.size} patch{'es' if starts.size != 1 else ''} resulted",
                      ThresholdWarning, stacklevel=2)
    return starts


@njit(cache=True, nogil=True)
def _quantile_sorted(v, q):
    """numpy's default (linear) quantile of sorted values, with numpy's arithmetic."""
    n = v.shape[0]
    virtual = (n - 1) * q
    if virtual >= n - 1:
        return v[n - 1]
    if virtual < 0:
        return v[0]
    i = int(math.floor(virtual))
    g = virtual - i
    a = v[i]
    d = v[i + 1] - a
    if g >= 0.5:
        return v[i + 1] - d * (1 - g)
    return a + d * g


@njit(cache=True, nogil=True)
def _resolve_sorted(v, percent, value):
    """``boundaries.resolve_threshold`` on sorted values: ``value`` when percent < 0, else the quantile,
    stepped down below a tied maximum."""
    if percent < 0:
        return value
    theta = _quantile_sorted(v, percent / 100.0)
    top = v[v.shape[0] - 1]
    if percent < 100 and theta >= top and v[0] < top:
        j = v.shape[0] - 1
        while v[j] >= top:
            j -= 1
        theta = v[j]
    return theta
