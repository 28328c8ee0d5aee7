"""The entropy and fractal figures render to real images, for one series and for many."""

import numpy as np
import pytest

from tscomplex.plots.entropy import multiscale_figure
from tscomplex.plots.fractal import fractal_figure


def mse_curve(k, method="sample"):
    curve = {"curve": "multiscale_entropy", "method": method, "scale": list(range(1, 11)),
             "entropy": list(2.0 - 0.05 * k * np.arange(10))}
    if method == "permutation":
        curve["statistical_complexity"] = list(0.1 + 0.01 * np.arange(10))
    return curve


def fractal_curves(k):
    scales = np.array([10, 20, 40, 80, 160])
    return [
        {"curve": "dfa", "order": 1, "scale": scales.tolist(), "fluctuation": (scales ** (0.5 + 0.05 * k)).tolist(),
         "fit_start": 10, "fit_end": 160, "alpha": 0.5 + 0.05 * k, "intercept": 0.0},
        {"curve": "rescaled_range", "scale": scales.tolist(), "rescaled_range": (scales ** 0.5).tolist(),
         "expected_rescaled_range": (scales ** 0.5).tolist(), "fit_start": 10, "fit_end": 160},
        {"curve": "mfdfa", "order": 1, "q": [-1, 0, 1], "h": [0.6, 0.5, 0.4], "alpha": [0.6, 0.4],
         "f_alpha": [0.9, 0.95]},
        {"curve": "correlation_sum", "embedding_dim": 2, "radius": np.geomspace(0.01, 1, 8).tolist(),
         "correlation_sum": (np.geomspace(0.01, 1, 8) ** 1.2).tolist(), "fit_start": 0.02, "fit_end": 0.5,
         "correlation_dimension": 1.2},
        {"curve": "correlation_sum", "embedding_dim": 3, "radius": np.geomspace(0.01, 1, 8).tolist(),
         "correlation_sum": [None, None] + (np.geomspace(0.01, 1, 8)[2:] ** 1.25).tolist(), "fit_start": 0.02,
         "fit_end": 0.5, "correlation_dimension": 1.25},
    ]


@pytest.mark.parametrize("count", [1, 3, 20])
@pytest.mark.parametrize("method", ["sample", "permutation"])
def test_multiscale_figure(tmp_path, count, method):
    path = tmp_path / "mse.png"
    multiscale_figure([(f"s{k}", mse_curve(k, method)) for k in range(count)], str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


@pytest.mark.parametrize("count", [1, 3, 20])
def test_fractal_figure(tmp_path, count):
    path = tmp_path / "fractal.svg"
    fractal_figure([(f"s{k}", fractal_curves(k)) for k in range(count)], str(path))
    assert path.read_text().startswith("<?xml") and path.stat().st_size > 10_000
