"""Notebook data in and out: arrays, pandas Series and DataFrames -> Series; records -> a DataFrame.

A DataFrame gives one series per numeric column, as a CSV file gives the CLI
one per column: a column named ``time`` or ``t`` (or ``time_column``) gives
the sampling step instead, and with ``by=`` a long table is split into one
series per group and column, the group key going into each record as
``group``, right after ``source`` (``--group-by`` in the CLI).
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np

from .base import Records

#: the series name of a one-dimensional array or an unnamed pandas Series (the CLI's name for stdin)
DEFAULT_NAME = "value"


class TscomplexWarning(UserWarning):
    """A warning about one series (a constant column, no natural timescale, ...); its record is still made."""


def as_series(data, source=None, dt=None, nan="error", by=None, time_column=None, columns=None) -> list:
    """The :class:`tscomplex.io.Series` of ``data``: a 1-D or 2-D array, a pandas Series or a DataFrame.

    A 2-D array gives one series per column, named ``0``, ``1``, ... ``nan``
    is ``"error"``, ``"drop"`` or ``"interpolate"``, as in the CLI, and a
    record then counts what it dropped or filled (``nan_dropped``, ``nan_filled``).
    """
    from ..io import Series

    from .._validation import check_choice
    from ..options import NAN_POLICIES

    check_choice(nan, "nan", NAN_POLICIES)
    kind = type(data).__module__.split(".")[0]
    if kind == "pandas" and type(data).__name__ == "DataFrame":
        return _frame_series(data, source or "DataFrame", dt, nan, by, time_column, columns)
    if by is not None:
        raise ValueError("by= splits a DataFrame in long format; give a DataFrame")
    if kind == "pandas" and type(data).__name__ == "Series":
        name = DEFAULT_NAME if data.name is None else str(data.name)
        return [_clean(Series(source or "Series", name, None, dt), data.to_numpy(dtype=np.float64), nan)]
    values = np.asarray(data, dtype=np.float64)
    if values.ndim == 1:
        return [_clean(Series(source or "array", DEFAULT_NAME, None, dt), values, nan)]
    if values.ndim == 2:
        return [_clean(Series(source or "array", str(i), None, dt), values[:, i], nan)
                for i in range(values.shape[1])]
    raise ValueError(f"data must be one series (1-D) or one series per column (2-D), got {values.ndim} dimensions")


def _clean(series, raw, nan):
    """The series with the NaN policy applied, and what it did in ``meta['record']`` as the CLI reports it."""
    from ..io import clean_nonfinite
    from ..io.cleaning import nan_record

    series.values = clean_nonfinite(np.ascontiguousarray(raw, dtype=np.float64), nan, series.name)
    if series.values.size == 0:
        raise ValueError(f"column {series.name!r} has no values")
    record = nan_record(nan, int(np.count_nonzero(~np.isfinite(raw))) if nan != "error" else 0)
    if record:
        series.meta = {**series.meta, "record": record}
    return series


def _frame_series(frame, source, dt, nan, by, time_column, columns) -> list:
    from ..io import TIME_COLUMN_NAMES, Series, uniform_step

    names = [str(c) for c in frame.columns]
    frame = frame.set_axis(names, axis=1)
    if by is not None and by not in names:
        raise ValueError(f"group column {by!r} not found; columns are: {', '.join(names)}")
    rest = [n for n in names if n != by]
    if time_column is None and len(rest) > 1:
        time_column = next((n for n in rest if n.lower() in TIME_COLUMN_NAMES and not (columns and n in columns)),
                           None)
    elif time_column is not None and time_column not in names:
        raise ValueError(f"time column {time_column!r} not found; columns are: {', '.join(names)}")
    numeric = [n for n in rest if n != time_column and frame[n].dtype.kind in "biuf"]
    chosen = list(dict.fromkeys(columns)) if columns else numeric
    for name in chosen:
        if name not in names or frame[name].dtype.kind not in "biuf":
            raise ValueError(f"column {name!r} is not a numeric column; numeric columns are: {', '.join(numeric)}")
    if not chosen:
        raise ValueError("no numeric column found")
    groups = [(None, frame)] if by is None else _groups(frame, by)
    out = []
    for label, part in groups:
        step = dt
        if time_column is not None:
            found = uniform_step(part[time_column].to_numpy(dtype=np.float64), time_column)
            step = found if dt is None else dt
        for name in chosen:
            series = Series(source, name, None, step, {"group": label} if by is not None else {})
            out.append(_clean(series, part[name].to_numpy(dtype=np.float64), nan))
    return out


def _groups(frame, by):
    """(label, rows) per group in sorted key order, rows in table order; integral keys become ints (as the CLI)."""
    keys = frame[by]
    if keys.isna().any():
        raise ValueError(f"group column {by!r} has {int(keys.isna().sum())} blank values")
    uniq = sorted(keys.unique())
    integral = keys.dtype.kind in "biuf" and all(float(k) == round(float(k)) for k in uniq)
    return [(int(k) if integral else (k if isinstance(k, str) else float(k)), frame[keys == k]) for k in uniq]


def tag(records, series) -> list:
    """Records as the CLI writes them for ``series``: its group right after ``source``, then what reading did."""
    from ..batch import tag_group

    return tag_group(list(records), series)


def to_frame(records, raise_errors: bool = True):
    """A DataFrame whose columns are the records' keys in the order they first appear (the CLI's columns).

    Warnings the records carry become :class:`TscomplexWarning` s; an error
    record (a series the measure cannot take) raises ValueError with its reason
    unless ``raise_errors`` is False, when it is a row with an ``error`` column.
    """
    import pandas as pd

    for warning in getattr(records, "warnings", ()):
        warnings.warn(str(warning), TscomplexWarning, stacklevel=3)
    if raise_errors:
        for record in records:
            if "error" in record:
                where = f"{record.get('source')} [{record.get('series')}]"
                raise ValueError(f"{where}: {record['error']}")
    columns = list(dict.fromkeys(key for record in records for key in record))
    frame = pd.DataFrame.from_records(list(records), columns=columns)
    for key in columns:  # an integer key missing from some rows (tau of a sweep's summary) stays integer
        values = [r[key] for r in records if r.get(key) is not None]
        if values and frame[key].dtype.kind == "f" and all(type(v) is int for v in values):
            frame[key] = frame[key].astype("Int64")
    return frame


def collect(series_list, build) -> Records:
    """Records of every series, in order, tagged as the CLI tags them, with their warnings."""
    out = Records()
    for series in series_list:
        try:
            built = build(series)
        except ValueError as exc:  # as the CLI: one error record, the other series go on
            built = Records([{"source": series.source, "series": series.name, "error": str(exc)}])
        out.extend(tag(built, series))
        group = series.meta.get("group")
        out.warnings.extend(replace(w, group=group) if group is not None else w for w in getattr(built, "warnings", ()))
    return out
