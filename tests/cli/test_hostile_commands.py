"""Hostile inputs, every command (second round): found by running each command on odd data and odd options.

Each test was written to fail before its fix. The commands run as subprocesses
(``python -m tscomplex``) through the helpers of :mod:`test_bad_input`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from test_bad_input import Result, assert_one_error, tsc

X = np.random.default_rng(23).standard_normal(400)


def assert_clean_stderr(result: Result) -> None:
    """No traceback, a documented exit status, and nothing on stderr but tscomplex's own lines."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    for line in result.stderr.splitlines():
        assert line.startswith("tscomplex: "), result.stderr


# --------------------------------------------------------------------------- one sample is too short, not constant


@pytest.mark.parametrize("command", ["analyze", "lyapunov", "embed", "zero-one", "entropy", "patch"])
def test_a_one_sample_series_is_too_short_not_constant(tmp_path, command):
    # one value equals itself, so it passed for a constant series: exit 0 with null measures and a
    # "constant series" warning (analyze: that warning and then the error), while two samples were an error
    (tmp_path / "one.csv").write_text("a\n1.5\n")
    result = tsc(command, "one.csv", cwd=tmp_path)
    assert_clean_stderr(result)
    line = assert_one_error(result, 1, "one.csv")
    assert "constant" not in result.stderr and ("short" in line or "needed" in line), result.stderr


# --------------------------------------------------------------------------- option values


@pytest.mark.parametrize("args", [
    ("simulate", "lorenz", "-n", "10", "--seed", "-1"),
    ("dataset", "-o", "bench", "--system", "logistic", "-n", "10", "--seed", "-1"),
])
def test_a_negative_seed_is_a_usage_error_naming_the_option(tmp_path, args):
    # simulate said only numpy's "expected non-negative integer"; dataset failed each system (exit 1)
    assert_one_error(tsc(*args, cwd=tmp_path), 2, "--seed", "x>=0")
    assert not (tmp_path / "bench").exists()


@pytest.mark.parametrize("command", ["simulate", "dataset", "lyapunov"])
def test_help_never_shows_an_empty_range(tmp_path, command):
    # a plain int or float option showed '[x<=None]' after the CLI bounded it
    result = tsc(command, "--help", cwd=tmp_path)
    assert result.returncode == 0 and "None]" not in result.stdout, result.stdout
