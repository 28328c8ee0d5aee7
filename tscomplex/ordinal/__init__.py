"""Ordinal patterns (Bandt & Pompe 2002): a series -> pattern codes -> counts over all d! patterns.

``codes`` holds the numba kernels and the pattern numbering, ``series`` the
argument checks, ``counts`` the dense counts, ``sparse`` the counts of the
patterns seen when d! dwarfs the series, and ``patterns`` the outcome space
:class:`OrdinalPatterns` with its streaming counter. Every name the package
had as one module is still importable from here.
"""

from .codes import (  # noqa: F401
    COUNT_BLOCK,
    _accumulate_weighted,
    _code_add,
    _count_codes,
    _factorials,
    _lag_prefixes,
    _lag_step,
    _rank_code_table,
    _rank_codes,
    _window_rank_code,
    _window_variance,
    pattern_of_code,
    pattern_table,
)
from .counts import accumulate_raw_counts, ordinal_codes, ordinal_counts, raw_to_pattern_counts  # noqa: F401
from .patterns import OrdinalCounter, OrdinalPatterns  # noqa: F401
from .series import (  # noqa: F401
    MAGNITUDE_BITS,
    MAX_DIM,
    MIN_DIM,
    check_dim,
    check_finite_series,
    check_tau,
    max_tau,
    n_windows,
    prepare_series,
    round_ties,
    scale_to_unit_magnitude,
)
