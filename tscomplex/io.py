"""Readers (files, folders, stdin) that yield Series, and writers that emit records atomically.

Readers raise :class:`InputError` with a one-line reason; the CLI prints it
with the input's name. pyarrow is imported only when a CSV or Parquet file is
read, and nothing here imports pandas.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io as _io
import json
import lzma
import math
import os
import sys
import tempfile
from dataclasses import dataclass, field

import numpy as np

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


def expand_inputs(inputs, recursive: bool = False) -> list[str]:
    """Turn files, folders, globs and '-' into a sorted list of paths (folders by supported suffix).

    Raises InputError for a path that does not exist, a glob that matches
    nothing, or a folder with no supported files.
    """
    paths: list[str] = []
    for item in inputs:
        if item == "-":
            paths.append(item)
        elif os.path.isdir(item):
            pattern = os.path.join(item, "**", "*") if recursive else os.path.join(item, "*")
            found = sorted(p for p in glob.glob(pattern, recursive=recursive)
                           if os.path.isfile(p) and is_supported(p))
            if not found:
                raise InputError(f"{item}: folder has no supported files ({', '.join(SUPPORTED_SUFFIXES)})")
            paths.extend(found)
        elif os.path.exists(item):
            paths.append(item)
        elif any(ch in item for ch in "*?["):
            found = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not found:
                raise InputError(f"{item}: no file matches this pattern")
            paths.extend(found)
        else:
            raise InputError(f"{item}: no such file or folder")
    return paths


# --------------------------------------------------------------------------- reading


def read_series(path: str, columns=None, time_column: str | None = None, dt: float | None = None,
                nan: str = "error") -> list[Series]:
    """Read every series of one input (a path or '-' for stdin).

    Every numeric column is a series unless ``columns`` picks some. A column
    named ``time`` or ``t`` (or ``time_column``) gives the sampling step and
    is not analyzed. ``nan`` says what to do with NaN, inf or blank cells:
    ``error`` (the default), ``drop`` them, or ``interpolate`` linearly.
    """
    if nan not in NAN_POLICIES:
        raise InputError(f"--nan must be one of {', '.join(NAN_POLICIES)}, got {nan!r}")
    wanted = None if not columns else set(columns) | ({time_column} if time_column else set())
    table, names_in_order = _read_table(path, wanted)
    if not names_in_order:
        raise InputError("no columns found")
    time_values = None
    if time_column is not None:
        if time_column not in table:
            raise InputError(f"time column {time_column!r} not found; columns are: {', '.join(names_in_order)}")
        time_values = table[time_column]
    elif not columns:
        for name in names_in_order:
            if name.lower() in TIME_COLUMN_NAMES and table.get(name) is not None and len(names_in_order) > 1:
                time_column, time_values = name, table[name]
                break
    if columns:
        missing = [c for c in columns if c not in table]
        if missing:
            raise InputError(f"column {missing[0]!r} not found; columns are: {', '.join(names_in_order)}")
        chosen = list(columns)
    else:
        chosen = [c for c in names_in_order if c != time_column and table.get(c) is not None]
        if not chosen:
            raise InputError("no numeric column found")
    if time_column is not None:
        if time_values is None:
            raise InputError(f"time column {time_column!r} is not numeric")
        dt_from_time = uniform_step(np.asarray(time_values, dtype=np.float64), time_column)
        if dt is None:
            dt = dt_from_time
    source = "-" if path == "-" else path
    out = []
    for name in chosen:
        values = table[name]
        if values is None:
            raise InputError(f"column {name!r} is not numeric")
        values = clean_nonfinite(np.asarray(values, dtype=np.float64), nan, name)
        if values.size == 0:
            raise InputError(f"column {name!r} has no values")
        out.append(Series(source=source, name=str(name), values=values, dt=dt))
    return out


def uniform_step(time: np.ndarray, name: str = "time") -> float:
    """The sampling step of a time column, which must be increasing and uniform to 1e-6 relative."""
    if time.size < 2:
        raise InputError(f"time column {name!r} has fewer than 2 values")
    steps = np.diff(time)
    if not np.all(np.isfinite(steps)) or np.any(steps <= 0):
        raise InputError(f"time column {name!r} is not strictly increasing")
    step = float(np.median(steps))
    worst = int(np.argmax(np.abs(steps - step)))
    if abs(steps[worst] - step) > 1e-6 * abs(step) + 1e-12:
        raise InputError(
            f"time column {name!r} is not uniformly spaced: step {steps[worst]:g} at row {worst + 1} "
            f"differs from the median step {step:g}"
        )
    return step


def clean_nonfinite(values: np.ndarray, policy: str, name: str) -> np.ndarray:
    """Apply the NaN policy to one column."""
    bad = ~np.isfinite(values)
    n_bad = int(bad.sum())
    if n_bad == 0:
        return values
    if policy == "error":
        first = int(np.argmax(bad))
        raise InputError(
            f"column {name!r} has {n_bad} NaN, inf or blank values (first at row {first}); "
            "use --nan drop or --nan interpolate"
        )
    if policy == "drop":
        return values[~bad]
    good = np.flatnonzero(~bad)
    if good.size < 2:
        raise InputError(f"column {name!r} has fewer than 2 finite values to interpolate between")
    idx = np.arange(values.size)
    out = values.copy()
    out[bad] = np.interp(idx[bad], good, values[good])
    return out


def _read_table(path: str, wanted) -> tuple[dict, list[str]]:
    """Return ({name: numeric array, or None if not numeric}, names in file order).

    ``wanted`` is a set of column names to parse, or None for all; the others
    are listed but not parsed.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        return _parse_text(data, wanted)
    try:
        if os.path.isdir(path):
            raise InputError("is a folder; give its files or a glob")
        ext, comp = _suffixes(path)
        if ext in PARQUET_SUFFIXES and comp is None:
            return _read_parquet(path, wanted)
        if ext in NUMPY_SUFFIXES and comp is None:
            return _read_numpy(path)
        with open(path, "rb") as fh:
            data = fh.read()
        if comp is not None:
            try:
                data = COMPRESSED_SUFFIXES[comp](data)
            except Exception as exc:  # corrupt archive: any decompressor error
                raise InputError(f"cannot decompress ({exc})") from None
        return _parse_text(data, wanted)
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a folder") from None


def _parse_text(data: bytes, wanted) -> tuple[dict, list[str]]:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if b"\x00" in data[:8192]:
        raise InputError("not a text file (binary content); expected CSV, TSV or one number per line")
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
        if wanted is None or name in wanted:
            table[name] = _to_float([row[j] for row in cells])
        else:
            table[name] = None
    return table, names


def _split(line: str, delimiter: str | None) -> list[str]:
    return line.split() if delimiter is None else line.split(delimiter)


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


def _read_parquet(path: str, wanted) -> tuple[dict, list[str]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"not a valid Parquet file ({str(exc).splitlines()[0]})") from None
    names = list(schema.names)
    chosen = [c for c in names if wanted is None or c in wanted]
    table = pq.read_table(path, columns=chosen)
    out: dict = {name: None for name in names}
    for name in chosen:
        col = table.column(name)
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type) or pa.types.is_decimal(col.type):
            out[name] = col.to_numpy(zero_copy_only=False).astype(np.float64)
    return out, names


def _read_numpy(path: str) -> tuple[dict, list[str]]:
    try:
        loaded = np.load(path, allow_pickle=False)
    except ValueError as exc:
        msg = str(exc)
        if "pickle" in msg.lower():
            raise InputError("NPY holds Python objects (dtype object), which are never unpickled") from None
        raise InputError(f"not a valid NPY/NPZ file ({msg.splitlines()[0]})") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"not a valid NPY/NPZ file ({str(exc).splitlines()[0] or type(exc).__name__})") from None
    arrays = {}
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            try:
                for key in loaded.files:
                    arrays[key] = loaded[key]
            except ValueError:
                raise InputError("NPZ holds Python objects (dtype object), which are never unpickled") from None
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


# --------------------------------------------------------------------------- writing

FORMATS = ("table", "csv", "tsv", "json", "ndjson", "parquet")


def clean_value(v):
    """Records hold plain JSON values: numpy scalars become Python, non-finite floats become None."""
    if isinstance(v, (np.floating, float)):
        v = float(v)
        return v if math.isfinite(v) else None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, np.ndarray):
        return [clean_value(u) for u in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [clean_value(u) for u in v]
    return v


def clean_record(record: dict) -> dict:
    return {k: clean_value(v) for k, v in record.items()}


def format_for_path(path: str | None, fmt: str | None, stdout_is_tty: bool) -> str:
    """Pick the output format: explicit, else by the output file's suffix, else table on a terminal, NDJSON piped."""
    if fmt:
        return fmt
    if path:
        ext = os.path.splitext(path.lower())[1]
        by_ext = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
                  ".parquet": "parquet", ".pq": "parquet", ".txt": "table"}
        if ext in by_ext:
            return by_ext[ext]
        return "ndjson"
    return "table" if stdout_is_tty else "ndjson"


def check_output_path(path: str, force: bool) -> None:
    """Refuse an output path whose folder is missing, or an existing file without force."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise InputError(f"output folder {folder} does not exist")
    if os.path.isdir(path):
        raise InputError(f"output {path} is a folder")
    if os.path.exists(path) and not force:
        raise InputError(f"output {path} exists; use --force to overwrite")
    if not os.access(folder, os.W_OK):
        raise InputError(f"output folder {folder} is not writable")


def atomic_write(path: str, write) -> None:
    """Call ``write(fh)`` on a temporary file beside ``path`` (binary), then rename it into place."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tscomplex-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _columns(records: list[dict]) -> list[str]:
    cols: list[str] = []
    seen = set()
    for r in records:
        for k in r:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return cols


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    return str(v)


def _table_text(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.6g}" if (v == 0 or 1e-4 <= abs(v) < 1e6) else f"{v:.4e}"
    if isinstance(v, list):
        return "[" + ", ".join(_table_text(u) for u in v) + "]"
    return _cell_text(v)


def render_table(records: list[dict]) -> str:
    """A plain aligned text table; numbers right-aligned, 6 significant digits."""
    if not records:
        return ""
    cols = _columns(records)
    rows = [[_table_text(r.get(c)) for c in cols] for r in records]
    widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r.get(c), (int, float)) and not isinstance(r.get(c), bool)
                   for r in records if r.get(c) is not None) for c in cols]
    def line(cells):
        return "  ".join(cell.rjust(w) if num else cell.ljust(w)
                         for cell, w, num in zip(cells, widths, numeric)).rstrip()
    out = [line(cols), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    return "\n".join(out) + "\n"


def render_delimited(records: list[dict], delimiter: str) -> str:
    import csv

    buf = _io.StringIO()
    cols = _columns(records)
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(cols)
    for r in records:
        w.writerow([_cell_text(r.get(c)) for c in cols])
    return buf.getvalue()


def render_json_line(record: dict) -> str:
    return json.dumps(clean_record(record), allow_nan=False)


def parquet_bytes(records: list[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = _columns(records)
    data = {}
    for c in cols:
        values = [r.get(c) for r in records]
        if any(isinstance(v, (list, dict)) for v in values):
            values = [None if v is None else json.dumps(v) for v in values]
        data[c] = values
    buf = pa.BufferOutputStream()
    pq.write_table(pa.table(data), buf)
    return buf.getvalue().to_pybytes()


class RecordWriter:
    """Collects records and writes them in one format to stdout or a file.

    NDJSON is streamed: each record is written and flushed as it arrives, so an
    interrupted run leaves a valid file. Every other format is rendered at
    :meth:`close`, to a temporary file renamed into place.
    """

    def __init__(self, fmt: str, path: str | None = None, stdout=None, append: bool = False):
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        if fmt == "parquet" and path is None and (stdout or sys.stdout).isatty():
            raise InputError("parquet output needs -o FILE (it is binary)")
        self.fmt, self.path, self.records = fmt, path, []
        self._stdout = stdout or sys.stdout
        self._stream = None
        if fmt == "ndjson":
            self._stream = open(path, "a" if append else "w", encoding="utf-8") if path else self._stdout

    def write(self, record: dict) -> None:
        record = clean_record(record)
        if self._stream is not None:
            self._stream.write(json.dumps(record, allow_nan=False) + "\n")
            self._stream.flush()
        else:
            self.records.append(record)

    def close(self) -> None:
        if self._stream is not None:
            if self.path:
                self._stream.close()
            self._stream = None
            return
        if self.fmt == "table":
            text = render_table([r for r in self.records if "error" not in r]).encode()
        elif self.fmt in ("csv", "tsv"):
            text = render_delimited(self.records, "," if self.fmt == "csv" else "\t").encode() if self.records else b""
        elif self.fmt == "json":
            text = (json.dumps(self.records, indent=2, allow_nan=False) + "\n").encode()
        else:
            text = parquet_bytes(self.records) if self.records else b""
        if self.path:
            atomic_write(self.path, lambda fh: fh.write(text))
        elif self.fmt == "parquet":
            self._stdout.buffer.write(text)
            self._stdout.flush()
        else:
            self._stdout.write(text.decode())
            self._stdout.flush()
