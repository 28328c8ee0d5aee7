"""One input (a file, a FIFO or device, stdin, compressed text) -> {column: array}, by the kind it holds.

Regular files are read by their suffix; a stream is read to memory, bounded
(:mod:`tscomplex.io.limits`), and recognised by its first bytes, so NPY, NPZ
and Parquet can be piped in as well as text.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import stat
import sys
import tempfile

from .binary import _read_numpy, _read_parquet
from .errors import InputError
from .filetypes import NUMPY_SUFFIXES, PARQUET_SUFFIXES, _binary_suffix, _suffixes
from .limits import max_stream_bytes, read_bounded
from .text import _parse_text


def _read_table(path: str, wanted, raw=()) -> tuple[dict, list[str]]:
    """Return ({name: numeric array, or None if not numeric}, names in file order).

    ``wanted`` is a set of column names to parse, or None for all; the others
    are listed but not parsed. Columns named in ``raw`` (a group key) come back
    as an object array of strings when they are not numeric.
    """
    if path == "-":
        return _read_stream(read_bounded(sys.stdin.buffer), wanted, raw)
    try:
        if os.path.isdir(path):
            raise InputError("is a folder; give its files or a glob")
        if not _is_regular(path):  # a FIFO, /dev/zero, a terminal: bounded, and read as stdin is
            with open(path, "rb") as fh:
                return _read_stream(read_bounded(fh), wanted, raw, _suffixes(path)[1])
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
    return stat.S_ISREG(os.stat(path).st_mode)


_DECOMPRESSORS = {".gz": gzip.GzipFile, ".bz2": bz2.BZ2File, ".xz": lzma.LZMAFile}


def _decompress(fh, comp: str) -> bytes:
    """The decompressed bytes of a .gz/.bz2/.xz file, bounded (a small archive can expand without end)."""
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
        data = _decompress(io.BytesIO(data), comp)
    suffix = _binary_suffix(data)
    if suffix:  # NPY, NPZ or Parquet piped in: read it as the file it is
        with tempfile.TemporaryDirectory() as folder:
            tmp = os.path.join(folder, "stdin" + suffix)
            with open(tmp, "wb") as fh:
                fh.write(data)
            return _read_table(tmp, wanted, raw)
    return _parse_text(data, wanted, raw)
