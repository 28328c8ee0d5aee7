"""The README's commands run as shown.

Every ``$ tscomplex ...`` line of a ``console`` block in README.md is run, in
order, in one scratch folder (so a later command may read what an earlier one
wrote), through bash with a ``tscomplex`` on PATH that runs this checkout. Each
must exit 0, and every output line printed under it in the README must appear
in what it printed, in the same order (a ``...`` line in the README marks a cut).

Numbers are compared with a tolerance, not digit for digit: the last digits of a
floating-point result change with numpy, scipy and numba versions and with the
CPU. Two lines match when their text outside numbers is the same and each pair
of numbers agrees to a relative 1e-6 (absolute 1e-9 near zero), or, for a number
printed with a decimal point, to one unit of the last digit the README shows (a
rounded table value may round the other way). Integers without a decimal point
(counts, exit codes, sample numbers) must be equal.
``$ bash examples/...`` lines are left to tests/test_examples.py, which runs
the scripts themselves. The README's first two lines of shell are checked to
be the install-and-run and install-and-test commands that CI relies on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def console_commands(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each ``$ tscomplex`` line of the console blocks."""
    commands: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = None
                if line.startswith("$ tscomplex") or line.startswith("$ echo") or "| tscomplex" in line:
                    current = (line[2:], [])
                    commands.append(current)
            elif current is not None:
                current[1].append(line.rstrip())
    return commands


REL_TOL, ABS_TOL = 1e-6, 1e-9
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def numbers_agree(shown: str, got: str) -> bool:
    """``got`` equals ``shown`` within the tolerance stated in the module docstring."""
    if shown == got:
        return True
    a, b = float(shown), float(got)
    if not any(c in shown for c in ".eE"):  # an integer: exact
        return a == b
    if abs(a - b) <= max(REL_TOL * abs(a), ABS_TOL):
        return True
    mantissa = shown.lower().split("e")[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exponent = int(shown.lower().split("e")[1]) if "e" in shown.lower() else 0
    return abs(a - b) <= 10.0 ** (exponent - decimals) * (1 + 1e-9)


def lines_match(shown: str, got: str) -> bool:
    """The same text outside numbers, and every number within tolerance."""
    if shown == got:
        return True
    shown_numbers, got_numbers = NUMBER.findall(shown), NUMBER.findall(got)
    if NUMBER.split(shown) != NUMBER.split(got) or len(shown_numbers) != len(got_numbers):
        # a number printed with more digits may be wider in a table: compare with spacing collapsed
        if " ".join(NUMBER.split(shown)).split() != " ".join(NUMBER.split(got)).split() \
                or len(shown_numbers) != len(got_numbers):
            return False
    return all(numbers_agree(a, b) for a, b in zip(shown_numbers, got_numbers))


def in_order(expected: list[str], actual: list[str]) -> str | None:
    """None if every expected line (but '...') occurs in actual in the same order, else the first missing."""
    position = 0
    for line in expected:
        if line.strip() in ("...", ""):
            continue
        while position < len(actual) and not lines_match(line, actual[position]):
            position += 1
        if position == len(actual):
            return line
        position += 1
    return None


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bin")
    exe = folder / "tscomplex"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tscomplex "$@"\n')
    exe.chmod(0o755)
    return folder


def test_readme_opens_with_the_two_setup_commands():
    first_block = re.search(r"```(?:bash|console)\n(.*?)```", README.read_text(), flags=re.S).group(1)
    lines = [ln.removeprefix("$ ") for ln in first_block.strip().splitlines()]
    assert lines[0].startswith("pip install . && tscomplex ")
    assert lines[1] == "pip install '.[test,dask]' && python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text()
    assert lines[1] in ci, ".ci/run must run the README's test command verbatim"
    # and first against the newest versions pip resolves, as a new user gets them
    assert "pip install -q --upgrade --upgrade-strategy eager '.[test,dask]'" in ci


def test_readme_console_commands_run_as_shown(shim, tmp_path):
    commands = console_commands(README.read_text())
    assert len(commands) >= 8, "the README should show real commands"
    env = dict(os.environ, PATH=f"{shim}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT),
               COLUMNS="200")
    for command, expected in commands:
        # stdout and stderr in one stream, interleaved as a terminal shows them
        proc = subprocess.run(["bash", "-o", "pipefail", "-c", f"{{ {command}\n}} 2>&1"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, text=True, timeout=300)
        assert proc.returncode == 0, f"{command}\n{proc.stdout}"
        actual = [ln.rstrip() for ln in proc.stdout.splitlines()]
        missing = in_order(expected, actual)
        assert missing is None, f"{command}\nREADME shows a line it did not print:\n{missing}\n" \
                                f"it printed:\n" + "\n".join(actual)


@pytest.mark.parametrize("shown, got, same", [
    ('"H":0.27231556977357996}', '"H":0.2723155697735807}', True),   # the last digits of another install
    ("noise 0.272316", "noise 0.272315", True),                      # a rounded value rounding the other way
    ("noise 0.272316", "noise 0.272313", False),
    ('"C":0.3992413215309052', '"C":0.3992453215309052', False),     # 1e-5 relative is a real difference
    ("1.0e-05 x", "1.0000001e-05 x", True),
    ("exit 1", "exit 0", False),                                     # integers are exact
    ("20000 samples", "20001 samples", False),
    ("x  0.21941  y", "x  0.219410  y", True),
    ('"regime":"complex"', '"regime":"regular"', False),
    ("a 1.5", "a 1.5 b", False),
])
def test_numbers_are_compared_with_the_stated_tolerance(shown, got, same):
    assert lines_match(shown, got) is same
