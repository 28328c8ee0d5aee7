"""Bandt's pattern contrasts for d = 3: four differences of the six pattern frequencies.

Bandt (2019, 2023) replaces the six frequencies p_123 ... p_321 of the
patterns of three values (x_t, x_{t+tau}, x_{t+2 tau}) by four contrasts,
each measuring one kind of structure:

* up-down balance      beta  = p_123 - p_321 (time asymmetry of trends)
* persistence          p_123 + p_321 (monotone runs; 1/3 for white noise)
* rotational asymmetry gamma = p_213 + p_231 - p_132 - p_312
* up-down scaling      delta = p_132 + p_213 - p_231 - p_312

Patterns are written as rank vectors (132: the first value smallest, the
second largest). The values and signs are ordpy's ``permutation_contrasts``,
so numbers compare across tools; Bandt's own persistence subtracts 1/3 so
that white noise gives 0 (``persistence - 1/3``).
"""

from __future__ import annotations

import numpy as np

from ..options import DEFAULT_TAU

#: Record keys of the four contrasts, in ordpy's order.
CONTRASTS = ("up_down_balance", "persistence", "rotational_asymmetry", "up_down_scaling")


def contrasts_from_probabilities(p) -> dict:
    """The four contrasts from the probabilities of the 6 patterns of d = 3 in lexicographic argsort order
    (the package's numbering: argsort 012, 021, 102, 120, 201, 210 = rank vectors 123, 132, 213, 312, 231, 321)."""
    p = np.asarray(p, dtype=np.float64)
    if p.shape != (6,):
        raise ValueError(f"pattern contrasts are defined for dim=3 (6 patterns), got {p.size} probabilities")
    p123, p132, p213, p312, p231, p321 = (float(v) for v in p)
    return {"up_down_balance": p123 - p321, "persistence": p123 + p321,
            "rotational_asymmetry": p213 + p231 - p132 - p312, "up_down_scaling": p132 + p213 - p231 - p312}


def pattern_contrasts(x, tau: int = DEFAULT_TAU, *, tie_precision: int | None = None) -> dict:
    """Bandt's four pattern contrasts of ``x`` for patterns of three values at delay ``tau``.

    Returns
    -------
    dict
        ``up_down_balance``, ``persistence``, ``rotational_asymmetry``, ``up_down_scaling``.

    References
    ----------
    Bandt, Entropy 21, 613 (2019); Bandt, Chaos 33, 033124 (2023).

    Examples
    --------
    >>> c = pattern_contrasts([4, 7, 9, 10, 6, 11, 3])
    >>> [round(c[k], 6) for k in CONTRASTS]
    [0.4, 0.4, 0.6, -0.2]
    """
    from .counts import ordinal_counts

    counts = ordinal_counts(x, 3, tau, tie_precision=tie_precision)
    return contrasts_from_probabilities(counts / counts.sum())
