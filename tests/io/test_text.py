"""Delimited text: dialects, headers, gzip and stdin, and the fast (pyarrow) path against the general one."""

from __future__ import annotations

import gzip
import io
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex.io.errors import InputError
from tscomplex.io.readers import read_series

X = np.array([0.5, -1.25, 3.0, 2.0, 1e-3, 7.5, -2.0, 4.25])
Y = np.arange(8) * 1.5


def _values(series_list):
    return {s.name: s.values for s in series_list}


@pytest.mark.parametrize("name,text", [
    ("a.csv", "x,y\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.tsv", "x\ty\n" + "".join(f"{a!r}\t{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.txt", "# comment\nx y\n" + "".join(f"{a!r}   {b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
    ("a.dat", "x;y\n" + "".join(f"{a!r};{b!r}\n" for a, b in zip(X.tolist(), Y.tolist()))),
])
def test_text_formats_with_header(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    got = _values(read_series(str(path)))
    assert list(got) == ["x", "y"]
    np.testing.assert_array_equal(got["x"], X)
    np.testing.assert_array_equal(got["y"], Y)


def test_headerless_single_and_multi_column(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("\n".join(map(repr, X.tolist())) + "\n")
    (s,) = read_series(str(one))
    assert s.name == "value" and np.array_equal(s.values, X)
    two = tmp_path / "two.csv"
    two.write_text("".join(f"{a!r},{b!r}\n" for a, b in zip(X.tolist(), Y.tolist())))
    assert [s.name for s in read_series(str(two))] == ["0", "1"]


def test_header_detection_keeps_nan_literal_rows_as_data(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("nan,1\n2,3\n4,5\n")  # 'nan' is a number: no header
    got = _values(read_series(str(path), nan="drop"))
    assert list(got) == ["0", "1"] and np.array_equal(got["0"], [2.0, 4.0])


def test_gzip_and_stdin(tmp_path, monkeypatch):
    text = "x\n" + "\n".join(map(repr, X.tolist())) + "\n"
    gz = tmp_path / "a.csv.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    assert np.array_equal(read_series(str(gz))[0].values, X)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    (s,) = read_series("-")
    assert s.source == "-" and s.name == "x" and np.array_equal(s.values, X)
    bad = tmp_path / "b.csv.gz"
    bad.write_bytes(b"\x1f\x8bnot really gzip")
    with pytest.raises(InputError, match="cannot decompress"):
        read_series(str(bad))


def _general_path(data):
    from unittest import mock

    import tscomplex.io.text as tio

    with mock.patch.object(tio, "_parse_numeric_text", lambda data: None):
        return tio._parse_text(data, None)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.lists(st.one_of(st.floats(allow_nan=False, width=64), st.just(None)),
                                min_size=1, max_size=3), min_size=2, max_size=30),
       header=st.booleans(), sep=st.sampled_from([",", "\t", ";"]), style=st.sampled_from(["repr", "g", "e"]))
def test_fast_text_path_equals_the_general_path(values, header, sep, style):
    import tscomplex.io.text as tio

    width = len(values[0])
    rows = [row[:width] + [0.0] * (width - len(row)) for row in values]
    fmt = {"repr": repr, "g": lambda v: f"{v:.6g}", "e": lambda v: f"{v:.17e}"}[style]
    cell = lambda v: "" if v is None else fmt(float(v))  # noqa: E731
    lines = ([sep.join(f"c{j}" for j in range(width))] if header else [])
    lines += [sep.join(cell(v) for v in row) if width > 1 else cell(row[0]) for row in rows]
    data = ("\n".join(lines) + "\n").encode()
    tio.warm_text_reader()  # small files take the fast path only once pyarrow is loaded (as in a batch)
    fast = tio._parse_numeric_text(data)
    try:
        general = _general_path(data)
    except InputError:
        assert fast is None
        return
    if fast is None:
        return
    assert fast[1] == general[1]
    for name in fast[1]:
        np.testing.assert_array_equal(fast[0][name], general[0][name])


def test_fast_text_path_declines_what_it_cannot_parse():
    import tscomplex.io.text as tio

    tio.warm_text_reader()
    for data in [b"# c\n1\n2\n", b"x y\n1 2\n3 4\n", b"a,b\n1,x\n", b"a,b\n1,2\n3\n", b"a,a\n1,2\n", b" 1\n2\n"]:
        assert tio._parse_numeric_text(data) is None, data
    table, names = tio._parse_numeric_text(b"\xef\xbb\xbfflux\n1.5\n\nNA\n2\n\n\n")
    assert names == ["flux"] and np.array_equal(table["flux"], [1.5, np.nan, np.nan, 2.0], equal_nan=True)


def test_a_lone_small_file_does_not_import_pyarrow(tmp_path):
    """pyarrow's import costs more than numpy's parse of one small file, so a lone file skips it."""
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "small.csv"
    path.write_text("flux\n" + "\n".join(str(i % 7) for i in range(1000)) + "\n")
    code = ("import sys; from tscomplex.io.readers import read_series; s = read_series(sys.argv[1]); "
            "print(s[0].values.size, 'pyarrow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    assert out.stdout.split() == ["1000", "False"]


def test_a_last_line_of_separators_is_not_dropped_by_the_fast_path():
    """Found by the property test above: '0.0<TAB>' then a line of one tab lost both lines' empty cells to a
    whitespace strip, so the fast path read one column [0.0] where the general path refuses the file."""
    import tscomplex.io.text as tio

    tio.warm_text_reader()
    data = b"0.0\t\n\t\n"
    assert tio._parse_numeric_text(data) is None
    # the general path refused the file until a delimiter ending every line stopped starting a column of its
    # own (tests/cli/test_hostile_commands.py): it reads the one value now, and the fast path still defers to it
    table, names = _general_path(data)
    assert names == ["value"] and table["value"].tolist() == [0.0]
