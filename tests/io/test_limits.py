"""Bounds on inputs: the row-width check against a plain line-by-line reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.io import limits
from tscomplex.io.errors import InputError


def _widest_reference(data: bytes) -> int:
    """The most fields of any line, counted the way check_width counts them, one line at a time."""
    widest = 0
    for line in data.split(b"\n"):
        widest = max(widest, max(line.count(b","), line.count(b"\t"), line.count(b";"), len(line.split()) - 1) + 1)
    return widest


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(alphabet="1,; \t", max_size=60), min_size=1, max_size=40))
def test_check_width_refuses_exactly_the_too_wide_lines(lines):
    data = "\n".join(lines).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "MAX_COLUMNS", 12)  # small, so that wide lines and short cuts both happen
        _check_against_reference(data)


def _check_against_reference(data: bytes) -> None:
    if _widest_reference(data) > 12 and len(data) > 12:
        with pytest.raises(InputError, match="fields; at most 12 columns are read"):
            limits.check_width(data)
    else:
        limits.check_width(data)
    if limits._every_line_shorter_than_max(data):  # the short cut may only say so when it is true
        assert max(len(line) for line in data.split(b"\n")) < 12


def test_a_wide_line_far_into_a_big_table_is_found():
    data = b"a\n" * 70_000 + b"," * limits.MAX_COLUMNS + b"\n" + b"a\n" * 10
    with pytest.raises(InputError, match=f"line 70001 has {limits.MAX_COLUMNS + 1} fields"):
        limits.check_width(data)
    limits.check_width(b"1,2\n" * 100_000)  # many short lines: nothing to refuse
