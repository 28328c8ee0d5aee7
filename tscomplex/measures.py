"""Series -> ordinal measures: one-line compositions of the outcome space and an information measure.

Each function here is ``measure(OrdinalPatterns(dim, tau, ...).probabilities(x))``
with a measure of :mod:`tscomplex.information`; the same measures of counts or
probabilities you already have are there (``*_from_probabilities``). When d!
dwarfs the number of windows only the patterns seen are counted
(:mod:`tscomplex.ordinal.sparse`), which gives the same numbers to rounding.
Every measure takes ``(x, dim, tau, *, weighted, tie_precision, ...)``.
"""

from __future__ import annotations

import numpy as np

from . import information as info
from .options import DEFAULT_DIM, DEFAULT_TAU
from .ordinal import OrdinalPatterns


def _sparse(space: OrdinalPatterns, x, ordered=False):
    """(indices, probabilities, n_outcomes, counts) from sparse counts when d! dwarfs the windows, else None.

    Sparse and dense counts give the same measures (to rounding); sparse ones
    cost O(N log N) instead of O(d!) at d = 9, 10 on short series, and at
    d >= 9 on long series only the non-zero entries of the histogram are read.
    """
    from .ordinal.series import prepare_series
    from .ordinal.sparse import LARGE_DIM, nonzero_counts_of_prepared, sparse_counts_of_prepared, use_sparse

    shape = np.shape(x)
    if len(shape) != 1:
        return None  # the dense path checks the series and says what is wrong
    dim, tau = space.dim, space.tau
    if use_sparse(shape[0], dim, tau):
        x = prepare_series(x, dim, tau, space.tie_precision)
        indices, counts, n = sparse_counts_of_prepared(x, dim, tau, space.weighted, ordered)
    elif dim >= LARGE_DIM and not space.weighted and not ordered:
        x = prepare_series(x, dim, tau, space.tie_precision)
        indices, counts, n = nonzero_counts_of_prepared(x, dim, tau)
    else:
        return None  # d! is small: the dense vector costs nothing
    return indices, info.probabilities(counts), n, counts


def ordinal_probabilities(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, weighted: bool = False,
                          tie_precision: int | None = None) -> np.ndarray:
    """Probabilities of all d! ordinal patterns (zeros kept), in lexicographic order."""
    return OrdinalPatterns(dim, tau, weighted, tie_precision).probabilities(x)


def permutation_entropy(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, weighted: bool = False,
                        tie_precision: int | None = None, normalized: bool = True) -> float:
    """Permutation entropy H = -sum p ln p / ln d! (Bandt & Pompe, PRL 88, 174102, 2002).

    With ``weighted=True`` this is the weighted permutation entropy of
    Fadlallah et al. (PRE 87, 022911, 2013).

    Examples
    --------
    >>> round(permutation_entropy([4, 7, 9, 10, 6, 11, 3], dim=2), 10)
    0.9182958341
    """
    space = OrdinalPatterns(dim, tau, weighted, tie_precision)
    sparse = _sparse(space, x)
    if sparse is not None:
        p, n = sparse[1], sparse[2]
        return info.sparse_renyi_entropy(p, n, 1, normalized)
    return info.shannon_entropy(space.probabilities(x), normalized)


def complexity_entropy(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, weighted: bool = False,
                       tie_precision: int | None = None) -> tuple[float, float]:
    """(H, C): permutation entropy and Jensen-Shannon statistical complexity (Rosso et al. 2007).

    Examples
    --------
    >>> h, c = complexity_entropy([4, 7, 9, 10, 6, 11, 3], dim=2)
    >>> round(h, 10), round(c, 10)
    (0.9182958341, 0.0611281655)
    """
    space = OrdinalPatterns(dim, tau, weighted, tie_precision)
    sparse = _sparse(space, x)
    if sparse is not None:
        return info.sparse_complexity_entropy(sparse[1], sparse[2])
    return info.complexity_entropy_from_probabilities(space.probabilities(x))


def statistical_complexity(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, weighted: bool = False,
                           tie_precision: int | None = None) -> float:
    """Jensen-Shannon statistical complexity C = Q0 J H of the ordinal distribution."""
    return complexity_entropy(x, dim, tau, weighted=weighted, tie_precision=tie_precision)[1]


def fisher_information(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, weighted: bool = False,
                       tie_precision: int | None = None) -> float:
    """Fisher information of the ordinal distribution (Olivares et al. 2012, ordpy's convention)."""
    space = OrdinalPatterns(dim, tau, weighted, tie_precision)
    sparse = _sparse(space, x, ordered=True)
    if sparse is not None:
        return info.sparse_fisher_information(*sparse[:3])
    return info.fisher_information_from_probabilities(space.probabilities(x))


def missing_patterns(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, tie_precision: int | None = None) -> float:
    """Fraction of the d! ordinal patterns never observed (Amigó et al. 2006); weights play no part."""
    space = OrdinalPatterns(dim, tau, False, tie_precision)
    sparse = _sparse(space, x)
    if sparse is not None:
        return info.sparse_missing_fraction(sparse[3], sparse[2])
    return info.missing_fraction(space.counts(x))


def renyi_permutation_entropy(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, q: float, weighted: bool = False,
                              tie_precision: int | None = None) -> float:
    """Normalized Rényi permutation entropy of order q (Ribeiro et al., PRE 95, 062106, 2017)."""
    space = OrdinalPatterns(dim, tau, weighted, tie_precision)
    sparse = _sparse(space, x)
    if sparse is not None:
        return info.sparse_renyi_entropy(sparse[1], sparse[2], q)
    return info.renyi_entropy(space.probabilities(x), q)


def tsallis_permutation_entropy(x, dim: int = DEFAULT_DIM, tau: int = DEFAULT_TAU, *, q: float, weighted: bool = False,
                                tie_precision: int | None = None) -> float:
    """Normalized Tsallis permutation entropy of order q (Ribeiro et al., PRE 95, 062106, 2017)."""
    space = OrdinalPatterns(dim, tau, weighted, tie_precision)
    sparse = _sparse(space, x)
    if sparse is not None:
        return info.sparse_tsallis_entropy(sparse[1], sparse[2], q)
    return info.tsallis_entropy(space.probabilities(x), q)


def measures_from_counts(counts: np.ndarray, q: float | None = None, plain_counts: np.ndarray | None = None) -> dict:
    """All ordinal measures of one count vector, keyed as in the output records.

    ``missing_patterns`` needs plain counts: in weighted counts a pattern seen
    only in constant windows has weight 0 and would count as missing. Give
    ``plain_counts`` with weighted ``counts``.
    """
    p = info.probabilities(counts)
    h, c = info.complexity_entropy_from_probabilities(p)
    record = {
        "permutation_entropy": h,
        "statistical_complexity": c,
        "fisher_information": info.fisher_information_from_probabilities(p),
        "missing_patterns": info.missing_fraction(counts if plain_counts is None else plain_counts),
    }
    if q is not None:
        record["q"] = q
        record["renyi_entropy"] = info.renyi_entropy(p, q)
        record["tsallis_entropy"] = info.tsallis_entropy(p, q)
    return record
