"""The Theiler window: the mean period of the series (Rosenstein et al.)."""

from __future__ import annotations

import math

import numpy as np

from .delay import _as_unit_series


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
    x = _as_unit_series(x)
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


def peak_period(x) -> float:
    """The period of the strongest line of the periodogram, in samples (the mean period when there is none).

    Where a forcing or a main rotation sets the rhythm (Ueda's oscillator, driven with period 2 pi), the
    divergence rate of nearby orbits swings with that period, while harmonics pull the mean period
    (:func:`mean_period`) below it.

    Examples
    --------
    >>> t = np.arange(10000)
    >>> round(peak_period(np.sin(2 * np.pi * t / 125) + 0.8 * np.sin(2 * np.pi * t / 25)), 1)
    125.0
    """
    x = _as_unit_series(x)
    power = np.abs(np.fft.rfft(x - x.mean())) ** 2
    power[0] = 0.0
    k = int(np.argmax(power))
    return float(x.size / k) if k > 0 and power[k] > 0 else mean_period(x)
