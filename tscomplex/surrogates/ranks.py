"""Surrogates of a series' ranks: the null for statistics of ranks (ordinal patterns), by way of Gaussian scores.

IAAFT's null hypothesis is that the data are a linear Gaussian process seen
through a fixed, monotone function (the measurement function). IAAFT makes
surrogates with the data's values and, within a mismatch, the data's
spectrum. When the function is far from linear (a lognormal series, a cube,
any strongly skewed data) the spectrum of the *values* is not that of the
hidden Gaussian process, and the surrogates' ranks come from a Gaussian
process with a different correlation: a statistic that sees only ranks then
tells data and surrogates apart although the null is true. Measured
(permutation entropy, d = 5, 39 surrogates, alpha = 0.05, 20 trials each):
exp(0.5 AR(1)), phi = 0.8, was rejected in 11/20 trials at 2,000 samples
and 19/20 at 20,000; the cube of an AR(1) in 16/20 and 20/20.

The ranks of the data are those of the hidden process, whatever the monotone
function. So for a statistic of ranks the test is made on the data's
Gaussian scores, g = Phi^-1((rank + 1) / (n + 1)) (van der Waerden's scores:
the hidden process itself, up to a linear estimate of the function): the
surrogates are those of g, and each is given the data's own values in its
rank order. Ordinal measures of these surrogates equal those of the surrogates
of g; their values are the data's, so ties and every option that reads
values behave as on the data. The same trials: 2/20 rejected at 2,000
samples and 1/20 at 20,000 for both, as for the AR(1) itself (2/20, 1/20);
100 trials of 1,000 samples (tests/test_surrogate_size.py, d = 4): 7% for
both against 21% and 43% with IAAFT of the values, and chaos (Hénon,
Lorenz x with 20% noise) still rejected in all of them.

This is AAFT's idea (Theiler et al. 1992) with the Gaussian scores fixed
instead of drawn, and any method in place of the phase randomization.

It fails where IAAFT of the values holds: the scores estimate the function
from the record's own distribution of values, and a tone, a few tones or
narrow-band noise over a few hundred periods do not show their process's
distribution (a sine's values have the arcsine distribution, its scores are
nearly a square wave). On the labelled corpus the scores' test called 11 of
14 sines and 11 of 12 smooth linear series nonlinear, IAAFT of the values 4
and 7. So analyze and sweep make both tests and call a series nonlinear
only when both reject (:class:`tscomplex.surrogates.records.WithSurrogates`).
"""

from __future__ import annotations

import numpy as np


def gaussian_scores(x: np.ndarray) -> np.ndarray:
    """Van der Waerden scores of ``x`` along axis 0: Phi^-1((r + 1) / (n + 1)) for the rank r from 0, tied values
    sharing their mean rank (a tie is an unknown order: breaking it by time would give the scores a trend)."""
    from scipy.special import ndtri

    if x.ndim == 2:
        return np.column_stack([gaussian_scores(x[:, c]) for c in range(x.shape[1])])
    n = x.size
    order = np.argsort(x, kind="stable")
    ordered = x[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    starts = np.flatnonzero(first)
    ends = np.append(starts[1:], n)
    ranks = np.empty(n)
    ranks[order] = ((starts + ends - 1) / 2.0)[np.cumsum(first) - 1]
    return ndtri((ranks + 1.0) / (n + 1.0))


def values_by_rank(surrogates: np.ndarray, scores: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Each surrogate (rows of ``surrogates``, of the scores ``scores`` of ``x``) given ``x``'s values in its
    own rank order (the stable one); per column for (count, samples, columns)."""
    if surrogates.ndim == 2:
        return _one_column(surrogates, np.sort(scores), np.sort(x))
    out = np.empty(surrogates.shape)
    for c in range(surrogates.shape[2]):
        out[:, :, c] = _one_column(surrogates[:, :, c], np.sort(scores[:, c]), np.sort(x[:, c]))
    return out


def _one_column(rows, sorted_scores, sorted_values):
    from ._kernels import rank_step, rank_tables

    rows = np.ascontiguousarray(rows, dtype=np.float64)
    count, n = rows.shape
    out = np.zeros((count, n))
    rank_step(rows, *rank_tables(sorted_scores, count), np.ascontiguousarray(sorted_values), out,
              np.empty(count, dtype=np.int64), np.empty((count, n), dtype=np.int32),
              np.full(count, n, dtype=np.int64))
    return out
