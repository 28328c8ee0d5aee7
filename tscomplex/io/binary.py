"""Binary tables: NPY (memory-mapped) and NPZ (never unpickled), and Parquet -> {column: float64 or float32 array}."""

from __future__ import annotations

import math
import os

import numpy as np

from .errors import InputError
from .times import arrow_datetimes


def npy_header(path: str, what: str = "NPY") -> tuple[tuple, bool, np.dtype, int]:
    """(shape, Fortran order, dtype, data offset) of an NPY file, with a damaged header as InputError."""
    fmt = np.lib.format
    with open(path, "rb") as fh:
        try:
            version = fmt.read_magic(fh)
            shape, fortran, dtype = (fmt.read_array_header_1_0(fh) if version == (1, 0)
                                     else fmt.read_array_header_2_0(fh))
        except Exception as exc:  # ValueError, EOFError, SyntaxError from a damaged header
            raise _not_numpy(exc, what) from None
        return shape, fortran, dtype, fh.tell()


def check_npy_size(path: str, shape, dtype, offset: int) -> None:
    """Refuse an NPY whose header promises more data than the file holds (np.load's count would wrap)."""
    need = offset + math.prod(shape) * dtype.itemsize  # Python ints: a huge shape cannot wrap
    size = os.path.getsize(path)
    if size < need:
        raise InputError(f"not a valid NPY file: its header says shape {shape} ({need} bytes), "
                         f"but the file has {size} bytes")


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


def _column(arr: np.ndarray) -> np.ndarray:
    """A numeric column as float64, or float32 kept as float32; no copy when it already is one of them."""
    keep = arr.dtype if arr.dtype in (np.float32, np.float64) else np.float64  # native byte order only
    if arr.dtype == keep and arr.flags.c_contiguous:
        return arr if not isinstance(arr, np.memmap) else arr.view(np.ndarray)  # still the map's pages
    return np.ascontiguousarray(arr, dtype=keep)


def _read_numpy(path: str) -> tuple[dict, list[str]]:
    # np.load raises many kinds of error on a damaged file (ValueError, EOFError, BadZipFile, zlib.error,
    # UnicodeDecodeError, ...); every one of them means the same to the user. Never unpickle.
    with open(path, "rb") as fh:
        magic = fh.read(6)
    if magic != b"\x93NUMPY" and not magic.startswith(b"PK\x03\x04"):
        # np.load would try to unpickle anything else (and is told not to): say what the file is not
        raise InputError("not a valid NPY/NPZ file (no NPY or NPZ signature at its start)")
    mapped = False
    if magic == b"\x93NUMPY":
        shape, _, dtype, offset = npy_header(path, "NPY/NPZ")
        if not dtype.hasobject:  # else np.load says it holds objects
            check_npy_size(path, shape, dtype, offset)
            mapped = math.prod(shape) > 0  # an empty file part cannot be mapped
    try:
        # an NPY is mapped, not read: its pages are read as the kernels pass over them and never copied
        # (copy-on-write, so nothing can write to the file); an NPZ member is read whole
        loaded = np.load(path, allow_pickle=False, mmap_mode="c" if mapped else None)
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
            table[key] = _column(arr) if numeric else None
        elif arr.ndim == 2:
            for j in range(arr.shape[1]):
                name = str(j) if key == "value" else f"{key}[{j}]"
                table[name] = _column(arr[:, j]) if numeric else None
        else:
            raise InputError(f"array {key!r} has {arr.ndim} dimensions; expected 1 (a series) or 2 (columns)")
    return table, list(table)
