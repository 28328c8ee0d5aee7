"""Records -> text and bytes: plain JSON values, aligned tables that fit a width, CSV/TSV, typed Parquet.

Every renderer keeps integers integer: CSV and TSV write them without a
decimal point, Parquet stores a column whose values are all integers (or
null) as a nullable int64, so pandas reads it back as ``Int64`` even when an
error row or a summary row leaves it empty. Names that are not valid UTF-8
(file names decoded with ``surrogateescape``) are written with backslash
escapes (``caf\\xe9.csv``) in every text format.
"""

from __future__ import annotations

import io
import json
import math

import numpy as np

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

    buf = io.StringIO()
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
