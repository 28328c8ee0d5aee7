"""Numbers in a spreadsheet's local format (decimal comma, thousands separators) are refused with the reason, not
as 'no numeric column found' (found by the hostile-input review)."""

import pytest

from tscomplex.io.errors import InputError
from tscomplex.io.text import _parse_text


@pytest.mark.parametrize("text, what", [
    ("x;y\n1,5;2,5\n3,25;4,5\n-5,0;6,1\n", "decimal comma"),
    ("x\t\n1,5\t\n2,75\t\n", "decimal comma"),
    ('x,y\n"1,234.5","2,000.0"\n"3,456.0","1,000.5"\n', "thousands separators"),
])
def test_local_number_formats_are_refused_with_the_reason(text, what):
    with pytest.raises(InputError, match=what):
        _parse_text(text.encode(), None)


def test_text_columns_and_numbers_with_a_point_are_unchanged():
    table, names = _parse_text(b"a,b\nfoo,bar\nbaz,qux\n", None)  # plain text: no reason to give here
    assert names == ["a", "b"] and all(v is None for v in table.values())
    table, names = _parse_text(b"x;label\n1.5;a,b\n2.5;c,d\n", None)  # numbers beside text with commas
    assert list(table["x"]) == [1.5, 2.5]
