"""Date-time time columns and the traces the NaN policies leave in records.

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

import re

import numpy as np

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


def nan_record(policy: str, count: int) -> dict:
    """What a record says about the NaN policy it went through: nothing for ``error``."""
    if policy == "drop":
        return {"nan_dropped": count}
    if policy == "interpolate":
        return {"nan_filled": count}
    return {}
