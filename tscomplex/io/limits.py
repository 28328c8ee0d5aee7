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

import numpy as np

from .errors import InputError

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


def read_bounded(fh) -> bytes:
    """All of ``fh`` (a binary stream); InputError once more than the limit has arrived.

    A stream whose first bytes are NUL and that has no binary signature is not
    data at all (``/dev/zero``): it fails at once instead of at the limit.
    """
    limit = max_stream_bytes()
    head = fh.read(min(PROBE_BYTES, limit + 1))
    if head[:4096] and not head[:4096].strip(b"\x00"):
        raise InputError("not a data stream (it starts with NUL bytes); expected CSV, TSV, NPY, NPZ or Parquet")
    parts, size = [head], len(head)
    while size <= limit:
        block = fh.read(min(1 << 24, limit + 1 - size))
        if not block:
            break
        parts.append(block)
        size += len(block)
    if size > limit:
        raise InputError(f"more than {limit} bytes from a pipe or device; save it to a file first "
                         "(read from a file, any size is accepted)")
    return b"".join(parts)


def check_width(data: bytes) -> None:
    """Refuse a row wider than MAX_COLUMNS fields before any parser allocates a column for each."""
    if len(data) <= MAX_COLUMNS:  # a row of more fields needs more bytes than that
        return
    if _every_line_shorter_than_max(data):
        return
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    ends = np.concatenate((newlines, [len(data)]))
    starts = np.concatenate(([0], newlines + 1))
    for row in np.flatnonzero(ends - starts >= MAX_COLUMNS):
        line = data[starts[row]:ends[row]]
        width = max(line.count(b","), line.count(b"\t"), line.count(b";"), len(line.split()) - 1) + 1
        if width > MAX_COLUMNS:
            raise InputError(f"line {row + 1} has {width} fields; at most {MAX_COLUMNS} columns are read "
                             "(store a very wide table as NPY or Parquet, one series per column)")


def _every_line_shorter_than_max(data: bytes) -> bool:
    """True when every aligned block of MAX_COLUMNS // 2 bytes holds a newline.

    A line of at least MAX_COLUMNS - 1 bytes covers a whole aligned block of
    half that size, so it cannot exist then; one ``find`` per block that stops
    at the block's first newline is far quicker than locating every newline
    (about 500 short searches for 26 MB, instead of a pass over every byte).
    """
    block = MAX_COLUMNS // 2
    return all(data.find(b"\n", start, start + block) >= 0 for start in range(0, len(data) - block + 1, block))
