"""One place for the checks of series and scalar arguments, so every message has the same shape.

After scikit-learn's ``check_scalar``: each check names the parameter, its
value and what is allowed, and returns the value converted (``int``, ``float``,
a contiguous float64 array). Messages name parameters (``dim``, ``nan``), never
command-line flags: the CLI maps parameter names to its options.

Shapes of the messages::

    dim must be an integer, got 2.5
    dim must be between 2 and 10, got 11
    tau must be >= 1, got 0
    method must be one of 'rosenstein', 'kantz', got 'wolf'
    x must be one-dimensional, got shape (3, 2)
    x has 2 NaN or infinite values (first at index 7)
    x has 2 values; at least 3 are needed

numba-free and import-light: the CLI may import it before any kernel.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def _range_text(minimum, maximum, include_min=True, include_max=True) -> str:
    if minimum is not None and maximum is not None and include_min and include_max:
        return f"between {minimum} and {maximum}"
    parts = []
    if minimum is not None:
        parts.append(f"{'>=' if include_min else '>'} {minimum}")
    if maximum is not None:
        parts.append(f"{'<=' if include_max else '<'} {maximum}")
    return " and ".join(parts)


def _check_range(value, name, minimum, maximum, include_min=True, include_max=True):
    low = minimum is not None and (value < minimum if include_min else value <= minimum)
    high = maximum is not None and (value > maximum if include_max else value >= maximum)
    if low or high:
        raise ValueError(f"{name} must be {_range_text(minimum, maximum, include_min, include_max)}, got {value}")
    return value


def check_int(value, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """``value`` as an int within [minimum, maximum]; whole floats (3.0) pass, booleans and 2.5 do not."""
    whole_float = isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer()
    if isinstance(value, (bool, np.bool_)) or not (isinstance(value, numbers.Integral) or whole_float):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    return _check_range(int(value), name, minimum, maximum)


def check_scalar(value, name: str, minimum: float | None = None, maximum: float | None = None,
                 include_min: bool = True, include_max: bool = True, finite: bool = True) -> float:
    """``value`` as a float within the bounds (each inclusive unless said otherwise); NaN never passes."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    value = float(value)
    if math.isnan(value) or (finite and math.isinf(value)):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return _check_range(value, name, minimum, maximum, include_min, include_max)


def check_choice(value, name: str, choices) -> str:
    """``value`` if it is one of ``choices`` (exact match), else a message that lists them."""
    choices = tuple(choices)
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


def check_series(x, name: str = "x", min_size: int = 1, finite: bool = True, dtype=np.float64) -> np.ndarray:
    """A one-dimensional series as a contiguous array of ``dtype``, with at least ``min_size`` values.

    With ``finite`` (the default) NaN and infinite values are refused, naming
    how many there are and where the first is. ``dtype=None`` keeps float32
    input as float32 (kernels that accept both avoid a copy).
    """
    arr = np.asarray(x)
    if dtype is None:
        dtype = arr.dtype if arr.dtype in (np.float32, np.float64) else np.float64
    try:
        arr = np.ascontiguousarray(arr, dtype=dtype)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers, got {arr.dtype}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} has {arr.size} values; at least {min_size} are needed")
    # One read pass and no temporary: NaN and inf propagate into the sum, so a finite sum means finite values.
    # A non-finite sum (bad values, or finite ones that overflow the sum) gets the exact, element-wise check.
    if finite and arr.size:
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.add.reduce(arr, dtype=np.float64)
    if finite and arr.size and not np.isfinite(total):
        ok = np.isfinite(arr)
        if not ok.all():
            bad = np.flatnonzero(~ok)
            raise ValueError(f"{name} has {bad.size} NaN or infinite values (first at index {bad[0]})")
    return arr


def is_constant(x: np.ndarray) -> bool:
    """True for a series of two or more values, all equal (min == max; no subtraction, so no overflow).

    One sample is not constant but too short: the length checks that follow say so."""
    return x.size > 1 and bool(x.min() == x.max())


def check_positive(value, name: str, allow_zero: bool = False) -> float:
    """``value`` as a finite float > 0 (>= 0 with ``allow_zero``); NaN and inf never pass."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"{name} must be a finite number {'>=' if allow_zero else '>'} 0, got {value}")
    return value


def check_scales(scales, name: str = "scales") -> np.ndarray:
    """Sorted unique integer scales >= 1, as int64; a scalar is one scale."""
    arr = np.atleast_1d(np.asarray(scales))
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    out = sorted({check_int(v.item() if hasattr(v, "item") else v, name, 1) for v in arr})
    return np.asarray(out, dtype=np.int64)


def finite_or_none(value):
    """``value`` as a float when it is a finite number, else None (records hold no NaN or infinity)."""
    return float(value) if value is not None and math.isfinite(value) else None
