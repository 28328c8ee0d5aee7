"""Should tscomplex read delimited text with pandas? Dialects handled, and time on a 10^6-row CSV.

Each dialect case is a small file and the columns a person means by it. The
tscomplex reader (:func:`tscomplex.io.readers.read_series`) and
``pandas.read_csv`` in the configuration a user would reach for to accept any
delimiter and comment lines (``sep=None, engine="python", comment="#"``) are
both asked for the numeric columns; a case passes when the names and values
match (NaN equal to NaN), and a case meant to fail passes when the reader
refuses it instead of returning numbers. Then both read a 10^6-row,
two-column CSV (median of REPEATS runs, pyarrow already imported, as in a batch): the
whole read_series (parse, time-column and NaN checks), its parser alone, and
pandas with its fast C engine and ``sep=","``.

Usage: python benchmarks/bench_text_reader.py [--quick] [--rows N] [--repeats R]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

NAN = float("nan")
# name: (file bytes, {column: values} a person means, or None where the file must be refused)
CASES = {
    "quoted fields": (b'"x","y"\n"1.5","2"\n"3","4"\n', {"x": [1.5, 3.0], "y": [2.0, 4.0]}),
    "UTF-8 BOM": ("\ufeffx,y\n1,2\n3,4\n".encode(), {"x": [1.0, 3.0], "y": [2.0, 4.0]}),
    "comment lines": (b"# logger v2\nx,y\n# pause\n1,2\n3,4\n", {"x": [1.0, 3.0], "y": [2.0, 4.0]}),
    "semicolons": (b"x;y\n1.5;2\n3;4\n", {"x": [1.5, 3.0], "y": [2.0, 4.0]}),
    "decimal commas": (b"x;y\n1,5;2\n3,25;4\n", {"x": [1.5, 3.25], "y": [2.0, 4.0]}),
    "whitespace columns": (b"x   y\n1  2\n3\t4\n", {"x": [1.0, 3.0], "y": [2.0, 4.0]}),
    "no header": (b"1,2\n3,4\n", {"0": [1.0, 3.0], "1": [2.0, 4.0]}),
    "one value a line, a blank line inside": (b"1\n2\n\n4\n", {"value": [1.0, 2.0, NAN, 4.0]}),
    "NA literals": (b"x,y\n1,NA\nnull,4\n5,6\n", {"x": [1.0, NAN, 5.0], "y": [NAN, 4.0, 6.0]}),
    "ragged row (short)": (b"x,y\n1,2\n3\n5,6\n", None),
    "ragged row (long)": (b"x,y\n1,2\n3,4,5\n5,6\n", None),
    "words in a numeric column": (b"x,y\n1,2\noops,4\n", {"y": [2.0, 4.0]}),
}


def _tscomplex(data: bytes) -> dict:
    """The columns tscomplex parses from ``data``, before any NaN policy (so NaN cells can be compared)."""
    from tscomplex.io.columns import _choose_columns
    from tscomplex.io.sources import _read_table

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "case.csv")
        with open(path, "wb") as fh:
            fh.write(data)
        table, names = _read_table(path, None)
    chosen, _ = _choose_columns(table, names, None, None)
    return {name: np.asarray(table[name], dtype=np.float64) for name in chosen}


def _pandas(data: bytes) -> dict:
    import pandas as pd

    frame = pd.read_csv(io.BytesIO(data), sep=None, engine="python", comment="#")
    if all(str(c).replace(".", "").replace("-", "").isdigit() for c in frame.columns):  # no header: re-read
        frame = pd.read_csv(io.BytesIO(data), sep=None, engine="python", comment="#", header=None)
        if frame.shape[1] == 1:
            frame.columns = ["value"]
    return {str(c): frame[c].to_numpy(np.float64) for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c])}


def _matches(got: dict, want: dict | None) -> bool:
    if want is None:
        return False
    return list(got) == list(want) and all(
        np.array_equal(np.asarray(got[k], float), np.asarray(v, float), equal_nan=True) for k, v in want.items())


def dialects() -> dict:
    scores = {"tscomplex": 0, "pandas": 0}
    print(f"{'case':40s} {'tscomplex':>14s} {'pandas':>14s}")
    for name, (data, want) in CASES.items():
        row = []
        for reader, fn in (("tscomplex", _tscomplex), ("pandas", _pandas)):
            try:
                got = fn(data)
                ok = _matches(got, want)
                verdict = "ok" if ok else ("wrong numbers" if want is not None or got else "refused")
                if want is None and not ok:
                    verdict = "silent NaN" if got else "refused"
            except Exception:  # noqa: BLE001 - a refusal is an answer here
                ok = want is None
                verdict = "refused" if ok else "error"
            scores[reader] += ok
            row.append(verdict)
        print(f"{name:40s} {row[0]:>14s} {row[1]:>14s}")
    print(f"{'cases handled':40s} {scores['tscomplex']:>11d}/{len(CASES)} {scores['pandas']:>11d}/{len(CASES)}")
    return scores


def timing(rows: int, repeats: int) -> None:
    import pandas as pd
    from tscomplex.io.readers import read_series
    from tscomplex.io.sources import _read_table
    from tscomplex.io.text import warm_text_reader

    warm_text_reader()  # pyarrow's CSV reader loaded once, as in a batch

    rng = np.random.default_rng(1)
    t = np.arange(rows) * 0.01
    x = rng.standard_normal(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.csv")
        with open(path, "w") as fh:
            fh.write("time,x\n")
            fh.write("".join(f"{a:.2f},{b!r}\n" for a, b in zip(t.tolist(), x.tolist())))
        size = os.path.getsize(path) / 2**20

        def ours():
            (s,) = read_series(path)
            return s.values

        def parse_only():
            table, _ = _read_table(path, None)
            return table["x"]

        def theirs():
            frame = pd.read_csv(path, sep=",")
            return frame["x"].to_numpy(np.float64)

        assert np.array_equal(ours(), theirs()) and np.array_equal(parse_only(), theirs())
        for name, fn in (("tscomplex read_series", ours), ("tscomplex parser only", parse_only),
                         ("pandas.read_csv (C engine)", theirs)):
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
            print(f"{name:32s} {statistics.median(times):8.3f} s  ({rows} rows, {size:.1f} MiB, median of {repeats})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10**6)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10^5 rows, 3 repeats")
    args = parser.parse_args()
    dialects()
    timing(10**5 if args.quick else args.rows, 3 if args.quick else args.repeats)


if __name__ == "__main__":
    main()
