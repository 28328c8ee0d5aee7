"""Multiscale entropy: coarse-graining by definition, the analytic white-noise curve, flat 1/f (Costa 2002)."""

import math

import numpy as np
import pytest
from scipy.special import erf

from tscomplex.entropy.multiscale import coarse_grain, multiscale_entropy
from tscomplex.entropy.sample import match_counts, sample_entropy
from tscomplex.measures import complexity_entropy

SCALES = [1, 2, 5, 10, 20]


def pink(n, seed):
    rng = np.random.default_rng(seed)
    f = np.fft.rfftfreq(n)
    f[0] = 1.0
    spectrum = (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size)) / np.sqrt(f)
    spectrum[0] = 0.0
    return np.fft.irfft(spectrum, n)


def test_coarse_grain_is_the_window_mean():
    x = np.arange(11.0)
    assert coarse_grain(x, 3).tolist() == [1.0, 4.0, 7.0]
    assert coarse_grain(x, 3, offset=2).tolist() == [3.0, 6.0, 9.0]


@pytest.mark.parametrize("method", ["sample", "composite", "refined_composite"])
def test_white_noise_follows_the_analytic_curve(method):
    x = np.random.default_rng(0).standard_normal(40_000)
    result = multiscale_entropy(x, SCALES, method=method)
    analytic = -np.log(erf(0.15 * np.sqrt(SCALES) / 2))  # r fixed at 0.15 SD of the original series
    assert result.entropy == pytest.approx(analytic, abs=0.1)
    assert np.all(np.diff(result.entropy) < 0)
    assert result.complexity_index == pytest.approx(result.entropy.sum())


def test_one_over_f_noise_is_flat():
    result = multiscale_entropy(pink(40_000, 1), SCALES)
    assert np.ptp(result.entropy[1:]) < 0.15
    white = multiscale_entropy(np.random.default_rng(1).standard_normal(40_000), SCALES)
    assert white.entropy[-1] < result.entropy[-1]  # Costa 2002, Fig. 1: the curves cross


def test_methods_by_definition():
    x = np.random.default_rng(2).standard_normal(3000)
    r = 0.15 * np.std(x)
    sample = multiscale_entropy(x, [3], "sample").entropy[0]
    assert sample == pytest.approx(sample_entropy(coarse_grain(x, 3), 2, r, absolute=True))
    composite = multiscale_entropy(x, [3], "composite").entropy[0]
    assert composite == pytest.approx(np.mean([sample_entropy(coarse_grain(x, 3, k), 2, r, absolute=True)
                                               for k in range(3)]))
    counts = [match_counts(coarse_grain(x, 3, k), 2, r) for k in range(3)]
    refined = multiscale_entropy(x, [3], "refined_composite").entropy[0]
    assert refined == pytest.approx(-math.log(sum(a for _, a in counts) / sum(b for b, _ in counts)))


def test_permutation_path_uses_the_ordinal_core():
    x = pink(20_000, 3)
    result = multiscale_entropy(x, [1, 4], method="permutation", dim=4)
    h, c = complexity_entropy(coarse_grain(x, 4), 4, 1)
    assert result.entropy[1] == pytest.approx(h) and result.complexity[1] == pytest.approx(c)


def test_constant_series_gives_null_index_with_reason():
    result = multiscale_entropy(np.ones(1000), [1, 2])
    assert math.isnan(result.complexity_index)
    record = result.as_record()
    assert record["complexity_index"] is None and "constant" in record["complexity_index_note"]


def test_too_short_for_the_largest_scale():
    with pytest.raises(ValueError, match="too short for scale 20"):
        multiscale_entropy(np.random.default_rng(0).standard_normal(500), range(1, 21))
    with pytest.raises(ValueError, match="method must be one of"):
        multiscale_entropy(np.zeros(10), [1], method="fuzzy")
    with pytest.raises(ValueError, match="scales must be >= 1"):
        multiscale_entropy(np.random.default_rng(0).standard_normal(500), [0, 1])
