"""Correlation dimension: correlation sums by definition, Henon 1.22 and Lorenz 2.05 with defaults, noise."""


import numpy as np
import pytest

from tscomplex import simulate
from tscomplex.fractal.correlation import _takens, correlation_dimension, correlation_sum
from tscomplex.lyapunov import delay_embedding


def test_correlation_sum_matches_the_definition():
    x = np.random.default_rng(0).standard_normal(600).cumsum()
    y = delay_embedding(x, 3, 2)
    radii = np.geomspace(0.5, 20, 9)
    c, pairs = correlation_sum(y, radii, theiler=5, max_references=10_000)
    d = np.max(np.abs(y[:, None, :] - y[None, :, :]), axis=2)
    far = np.abs(np.subtract.outer(np.arange(len(y)), np.arange(len(y)))) > 5
    expected = [np.sum((d <= r) & far) for r in radii]
    assert pairs.tolist() == expected
    assert c == pytest.approx(np.array(expected) / far.sum())


def test_takens_estimator_of_an_exact_power_law():
    radii = np.geomspace(1e-3, 1, 20)
    assert _takens(radii, radii ** 1.7, 19) == pytest.approx(1.7, rel=1e-9)


@pytest.mark.slow
def test_henon_with_defaults():
    x = simulate("henon", 20_000).component("x")
    result = correlation_dimension(x)
    assert result.correlation_dimension == pytest.approx(1.22, abs=0.05)
    assert (result.embedding_dim, result.embedding_lag) == (2, 1)
    assert result.converged is True and result.reason is None
    assert result.fit_start < result.fit_end
    assert result.takens_dimension == pytest.approx(1.22, abs=0.1)


@pytest.mark.slow
def test_lorenz_with_defaults():
    x = simulate("lorenz", 20_000).component("x")
    result = correlation_dimension(x)
    assert result.correlation_dimension == pytest.approx(2.05, abs=0.05)
    assert result.embedding_dim == 3 and result.converged is True
    record = result.as_record()
    assert record["correlation_dimension_fit_start"] == pytest.approx(result.fit_start)
    assert record["embedding_lag"] == result.embedding_lag > 1


@pytest.mark.slow
def test_noise_has_no_plateau_over_dimensions():
    x = np.random.default_rng(1).standard_normal(8000)
    result = correlation_dimension(x, dim=3)
    assert result.correlation_dimension == pytest.approx(3, abs=0.3)  # about the embedding dimension
    assert result.converged is False and "no plateau" in result.reason
    assert result.as_record()["correlation_dimension_note"] == result.reason


def test_bad_input():
    with pytest.raises(ValueError, match="constant"):
        correlation_dimension(np.ones(500))
    with pytest.raises(ValueError, match="at least 100"):
        correlation_dimension(np.arange(50.0))
    with pytest.raises(ValueError, match="dim must be between 1 and 30"):
        correlation_dimension(np.random.default_rng(0).standard_normal(500), dim=0)
