"""Delimited text (CSV, TSV, semicolons, whitespace, one number a line) -> {column: float64 array}.

Two parsers give the same values: pyarrow's CSV reader for the common case
(every cell a number, after pyarrow is loaded or for files of 1 MiB and
more), and a general path (numpy, then cell by cell) that handles comment
lines, quoted fields, words, ISO 8601 time columns and ragged rows, and writes
the error messages. A header is a first line that is not all numbers.
"""

from __future__ import annotations

import gzip
import math
import re
import sys

import numpy as np

from .errors import InputError
from .limits import check_width
from .times import looks_like_datetime, parse_datetimes


def _delimiter(first: str) -> str | None:
    """The delimiter of a table from its first line: tab, comma, semicolon, else whitespace (None)."""
    return "\t" if "\t" in first else "," if "," in first else ";" if ";" in first else None


def _header(fields: list[str]) -> tuple[bool, list[str]]:
    """(whether the first line is a header, the column names): unnamed columns are numbered."""
    if not all(_is_number(f) for f in fields):
        return True, [f.strip().strip('"').strip("'") or f"column_{i}" for i, f in enumerate(fields)]
    return False, [str(i) for i in range(len(fields))] if len(fields) > 1 else ["value"]


def _parse_text(data: bytes, wanted, raw=()) -> tuple[dict, list[str]]:
    if data[:2] == b"\x1f\x8b":  # gzip content under a plain name (or from stdin)
        try:
            data = gzip.decompress(data)
        except Exception as exc:  # truncated or corrupt: EOFError, BadGzipFile, zlib.error
            raise InputError(f"starts like gzip but cannot be decompressed ({exc})") from None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark: spreadsheets' "Unicode text"
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputError("starts with a UTF-16 byte-order mark but is not UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError("not a text file (binary content); expected CSV, TSV or one number per line")
    check_width(data)
    fast = _parse_numeric_text(data)
    if fast is not None:
        return fast
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"text that is not UTF-8 (byte 0x{data[exc.start]:02X} on line {line}: Latin-1 or "
                         "Windows-1252?); save it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8") from None
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InputError("file is empty")
    delimiter = _delimiter(lines[0])
    lines = _without_trailing_delimiter(lines, delimiter)
    fields = _split(lines[0], delimiter)
    if len(fields) > 1:
        lines = [ln for ln in lines if ln.strip()]
    else:  # one value a line: an empty line inside the data is a blank cell
        lines = [ln if ln.strip() else "nan" for ln in lines]
    has_header, names = _header(fields)
    body = lines[1:] if has_header else lines
    if has_header and not body:
        raise InputError("file has a header but no data rows")
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
    if all(v is None or v.dtype == object for v in table.values()):  # nothing numeric: say why, where one can
        _refuse_local_numbers(cells, names)
    return table, names


_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+([eE][-+]?\d+)?$")
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}([,.' ]\d{3})+([.,]\d+)?$")


def _refuse_local_numbers(cells: list[list[str]], names: list[str]) -> None:
    """InputError when most cells of a column are numbers written with a decimal comma or thousands separators
    (a spreadsheet's local format), which would otherwise read as 'no numeric column'."""
    for j, name in enumerate(names):
        column = [row[j].strip().strip('"') for row in cells[:1000]]
        column = [c for c in column if c and c.lower() not in _NULLS]
        if not column:
            continue
        if sum(bool(_DECIMAL_COMMA.match(c)) for c in column) > len(column) / 2:
            raise InputError(f"column {name!r} writes numbers with a decimal comma ({column[0]!r}); tscomplex reads "
                             "a decimal point: export with '.' as the decimal sign, or replace ',' by '.'")
        if sum(bool(_THOUSANDS.match(c)) for c in column) > len(column) / 2:
            raise InputError(f"column {name!r} writes numbers with thousands separators ({column[0]!r}); export "
                             "them without separators")


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
    # only line ends go: a last line of tabs is empty cells (a blank line), not whitespace to drop
    data = data.rstrip(b"\r\n")
    if _BLANK_LINE.search(data):  # a line of only spaces or delimiters: the general path decides
        return None
    end = data.find(b"\n")
    first = (data if end < 0 else data[:end]).decode("utf-8", "replace")
    delimiter = _delimiter(first)
    if delimiter is not None and first.rstrip(" \r").endswith(delimiter):
        return None  # perhaps a delimiter ending every line: the general path drops it
    fields = _split(first, delimiter)
    if delimiter is None and len(fields) != 1:
        return None
    has_header, names = _header(fields)
    if has_header and end < 0:
        return None
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


def _without_trailing_delimiter(lines: list[str], delimiter: str | None) -> list[str]:
    """The lines without the delimiter that ends every one of them (as spreadsheets export): it starts no column.

    Else that empty last field made the header an unnamed column of blanks (the file failed for its NaN) and,
    without a header, made the first data row look like one (a sample lost, columns named after its values)."""
    if delimiter is None:
        return lines
    stripped = [ln.rstrip(" \r") for ln in lines]
    if all(ln.endswith(delimiter) for ln in stripped if ln.strip()):
        return [ln[: -len(delimiter)] if ln.strip() else ln for ln in stripped]
    return lines


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
