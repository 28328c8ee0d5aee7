"""tscomplex.records.entropy and fractal: one record with its curves; undefined measures warn as data."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.io import Series
from tscomplex.records.entropy import entropy_result
from tscomplex.records.fractal import fractal_result


def _sampen(x, m, r):
    """Plain-numpy sample entropy: -ln(A/B), Chebyshev distance, no self-matches, N - m templates each."""
    n = x.size - m
    def pairs(k):
        t = np.stack([x[i:i + n] for i in range(k)], axis=1)
        d = np.max(np.abs(t[:, None, :] - t[None, :, :]), axis=2)
        return (np.count_nonzero(d <= r) - n) / 2
    return -np.log(pairs(m + 1) / pairs(m))


def test_sample_entropy_matches_plain_numpy():
    x = np.random.default_rng(4).standard_normal(400)
    records, curves = entropy_result(Series("s", "x", x, None), m=2, tolerance=0.2)
    assert records[0]["sample_entropy"] == pytest.approx(_sampen(x, 2, 0.2 * x.std()), rel=1e-10)
    assert curves == [] and not records.warnings


def test_undefined_sample_entropy_is_a_warning():
    records, _ = entropy_result(Series("s", "c", np.ones(200), None))
    assert records[0]["sample_entropy"] is None
    assert records.warnings and records.warnings[0].message.startswith("sample entropy is null")


def test_dfa_of_white_noise_is_one_half():
    x = np.random.default_rng(5).standard_normal(8000)
    records, curves = fractal_result(Series("s", "x", x, None), measures=("dfa",))
    assert records[0]["dfa_alpha"] == pytest.approx(0.5, abs=0.08)
    assert [c["curve"] for c in curves] == ["dfa"]
