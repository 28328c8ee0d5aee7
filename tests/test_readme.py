"""The README's commands run as shown.

Every ``$ tscomplex ...`` line of a ``console`` block in README.md is run, in
order, in one scratch folder (so a later command may read what an earlier one
wrote), through bash with a ``tscomplex`` on PATH that runs this checkout. Each
must exit 0, and every output line printed under it in the README must appear
in what it printed, in the same order (a ``...`` line in the README marks a cut).
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


def in_order(expected: list[str], actual: list[str]) -> str | None:
    """None if every expected line (but '...') occurs in actual in the same order, else the first missing."""
    position = 0
    for line in expected:
        if line.strip() in ("...", ""):
            continue
        while position < len(actual) and actual[position] != line:
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
