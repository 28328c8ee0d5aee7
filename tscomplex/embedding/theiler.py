"""The Theiler window: the mean period of the series (Rosenstein et al.)."""

from __future__ import annotations

import math

import numpy as np

from .delay import _as_series


def mean_period(x) -> float:
    """Mean period of a series in samples: the inverse of the power-weighted mean frequency.

    Parameters
    ----------
    x : array_like, 1-D

    Returns
    -------
    float

    Notes
    -----
    f_mean = sum_k f_k P(f_k) / sum_k P(f_k) over the positive frequencies of the
    periodogram of the mean-removed series (f in cycles per sample); the mean
    period is 1 / f_mean. Rosenstein et al. used it as the Theiler window.

    References
    ----------
    M. T. Rosenstein, J. J. Collins and C. J. De Luca, Physica D 65, 117 (1993).

    Examples
    --------
    >>> round(mean_period(np.sin(2 * np.pi * np.arange(10000) / 100)), 1)
    100.0
    """
    x = _as_series(x)
    power = np.abs(np.fft.rfft(x - x.mean())) ** 2
    freq = np.fft.rfftfreq(x.size)
    power[0] = 0.0
    return float(power.sum() / (freq * power).sum())


def auto_theiler(x) -> int:
    """Theiler window in samples: the mean period, rounded up (Rosenstein et al.).

    Pairs closer in time than this are never taken as neighbours, so that the
    divergence measured is between different stretches of the trajectory.

    Examples
    --------
    >>> auto_theiler(np.sin(2 * np.pi * np.arange(10000) / 100))
    100
    """
    return int(math.ceil(mean_period(x) - 1e-9))


def quarter_period(x) -> int:
    """A quarter of the mean period in samples (at least 1): the largest delay chosen automatically.

    At half a mean period the delay coordinates of an oscillation are mirror copies of each other,
    at a whole one equal copies, and the attractor folds onto a line; a quarter unfolds it best.
    The mutual information's first minimum can lie beyond it: 7 samples, a whole turn, for the
    delayed logistic map's slow rotation. ``lyapunov`` and ``embed`` take the smaller of the two
    (``embed`` records the rule ``quarter_mean_period`` when this one decided).
    """
    return max(1, int(round(mean_period(x) / 4)))
