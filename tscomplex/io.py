"""Readers (files, folders, stdin) that yield Series, and writers that emit records atomically.

Readers raise :class:`InputError` with a one-line reason; the CLI prints it
with the input's name. pyarrow is imported only when a CSV or Parquet file is
read, and nothing here imports pandas.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import math
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field

import numpy as np

from .io_times import (arrow_datetimes, is_datetime, looks_like_datetime, nan_record, parse_datetimes, time_record,
                       time_seconds)

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".dat")
PARQUET_SUFFIXES = (".parquet", ".pq")
NUMPY_SUFFIXES = (".npy", ".npz")
COMPRESSED_SUFFIXES = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PARQUET_SUFFIXES + NUMPY_SUFFIXES
TIME_COLUMN_NAMES = ("time", "t")
NAN_POLICIES = ("error", "drop", "interpolate")


class InputError(ValueError):
    """A problem with one input, described in one line."""


@dataclass
class Series:
    """One series: where it came from, its name there, its samples, and its sampling step."""

    source: str
    name: str
    values: np.ndarray
    dt: float | None = None
    meta: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- discovering inputs


def _suffixes(path: str) -> tuple[str, str | None]:
    """(data suffix, compression suffix or None) of a file name, lower case."""
    base, ext = os.path.splitext(path.lower())
    if ext in COMPRESSED_SUFFIXES:
        return os.path.splitext(base)[1], ext
    return ext, None


def is_supported(path: str) -> bool:
    ext, comp = _suffixes(path)
    if comp is not None:
        return ext in TEXT_SUFFIXES
    return ext in SUPPORTED_SUFFIXES


def expand_inputs(inputs, recursive: bool = False, patterns=()) -> list[str]:
    """Turn files, folders, globs and '-' into the list of paths to read (see :mod:`tscomplex.io_folders`).

    Raises InputError for the first entry that fails (a path that does not
    exist, a glob that matches nothing, a folder with no data files); the CLI
    uses :func:`~tscomplex.io_folders.discover`, which reports each and goes on.
    """
    from .io_folders import discover

    found = discover(inputs, recursive, patterns)
    if found.failures:
        item, reason = found.failures[0]
        raise InputError(f"{item}: {reason}")
    return found.paths


# --------------------------------------------------------------------------- reading


def read_series(path: str, columns=None, time_column: str | None = None, dt: float | None = None,
                nan: str = "error") -> list[Series]:
    """Read every series of one input (a path or '-' for stdin).

    Every numeric column is a series unless ``columns`` picks some. A column
    named ``time`` or ``t`` (or ``time_column``) gives the sampling step and
    is not analyzed. ``nan`` says what to do with NaN, inf or blank cells:
    ``error`` (the default), ``drop`` them, or ``interpolate`` linearly.
    """
    _check_nan_policy(nan)
    table, names_in_order = _read_table(path, _wanted(columns, time_column))
    chosen, time_column = _choose_columns(table, names_in_order, columns, time_column)
    if time_column is not None:
        dt_from_time = uniform_step(time_seconds(table[time_column]), time_column)
        if dt is None:
            dt = dt_from_time
    source = "-" if path == "-" else path
    trace = time_record(time_column, is_datetime(table.get(time_column)))
    out = []
    for name in chosen:
        raw_values = np.asarray(table[name], dtype=np.float64)
        values = clean_nonfinite(raw_values, nan, name)
        if values.size == 0:
            raise InputError(f"column {name!r} has no values")
        record = {**trace, **_nan_trace(raw_values, nan, source, name, time_column)}
        out.append(Series(source=source, name=str(name), values=values, dt=dt,
                          meta={"record": record} if record else {}))
    return out


def _nan_trace(raw: np.ndarray, nan: str, source: str, name: str, time_column) -> dict:
    """The record's count of values the NaN policy dropped or filled; a warning when dropping breaks the time axis."""
    count = int(np.count_nonzero(~np.isfinite(raw))) if nan != "error" else 0
    _nan_warning(count, nan, source, name, time_column)
    return nan_record(nan, count)


def _nan_warning(count: int, nan: str, source: str, name: str, time_column) -> None:
    if nan == "drop" and count and time_column is not None:
        from ._printable import printable

        sys.stderr.write(printable(f"tscomplex: warning: {source} [{name}]: --nan drop removed {count} samples, "
                                   f"so the time axis {time_column!r} now has gaps (dt assumes none); "
                                   "--nan interpolate keeps it uniform") + "\n")


@dataclass
class SeriesFailure:
    """A series (or a group of a long table) that could not be read; the others of its file go on."""

    source: str
    name: str | None
    reason: str
    meta: dict = field(default_factory=dict)


def read_groups(path: str, group_by: str, columns=None, time_column: str | None = None,
                dt: float | None = None, nan: str = "error") -> list:
    """Split a long-format table on column ``group_by``: one Series per group and numeric column.

    Groups come in sorted key order; rows keep their file order within a
    group. The key is in ``Series.meta["group"]`` (an int when every key is
    integral, else a float or a string). The time column, NaN policy and
    length checks apply to each group separately; a group that fails them
    becomes a :class:`SeriesFailure` and the other groups go on.
    """
    _check_nan_policy(nan)
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
        trace = time_record(time_column, is_datetime(table.get(time_column)))
        for name in chosen:
            try:
                raw_values = np.asarray(table[name], dtype=np.float64)[rows]
                values = clean_nonfinite(raw_values, nan, name)
            except InputError as exc:
                out.append(SeriesFailure(source, str(name), f"{exc} (rows counted within the group)", meta))
                continue
            record = {**trace, **_nan_trace(raw_values, nan, f"{source} group {label}", name, time_column)}
            out.append(Series(source=source, name=str(name), values=values, dt=group_dt,
                              meta={**meta, **({"record": record} if record else {})}))
    return out


def _check_nan_policy(nan: str) -> None:
    if nan not in NAN_POLICIES:
        raise InputError(f"--nan must be one of {', '.join(NAN_POLICIES)}, got {nan!r}")


class _Wanted(frozenset):
    """Column names to parse: the chosen ones, and any column that may be the time axis."""

    def __contains__(self, name) -> bool:
        return frozenset.__contains__(self, name) or (isinstance(name, str) and name.lower() in TIME_COLUMN_NAMES)


def _wanted(columns, *extra):
    """The columns a reader must parse, or None for all of them."""
    if not columns:
        return None
    return _Wanted(set(columns) | {e for e in extra if e})


def _choose_columns(table: dict, names_in_order: list, columns, time_column):
    """(series column names, time column or None) after checking they exist and are numeric."""
    if not names_in_order:
        raise InputError("no columns found")
    if time_column is not None:
        if time_column not in table:
            raise InputError(f"time column {time_column!r} not found; columns are: {', '.join(names_in_order)}")
    else:  # a column named time or t is the time axis, also when -c picks other columns; else a date-time one
        for name in names_in_order:
            if (name.lower() in TIME_COLUMN_NAMES and table.get(name) is not None and len(names_in_order) > 1
                    and not (columns and name in columns)):
                time_column = name
                break
        else:
            time_column = next((n for n in names_in_order if is_datetime(table.get(n))), None)
    if time_column is not None and table.get(time_column) is None:
        raise InputError(f"time column {time_column!r} is neither numbers nor ISO 8601 date-times")
    if columns:
        missing = [c for c in columns if c not in table]
        if missing:
            raise InputError(f"column {missing[0]!r} not found; columns are: {', '.join(names_in_order)}")
        chosen = list(dict.fromkeys(columns))  # -c x -c x is one series, not two identical records
        for name in chosen:
            if is_datetime(table[name]):
                raise InputError(f"column {name!r} holds date-times; it can be the time axis (--time-column "
                                 f"{name}), not a series")
            if table[name] is None:
                others = [n for n in names_in_order if n != name]
                raise InputError(f"column {name!r} is not numeric; " + (
                    f"other columns are: {', '.join(others)}" if others else "the file has no other column"))
    else:
        chosen = [c for c in names_in_order if c != time_column and table.get(c) is not None
                  and not is_datetime(table.get(c))]
        if not chosen:
            raise InputError("no numeric column found")
    return chosen, time_column


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


def clean_nonfinite(values: np.ndarray, policy: str, name: str) -> np.ndarray:
    """Apply the NaN policy to one column."""
    bad = ~np.isfinite(values)
    n_bad = int(bad.sum())
    if n_bad == 0:
        return values
    if policy == "error":
        first = int(np.argmax(bad)) + 1  # data rows counted from 1, as a person reads a file
        raise InputError(
            f"column {name!r} has {n_bad} NaN, inf or blank values (first at data row {first}); "
            "use --nan drop or --nan interpolate"
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
                         "(values near 1.8e308); rescale the data or use --nan drop")
    return out


_MAGIC = {b"\x93NUMPY": ".npy", b"PK\x03\x04": ".npz", b"PAR1": ".parquet"}


def _binary_suffix(data: bytes) -> str | None:
    """The suffix of a binary format that ``data`` starts with, or None for text."""
    for magic, suffix in _MAGIC.items():
        if data.startswith(magic):
            return suffix
    return None


def _read_table(path: str, wanted, raw=()) -> tuple[dict, list[str]]:
    """Return ({name: numeric array, or None if not numeric}, names in file order).

    ``wanted`` is a set of column names to parse, or None for all; the others
    are listed but not parsed. Columns named in ``raw`` (a group key) come back
    as an object array of strings when they are not numeric.
    """
    from .io_limits import read_bounded, stream_error

    if path == "-":
        return _read_stream(read_bounded(sys.stdin.buffer, stream_error(InputError)), wanted, raw)
    try:
        if os.path.isdir(path):
            raise InputError("is a folder; give its files or a glob")
        if not _is_regular(path):  # a FIFO, /dev/zero, a terminal: bounded, and read as stdin is
            with open(path, "rb") as fh:
                return _read_stream(read_bounded(fh, stream_error(InputError)), wanted, raw, _suffixes(path)[1])
        ext, comp = _suffixes(path)
        if ext in PARQUET_SUFFIXES and comp is None:
            return _read_parquet(path, wanted, raw)
        if ext in NUMPY_SUFFIXES and comp is None:
            return _read_numpy(path)
        with open(path, "rb") as fh:
            data = _decompress(fh, comp) if comp is not None else fh.read()
        return _parse_text(data, wanted, raw)
    except PermissionError:
        raise InputError("permission denied; make the file readable (chmod +r)") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a folder") from None


def _is_regular(path: str) -> bool:
    import stat

    return stat.S_ISREG(os.stat(path).st_mode)


_DECOMPRESSORS = {".gz": gzip.GzipFile, ".bz2": bz2.BZ2File, ".xz": lzma.LZMAFile}


def _decompress(fh, comp: str) -> bytes:
    """The decompressed bytes of a .gz/.bz2/.xz file, bounded (a small archive can expand without end)."""
    from .io_limits import max_stream_bytes

    limit = 4 * max_stream_bytes()
    try:
        with _DECOMPRESSORS[comp](fileobj=fh) if comp == ".gz" else _DECOMPRESSORS[comp](fh) as packed:
            data = packed.read(limit + 1)
    except Exception as exc:  # corrupt archive: any decompressor error
        raise InputError(f"cannot decompress ({exc})") from None
    if len(data) > limit:
        raise InputError(f"expands to more than {limit} bytes; decompress it, or save it as NPY or Parquet")
    return data


def _read_stream(data: bytes, wanted, raw=(), comp=None) -> tuple[dict, list[str]]:
    """A table from bytes already read (stdin, a pipe): NPY, NPZ and Parquet go through a temporary file."""
    if comp is not None:
        data = _decompress(_io.BytesIO(data), comp)
    suffix = _binary_suffix(data)
    if suffix:  # NPY, NPZ or Parquet piped in: read it as the file it is
        with tempfile.TemporaryDirectory() as folder:
            tmp = os.path.join(folder, "stdin" + suffix)
            with open(tmp, "wb") as fh:
                fh.write(data)
            return _read_table(tmp, wanted, raw)
    return _parse_text(data, wanted, raw)


def _parse_text(data: bytes, wanted, raw=()) -> tuple[dict, list[str]]:
    if data[:2] == b"\x1f\x8b":  # gzip content under a plain name (or from stdin)
        try:
            data = gzip.decompress(data)
        except Exception as exc:  # truncated or corrupt: EOFError, BadGzipFile, zlib.error
            raise InputError(f"starts like gzip but cannot be decompressed ({exc})") from None
    if b"\x00" in data[:8192]:
        raise InputError("not a text file (binary content); expected CSV, TSV or one number per line")
    _check_width(data)
    fast = _parse_numeric_text(data)
    if fast is not None:
        return fast
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not a text file (not valid UTF-8); expected CSV, TSV or one number per line") from None
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InputError("file is empty")
    first = lines[0]
    delimiter = "\t" if "\t" in first else "," if "," in first else ";" if ";" in first else None
    fields = _split(first, delimiter)
    if len(fields) > 1:
        lines = [ln for ln in lines if ln.strip()]
    else:  # one value a line: an empty line inside the data is a blank cell
        lines = [ln if ln.strip() else "nan" for ln in lines]
    has_header = not all(_is_number(f) for f in fields)
    if has_header:
        names = [f.strip().strip('"').strip("'") or f"column_{i}" for i, f in enumerate(fields)]
        body = lines[1:]
        if not body:
            raise InputError("file has a header but no data rows")
    else:
        names = [str(i) for i in range(len(fields))] if len(fields) > 1 else ["value"]
        body = lines
    if len(set(names)) != len(names):
        raise InputError("duplicate column names in header")
    try:  # fast path: every cell a number
        matrix = np.loadtxt(body, delimiter=delimiter, ndmin=2, dtype=np.float64, comments=None)
    except ValueError:
        matrix = None
    if matrix is not None and matrix.shape[1] == len(names):
        return {name: matrix[:, j] for j, name in enumerate(names)}, names
    cells = [_split(ln, delimiter) for ln in body]
    for row_no, row in enumerate(cells):
        if len(row) != len(names):
            raise InputError(f"row {row_no + 1 + has_header} has {len(row)} fields, expected {len(names)}")
    table = {}
    for j, name in enumerate(names):
        if wanted is None or name in wanted or name in raw:
            table[name] = _to_float([row[j] for row in cells])
            if table[name] is None:  # perhaps the time axis, written as ISO 8601 date-times
                table[name] = parse_datetimes([row[j] for row in cells])
            if table[name] is None and name in raw:
                table[name] = np.array([row[j].strip().strip('"') for row in cells], dtype=object)
        elif looks_like_datetime(cells[0][j]):  # not chosen, but perhaps the time axis: -c x keeps its dt
            table[name] = parse_datetimes([row[j] for row in cells])
        else:
            table[name] = None
    return table, names


_PYARROW_NULLS = ["", "nan", "NaN", "NAN", "-nan", "-NaN", "na", "NA", "n/a", "N/A", "null", "NULL", "Null",
                  "none", "None", "NONE"]


_BLANK_LINE = re.compile(rb"\n[ \t,;\r\f\v]+(?=\n|$)")


#: Below this size a lone text file is parsed by numpy: pyarrow's import (0.2-0.3 s) would dominate a single
#: small file. Batches import pyarrow once (:func:`warm_text_reader`) and then parse every file with it.
FAST_TEXT_MIN_BYTES = 1 << 20


def warm_text_reader() -> None:
    """Import pyarrow's CSV reader now, so that every text file after this one takes the fast path."""
    try:
        import pyarrow.csv  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        pass


def _parse_numeric_text(data: bytes):
    """The common case, fast: a text table whose every cell is a number (or blank/NA).

    pyarrow's CSV parser is about 4x quicker than numpy's for 10^4 rows, which is
    most of the per-file cost of a batch. Every column is forced to float64; a
    file that does not fit (comments, whitespace-separated columns, words,
    ragged rows, a duplicate header) returns None and takes the general path,
    which also writes the error messages. Numbers are parsed with correct
    rounding by both, so the values are identical.
    """
    if len(data) < FAST_TEXT_MIN_BYTES and "pyarrow.csv" not in sys.modules:
        return None  # importing pyarrow costs more than numpy's parse of one small file
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"#" in data or not data[:1].strip():
        return None
    data = data.rstrip()
    if _BLANK_LINE.search(data):  # a line of only spaces or delimiters: the general path decides
        return None
    end = data.find(b"\n")
    first = (data if end < 0 else data[:end]).decode("utf-8", "replace")
    delimiter = "\t" if "\t" in first else "," if "," in first else ";" if ";" in first else None
    fields = _split(first, delimiter)
    if delimiter is None and len(fields) != 1:
        return None
    has_header = not all(_is_number(f) for f in fields)
    if has_header:
        names = [f.strip().strip('"').strip("'") or f"column_{i}" for i, f in enumerate(fields)]
        if end < 0:
            return None
    else:
        names = [str(i) for i in range(len(fields))] if len(fields) > 1 else ["value"]
    if len(set(names)) != len(names):
        return None
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        return None
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data + b"\n"),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1 if has_header else 0, use_threads=False),
            # one value a line: an empty line inside the data is a blank cell, as in the general path
            parse_options=pacsv.ParseOptions(delimiter=delimiter or "\x01", ignore_empty_lines=len(names) > 1),
            convert_options=pacsv.ConvertOptions(column_types={n: pa.float64() for n in names},
                                                 null_values=_PYARROW_NULLS, strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    if table.num_rows == 0:
        return None
    return {n: table.column(i).to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
            for i, n in enumerate(names)}, names


def _split(line: str, delimiter: str | None) -> list[str]:
    """The fields of one line; a delimiter inside double quotes belongs to its field (RFC 4180)."""
    if delimiter is None:
        return line.split()
    if '"' not in line:
        return line.split(delimiter)
    import csv

    try:
        row = next(csv.reader([line], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration):
        return line.split(delimiter)
    return row


def _check_width(data: bytes) -> None:
    """Refuse a row wider than MAX_COLUMNS fields before any parser allocates a column for each."""
    from .io_limits import MAX_COLUMNS

    if len(data) <= MAX_COLUMNS:  # a row of more fields needs more bytes than that
        return
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    ends = np.concatenate((newlines, [len(data)]))
    starts = np.concatenate(([0], newlines + 1))
    for row in np.flatnonzero(ends - starts >= MAX_COLUMNS):
        line = data[starts[row]:ends[row]]
        width = max(line.count(b","), line.count(b"\t"), line.count(b";"), len(line.split()) - 1) + 1
        if width > MAX_COLUMNS:
            raise InputError(f"line {row + 1} has {width} fields; at most {MAX_COLUMNS} columns are read "
                             "(store a very wide table as NPY or Parquet, one series per column)")


_NULLS = {"", "nan", "na", "n/a", "null", "none", "-nan"}


def _is_number(text: str) -> bool:
    t = text.strip().strip('"')
    if t.lower() in _NULLS:
        return t != ""
    try:
        float(t)
    except ValueError:
        return False
    return True


def _to_float(column: list[str]):
    """A numeric column as float64 (blank/NA -> NaN), or None when any cell is not a number."""
    try:
        return np.array(column, dtype=np.float64)
    except ValueError:
        pass
    out = np.empty(len(column), dtype=np.float64)
    for i, cell in enumerate(column):
        t = cell.strip().strip('"')
        if t.lower() in _NULLS:
            out[i] = math.nan
            continue
        try:
            out[i] = float(t)
        except ValueError:
            return None
    return out


def _read_parquet(path: str, wanted, raw=()) -> tuple[dict, list[str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        names = list(schema.names)
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise InputError(f"Parquet file has more than one column named {twice[0]!r}, which tscomplex "
                             "cannot tell apart; rename them")
        chosen = [c for c in names if wanted is None or c in wanted or c in raw
                  or pa.types.is_timestamp(schema.field(c).type) or pa.types.is_date(schema.field(c).type)]
        table = pq.read_table(path, columns=chosen)
    except (PermissionError, FileNotFoundError, IsADirectoryError, InputError):
        raise
    except (pa.ArrowException, OSError, ValueError, IndexError, EOFError) as exc:  # a damaged file, in any part
        raise _not_parquet(exc) from None
    out: dict = {name: None for name in names}
    for name in chosen:
        col = table.column(name)
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type) or pa.types.is_decimal(col.type):
            out[name] = col.to_numpy(zero_copy_only=False).astype(np.float64)
        elif arrow_datetimes(col) is not None:
            out[name] = arrow_datetimes(col)
        elif name in raw:
            out[name] = np.array([None if v is None else str(v) for v in col.to_pylist()], dtype=object)
    return out, names


def _not_numpy(exc: BaseException, what: str = "NPY/NPZ") -> InputError:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "pickle" in first.lower():
        return InputError(f"{what} holds Python objects (dtype object), which are never unpickled")
    return InputError(f"not a valid {what} file ({first})")


def _not_parquet(exc: BaseException) -> InputError:
    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return InputError(f"not a valid Parquet file ({first})")


def _check_npy_size(path: str) -> None:
    """Refuse an NPY whose header promises more data than the file holds (np.load's count would wrap)."""
    fmt = np.lib.format
    with open(path, "rb") as fh:
        if fh.read(6) != b"\x93NUMPY":
            return
        fh.seek(0)
        try:
            version = fmt.read_magic(fh)
            shape, _, dtype = (fmt.read_array_header_1_0(fh) if version == (1, 0)
                               else fmt.read_array_header_2_0(fh))
        except Exception as exc:  # ValueError, EOFError, SyntaxError from a damaged header
            raise _not_numpy(exc) from None
        offset = fh.tell()
    if dtype.hasobject:
        return  # np.load says it holds objects
    need = offset + math.prod(shape) * dtype.itemsize
    size = os.path.getsize(path)
    if size < need:
        raise InputError(f"not a valid NPY file: its header says shape {shape} ({need} bytes), "
                         f"but the file has {size} bytes")


def _read_numpy(path: str) -> tuple[dict, list[str]]:
    # np.load raises many kinds of error on a damaged file (ValueError, EOFError, BadZipFile, zlib.error,
    # UnicodeDecodeError, ...); every one of them means the same to the user. Never unpickle.
    with open(path, "rb") as fh:
        magic = fh.read(6)
    if magic != b"\x93NUMPY" and not magic.startswith(b"PK\x03\x04"):
        # np.load would try to unpickle anything else (and is told not to): say what the file is not
        raise InputError("not a valid NPY/NPZ file (no NPY or NPZ signature at its start)")
    _check_npy_size(path)
    try:
        loaded = np.load(path, allow_pickle=False)
    except (PermissionError, FileNotFoundError, IsADirectoryError, MemoryError):
        raise
    except Exception as exc:
        raise _not_numpy(exc) from None
    arrays = {}
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            try:
                for key in loaded.files:
                    arrays[key] = loaded[key]
                    if not isinstance(arrays[key], np.ndarray):  # np.load hands back a non-NPY member as bytes
                        raise InputError(f"NPZ member {key!r} is not an NPY array")
            except (MemoryError, InputError):
                raise
            except Exception as exc:  # an object member, or a damaged one
                raise _not_numpy(exc, "NPZ") from None
    else:
        arrays["value"] = loaded
    table: dict = {}
    for key, arr in arrays.items():
        numeric = np.issubdtype(arr.dtype, np.number) and not np.iscomplexobj(arr)
        if arr.ndim == 1:
            table[key] = arr.astype(np.float64) if numeric else None
        elif arr.ndim == 2:
            for j in range(arr.shape[1]):
                name = str(j) if key == "value" else f"{key}[{j}]"
                table[name] = arr[:, j].astype(np.float64) if numeric else None
        else:
            raise InputError(f"array {key!r} has {arr.ndim} dimensions; expected 1 (a series) or 2 (columns)")
    return table, list(table)


# --------------------------------------------------------------------------- reading in chunks

CHUNK_SAMPLES = 1 << 20


def streamable(path: str) -> bool:
    """Whether ``path`` can be read in chunks (an uncompressed .npy or Parquet file)."""
    if path == "-":
        return False
    ext, comp = _suffixes(path)
    return comp is None and ext in (".npy",) + PARQUET_SUFFIXES


class ChunkedTable:
    """The series of one NPY (memory-mapped) or Parquet (by row group) file, read in blocks of rows.

    Column choice, the time column and its uniform-step check, and the NaN
    policies behave as in :func:`read_series`, block by block, so nothing
    longer than one block is ever held (``interpolate`` remembers only the
    length of a gap until its next finite value). ``dt`` is known after
    :meth:`blocks` has been consumed.

    Examples
    --------
    >>> table = ChunkedTable("big.npy", chunk_samples=1 << 20)   # doctest: +SKIP
    >>> for block in table.blocks():                             # doctest: +SKIP
    ...     block["value"]          # float64, at most 2**20 samples, NaN policy applied
    """

    def __init__(self, path: str, columns=None, time_column: str | None = None, dt: float | None = None,
                 nan: str = "error", chunk_samples: int = CHUNK_SAMPLES):
        _check_nan_policy(nan)
        if chunk_samples < 1:
            raise ValueError("chunk_samples must be >= 1")
        self.source, self.nan, self.chunk = path, nan, int(chunk_samples)
        ext, _ = _suffixes(path)
        try:
            if ext == ".npy":
                self._open_npy(path)
            else:
                self._open_parquet(path)
        except PermissionError:
            raise InputError("permission denied; make the file readable (chmod +r)") from None
        except FileNotFoundError:
            raise InputError("no such file") from None
        times = getattr(self, "_times", set())
        numeric = {name: (np.empty(0, "datetime64[ns]") if name in times else True if ok else None)
                   for name, ok in self._numeric.items()}
        self.names, self.time_column = _choose_columns(numeric, list(self._numeric), columns, time_column)
        self.nan_counts = dict.fromkeys(self.names, 0)
        self._t0 = None  # first instant of a date-time axis, in ns: seconds are counted from it
        self._dt = dt
        self.dt = dt

    # -- NPY: one memory map per block, dropped after use, so resident memory stays one block
    def _open_npy(self, path):
        fmt = np.lib.format
        with open(path, "rb") as fh:
            try:
                version = fmt.read_magic(fh)
                shape, fortran, dtype = (fmt.read_array_header_1_0(fh) if version == (1, 0)
                                         else fmt.read_array_header_2_0(fh))
            except Exception as exc:  # ValueError, EOFError, SyntaxError from a damaged header
                raise _not_numpy(exc, "NPY") from None
            self._offset = fh.tell()
        if dtype.hasobject:
            raise InputError("NPY holds Python objects (dtype object), which are never unpickled")
        if len(shape) not in (1, 2):
            raise InputError(f"array 'value' has {len(shape)} dimensions; expected 1 (a series) or 2 (columns)")
        need = self._offset + math.prod(shape) * dtype.itemsize  # Python ints: a huge shape cannot wrap
        if os.path.getsize(path) < need:
            raise InputError(f"not a valid NPY file: its header says shape {shape} ({need} bytes), "
                             f"but the file has {os.path.getsize(path)} bytes")
        numeric = bool(np.issubdtype(dtype, np.number) and not np.issubdtype(dtype, np.complexfloating))
        self._shape, self._fortran, self._dtype = shape, fortran, dtype
        self.n_rows = shape[0]
        cols = ["value"] if len(shape) == 1 else [str(j) for j in range(shape[1])]
        self._numeric = {c: numeric for c in cols}
        self._kind = "npy"

    def _npy_blocks(self, wanted):
        shape, item = self._shape, self._dtype.itemsize
        n = shape[0]

        def mapped(offset, rows, cols=None):
            # a fresh map per block: unmapping it when the copy is made keeps resident memory bounded
            mm = np.memmap(self.source, self._dtype, "r", offset, (rows,) if cols is None else (rows, cols))
            return mm

        for start in range(0, n, self.chunk):
            rows = min(n, start + self.chunk) - start
            if len(shape) == 1:
                block = {"value": np.array(mapped(self._offset + start * item, rows), dtype=np.float64)}
            elif not self._fortran:
                mm = mapped(self._offset + start * shape[1] * item, rows, shape[1])
                block = {name: np.array(mm[:, int(name)], dtype=np.float64) for name in wanted}
                del mm
            else:
                block = {name: np.array(mapped(self._offset + (int(name) * n + start) * item, rows),
                                        dtype=np.float64) for name in wanted}
            yield block

    # -- Parquet: record batches of at most one block, row group by row group
    def _open_parquet(self, path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self._pf = pq.ParquetFile(path, pre_buffer=False)  # pre-buffering reads ahead: more memory
        except (PermissionError, FileNotFoundError, IsADirectoryError):
            raise
        except (pa.ArrowException, OSError, ValueError, IndexError, EOFError) as exc:
            raise _not_parquet(exc) from None
        schema = self._pf.schema_arrow
        twice = sorted({n for n in schema.names if schema.names.count(n) > 1})
        if twice:
            raise InputError(f"Parquet file has more than one column named {twice[0]!r}, which tscomplex "
                             "cannot tell apart; rename them")
        self.n_rows = self._pf.metadata.num_rows
        self._numeric = {f.name: bool(pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
                                      or pa.types.is_decimal(f.type)) for f in schema}
        self._times = {f.name for f in schema if pa.types.is_timestamp(f.type) or pa.types.is_date(f.type)}
        self._kind = "parquet"

    def _parquet_blocks(self, wanted):
        """:meth:`_parquet_raw_blocks`, with a damaged row group reported as InputError."""
        import pyarrow as pa

        try:
            yield from self._parquet_raw_blocks(wanted)
        except (PermissionError, FileNotFoundError):
            raise
        except (pa.ArrowException, OSError, ValueError, IndexError, EOFError) as exc:
            raise _not_parquet(exc) from None

    def _parquet_raw_blocks(self, wanted):
        # Measured on 2*10^7 rows: row groups of about a chunk are read one at a time (least memory);
        # one huge row group is streamed by iter_batches, which then holds less than the whole group.
        meta = self._pf.metadata
        largest = max((meta.row_group(i).num_rows for i in range(meta.num_row_groups)), default=0)
        if largest > 4 * self.chunk:
            for batch in self._pf.iter_batches(batch_size=self.chunk, columns=list(wanted), use_threads=False):
                yield {name: self._floats(batch.column(name), name) for name in wanted}
            return
        for group in range(meta.num_row_groups):
            table = self._pf.read_row_group(group, columns=list(wanted), use_threads=False)
            columns = {name: self._floats(table.column(name), name) for name in wanted}
            del table
            rows = len(next(iter(columns.values())))
            for start in range(0, rows, self.chunk):
                yield {name: values[start:start + self.chunk] for name, values in columns.items()}

    def _floats(self, column, name) -> np.ndarray:
        """A Parquet column as float64; a date-time axis as seconds since its first instant."""
        if name not in self._times:
            return column.to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
        ns = arrow_datetimes(column).view(np.int64)
        missing = ns == np.iinfo(np.int64).min
        if self._t0 is None and (~missing).any():
            self._t0 = int(ns[~missing][0])
        out = (ns - (self._t0 or 0)).astype(np.float64) / 1e9
        out[missing] = np.nan
        return out

    def trace(self, name: str) -> dict:
        """What the record of series ``name`` says about reading it (as :func:`read_series` puts in meta)."""
        return {**time_record(self.time_column, self.time_column in getattr(self, "_times", ())),
                **nan_record(self.nan, self.nan_counts.get(name, 0))}

    def blocks(self):
        """Yield {series name: float64 array} in row order, with the NaN policy applied.

        Arrays of one yield may differ in length between series (``drop``, and
        ``interpolate``, which holds back a run of NaN until the next finite
        value is known); each is at most one chunk long.
        """
        kept = dict.fromkeys(self.names, 0)
        for block in self._blocks():
            for name, values in block.items():
                kept[name] += values.size
            yield block
        for name, size in kept.items():
            if size == 0:
                raise InputError(f"column {name!r} has no values")

    def _blocks(self):
        """Yield {series name: float64 array} in row order, with the NaN policy applied.

        Arrays of one yield may differ in length between series (``drop``, and
        ``interpolate``, which holds back a run of NaN until the next finite
        value is known); each is at most one chunk long.
        """
        wanted = list(self.names) + ([self.time_column] if self.time_column else [])
        raw = self._npy_blocks(wanted) if self._kind == "npy" else self._parquet_blocks(wanted)
        checker = StepChecker(self.time_column) if self.time_column else None
        fillers = {name: _StreamInterpolator(name, self.chunk) for name in self.names} \
            if self.nan == "interpolate" else None
        row = 0
        for block in raw:
            rows = len(block[self.names[0]])
            if checker is not None:
                checker.add(block.pop(self.time_column))
            if self.nan != "error":
                for name in self.names:
                    self.nan_counts[name] += int(np.count_nonzero(~np.isfinite(block[name])))
            if fillers is not None:
                yield from _zip_pieces({name: fillers[name].add(block[name], row) for name in self.names})
                row += rows
                continue
            out = {}
            for name in self.names:
                values = block[name]
                bad = ~np.isfinite(values)
                if bad.any():
                    if self.nan == "error":
                        raise InputError(
                            f"column {name!r} has NaN, inf or blank values (first at data row "
                            f"{row + int(np.argmax(bad)) + 1}); use --nan drop or --nan interpolate")
                    values = values[~bad]
                out[name] = values
            row += rows
            yield out
        if fillers is not None:
            yield from _zip_pieces({name: fillers[name].finish(row) for name in self.names})
        if checker is not None:
            step = checker.step()
            self.dt = self._dt if self._dt is not None else step
            for name in self.names:  # the same warning as the whole-file reader's
                _nan_warning(self.nan_counts[name], self.nan, self.source, name, self.time_column)


def _zip_pieces(pieces: dict):
    """{name: [array, ...]} -> dicts of one array per name (empty where a name has fewer pieces)."""
    longest = max((len(p) for p in pieces.values()), default=0)
    empty = np.empty(0)
    for i in range(longest):
        yield {name: (p[i] if i < len(p) else empty) for name, p in pieces.items()}


class _StreamInterpolator:
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

    def _fill_gap(self, right):
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


# --------------------------------------------------------------------------- writing
# The writers live in tscomplex.writers and the output checks in tscomplex.outputs; these names stay here
# for the code and tests that import them from io.

from .outputs import OutputError, atomic_write, atomic_write_path  # noqa: E402,F401
from .outputs import check_output_path as _check_output_path  # noqa: E402
from .writers import (FORMATS, RecordWriter, clean_record, clean_value, format_for_path,  # noqa: E402,F401
                      parquet_bytes, render_delimited, render_table)


def check_output_path(path: str, force: bool, inputs=()) -> None:
    """Refuse an output path that is an input, is missing its folder, or exists without force (InputError)."""
    try:
        _check_output_path(path, force, inputs)
    except OutputError as exc:
        raise InputError(str(exc)) from None
