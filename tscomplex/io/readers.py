"""Read whole inputs into Series: every numeric column of a file, or one per group of a long table.

Readers raise :class:`~tscomplex.io.errors.InputError` with a one-line reason;
the CLI prints it with the input's name. pyarrow is imported only when a CSV or
Parquet file is read.
"""

from __future__ import annotations

import numpy as np

from .cleaning import check_nan_policy, clean_nonfinite, dt_override_warning, joined, nan_trace
from .columns import _choose_columns, _wanted
from .errors import InputError, SeriesFailure
from .folders import discover
from .series import Series
from .sources import _read_table
from .times import is_datetime, time_record, time_seconds, uniform_step


def expand_inputs(inputs, recursive: bool = False, patterns=()) -> list[str]:
    """Turn files, folders, globs and '-' into the list of paths to read (see :mod:`tscomplex.io.folders`).

    Raises InputError for the first entry that fails (a path that does not
    exist, a glob that matches nothing, a folder with no data files); the CLI
    uses :func:`~tscomplex.io.folders.discover`, which reports each and goes on.
    """
    found = discover(inputs, recursive, patterns)
    if found.failures:
        item, reason = found.failures[0]
        raise InputError(f"{item}: {reason}")
    return found.paths


def _value_dtype(column, nan: str):
    """float32 columns stay float32 (no copy: the ordinal kernels count them as they are), others float64.

    Interpolated gaps are filled in float64, so that policy widens float32 first.
    """
    return np.float32 if getattr(column, "dtype", None) == np.float32 and nan != "interpolate" else np.float64


def read_series(path: str, columns=None, time_column: str | None = None, dt: float | None = None,
                nan: str = "error") -> list[Series]:
    """Read every series of one input (a path or '-' for stdin).

    Every numeric column is a series unless ``columns`` picks some. A column
    named ``time`` or ``t`` (or ``time_column``) gives the sampling step and
    is not analyzed. ``nan`` says what to do with NaN, inf or blank cells:
    ``error`` (the default), ``drop`` them, or ``interpolate`` linearly.
    """
    check_nan_policy(nan)
    table, names_in_order = _read_table(path, _wanted(columns, time_column))
    chosen, time_column = _choose_columns(table, names_in_order, columns, time_column)
    overridden = {}
    if time_column is not None:
        dt_from_time = uniform_step(time_seconds(table[time_column]), time_column)
        overridden = dt_override_warning(dt, dt_from_time, time_column)
        if dt is None:
            dt = dt_from_time
    source = "-" if path == "-" else path
    trace = time_record(time_column, is_datetime(table.get(time_column)))
    out = []
    for name in chosen:
        raw_values = np.asarray(table[name], dtype=_value_dtype(table[name], nan))
        values = clean_nonfinite(raw_values, nan, name)
        if values.size == 0:
            raise InputError(f"column {name!r} has no values")
        record = joined(trace, overridden, nan_trace(raw_values, nan, source, name, time_column))
        out.append(Series(source=source, name=str(name), values=values, dt=dt,
                          meta={"record": record} if record else {}))
    return out


def read_groups(path: str, group_by: str, columns=None, time_column: str | None = None,
                dt: float | None = None, nan: str = "error") -> list:
    """Split a long-format table on column ``group_by``: one Series per group and numeric column.

    Groups come in sorted key order; rows keep their file order within a
    group. The key is in ``Series.meta["group"]`` (an int when every key is
    integral, else a float or a string). The time column, NaN policy and
    length checks apply to each group separately; a group that fails them
    becomes a :class:`SeriesFailure` and the other groups go on.
    """
    check_nan_policy(nan)
    table, names_in_order = _read_table(path, _wanted(columns, time_column, group_by), raw={group_by})
    if group_by not in table:
        raise InputError(f"group column {group_by!r} not found; columns are: {', '.join(names_in_order)}")
    keys = table[group_by]
    if keys is None:
        raise InputError(f"group column {group_by!r} could not be read")
    rest = [n for n in names_in_order if n != group_by]
    chosen, time_column = _choose_columns({k: v for k, v in table.items() if k != group_by}, rest,
                                          columns, time_column)
    if keys.dtype == object:
        missing = np.array([k is None or k == "" for k in keys])
    else:
        missing = ~np.isfinite(keys)
    if missing.any():
        raise InputError(f"group column {group_by!r} has {int(missing.sum())} blank values "
                         f"(first at data row {int(np.argmax(missing)) + 1})")
    uniq, inverse = np.unique(keys, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.cumsum(np.bincount(inverse, minlength=uniq.size))[:-1]
    if keys.dtype != object and np.all(uniq == np.round(uniq)):
        labels = [int(k) for k in uniq]
    else:
        labels = [k if isinstance(k, str) else float(k) for k in uniq.tolist()]
    source = "-" if path == "-" else path
    out: list = []
    for label, rows in zip(labels, np.split(order, bounds)):
        meta = {"group": label}
        group_dt = dt
        if time_column is not None:
            try:
                step = uniform_step(time_seconds(table[time_column])[rows], time_column)
            except InputError as exc:
                out.append(SeriesFailure(source, None, f"{exc} (rows counted within the group)", meta))
                continue
            if group_dt is None:
                group_dt = step
        trace = joined(time_record(time_column, is_datetime(table.get(time_column))),
                        dt_override_warning(dt, step, time_column) if time_column is not None else {})
        for name in chosen:
            try:
                raw_values = np.asarray(table[name], dtype=_value_dtype(table[name], nan))[rows]
                values = clean_nonfinite(raw_values, nan, name)
            except InputError as exc:
                out.append(SeriesFailure(source, str(name), f"{exc} (rows counted within the group)", meta))
                continue
            record = joined(trace, nan_trace(raw_values, nan, f"{source} group {label}", name, time_column))
            out.append(Series(source=source, name=str(name), values=values, dt=group_dt,
                              meta={**meta, **({"record": record} if record else {})}))
    return out
