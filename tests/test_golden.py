"""The output of a fixed list of commands does not change unless we mean it to.

``tests/golden/commands.txt`` lists commands that cover every record-writing
command; ``tests/golden/expected/`` holds their NDJSON output, made by
``python tests/golden/regenerate.py``. Keys, their order, strings, integers,
booleans and nulls must match exactly; floats to a relative 1e-6, because the
last digits of a float may change with numpy, scipy or numba versions while
the science does not.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))

from regenerate import commands, run  # noqa: E402

REL = 1e-6
ABS = 1e-9


def same(expected, actual, where: str) -> None:
    if isinstance(expected, float) and isinstance(actual, (int, float)) and not isinstance(actual, bool):
        assert isinstance(actual, float), f"{where}: {actual!r} should be a float"
        assert math.isclose(expected, actual, rel_tol=REL, abs_tol=ABS), f"{where}: {actual!r} != {expected!r}"
    elif isinstance(expected, dict):
        assert isinstance(actual, dict) and list(actual) == list(expected), \
            f"{where}: keys {list(actual) if isinstance(actual, dict) else actual!r} != {list(expected)}"
        for key in expected:
            same(expected[key], actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r} != {expected!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            same(e, a, f"{where}[{i}]")
    else:
        assert type(actual) is type(expected) and actual == expected, f"{where}: {actual!r} != {expected!r}"


CASES = list(enumerate(commands()))


@pytest.mark.parametrize("index,args", CASES, ids=[" ".join(a)[:60] for _, a in CASES])
def test_command_output_matches_golden(index, args):
    expected = [json.loads(ln) for ln in (GOLDEN / "expected" / f"{index:02d}.ndjson").read_text().splitlines()]
    code, text = run(args)
    assert code == 0
    actual = [json.loads(ln) for ln in text.splitlines()]
    assert len(actual) == len(expected), f"{len(actual)} records, expected {len(expected)}"
    for i, (e, a) in enumerate(zip(expected, actual)):
        same(e, a, f"record {i}")


def test_golden_list_covers_every_record_command():
    names = {args[0] for args in commands()}
    assert {"analyze", "sweep", "lyapunov", "patch", "systems"} <= names
