"""NaN policies: what happens to NaN, inf and blank cells (error, drop, interpolate), whole or block by block.

The record of a series says what its policy did (``nan_dropped``, ``nan_filled``).
Messages name the parameter (``nan="drop"``); the command line names its option.
"""

from __future__ import annotations

import math

import numpy as np

from ..options import NAN_POLICIES
from .errors import InputError


def check_nan_policy(nan: str) -> None:
    if nan not in NAN_POLICIES:
        raise InputError(f"nan must be one of {', '.join(NAN_POLICIES)}, got {nan!r}")


#: The advice of every message about a column with non-finite values under nan="error".
NAN_ADVICE = 'use nan="drop" or nan="interpolate"'


def nan_record(policy: str, count: int) -> dict:
    """What a record says about the NaN policy it went through: nothing for ``error``."""
    if policy == "drop":
        return {"nan_dropped": count}
    if policy == "interpolate":
        return {"nan_filled": count}
    return {}


def clean_nonfinite(values: np.ndarray, policy: str, name: str) -> np.ndarray:
    """Apply the NaN policy to one column."""
    bad = ~np.isfinite(values)
    n_bad = int(bad.sum())
    if n_bad == 0:
        return values
    if policy == "error":
        first = int(np.argmax(bad)) + 1  # data rows counted from 1, as a person reads a file
        raise InputError(
            f"column {name!r} has {n_bad} NaN, inf or blank values (first at data row {first}); {NAN_ADVICE}"
        )
    if policy == "drop":
        return values[~bad]
    good = np.flatnonzero(~bad)
    if good.size < 2:
        raise InputError(f"column {name!r} has fewer than 2 finite values to interpolate between")
    idx = np.arange(values.size)
    out = values.copy()
    out[bad] = _interp_finite(idx[bad], good, values[good], name)
    return out


def _interp_finite(x, xp, fp, name: str) -> np.ndarray:
    """np.interp, refusing the one way it can make inf from finite values:
    a gap between two values near the float64 limit with opposite signs."""
    out = np.interp(x, xp, fp)
    if not np.all(np.isfinite(out)):
        raise InputError(f"column {name!r}: interpolating across a gap overflows float64 "
                         '(values near 1.8e308); rescale the data or use nan="drop"')
    return out


class StreamInterpolator:
    """``clean_nonfinite(..., "interpolate")`` block by block, with the same values bit for bit.

    np.interp's value at x depends only on the two finite neighbours of x, so
    each gap is filled by np.interp on those two points (global row numbers as
    x), which is exactly what the whole-array call computes. A gap not closed
    by the end of a block is only counted, and filled (in pieces of one chunk)
    once the next finite value arrives; before the first and after the last
    finite value the nearest finite value is repeated, as np.interp does.
    """

    def __init__(self, name: str, chunk: int):
        self.name, self.chunk = name, chunk
        self.last = None  # (row, value) of the last finite sample seen
        self.gap_start, self.gap = 0, 0  # a run of non-finite rows not filled yet
        self.finite = 0
        self.any_bad = False
        self.leading = self.trailing = 0  # non-finite samples before the first and after the last finite one

    def _fill_gap(self, right):
        if right is None:
            self.trailing = self.gap
        pieces = []
        for lo in range(self.gap_start, self.gap_start + self.gap, self.chunk):
            rows = np.arange(lo, min(lo + self.chunk, self.gap_start + self.gap))
            if self.last is None or right is None:
                value = right[1] if self.last is None else self.last[1]
                pieces.append(np.full(rows.size, value))
            else:
                pieces.append(_interp_finite(rows, [self.last[0], right[0]], [self.last[1], right[1]], self.name))
        self.gap = 0
        return pieces

    def add(self, values: np.ndarray, row: int) -> list:
        bad = ~np.isfinite(values)
        if not bad.any() and self.gap == 0:
            if values.size:
                self.last = (row + values.size - 1, float(values[-1]))
                self.finite += values.size
            return [values]
        self.any_bad = self.any_bad or bool(bad.any())
        good = np.flatnonzero(~bad)
        if good.size == 0:
            if self.gap == 0:
                self.gap_start = row
            self.gap += values.size
            return []
        self.finite += good.size
        first = (row + int(good[0]), float(values[good[0]]))
        if self.last is None:  # nothing finite before: the held gap and this block's head lead the series
            self.leading = self.gap + int(good[0])
        pieces = self._fill_gap(first) if self.gap else []
        end = int(good[-1]) + 1  # rows after the last finite one wait for the next block
        out = values[:end].copy()
        inside = np.flatnonzero(bad[:end])
        if inside.size:
            xp = row + good
            fp = values[good]
            if self.last is not None:
                xp, fp = np.concatenate(([self.last[0]], xp)), np.concatenate(([self.last[1]], fp))
            out[inside] = _interp_finite(row + inside, xp, fp, self.name)
        pieces.append(out)
        self.last = (row + end - 1, float(values[end - 1]))
        if end < values.size:
            self.gap_start, self.gap = row + end, values.size - end
        return pieces

    def finish(self, row: int) -> list:
        if self.any_bad and self.finite < 2:
            raise InputError(f"column {self.name!r} has fewer than 2 finite values to interpolate between")
        return self._fill_gap(None) if self.gap else []


def nan_trace(raw: np.ndarray, nan: str, source: str, name: str, time_column) -> dict:
    """The record's count of values the NaN policy dropped or filled, and (as data: see :func:`nan_warning`) a
    warning when dropping breaks the time axis, or when interpolating held a value over the ends."""
    count = int(np.count_nonzero(~np.isfinite(raw))) if nan != "error" else 0
    leading = trailing = 0
    if nan == "interpolate" and count:
        finite = np.flatnonzero(np.isfinite(raw))
        if finite.size:
            leading, trailing = int(finite[0]), int(raw.size - 1 - finite[-1])
    return joined(nan_record(nan, count), nan_warning(count, nan, time_column), edge_warning(leading, trailing, nan))


def joined(*records: dict) -> dict:
    """The records' keys together, their warnings (:data:`WARNINGS`) in one list."""
    out: dict = {}
    for record in records:
        for key, value in record.items():
            out[key] = out.get(key, []) + value if key == WARNINGS else value
    return out


def edge_warning(leading: int, trailing: int, nan: str) -> dict:
    """``{WARNINGS: [text]}`` when ``nan="interpolate"`` repeated the first or last finite value over non-finite
    samples at an end, where there is nothing to interpolate between; else ``{}``."""
    ends = [f"{k} {where}" for k, where in ((leading, "leading"), (trailing, "trailing")) if k]
    if nan != "interpolate" or not ends:
        return {}
    return {WARNINGS: [f'nan="interpolate" repeated the nearest finite value over {" and ".join(ends)} '
                       "samples (an end has nothing to interpolate between): these ties read as order; trim "
                       "the ends"]}


def dt_override_warning(dt, step: float, time_column) -> dict:
    """``{WARNINGS: [text]}`` when a given ``dt`` differs from the time column's step, which it replaces."""
    if dt is None or math.isclose(dt, step, rel_tol=1e-6):
        return {}
    return {WARNINGS: [f"the dt given, {dt:g}, replaces the step of the time column {time_column!r}, {step:g}"]}


#: the key under which reading leaves warnings for whoever prints them (the CLI's run prints and removes it)
WARNINGS = "_stderr_warnings"


def nan_warning(count: int, nan: str, time_column) -> dict:
    """``{WARNINGS: [text]}`` when ``nan="drop"`` removed samples of a series that has a time axis, else ``{}``."""
    if nan == "drop" and count and time_column is not None:
        return {WARNINGS: [f'nan="drop" removed {count} samples, so the time axis {time_column!r} now has gaps '
                           '(dt assumes none); nan="interpolate" keeps it uniform']}
    return {}
