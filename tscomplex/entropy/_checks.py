"""moved; shim for the redesign merge: the checks of the entropy and fractal measures live in tscomplex._validation."""

from __future__ import annotations

from .._validation import check_int as _check_int
from .._validation import check_positive, check_scales  # noqa: F401
from .._validation import check_series as _check_series


def check_series(x, name: str = "x", minimum: int = 3):
    """:func:`tscomplex._validation.check_series` with this module's old default of 3 values."""
    return _check_series(x, name, min_size=minimum)


def check_int(value, name: str, minimum: int = 1, maximum: int | None = None) -> int:
    """:func:`tscomplex._validation.check_int` with this module's old default minimum of 1."""
    return _check_int(value, name, minimum, maximum)
