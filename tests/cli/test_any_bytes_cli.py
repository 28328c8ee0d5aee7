"""Property (issue 22): any bytes given as a file, of bounded size, through the real command line.

Whatever a file holds, under any reader's name (csv, tsv, txt, npy, npz,
parquet, and their .gz forms), ``tscomplex analyze`` gives it records or ONE
``tscomplex: error:`` line naming it, the others of the batch still run, and
the process ends with exit 0 or 1: never a signal, a traceback or an
"internal error". The in-process readers are fuzzed harder in test_fuzz.py;
this checks what only a real process shows (aborts in C++ readers, memory).
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_bad_input import _env
from test_fuzz import VALID_FILES

SUFFIXES = [".csv", ".tsv", ".txt", ".npy", ".npz", ".parquet", ".csv.gz", ".tsv.gz", ".txt.gz", ".npy.gz",
            ".npz.gz", ".parquet.gz"]
MAGIC = [b"", b"\x1f\x8b", b"PAR1", b"\x93NUMPY", b"\x93NUMPY\x01\x00", b"PK\x03\x04", b"\xef\xbb\xbf",
         b"t,x\n", b"1\n2\n", b'"a,b",c\n']


def _damaged(kind: str, cut: int, flips) -> bytes:
    data = bytearray(VALID_FILES[kind])
    for at, value in flips:
        data[at % len(data)] = value
    return bytes(data[: max(1, cut % (len(data) + 1))])


contents = st.one_of(
    st.builds(lambda head, tail: head + tail, st.sampled_from(MAGIC), st.binary(max_size=600)),
    st.builds(_damaged, st.sampled_from(sorted(VALID_FILES)), st.integers(0, 10**6),
              st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3)),
    st.text(alphabet="0123456789.,;-+eE \t\n\"nai#x", max_size=400).map(str.encode),
)
files = st.lists(st.tuples(contents, st.sampled_from(SUFFIXES), st.booleans()), min_size=1, max_size=12)


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=files)
def test_any_bytes_give_records_or_one_error_line(batch):
    x = np.random.default_rng(3).standard_normal(200)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        np.savetxt(root / "zz_good.csv", x)
        names = []
        for i, (data, suffix, packed) in enumerate(batch):
            name = f"f{i:02d}{suffix}"
            if suffix.endswith(".gz") and packed:  # a real gzip of the bytes, as well as raw bytes under .gz
                data = gzip.compress(data)
            (root / name).write_bytes(data)
            names.append(name)
        proc = subprocess.run([sys.executable, "-m", "tscomplex", "analyze", *names, "zz_good.csv", "-d", "3",
                               "-f", "ndjson"], cwd=root, env=_env(), capture_output=True, text=True,
                              timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr)  # a signal is negative, usage is 2
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("tscomplex: error:")]
    for line in proc.stderr.splitlines():
        assert line.startswith(("tscomplex: error:", "tscomplex: warning:", "tscomplex: note:")), proc.stderr
    import json

    records = [json.loads(line) for line in proc.stdout.splitlines()]
    by_source = {}
    for r in records:
        by_source.setdefault(r["source"], []).append(r)
    for name in names:  # every file answered: records, or error records each with its one line
        assert name in by_source, (name, proc.stderr)
        failed = [r for r in by_source[name] if "error" in r]
        assert len([ln for ln in errors if ln.startswith(f"tscomplex: error: {name}")]) == len(failed)
    assert [r for r in by_source["zz_good.csv"] if "error" not in r]  # the good file still gives records
    assert (proc.returncode == 1) == bool(errors)
