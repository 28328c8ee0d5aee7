"""Probability vectors -> information measures (entropies, statistical complexity, Fisher information).

Every function takes the full probability vector over all N = d! outcomes,
zeros included, in the lexicographic order of :mod:`tscomplex.ordinal`.
Logs are natural; every measure is normalized to [0, 1].

The measures whose series form lives in :mod:`tscomplex.measures` under the
same name carry ``_from_probabilities`` here (``complexity_entropy(x)`` takes a
series, ``complexity_entropy_from_probabilities(p)`` a probability vector).
The old short names still work here and warn (DeprecationWarning).
"""

from __future__ import annotations

import math
import warnings

import numpy as np


def probabilities(counts) -> np.ndarray:
    """Normalize counts (plain or weighted) to a probability vector.

    Raises ValueError when the counts are all zero (for weighted counts this
    happens when every window is constant).
    """
    counts = np.asarray(counts, dtype=np.float64)
    total = counts.sum()
    if not total > 0:
        raise ValueError("no pattern has positive weight (every window is constant?)")
    return counts / total


def _shannon(p: np.ndarray) -> float:
    nz = p[p > 0]
    return float(-np.sum(nz * np.log(nz)))


def shannon_entropy(p, normalized: bool = True) -> float:
    """Shannon entropy S = -sum p ln p, divided by ln N when normalized (Bandt & Pompe 2002)."""
    p = np.asarray(p, dtype=np.float64)
    s = _shannon(p)
    if not normalized:
        return s
    return s / math.log(p.size) if p.size > 1 else 0.0


def renyi_entropy(p, q: float, normalized: bool = True) -> float:
    """Rényi entropy of order q, ln(sum p^q) / (1-q), over ln N (Ribeiro et al., PRE 95, 062106, 2017).

    q = 1 is the Shannon limit; q = inf gives -ln max(p).
    """
    p = np.asarray(p, dtype=np.float64)
    return sparse_renyi_entropy(p[p > 0], p.size, q, normalized)


def _log_q(x: float, q: float) -> float:
    return math.log(x) if q == 1 else (x ** (1.0 - q) - 1.0) / (1.0 - q)


def tsallis_entropy(p, q: float, normalized: bool = True) -> float:
    """Tsallis entropy sum p ln_q(1/p) with ln_q(x) = (x^(1-q) - 1)/(1-q), over ln_q(N) (Ribeiro et al. 2017)."""
    p = np.asarray(p, dtype=np.float64)
    return sparse_tsallis_entropy(p[p > 0], p.size, q, normalized)


def jensen_shannon_normalization(n: int) -> float:
    """Q0 = -2 / [((N+1)/N) ln(N+1) - 2 ln(2N) + ln N], the inverse of the largest JS divergence from uniform.

    This is for J in nats; tables that measure J in bits (Rosso et al. 2007) list Q0 ln 2,
    e.g. 1.527050 for d = 3. The complexity C = Q0 J H is the same in both units.
    """
    return -2.0 / (((n + 1.0) / n) * math.log(n + 1.0) - 2.0 * math.log(2.0 * n) + math.log(n))


def jensen_shannon_divergence(p) -> float:
    """J = S((p+u)/2) - S(p)/2 - S(u)/2 with u uniform over the N outcomes (not normalized)."""
    p = np.asarray(p, dtype=np.float64)
    n = p.size
    mid = 0.5 * (p + 1.0 / n)
    return _shannon(mid) - 0.5 * _shannon(p) - 0.5 * math.log(n)


def complexity_entropy_from_probabilities(p) -> tuple[float, float]:
    """(H, C): normalized entropy and Jensen-Shannon statistical complexity C = Q0 J H.

    Rosso et al., PRL 99, 154102 (2007); Lamberti et al., Physica A 334, 119 (2004).
    """
    p = np.asarray(p, dtype=np.float64)
    h = shannon_entropy(p)
    c = jensen_shannon_normalization(p.size) * jensen_shannon_divergence(p) * h
    return h, max(c, 0.0)


def statistical_complexity_from_probabilities(p) -> float:
    """Jensen-Shannon statistical complexity C = Q0 J H (see :func:`complexity_entropy_from_probabilities`)."""
    return complexity_entropy_from_probabilities(p)[1]


def fisher_information_from_probabilities(p) -> float:
    """Fisher information F = 1/2 sum (sqrt p_{i+1} - sqrt p_i)^2 over the lexicographic order.

    Olivares, Plastino & Rosso, Physica A 391, 2518 (2012), with ordpy's
    convention F = 1 when a single outcome has probability 1. The sum has the
    normalization F0 = 1/2, so F lies in [0, 1].
    """
    p = np.asarray(p, dtype=np.float64)
    if np.count_nonzero(p) == 1:
        return 1.0
    return float(0.5 * np.sum(np.diff(np.sqrt(p)) ** 2))


def missing_fraction(counts) -> float:
    """Fraction of the N outcomes never observed (forbidden patterns, Amigó et al. 2006)."""
    counts = np.asarray(counts)
    return float(np.count_nonzero(counts == 0) / counts.size)


# --------------------------------------------------------------------------- sparse distributions
#
# The same measures from the non-zero probabilities alone plus the number of
# outcomes n: zeros add nothing to -sum p ln p, add (n - m) identical terms
# (1/2n) ln 2n to the entropy of the mixture (p + u)/2, and enter Fisher
# information only through the squares of their non-zero neighbours. So the
# cost is O(m), the number of outcomes seen, not O(n) = O(d!).


_sparse_shannon = _shannon  # zeros are skipped either way


def sparse_complexity_entropy(p_nz, n_outcomes: int) -> tuple[float, float]:
    """(H, C) of :func:`complexity_entropy_from_probabilities` from the non-zero probabilities over n outcomes."""
    p_nz = np.asarray(p_nz, dtype=np.float64)
    n = int(n_outcomes)
    s = _sparse_shannon(p_nz)
    h = s / math.log(n) if n > 1 else 0.0
    mid = 0.5 * (p_nz + 1.0 / n)
    zeros = n - p_nz.size
    s_mid = _sparse_shannon(mid) + zeros * (0.5 / n) * math.log(2.0 * n)
    j = s_mid - 0.5 * s - 0.5 * math.log(n)
    return h, max(jensen_shannon_normalization(n) * j * h, 0.0)


def sparse_fisher_information(indices, p_nz, n_outcomes: int) -> float:
    """:func:`fisher_information_from_probabilities` from the non-zero probabilities at increasing ``indices``."""
    idx = np.asarray(indices, dtype=np.int64)
    p_nz = np.asarray(p_nz, dtype=np.float64)
    keep = p_nz > 0
    idx, s = idx[keep], np.sqrt(p_nz[keep])
    if s.size == 1:
        return 1.0
    adjacent = np.diff(idx) == 1
    total = float(np.sum(np.diff(s)[adjacent] ** 2))
    # a seen outcome next to an unseen one adds its own square, once per such side
    left_zero = np.ones(s.size, bool)
    left_zero[1:] = ~adjacent
    left_zero &= idx > 0
    right_zero = np.ones(s.size, bool)
    right_zero[:-1] = ~adjacent
    right_zero &= idx < int(n_outcomes) - 1
    total += float(np.sum(s[left_zero] ** 2)) + float(np.sum(s[right_zero] ** 2))
    return 0.5 * total


def sparse_renyi_entropy(p_nz, n_outcomes: int, q: float, normalized: bool = True) -> float:
    """:func:`renyi_entropy` from the non-zero probabilities of a distribution over n outcomes."""
    p_nz = np.asarray(p_nz, dtype=np.float64)
    nz = p_nz[p_nz > 0]
    if q == 1:
        s = _sparse_shannon(nz)
    elif math.isinf(q):
        s = -math.log(nz.max())
    else:
        if q <= 0:
            raise ValueError(f"Rényi order q must be > 0, got {q}")
        s = math.log(np.sum(nz ** q)) / (1.0 - q)
    return s / math.log(n_outcomes) if normalized else s


def sparse_tsallis_entropy(p_nz, n_outcomes: int, q: float, normalized: bool = True) -> float:
    """:func:`tsallis_entropy` from the non-zero probabilities of a distribution over n outcomes."""
    if q <= 0:
        raise ValueError(f"Tsallis order q must be > 0, got {q}")
    p_nz = np.asarray(p_nz, dtype=np.float64)
    nz = p_nz[p_nz > 0]
    if q == 1:
        s = _sparse_shannon(nz)
    else:
        s = float(np.sum(nz * ((1.0 / nz) ** (1.0 - q) - 1.0) / (1.0 - q)))
    return s / _log_q(float(n_outcomes), q) if normalized else s


def sparse_missing_fraction(counts_nz, n_outcomes: int) -> float:
    """:func:`missing_fraction` from the counts of the outcomes listed (zeros among them count as missing)."""
    counts_nz = np.asarray(counts_nz)
    return float((int(n_outcomes) - np.count_nonzero(counts_nz)) / int(n_outcomes))


# --------------------------------------------------------------------------- deprecated names
#
# These names meant a function of a probability vector here and of a series in
# tscomplex.measures; they stay for code written against 0.1 and warn.


def _deprecated(new):
    old = new.__name__.replace("_from_probabilities", "")

    def alias(p):
        warnings.warn(f"tscomplex.information.{old}(p) is deprecated: use {new.__name__}(p) (or "
                      f"tscomplex.measures.{old}(x) for a series)", DeprecationWarning, stacklevel=2)
        return new(p)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated alias of :func:`{new.__name__}`."
    return alias


complexity_entropy = _deprecated(complexity_entropy_from_probabilities)
statistical_complexity = _deprecated(statistical_complexity_from_probabilities)
fisher_information = _deprecated(fisher_information_from_probabilities)
