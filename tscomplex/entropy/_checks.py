"""Checks shared by the entropy and fractal measures: one message shape, naming the parameter and its range."""

from __future__ import annotations

import numpy as np


def check_series(x, name: str = "x", minimum: int = 3) -> np.ndarray:
    """A finite 1-D float64 array of at least ``minimum`` values, or ValueError saying what is wrong."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {x.shape}")
    if x.size < minimum:
        raise ValueError(f"{name} has {x.size} values; at least {minimum} are needed")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return np.ascontiguousarray(x)


def check_int(value, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """An integer in [minimum, maximum], or ValueError naming the parameter and the allowed range."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) and not (
            isinstance(value, float) and value.is_integer()):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if value < minimum or (maximum is not None and value > maximum):
        allowed = f">= {minimum}" if maximum is None else f"between {minimum} and {maximum}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def check_positive(value, name: str) -> float:
    """A finite float > 0, or ValueError."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value}")
    return value


def check_scales(scales, name: str = "scales") -> np.ndarray:
    """Sorted unique integer scales >= 1."""
    arr = np.atleast_1d(np.asarray(scales))
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    out = sorted({check_int(v.item() if hasattr(v, "item") else v, name, 1) for v in arr})
    return np.asarray(out, dtype=np.int64)
