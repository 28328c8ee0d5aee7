"""What kind of data a file holds: by its name (suffix, compression) and by its first bytes."""

from __future__ import annotations

import os

TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".dat")
PARQUET_SUFFIXES = (".parquet", ".pq")
NUMPY_SUFFIXES = (".npy", ".npz")
#: Compressions read for text files (the decompressor is chosen in :mod:`tscomplex.io.sources`).
COMPRESSIONS = (".gz", ".bz2", ".xz")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PARQUET_SUFFIXES + NUMPY_SUFFIXES

_MAGIC = {b"\x93NUMPY": ".npy", b"PK\x03\x04": ".npz", b"PAR1": ".parquet"}


def _suffixes(path: str) -> tuple[str, str | None]:
    """(data suffix, compression suffix or None) of a file name, lower case."""
    base, ext = os.path.splitext(path.lower())
    if ext in COMPRESSIONS:
        return os.path.splitext(base)[1], ext
    return ext, None


def is_supported(path: str) -> bool:
    ext, comp = _suffixes(path)
    if comp is not None:
        return ext in TEXT_SUFFIXES
    return ext in SUPPORTED_SUFFIXES


def _binary_suffix(data: bytes) -> str | None:
    """The suffix of a binary format that ``data`` starts with, or None for text."""
    for magic, suffix in _MAGIC.items():
        if data.startswith(magic):
            return suffix
    return None
