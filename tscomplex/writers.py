"""Records out: plain JSON values, text tables that fit the terminal, CSV/TSV, streamed JSON, typed Parquet.

Every writer keeps integers integer: CSV and TSV write them without a
decimal point, Parquet stores a column whose values are all integers (or
null) as a nullable int64, so pandas reads it back as ``Int64`` even when an
error row or a summary row leaves it empty. Names that are not valid UTF-8
(file names decoded with ``surrogateescape``) are written with backslash
escapes (``caf\\xe9.csv``) in every text format; NDJSON and JSON write them as
JSON escapes that decode back to the same Python string.
"""

from __future__ import annotations

import io as _io
import json
import math
import shutil
import sys

import numpy as np

FORMATS = ("table", "wide", "csv", "tsv", "json", "ndjson", "parquet")

# The columns a terminal table shows first, per command; then the others in record order while they fit.
IDENTITY_COLUMNS = ("source", "group", "series", "record", "kind")
KEY_COLUMNS = {
    "analyze": ("tau", "permutation_entropy", "statistical_complexity", "fisher_information", "regime"),
    "plane": ("tau", "permutation_entropy", "statistical_complexity", "regime"),
    "sweep": ("tau", "permutation_entropy", "statistical_complexity", "t_nat", "ideal_tau", "regime"),
    "lyapunov": ("max_lyapunov", "embedding_dim", "embedding_lag", "dim", "lag", "lyapunov_spectrum"),
    "patch": ("patch", "start", "end", "length", "mean_entropy", "n_patches", "median_patch_length"),
    "list": ("system", "kind", "dimension", "max_lyapunov_reference", "description"),
}


def clean_value(v):
    """Records hold plain JSON values: numpy scalars become Python, non-finite floats become None."""
    if isinstance(v, (np.floating, float)):
        v = float(v) + 0.0  # + 0.0 turns -0.0 (an entropy of exactly zero) into 0.0
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


def safe_text(text: str) -> str:
    """A string that encodes as UTF-8: bytes of a non-UTF-8 file name (surrogate escapes) become ``\\xNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
            .encode("utf-8", "backslashreplace").decode("utf-8")


def format_for_path(path: str | None, fmt: str | None, stdout_is_tty: bool) -> str:
    """Pick the output format: explicit, else by the output file's suffix, else table on a terminal, NDJSON piped."""
    import os

    from .io import InputError

    if fmt:
        return fmt
    if path:
        ext = os.path.splitext(path.lower())[1]
        by_ext = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson",
                  ".parquet": "parquet", ".pq": "parquet", ".txt": "table"}
        if ext in by_ext:
            return by_ext[ext]
        from .outputs import special_kind

        if special_kind(path):  # /dev/null, /dev/stdout, a named pipe: the format of a pipe
            return "ndjson"
        raise InputError(f"cannot tell the output format from {path!r}: name it .csv, .tsv, .json, .ndjson, "
                         ".parquet or .txt, or give -f")
    return "table" if stdout_is_tty else "ndjson"


def _columns(records: list[dict]) -> list[str]:
    cols: list[str] = []
    seen = set()
    for r in records:
        for k in r:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    if "error" in seen:  # an early failure must not put its column among the measures
        cols.remove("error")
        cols.append("error")
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
    return safe_text(str(v))


def _table_text(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.6g}" if (v == 0 or 1e-4 <= abs(v) < 1e6) else f"{v:.4e}"
    if isinstance(v, list):
        return "[" + ", ".join(_table_text(u) for u in v) + "]"
    return _cell_text(v)


def _shorten(value, most: int = 28):
    """A long text cell of a fitted table keeps its end (the file name): ``...ong/folder/data.csv``."""
    if isinstance(value, str) and len(value) > most:
        return "..." + value[-(most - 3):]
    return value


def table_columns(records: list[dict], command: str | None = None, width: int | None = None,
                  columns=None) -> tuple[list[str], list[str]]:
    """The columns a table shows, and those it leaves out to fit ``width`` characters.

    ``columns`` picks them outright. Otherwise the identity columns (source,
    group, series, and record or kind where a command mixes row kinds) come
    first, then the command's key measures (:data:`KEY_COLUMNS`), then the
    rest in record order, leaving out the columns that do not fit ``width``
    (at least the first two are always shown). Without a width (``-f wide``,
    a table written to a file) every column is shown in record order.
    """
    present = _columns(records)
    if columns:
        return [c for c in columns if c in present], []
    if not width:  # wide: every column in record order
        return present, []
    keys = [c for c in dict.fromkeys((*IDENTITY_COLUMNS, *KEY_COLUMNS.get(command or "", ()))) if c in present]
    ordered = keys + [c for c in present if c not in keys]
    shown, used = [], 0
    for c in ordered:
        w = max(len(c), *(len(_table_text(r.get(c))) for r in records))
        if len(shown) >= 2 and used + w > width:
            continue  # a later, narrower column may still fit
        shown.append(c)
        used += w + 2
    shown = [c for c in ordered if c in shown]
    return shown, [c for c in ordered if c not in shown]


def render_table(records: list[dict], cols: list[str] | None = None) -> str:
    """A plain aligned text table; numbers right-aligned, 6 significant digits."""
    if not records:
        return ""
    cols = cols or _columns(records)
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


def render_delimited(records: list[dict], delimiter: str, cols: list[str] | None = None) -> str:
    import csv

    buf = _io.StringIO()
    cols = cols or _columns(records)
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(cols)
    for r in records:
        w.writerow([_cell_text(r.get(c)) for c in cols])
    return buf.getvalue()


def _column_array(values: list):
    """One Parquet column: nullable int64, boolean, float64, or text (JSON for lists, mixed kinds as text)."""
    import pandas as pd

    kinds = {("bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float"
              if isinstance(v, float) else "str" if isinstance(v, str) else "json")
             for v in values if v is not None}
    if not kinds:
        return pd.array(values, dtype="object")
    if kinds == {"bool"}:
        return pd.array(values, dtype="boolean")
    if kinds == {"int"}:
        return pd.array(values, dtype="Int64")
    if kinds <= {"int", "float"}:
        return np.array([np.nan if v is None else float(v) for v in values])
    if kinds == {"str"}:
        return pd.array([None if v is None else safe_text(v) for v in values], dtype="object")
    return pd.array([None if v is None else (json.dumps(v) if isinstance(v, (list, dict)) else _cell_text(v))
                     for v in values], dtype="object")


def parquet_bytes(records: list[dict], cols: list[str] | None = None) -> bytes:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = cols or _columns(records)
    frame = pd.DataFrame({c: _column_array([r.get(c) for r in records]) for c in cols})
    buf = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buf)
    return buf.getvalue().to_pybytes()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _terminal_note(text: str) -> None:
    """A hint for the person at the terminal (columns left out), not for a log: only when stderr is a terminal."""
    if _is_terminal(sys.stderr):
        print(text, file=sys.stderr)


def _fit_wanted(stdout) -> bool:
    """Fit the table to a width when it goes to a terminal, or when COLUMNS says how wide the reader is."""
    import os

    return _is_terminal(stdout) or bool(os.environ.get("COLUMNS"))


def _json_item(record: dict) -> str:
    """One record as an element of the indented JSON list (as ``json.dumps(list, indent=2)`` writes it)."""
    return "  " + json.dumps(record, indent=2, allow_nan=False).replace("\n", "\n  ")


class RecordWriter:
    """Writes records in one format to stdout or a file.

    NDJSON is streamed: each record is written and flushed as it arrives, so an
    interrupted run leaves a valid file. JSON is streamed too (``[``, the
    records, ``]``), into a temporary file renamed into place at :meth:`close`.
    Tables, CSV/TSV and Parquet need every column first: they are rendered at
    :meth:`close`, to a temporary file renamed into place. A device or FIFO is
    written by opening it. ``columns`` keeps only those keys (and ``error``).
    """

    def __init__(self, fmt: str, path: str | None = None, stdout=None, append: bool = False, columns=None,
                 command: str | None = None, notes=None):
        from .io import InputError

        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        if fmt == "parquet" and path is None and (stdout or sys.stdout).isatty():
            raise InputError("parquet output needs -o FILE (it is binary)")
        self.fmt, self.path, self.records = fmt, path, []
        self.columns = list(columns) if columns else None
        self.command = command
        self._notes = notes if notes is not None else _terminal_note
        self._stdout = stdout or sys.stdout
        self._stream = None
        self._file = None  # the AtomicFile behind a streamed JSON file
        self._append = append
        self._json_count = 0
        # a streamed file is opened at the first record (or at close), not here: a command line that
        # turns out to be wrong must not truncate, or create, the output file
        self._streaming = fmt in ("ndjson", "json")
        self._closed = False

    def _open(self):
        if self._stream is None:
            if self.fmt == "json" and self.path:
                from .outputs import AtomicFile

                self._file = AtomicFile(self.path, ".json")
                self._stream = _io.TextIOWrapper(self._file.fh, encoding="utf-8", newline="\n")
            elif self.path:
                self._stream = open(self.path, "a" if self._append else "w", encoding="utf-8")  # noqa: SIM115
            else:
                self._stream = self._stdout
        return self._stream

    def _select(self, record: dict) -> dict:
        record = clean_record(record)
        if self.columns:
            record = {k: record[k] for k in (*self.columns, "error") if k in record}
        return record

    def write(self, record: dict) -> None:
        self.write_many([record])

    def write_many(self, records: list[dict]) -> None:
        """Write several records; NDJSON lines go out in one write, so they land together."""
        if not self._streaming:
            self.records.extend(self._select(r) for r in records)
            return
        if not records:
            return
        stream = self._open()
        if self.fmt == "ndjson":
            stream.write("".join(json.dumps(self._select(r), allow_nan=False) + "\n" for r in records))
        else:
            parts = []
            for r in records:
                parts.append(("[\n" if self._json_count == 0 else ",\n") + _json_item(self._select(r)))
                self._json_count += 1
            stream.write("".join(parts))
        stream.flush()

    def abort(self) -> None:
        """Stop without publishing: NDJSON keeps what it streamed (it is valid); other formats write nothing,
        so an interrupted run never leaves a complete-looking partial table at the output path."""
        if self.fmt == "ndjson":
            self.close()
        elif self._file is not None:
            self._stream = None
            self._file.discard()
        self.records = []
        self._closed = True

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._streaming:
            stream = self._open()
            if self.fmt == "json":
                stream.write("\n]\n" if self._json_count else "[]\n")
                stream.flush()
            if self._file is not None:
                stream.detach()
                self._file.commit()
            elif self.path:
                stream.close()
            self._stream = None
            return
        text = self._render()
        if self.path:
            from .outputs import atomic_write

            atomic_write(self.path, lambda fh: fh.write(text))
        elif self.fmt == "parquet":
            self._stdout.buffer.write(text)
            self._stdout.flush()
        else:
            self._stdout.write(text.decode())
            self._stdout.flush()

    def _render(self) -> bytes:
        records = self.records
        if self.fmt in ("table", "wide"):
            records = [r for r in records if "error" not in r]
            if not records:
                return b""
            width = None
            if self.fmt == "table" and not self.columns and not self.path and _fit_wanted(self._stdout):
                width = shutil.get_terminal_size((80, 24)).columns
                records = [{k: _shorten(v) if k == "source" else v for k, v in r.items()} for r in records]
            cols, hidden = table_columns(records, self.command, width, self.columns)
            if hidden:
                self._notes(f"tscomplex: note: {len(hidden)} more columns not shown to fit {width} characters "
                            f"({', '.join(hidden)}); see them with -f wide or --columns")
            return render_table(records, cols).encode()
        if not records:
            return b""
        cols = [c for c in (self.columns or []) if any(c in r for r in records)] or None
        if cols and any("error" in r for r in records):
            cols.append("error")
        if self.fmt in ("csv", "tsv"):
            return render_delimited(records, "," if self.fmt == "csv" else "\t", cols).encode()
        return parquet_bytes(records, cols)
