"""The Lyapunov spectrum from data (local linear maps + QR), checked against the known spectra of Hénon and Lorenz."""

import numpy as np
import pytest

from tscomplex import lyapunov_spectrum_from_data, simulate
from tscomplex.lyapunov.spectrum_data import _match


def henon_x(n, a=1.4, b=0.3):
    x = np.empty(n)
    u, v = 0.1, 0.0
    for _ in range(1000):
        u, v = 1 - a * u * u + v, b * u
    for i in range(n):
        u, v = 1 - a * u * u + v, b * u
        x[i] = u
    return x


@pytest.fixture(scope="module")
def henon():
    return henon_x(20_000)


def test_henon_spectrum_within_ten_percent(henon):
    s = lyapunov_spectrum_from_data(henon, dim=2, lag=1)
    assert s.exponents[0] == pytest.approx(0.419, rel=0.10)
    assert s.exponents[1] == pytest.approx(-1.624, rel=0.10)
    # the sum of a map's exponents is ln |det J| = ln 0.3
    assert s.exponents.sum() == pytest.approx(np.log(0.3), abs=0.12)
    assert s.spurious == [False, False]


def test_henon_kaplan_yorke(henon):
    s = lyapunov_spectrum_from_data(henon, dim=2, lag=1)
    assert s.kaplan_yorke_dimension == pytest.approx(1.26, abs=0.05)


def test_automatic_embedding_is_reported(henon):
    s = lyapunov_spectrum_from_data(henon[:5000])
    record = s.as_record()
    assert record["embedding_lag"] == 1 and record["embedding_dim"] >= 2
    assert len(record["lyapunov_spectrum"]) == record["embedding_dim"]
    assert record["max_lyapunov"] == pytest.approx(0.419, rel=0.15)


def test_time_reversal_flags_spurious_exponents_of_an_overlarge_embedding(henon):
    s = lyapunov_spectrum_from_data(henon, dim=4, lag=1)
    assert len(s.spurious) == 4
    true = s.exponents[~np.asarray(s.spurious)]
    # the positive exponent survives the check, and at least one of the two extra exponents is flagged
    assert sum(s.spurious) >= 1
    assert np.any(np.abs(true - 0.419) < 0.05)


def test_lorenz_x_positive_and_zero_exponent():
    dt = 0.05
    x = simulate("lorenz", n=10_000, dt=dt).component("x")
    s = lyapunov_spectrum_from_data(x, dim=3, dt=dt)
    assert s.exponents[0] == pytest.approx(0.906, rel=0.15)
    assert abs(s.exponents[1]) < 0.1
    assert s.exponents[2] < -1.0
    assert s.spurious[1] is False  # the zero exponent is zero both ways
    # a sampled flow (lag > 1): the reversed series cannot judge the other two, so they are not judged
    assert s.lag > 1
    assert s.spurious[0] is None and s.spurious[2] is None
    assert "nearest zero" in s.spurious_rule


def test_a_map_has_every_exponent_judged(henon):
    s = lyapunov_spectrum_from_data(henon, dim=2, lag=1)
    assert None not in s.spurious
    assert s.spurious_rule.startswith("time reversal (Parlitz")


def test_match_pairs_each_reversed_exponent_once():
    assert _match(np.array([0.42, -1.62]), np.array([1.6, -0.41])) == [False, False]
    assert _match(np.array([0.42, -0.5, -1.62]), np.array([1.6, -0.41, -0.6])) == [False, True, False]


def test_too_short_is_one_clear_error():
    with pytest.raises(ValueError, match="too short"):
        lyapunov_spectrum_from_data(np.sin(np.arange(30.0)), dim=8, lag=3, theiler=2)
