"""Series and scalar arguments of the ordinal measures: checks, windows, ties and magnitude (numba-free)."""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_int, check_series
from ..options import MAX_DIM, MIN_DIM


def check_dim(dim) -> int:
    """The pattern length as an int in [MIN_DIM, MAX_DIM], or ValueError naming ``dim``."""
    return check_int(dim, "dim", MIN_DIM, MAX_DIM)


def check_tau(tau) -> int:
    """The ordinal delay as an int >= 1, or ValueError naming ``tau``."""
    return check_int(tau, "tau", 1)


def n_windows(n: int, dim: int, tau: int) -> int:
    """Number of overlapping windows of a series of length n."""
    return max(n - (dim - 1) * tau, 0)


def max_tau(n: int, dim: int, min_windows: int = 1) -> int:
    """Largest tau that still leaves ``min_windows`` windows in a series of length n."""
    return max((n - min_windows) // (dim - 1), 0)



def check_finite_series(x, finite: bool = True) -> np.ndarray:
    """A one-dimensional, all-finite series as contiguous float64 (float32 stays float32), or ValueError.

    Ordinal patterns only compare values, and float32 values compare the same
    after widening, so float32 input is counted as it is (no copy, half the memory).
    ``finite=False`` leaves the NaN check to a kernel that does it in its own pass.
    """
    return check_series(x, "series", min_size=0, finite=finite, dtype=None)


def nonfinite_error(x: np.ndarray, name: str = "series") -> ValueError:
    """The error :func:`check_finite_series` raises for a series holding NaN or inf (same message)."""
    try:
        check_series(x, name, min_size=0, dtype=None)
    except ValueError as exc:
        return exc
    return ValueError(f"{name} has NaN or infinite values")  # not reached for a series that has them


def prepare_series(x, dim: int, tau: int, tie_precision: int | None = None, finite: bool = True) -> np.ndarray:
    """Validate a series for ordinal analysis and return it as contiguous float64 (float32 kept as float32).

    Raises ValueError when the series is not one-dimensional, holds NaN or inf
    (unless ``finite=False``: the caller's kernel checks), or is shorter than
    (dim-1)*tau + 1 samples.
    """
    dim = check_dim(dim)
    tau = check_tau(tau)
    need = (dim - 1) * tau + 1
    # a series too short to count is checked here (cheap), so NaN is named before length, as in every path
    x = check_finite_series(x, finite or tie_precision is not None or np.size(x) < need)
    if x.size < need:
        raise ValueError(
            f"series of {x.size} samples is too short for dim={dim}, tau={tau}: "
            f"needs at least (dim-1)*tau+1 = {need}"
        )
    if tie_precision is not None:  # rounded in float64, as float64 input is
        x = round_ties(np.asarray(x, dtype=np.float64), tie_precision)
    return x


def round_ties(x: np.ndarray, tie_precision: int) -> np.ndarray:
    """``np.round(x, tie_precision)``, except that a value too large to scale by 10**K stays as it is.

    np.round multiplies by 10**K first, which overflows to inf for |x| near the
    largest double although such a value has no decimals left to round.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        rounded = np.round(x, int(tie_precision))
    overflow = ~np.isfinite(rounded)
    if overflow.any():
        rounded[overflow] = x[overflow]
    return rounded


#: Series whose largest magnitude lies outside [2**-MAGNITUDE_BITS, 2**MAGNITUDE_BITS] are rescaled.
MAGNITUDE_BITS = 100


def scale_to_unit_magnitude(x: np.ndarray) -> tuple[np.ndarray, int]:
    """(x * 2**-e, e): a finite series brought near magnitude 1 when it is extreme, else (x, 0).

    Measures that do not depend on the amplitude (timescales, Lyapunov slopes,
    value symbols) square or sum the data, which overflows for |x| beyond
    about 1e154 and loses everything in the subnormals below 1e-308. Scaling by
    a power of two is exact, so it changes no digit of the result; series of
    ordinary magnitude (2**-100 to 2**100, about 1e-30 to 1e30) are returned
    untouched.

    Examples
    --------
    >>> scale_to_unit_magnitude(np.array([3e200, -1e200]))[1]
    666
    >>> scale_to_unit_magnitude(np.array([0.5, 2.0]))[1]
    0
    """
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    if peak == 0.0 or 2.0 ** -MAGNITUDE_BITS <= peak <= 2.0 ** MAGNITUDE_BITS:
        return x, 0
    exponent = math.frexp(peak)[1]
    return np.ldexp(x, -exponent), exponent

