"""Time columns: date-times as seconds, and the uniform sampling step they must have.

A time column may hold numbers (any unit: dt is in that unit) or date-times:
ISO 8601 strings (``2024-03-01T12:00:00``, with or without a UTC offset such as
``+01:00`` or ``Z``), or Parquet/Arrow timestamp and date types, timezone-aware
or not. Date-times become seconds since the first row, so dt is in seconds and
the record says so (``dt_unit: "s"``). Values with an offset are compared in
UTC, so a column that crosses a daylight-saving change stays uniform.

Without ``--time-column``, a column named ``time`` or ``t`` is the time axis,
else the first date-time column; the record names it (``time_column``).
"""

from __future__ import annotations

import math
import re

import numpy as np

from .errors import InputError

_LOOKS_LIKE_DATE = re.compile(r"^\s*\"?\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?"
                              r"\s*(Z|[+-]\d{2}:?\d{2})?\"?\s*$")


def is_datetime(values) -> bool:
    return isinstance(values, np.ndarray) and values.dtype.kind == "M"


def looks_like_datetime(cell: str) -> bool:
    return bool(_LOOKS_LIKE_DATE.match(cell))


def parse_datetimes(cells: list[str]):
    """ISO 8601 strings -> datetime64[ns] in UTC, or None when they are not all date-times (blanks are NaT)."""
    sample = [c for c in cells[:50] if c.strip()]
    if not sample or not all(_LOOKS_LIKE_DATE.match(c) for c in sample):
        return None
    import pandas as pd

    cleaned = [c.strip().strip('"') or None for c in cells]
    try:
        parsed = pd.to_datetime(pd.Series(cleaned, dtype=object), utc=True, format="ISO8601")
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.dt.tz_convert(None).to_numpy(dtype="datetime64[ns]")


def arrow_datetimes(column):
    """A pyarrow timestamp or date column -> datetime64[ns] (UTC for timezone-aware values), else None."""
    import pyarrow as pa

    kind = column.type
    if not (pa.types.is_timestamp(kind) or pa.types.is_date(kind)):
        return None
    if pa.types.is_date(kind):
        column = column.cast(pa.timestamp("s"))
    ints = column.cast(pa.timestamp("ns", tz=getattr(column.type, "tz", None))).cast(pa.int64())
    out = ints.to_numpy(zero_copy_only=False)
    if out.dtype != np.int64:  # nulls come back as floats
        out = np.where(np.isnan(out), np.iinfo(np.int64).min, out).astype(np.int64)
    return out.view("datetime64[ns]")


def time_seconds(values) -> np.ndarray:
    """A time column as float64: date-times as seconds since the first row (NaT -> NaN), numbers as they are."""
    if not is_datetime(values):
        return np.asarray(values, dtype=np.float64)
    ns = values.astype("datetime64[ns]").view(np.int64)
    missing = values != values  # NaT
    first = ns[~missing][0] if (~missing).any() else 0
    out = (ns - first).astype(np.float64) / 1e9
    out[missing] = np.nan
    return out


def time_record(time_column: str | None, datetimes: bool) -> dict:
    """What a record says about a date-time axis: which column, and that dt is in seconds.

    A numeric time column (``time``, ``t`` or ``--time-column``) adds nothing:
    its unit is whatever the file's is, and records have always given its dt
    as is; the keys would change every existing table for no information.
    """
    if time_column is None or not datetimes:
        return {}
    return {"time_column": time_column, "dt_unit": "s"}


def uniform_step(time: np.ndarray, name: str = "time") -> float:
    """The sampling step of a time column, which must be increasing, with every step within 1% of the mean.

    The step is the mean step (t[-1] - t[0]) / (n - 1), so that a column read in
    chunks (:class:`StepChecker`) gives exactly the same value.
    """
    checker = StepChecker(name)
    checker.add(np.asarray(time, dtype=np.float64))
    return checker.step()


class StepChecker:
    """Checks a time column fed in blocks and returns its uniform step (same result as one block)."""

    def __init__(self, name: str = "time"):
        self.name = name
        self.first = self.last = None
        self.count = 0
        self.lo = self.hi = None  # (smallest step, its row), (largest step, its row)

    def add(self, block: np.ndarray) -> None:
        if block.size == 0:
            return
        steps = np.diff(block) if self.last is None else np.diff(block, prepend=self.last)
        offset = self.count if self.last is None else self.count - 1  # row of steps[0] is offset + 1
        if steps.size:
            if not np.all(np.isfinite(steps)) or np.any(steps <= 0):
                bad = int(np.argmax(~np.isfinite(steps) | (steps <= 0)))
                raise InputError(f"time column {self.name!r} is not strictly increasing (row {offset + bad + 1})")
            i, j = int(np.argmin(steps)), int(np.argmax(steps))
            if self.lo is None or steps[i] < self.lo[0]:
                self.lo = (float(steps[i]), offset + i + 1)
            if self.hi is None or steps[j] > self.hi[0]:
                self.hi = (float(steps[j]), offset + j + 1)
        if self.first is None:
            self.first = float(block[0])
        self.last = float(block[-1])
        self.count += block.size

    def step(self) -> float:
        if self.count < 2:
            raise InputError(f"time column {self.name!r} has fewer than 2 values")
        step = round_significant((self.last - self.first) / (self.count - 1))
        worst = max(self.lo, self.hi, key=lambda s: abs(s[0] - step))
        if abs(worst[0] - step) > STEP_TOLERANCE * abs(step):
            raise InputError(
                f"time column {self.name!r} is not uniformly spaced: step {worst[0]:g} at row {worst[1]} "
                f"differs from the mean step {step:g}"
            )
        return step


STEP_SIGNIFICANT_DIGITS = 12
#: Largest relative deviation of one step from the mean step: a time column written with a few decimals
#: (hours / 24 to 5 places jitters by 2e-4) is uniform; a missing sample (a step of 2 dt) is not.
STEP_TOLERANCE = 0.01


def round_significant(value: float, digits: int = STEP_SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits (0.00999999999999801 -> 0.01).

    A time column written in decimal (0, 0.01, 0.02, ...) has a mean step that
    differs from the intended one in the last few bits; 12 digits removes that
    noise and keeps far more precision than the uniformity check allows (1%).
    """
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits - 1}e}")
