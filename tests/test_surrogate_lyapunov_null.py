"""lyapunov --surrogates: each surrogate's exponent is the data's statistic, computed the data's way.

Applied to the data itself, the surrogates' function must give back the data's own exponent: Rosenstein's
slope over the fit region, the increments' when the series drifts, and Kantz's curves at the data's radius at
m and m + 1 when the small-scale rule decided. Otherwise the test compares two different numbers.
"""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import simulate
from tscomplex.cli.lyapunov import FIXED_FOR_SURROGATES
from tscomplex.io import Series
from tscomplex.lyapunov import max_lyapunov
from tscomplex.surrogates.records import lyapunov_null_records


def _fixed(result):
    record = result.as_record()
    return {option: record[key] for option, key in FIXED_FOR_SURROGATES if record.get(key) is not None}


def _null_of_data(x, dt, result):
    series = Series(source="s", name="x", values=np.asarray(x, dtype=float), dt=dt)
    return lyapunov_null_records(series, method=result.method, **_fixed(result))


def test_rosenstein_path_gives_back_the_datas_exponent():
    x = simulate("lorenz", n=5000).values[:, 0]
    result = max_lyapunov(x, dt=0.01)
    assert result.chaotic_rule != "kantz_epsilon_range" and not result.differenced
    (null,) = _null_of_data(x, 0.01, result)
    assert null["max_lyapunov"] == pytest.approx(result.max_lyapunov, rel=1e-9)


@pytest.fixture(scope="module")
def double_pendulum():
    return simulate("double_pendulum", n=20_000)


def test_a_drifting_series_surrogate_is_differenced_as_the_data(double_pendulum):
    x = double_pendulum.values[:, 1]                   # theta2 turns over the top: its increments are analysed
    result = max_lyapunov(x, dt=double_pendulum.dt)
    assert result.differenced and result.max_lyapunov is not None
    (null,) = _null_of_data(x, double_pendulum.dt, result)
    if result.chaotic_rule == "kantz_epsilon_range":   # the mean of m and m + 1, each over dim m's region
        assert null["max_lyapunov"] == pytest.approx(result.max_lyapunov, rel=0.25)
    else:
        assert null["max_lyapunov"] == pytest.approx(result.max_lyapunov, rel=1e-9)


def test_a_small_scale_exponent_is_tested_against_kantz_curves_at_the_same_radius(double_pendulum):
    x = double_pendulum.values[:, 0]                   # theta1: Rosenstein's curve is concave all the way
    result = max_lyapunov(x, dt=double_pendulum.dt)
    assert result.chaotic_rule == "kantz_epsilon_range"
    (null,) = _null_of_data(x, double_pendulum.dt, result)
    # the data's exponent averages m's slope over its region and m + 1's over its own; the null takes both over
    # m's region: close, not equal
    assert null["max_lyapunov"] == pytest.approx(result.max_lyapunov, rel=0.15)
