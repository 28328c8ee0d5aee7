"""Text that goes into a one-line message or a record: control characters and undecodable bytes made visible.

A file name may hold a newline, an escape sequence or bytes that are not
UTF-8 (Python keeps those as lone surrogates, which no UTF-8 writer accepts).
Each would break the rule that every problem is ONE line on stderr, or make a
CSV or table writer fail on the record's ``source``. :func:`printable` writes
them as backslash escapes (``\\n``, ``\\x1b``, ``\\xff``) and leaves all other
text, including any non-ASCII letter, as it is.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if ch in _NAMED:
        return _NAMED[ch]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text) -> str:
    """``text`` with control, line-separator and surrogate characters as backslash escapes."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(ch if (ch.isprintable() or ch == " ") and unicodedata.category(ch) not in ("Cs", "Zl", "Zp")
                   else _escape(ch) for ch in text)
