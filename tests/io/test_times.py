"""The uniform-step check of time columns, whole and in blocks, and its rounding."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.io.errors import InputError
from tscomplex.io.times import StepChecker, uniform_step


def test_uniform_step_errors():
    with pytest.raises(InputError, match="not strictly increasing"):
        uniform_step(np.array([0.0, 1.0, 1.0, 2.0]))
    with pytest.raises(InputError, match="fewer than 2 values"):
        uniform_step(np.array([1.0]))
    t = np.arange(20.0)
    t[19] += 0.3
    with pytest.raises(InputError, match="step 1.3 at row 19 differs from the mean step 1.01579"):
        uniform_step(t)


def test_step_checker_in_blocks_matches_one_block():
    rng = np.random.default_rng(0)
    t = 3.0 + np.arange(1000) * 0.1 + rng.normal(scale=1e-9, size=1000)
    whole = uniform_step(t)
    for size in (1, 2, 7, 999):
        checker = StepChecker()
        for i in range(0, t.size, size):
            checker.add(t[i:i + size])
        assert checker.step() == whole
    bad = t.copy()
    bad[500] += 0.05
    checker = StepChecker()
    for i in range(0, bad.size, 7):
        checker.add(bad[i:i + 7])
    with pytest.raises(InputError, match="row 50[01]"):
        checker.step()


def test_uniform_step_is_rounded_to_12_significant_digits():
    """A time column written in decimal gives the step it was written with, in one block or many."""
    from tscomplex.io.times import StepChecker, round_significant

    t = np.array([float(f"{v:.2f}") for v in np.arange(100_001) * 0.01])  # 0.00, 0.01, ..., 1000.00
    raw = (t[-1] - t[0]) / (t.size - 1)
    assert uniform_step(t) == 0.01
    checker = StepChecker("time")
    for block in np.array_split(t, 7):
        checker.add(block)
    assert checker.step() == 0.01
    assert round_significant(0.00999999999999801) == 0.01 and abs(raw - 0.01) < 1e-15
    assert round_significant(1 / 3) == 0.333333333333
    assert round_significant(-2.5e-9) == -2.5e-9 and round_significant(0.0) == 0.0
