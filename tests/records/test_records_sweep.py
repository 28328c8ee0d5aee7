"""tscomplex.records.sweep: per-delay and summary records of one series, warnings as data."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.io import Series
from tscomplex.records import SWEEP
from tscomplex.records.sweep import sweep_records


def _pe(x, dim, tau):
    """Plain-numpy normalized permutation entropy (stable argsort, natural log)."""
    n = x.size - (dim - 1) * tau
    windows = np.stack([x[i * tau:i * tau + n] for i in range(dim)], axis=1)
    _, counts = np.unique(np.argsort(windows, axis=1, kind="stable"), axis=0, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log(p)).sum() / math.log(math.factorial(dim)))


def test_sweep_rows_match_plain_numpy_and_summary_comes_last():
    x = np.sin(np.arange(4000) * 2 * np.pi / 50) + 0.05 * np.random.default_rng(0).standard_normal(4000)
    recs = sweep_records(Series("s", "x", x, 1.0), taus=[1, 2, 4, 8], dim=4)
    assert [r["kind"] for r in recs] == ["tau"] * 4 + ["summary"]
    for r in recs[:-1]:
        assert r["permutation_entropy"] == pytest.approx(_pe(x, 4, r["tau"]), rel=1e-10)
    summary = recs[-1]
    assert summary["t_nat"] == pytest.approx(50, rel=0.1)  # the period of the sine
    assert summary["ideal_tau"] >= 1
    # every warning of the summary travels as data too, so a caller can show it
    assert [w.message for w in recs.warnings] == ([summary["warning"]] if summary["warning"] else [])


def test_constant_series_gets_records_and_a_warning():
    recs = sweep_records(Series("s", "c", np.full(500, 2.0), None), taus=[1, 2], dim=3)
    assert recs[-1]["t_nat"] is None and SWEEP in recs[-1]["warning"]
    assert len(recs.warnings) == 1 and SWEEP in recs.warnings[0].message


def test_too_short_raises_with_the_largest_usable_tau():
    with pytest.raises(ValueError, match="tau"):
        sweep_records(Series("s", "x", np.random.default_rng(1).standard_normal(100), None), taus=[1, 50], dim=5)
