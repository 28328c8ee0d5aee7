"""Forecast metrics against plain-numpy formulas, perfect and persistence forecasts."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.scoring import metrics
from tscomplex.systems import simulate


@pytest.fixture(scope="module")
def pair():
    rng = np.random.default_rng(5)
    y = np.sin(np.linspace(0, 20, 500)) + 0.1 * rng.standard_normal(500)
    f = y + 0.3 * rng.standard_normal(500)
    return y, f


def test_metrics_against_plain_numpy(pair):
    y, f = pair
    assert metrics.smape(y, f) == pytest.approx(100 / y.size * np.sum(2 * np.abs(y - f) / (np.abs(y) + np.abs(f))))
    naive = np.mean([abs(y[i] - y[i - 1]) for i in range(1, y.size)])
    assert metrics.mase(y, f) == pytest.approx(np.mean(np.abs(y - f)) / naive)
    assert metrics.rmse(y, f) == pytest.approx(np.sqrt(np.sum((y - f) ** 2) / y.size))
    assert metrics.correlation(y, f) == pytest.approx(np.corrcoef(y, f)[0, 1])
    sorted_gap = np.mean(np.abs(np.sort(y) - np.sort(f)))
    assert metrics.attractor_wasserstein(y, f) == pytest.approx(sorted_gap)
    from scipy.stats import wasserstein_distance

    assert metrics.attractor_wasserstein(y, f) == pytest.approx(wasserstein_distance(y, f))
    edges = np.linspace(min(y.min(), f.min()), max(y.max(), f.max()), 31)
    p = np.histogram(y, edges)[0] + 1.0
    q = np.histogram(f, edges)[0] + 1.0
    p, q = p / p.sum(), q / q.sum()
    assert metrics.attractor_kl_divergence(y, f) == pytest.approx(np.sum(p * np.log(p / q)))


def test_valid_prediction_steps_is_the_first_crossing():
    y = np.sin(np.linspace(0, 10, 100))
    f = y.copy()
    f[37] += 0.5 * y.std()          # normalized error 0.5 > 0.4 first at index 37
    f[60] += 2.0
    assert metrics.valid_prediction_steps(y, f) == 37
    assert metrics.valid_prediction_steps(y, f, threshold=0.6) == 60


def test_perfect_forecast_scores_zero_error_and_the_whole_horizon(pair):
    y, _ = pair
    assert metrics.smape(y, y) == 0 and metrics.mase(y, y) == 0 and metrics.rmse(y, y) == 0
    assert metrics.correlation(y, y) == pytest.approx(1.0)
    assert metrics.attractor_kl_divergence(y, y) == 0 and metrics.attractor_wasserstein(y, y) == 0
    assert metrics.valid_prediction_steps(y, y) == y.size
    zeros = np.zeros(10)
    assert metrics.smape(zeros, zeros) == 0              # 0/0 counts as no error


def test_persistence_forecast_of_lorenz_is_valid_for_less_than_one_lyapunov_time():
    from tscomplex.records.score import score_records

    traj = simulate("lorenz", n=3000, dt=0.01)
    truth = {c: traj.values[:, k] for k, c in enumerate(traj.components)}
    persistence = {c: np.full(3000, v[0]) for c, v in truth.items()}
    lyapunov_time = 1 / 0.9056                          # Sprott's exponent, independent of the store
    for record in score_records(truth, persistence, 0.01, lyapunov_time=lyapunov_time):
        assert record["valid_prediction_lyapunov_times"] < 1.0
        assert record["correlation"] is None             # a constant forecast has no correlation
        assert record["smape"] > 0
    perfect = score_records(truth, truth, 0.01, horizons=[100, 3000], lyapunov_time=lyapunov_time)
    for record in perfect:
        assert record["rmse"] == 0 and record["smape"] == 0 and record["mase"] == 0
        assert record["valid_prediction_time"] == pytest.approx(record["horizon"] * 0.01)
        assert record["valid_prediction_time"] == pytest.approx(record["horizon_time"])


def test_bad_pairs_are_refused():
    with pytest.raises(ValueError, match="same length, got 3 and 2"):
        metrics.rmse([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="finite"):
        metrics.smape([1, np.nan], [1, 2])
    from tscomplex.records.score import score_records

    with pytest.raises(ValueError, match="no column 'z'"):
        score_records({"z": np.ones(3)}, {"x": np.ones(3)}, 1.0)
    with pytest.raises(KeyError, match="closest: lorenz"):
        score_records({"x": np.arange(3.0)}, {"x": np.arange(3.0)}, 1.0, system="lorenzz")
    with pytest.raises(ValueError, match="horizon"):
        score_records({"x": np.arange(3.0)}, {"x": np.arange(3.0)}, 1.0, horizons=[4])
