"""Inputs in, records out: readers that yield Series, writers that publish records atomically.

One job per module, imported on first use so that ``tscomplex --help`` loads
none of them (nor numpy, pyarrow or pandas through them):

=============  =====================================================================
errors         InputError, OutputError, SeriesFailure (no imports: everyone uses them)
series         the Series type
filetypes      what a file holds, by its suffix and by its first bytes
limits         bounds on streams, decompression and row width
sources        one input (file, FIFO, stdin, compressed) -> a table of columns
text           delimited text; binary: NPY, NPZ, Parquet
times          date-time columns and the uniform-step check
columns        which columns are series, which is the time axis
cleaning       NaN policies (error, drop, interpolate), whole or block by block
readers        read_series, read_groups, expand_inputs
chunked        ChunkedTable: NPY and Parquet in blocks of rows
folders        files, folders and globs -> the files to read
atomic         the one atomic writer; outputs: output checks and locks
render         records -> tables, CSV/TSV, Parquet; writers: RecordWriter
printable      control characters made visible in messages
=============  =====================================================================

The import graph inside this package has no cycle (errors, series, filetypes,
atomic, render and printable import no sibling).
"""

from __future__ import annotations

from importlib import import_module

from .errors import InputError, OutputError, SeriesFailure

# Every name other modules, tests and benchmarks import from ``tscomplex.io``, with the module that holds it.
_HOMES = {
    "Series": "series",
    "TEXT_SUFFIXES": "filetypes", "PARQUET_SUFFIXES": "filetypes", "NUMPY_SUFFIXES": "filetypes",
    "SUPPORTED_SUFFIXES": "filetypes", "COMPRESSIONS": "filetypes", "is_supported": "filetypes",
    "_suffixes": "filetypes", "_binary_suffix": "filetypes",
    "MAX_COLUMNS": "limits", "MAX_STREAM_BYTES": "limits", "max_stream_bytes": "limits",
    "_read_table": "sources", "_read_stream": "sources", "_decompress": "sources",
    "_parse_text": "text", "_parse_numeric_text": "text", "_split": "text", "_is_number": "text",
    "_to_float": "text", "warm_text_reader": "text", "FAST_TEXT_MIN_BYTES": "text",
    "_read_numpy": "binary", "_read_parquet": "binary",
    "StepChecker": "times", "uniform_step": "times", "round_significant": "times", "time_seconds": "times",
    "STEP_SIGNIFICANT_DIGITS": "times", "STEP_TOLERANCE": "times",
    "TIME_COLUMN_NAMES": "columns", "_choose_columns": "columns", "_wanted": "columns",
    "NAN_POLICIES": "cleaning", "clean_nonfinite": "cleaning", "nan_record": "cleaning",
    "read_series": "readers", "read_groups": "readers", "expand_inputs": "readers",
    "CHUNK_SAMPLES": "chunked", "ChunkedTable": "chunked", "streamable": "chunked",
    "discover": "folders",
    "AtomicFile": "atomic", "atomic_write": "atomic", "atomic_write_path": "atomic",
    "atomic_write_bytes": "atomic", "special_kind": "atomic",
    "check_output_path": "outputs", "lock_output": "outputs", "OutputLock": "outputs",
    "clean_value": "render", "clean_record": "render", "render_table": "render", "render_delimited": "render",
    "parquet_bytes": "render", "table_columns": "render", "safe_text": "render",
    "FORMATS": "writers", "RecordWriter": "writers", "format_for_path": "writers",
}

__all__ = ["InputError", "OutputError", "SeriesFailure", *(n for n in _HOMES if not n.startswith("_"))]


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_HOMES})
