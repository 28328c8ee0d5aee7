"""Series too long to hold: NPY (memory-mapped) and Parquet (by row group) read in blocks of rows."""

from __future__ import annotations

import numpy as np

from .binary import _not_parquet, check_npy_size, npy_header
from .cleaning import (NAN_ADVICE, StreamInterpolator, check_nan_policy, dt_override_warning, edge_warning, joined,
                       nan_record, nan_warning)
from .columns import _choose_columns
from .errors import InputError
from .filetypes import PARQUET_SUFFIXES, _suffixes
from .times import StepChecker, arrow_datetimes, time_record

#: Samples per block of a :class:`ChunkedTable` (and per chunk of the chunked commands).
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
        check_nan_policy(nan)
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
        #: NPY blocks as the file holds them (float32 stays float32, float64 is a read-only view of the map,
        #: no copy): for readers that only compare or count, such as the ordinal counters. Off by default:
        #: every block is then a writable float64 copy.
        self.native_floats = False
        self._dt = dt
        self._step = None  # the time column's step, once read
        self._edges: dict = {}  # name -> (leading, trailing) samples held by nan="interpolate"
        self.dt = dt

    # -- NPY: one memory map per block, dropped after use, so resident memory stays one block
    def _open_npy(self, path):
        shape, fortran, dtype, self._offset = npy_header(path)
        if dtype.hasobject:
            raise InputError("NPY holds Python objects (dtype object), which are never unpickled")
        if len(shape) not in (1, 2):
            raise InputError(f"array 'value' has {len(shape)} dimensions; expected 1 (a series) or 2 (columns)")
        check_npy_size(path, shape, dtype, self._offset)
        numeric = bool(np.issubdtype(dtype, np.number) and not np.issubdtype(dtype, np.complexfloating))
        self._shape, self._fortran, self._dtype = shape, fortran, dtype
        self.n_rows = shape[0]
        cols = ["value"] if len(shape) == 1 else [str(j) for j in range(shape[1])]
        self._numeric = {c: numeric for c in cols}
        self._kind = "npy"

    def _npy_blocks(self, wanted):
        shape, item = self._shape, self._dtype.itemsize
        n = shape[0]
        native = self.native_floats and self._dtype in (np.float32, np.float64)  # native byte order only
        keep = self._dtype if native else np.float64

        def mapped(offset, rows, cols=None):
            # a fresh map per block, dropped with the block, so resident memory stays one block
            return np.memmap(self.source, self._dtype, "r", offset, (rows,) if cols is None else (rows, cols))

        def floats(values):
            # native_floats: a contiguous column is the map itself (no copy); else one copy to float64
            if native and values.flags.c_contiguous:
                return values.view(np.ndarray)
            return np.array(values, dtype=keep)

        for start in range(0, n, self.chunk):
            rows = min(n, start + self.chunk) - start
            if len(shape) == 1:
                block = {"value": floats(mapped(self._offset + start * item, rows))}
            elif not self._fortran:
                mm = mapped(self._offset + start * shape[1] * item, rows, shape[1])
                block = {name: floats(mm[:, int(name)]) for name in wanted}
                del mm
            else:
                block = {name: floats(mapped(self._offset + (int(name) * n + start) * item, rows)) for name in wanted}
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
        count = self.nan_counts.get(name, 0)
        return joined(time_record(self.time_column, self.time_column in getattr(self, "_times", ())),
                      nan_record(self.nan, count), nan_warning(count, self.nan, self.time_column),
                      edge_warning(*self._edges.get(name, (0, 0)), self.nan),
                      dt_override_warning(self._dt, self._step, self.time_column) if self._step is not None else {})

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
        fillers = {name: StreamInterpolator(name, self.chunk) for name in self.names} \
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
                with np.errstate(over="ignore", invalid="ignore"):  # one pass, no temporary, when all is finite
                    total = np.add.reduce(values, dtype=np.float64)
                bad = np.zeros(0, bool) if np.isfinite(total) else ~np.isfinite(values)
                if bad.any():
                    if self.nan == "error":
                        raise InputError(f"column {name!r} has NaN, inf or blank values (first at data row "
                                         f"{row + int(np.argmax(bad)) + 1}); {NAN_ADVICE}")
                    values = values[~bad]
                out[name] = values
            row += rows
            yield out
        if fillers is not None:
            yield from _zip_pieces({name: fillers[name].finish(row) for name in self.names})
            self._edges = {name: (f.leading, f.trailing) for name, f in fillers.items()}
        if checker is not None:
            step = self._step = checker.step()
            self.dt = self._dt if self._dt is not None else step


def _zip_pieces(pieces: dict):
    """{name: [array, ...]} -> dicts of one array per name (empty where a name has fewer pieces)."""
    longest = max((len(p) for p in pieces.values()), default=0)
    empty = np.empty(0)
    for i in range(longest):
        yield {name: (p[i] if i < len(p) else empty) for name, p in pieces.items()}
