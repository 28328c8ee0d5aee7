"""Bounds on what a reader accepts, so that no input can exhaust memory or crash the process.

- A pipe, a device or stdin is read up to :func:`max_stream_bytes` (1 GiB, or
  the environment variable ``TSCOMPLEX_MAX_STREAM_BYTES``); past that the input
  fails with one line saying so (``/dev/zero`` or an endless pipe would
  otherwise fill memory). Regular files have a size and are not bounded here.
- A text table may have at most :data:`MAX_COLUMNS` fields in a row (one CSV
  row of millions of fields made the C++ reader abort the process).
"""

from __future__ import annotations

import os

#: Most bytes read from a pipe, a device or stdin, unless TSCOMPLEX_MAX_STREAM_BYTES says otherwise.
MAX_STREAM_BYTES = 1 << 30
#: Most fields in one row of a text table.
MAX_COLUMNS = 100_000
#: The first bytes of an input that are looked at before reading the rest (binary or text?).
PROBE_BYTES = 1 << 16


def max_stream_bytes() -> int:
    value = os.environ.get("TSCOMPLEX_MAX_STREAM_BYTES", "")
    try:
        return max(1, int(value)) if value else MAX_STREAM_BYTES
    except ValueError:
        return MAX_STREAM_BYTES


def read_bounded(fh, error) -> bytes:
    """All of ``fh`` (a binary stream), or ``error(limit)`` raised once more than the limit has arrived.

    A stream whose first bytes are NUL and that has no binary signature is not
    data at all (``/dev/zero``): it fails at once instead of at the limit.
    """
    limit = max_stream_bytes()
    head = fh.read(min(PROBE_BYTES, limit + 1))
    if head[:4096] and not head[:4096].strip(b"\x00"):
        raise error(None)
    parts, size = [head], len(head)
    while size <= limit:
        block = fh.read(min(1 << 24, limit + 1 - size))
        if not block:
            break
        parts.append(block)
        size += len(block)
    if size > limit:
        raise error(limit)
    return b"".join(parts)


def stream_error(input_error):
    """The ``error`` for :func:`read_bounded`: an ``input_error`` (exception class) with the reason."""

    def make(limit):
        if limit is None:
            return input_error("not a data stream (it starts with NUL bytes); expected CSV, TSV, NPY, NPZ or "
                               "Parquet")
        return input_error(f"more than {limit} bytes from a pipe or device; save it to a file first "
                           "(read from a file, any size is accepted)")

    return make


def too_many_columns(first_line: bytes, delimiter: bytes | None) -> int | None:
    """The number of fields of ``first_line`` when it exceeds MAX_COLUMNS, else None."""
    if delimiter is None:
        count = len(first_line.split(None, MAX_COLUMNS + 1))
    else:
        count = first_line.count(delimiter) + 1
    return count if count > MAX_COLUMNS else None
