"""Tests of the largest Lyapunov exponent from data, its building blocks, its figure and the lyapunov command."""

from __future__ import annotations

import doctest
import math
import subprocess
import sys
import types

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex import lyapunov as ly
from tscomplex.systems.spectrum import LyapunovSpectrum
from tscomplex.lyapunov import (
    auto_lag,
    auto_mutual_information,
    autocorrelation,
    delay_embedding,
    divergence_curve,
    false_nearest_neighbors,
    max_lyapunov,
    mean_period,
    scaling_region,
)

# --------------------------------------------------------------------------- data, made here with plain loops


def logistic(n=10_000, x0=0.1, r=4.0):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = r * x[i] * (1.0 - x[i])
    return x


def henon(n=10_000, a=1.4, b=0.3, transient=1000):
    x, y = 0.1, 0.1
    for _ in range(transient):
        x, y = 1.0 - a * x * x + y, b * x
    out = np.empty(n)
    for i in range(n):
        out[i] = x
        x, y = 1.0 - a * x * x + y, b * x
    return out


@pytest.fixture(scope="module")
def lorenz_x():
    """Lorenz (10, 28, 8/3) x, dt = 0.01, 2·10^4 samples after a transient of 10 time units."""
    from scipy.integrate import solve_ivp

    def field(t, s):
        return [10.0 * (s[1] - s[0]), s[0] * (28.0 - s[2]) - s[1], s[0] * s[1] - 8.0 / 3.0 * s[2]]

    dt, n, transient = 0.01, 20_000, 1000
    t = np.arange(n + transient) * dt
    sol = solve_ivp(field, (0.0, t[-1]), [1.0, 1.0, 1.0], t_eval=t, rtol=1e-9, atol=1e-9, method="DOP853")
    return sol.y[0, transient:]


LN2 = math.log(2.0)

# --------------------------------------------------------------------------- accuracy with default settings


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_logistic_map_gives_ln2(method):
    result = max_lyapunov(logistic(), method=method)
    assert result.chaotic
    assert abs(result.max_lyapunov - LN2) < 0.05 * LN2
    assert result.max_lyapunov == result.max_lyapunov_per_sample  # dt = 1
    assert result.lag == 1 and result.fit_r2 > 0.99
    assert 0 <= result.fit_start < result.fit_end < result.divergence.size


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_henon_map_x(method):
    result = max_lyapunov(henon(), method=method)
    assert result.chaotic
    assert result.dim == 2
    assert abs(result.max_lyapunov - 0.41922) < 0.05 * 0.41922


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
def test_lorenz_x(lorenz_x, method):
    result = max_lyapunov(lorenz_x, dt=0.01, method=method)
    assert result.chaotic
    assert abs(result.max_lyapunov - 0.9056) < 0.15 * 0.9056
    assert result.max_lyapunov_per_sample == pytest.approx(result.max_lyapunov * 0.01)
    # the scaling region excludes the plateau: the curve keeps rising after it
    assert np.nanmax(result.divergence) > result.divergence[result.fit_end] + 0.3


@pytest.mark.parametrize("method", ["rosenstein", "kantz"])
@pytest.mark.parametrize("kind", ["white noise", "sine", "random walk"])
def test_noise_and_regular_series_are_not_called_chaotic(kind, method):
    rng = np.random.default_rng(7)
    x = {"white noise": rng.standard_normal(10_000),
         "sine": np.sin(2 * np.pi * np.arange(10_000) / 100),
         "random walk": np.cumsum(rng.standard_normal(10_000))}[kind]
    result = max_lyapunov(x, method=method)
    assert not result.chaotic
    assert result.reason
    if result.fit_start is None:
        assert result.max_lyapunov is None and result.fit_r2 is None
    else:  # a region, but it must not pass as a good positive exponent
        assert result.max_lyapunov <= 0 or result.fit_r2 < ly.GOOD_FIT_R2


def test_affine_change_of_units_keeps_the_exponent_and_dt_rescales_it():
    x = logistic(3000)
    base = max_lyapunov(x)
    scaled = max_lyapunov(250.0 * x - 17.0, dt=0.5)
    assert scaled.max_lyapunov_per_sample == pytest.approx(base.max_lyapunov_per_sample, rel=1e-6)
    assert scaled.max_lyapunov == pytest.approx(base.max_lyapunov_per_sample / 0.5, rel=1e-6)
    assert (scaled.dim, scaled.lag, scaled.theiler) == (base.dim, base.lag, base.theiler)


@settings(max_examples=8, deadline=None)
@given(scale=st.floats(0.01, 100.0), offset=st.floats(-100.0, 100.0))
def test_divergence_curve_shifts_by_ln_scale(scale, offset):
    x = logistic(600, x0=0.3)
    y = delay_embedding(x, 2, 1)
    base = divergence_curve(y, 6, theiler=2)
    moved = divergence_curve(delay_embedding(scale * x + offset, 2, 1), 6, theiler=2)
    np.testing.assert_allclose(moved, base + math.log(scale), atol=1e-6)


# --------------------------------------------------------------------------- building blocks vs plain references


@settings(max_examples=30, deadline=None)
@given(n=st.integers(5, 60), dim=st.integers(1, 5), lag=st.integers(1, 6))
def test_delay_embedding_matches_list_comprehension(n, dim, lag):
    x = np.arange(n, dtype=float) ** 1.5
    if n - (dim - 1) * lag < 1:
        with pytest.raises(ValueError, match="too short"):
            delay_embedding(x, dim, lag)
        return
    expected = np.array([[x[i + j * lag] for j in range(dim)] for i in range(n - (dim - 1) * lag)])
    np.testing.assert_array_equal(delay_embedding(x, dim, lag), expected)


def _reference_mutual_information(x, lag, bins):
    edges = np.linspace(x.min(), x.max(), bins + 1)
    a, b = (x[:-lag], x[lag:]) if lag else (x, x)
    joint, _, _ = np.histogram2d(a, b, bins=[edges, edges])
    p = joint / joint.sum()
    pa, pb = p.sum(axis=1), p.sum(axis=0)
    nz = p > 0
    return float(np.sum(p[nz] * np.log(p[nz] / np.outer(pa, pb)[nz])))


def test_mutual_information_matches_histogram2d():
    rng = np.random.default_rng(3)
    x = np.cumsum(rng.standard_normal(3000))
    got = auto_mutual_information(x, 12, bins=10)
    expected = [_reference_mutual_information(x, lag, 10) for lag in range(13)]
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
    # I(0) is the entropy of the binned series
    counts = np.histogram(x, np.linspace(x.min(), x.max(), 11))[0]
    p = counts[counts > 0] / x.size
    assert got[0] == pytest.approx(-np.sum(p * np.log(p)))


def test_autocorrelation_matches_plain_sum():
    rng = np.random.default_rng(4)
    x = rng.standard_normal(500).cumsum()
    d = x - x.mean()
    expected = [np.sum(d[: d.size - k] * d[k:]) / np.sum(d * d) for k in range(30)]
    np.testing.assert_allclose(autocorrelation(x, 29), expected, atol=1e-12)


def test_auto_lag_rules(lorenz_x):
    # maps and noise are decorrelated after one sample: lag 1
    assert auto_lag(logistic()) == 1
    assert auto_lag(henon()) == 1
    assert auto_lag(np.random.default_rng(0).standard_normal(5000), "acf") == 1
    # acf: the first lag where the reference autocorrelation reaches zero
    x = np.sin(2 * np.pi * np.arange(5000) / 80.0) + 0.05 * np.sin(np.arange(5000) * 0.37)
    d = x - x.mean()
    ref = np.array([np.sum(d[: d.size - k] * d[k:]) for k in range(100)])
    assert auto_lag(x, "acf") == int(np.flatnonzero(ref <= 0)[0])
    # mi: the first local minimum of the reference mutual information (about 0.17 time units for Lorenz x)
    ami = [_reference_mutual_information(lorenz_x, k, 16) for k in range(60)]
    first_min = next(k for k in range(1, 59) if ami[k] < ami[k - 1] and ami[k] <= ami[k + 1])
    assert auto_lag(lorenz_x, "mi") == first_min
    assert 12 <= first_min <= 22


def _brute_fnn(x, lag, max_dim, rtol=10.0, atol=2.0):
    out = []
    sigma = x.std()
    for d in range(1, max_dim + 1):
        m = x.size - d * lag
        y = np.array([[x[i + j * lag] for j in range(d)] for i in range(m)])
        false = 0
        for i in range(m):
            dist = np.sqrt(((y - y[i]) ** 2).sum(axis=1))
            dist[i] = np.inf
            j = int(np.argmin(dist))
            extra = abs(x[i + d * lag] - x[j + d * lag])
            if extra > rtol * dist[j] or math.hypot(dist[j], extra) > atol * sigma:
                false += 1
        out.append(false / m)
    return np.array(out)


def test_false_nearest_neighbours_match_brute_force():
    x = henon(400)
    np.testing.assert_allclose(false_nearest_neighbors(x, 1, 4), _brute_fnn(x, 1, 4))
    fnn = false_nearest_neighbors(henon(5000), 1, 3)
    assert fnn[0] > 0.3 and fnn[1] < 0.01  # Henon needs two coordinates


def _brute_divergence(y, n_steps, theiler, radius=None, n_neighbors=1):
    m = y.shape[0]
    sums = np.zeros(n_steps + 1)
    counts = np.zeros(n_steps + 1)
    for i in range(m):
        dist = np.sqrt(((y - y[i]) ** 2).sum(axis=1))
        dist[np.abs(np.arange(m) - i) <= theiler] = np.inf
        order = np.argsort(dist, kind="stable")
        if radius is None:
            nbrs = order[:1]
        else:
            nbrs = [j for j in order[:n_neighbors] if dist[j] <= radius]
        for k in range(n_steps + 1):
            ds = [np.linalg.norm(y[i + k] - y[j + k]) for j in nbrs if i + k < m and j + k < m]
            if ds and np.mean(ds) > 0:
                sums[k] += np.log(np.mean(ds))
                counts[k] += 1
    return sums / counts


def test_rosenstein_divergence_matches_brute_force():
    x = np.random.default_rng(11).standard_normal(80).cumsum()
    y = delay_embedding(x, 2, 2)
    np.testing.assert_allclose(divergence_curve(y, 6, theiler=3), _brute_divergence(y, 6, 3), rtol=1e-12)


def test_kantz_divergence_matches_brute_force():
    x = np.random.default_rng(12).standard_normal(90).cumsum()
    y = delay_embedding(x, 3, 1)
    got = divergence_curve(y, 5, theiler=2, method="kantz", radius=1.5, n_neighbors=4)
    np.testing.assert_allclose(got, _brute_divergence(y, 5, 2, radius=1.5, n_neighbors=4), rtol=1e-12)


def test_divergence_needs_pairs_outside_the_theiler_window():
    with pytest.raises(ValueError, match="Theiler"):
        divergence_curve(np.arange(10.0)[:, None], 2, theiler=5)


def test_scaling_region_on_a_synthetic_curve():
    k = np.arange(120, dtype=float)
    # a fast alignment for 10 steps, a straight rise of slope 0.1 to k = 70, then a smooth plateau at 2.5
    curve = np.where(k < 10, -6 + 0.2 * k, -4 + 0.1 * (k - 10))
    curve = np.where(k > 70, 2.0 + 0.5 * (1 - np.exp(-(k - 70) / 5.0)), curve)
    region = scaling_region(curve)
    assert region is not None
    assert region.slope == pytest.approx(0.1, rel=1e-9)
    # cut where the curve has risen 90% of the way to its plateau: -6 + 0.9 * 8.5 = 1.65, i.e. at k = 67
    assert (region.start, region.end) == (10, 67)
    slope, intercept = np.polyfit(k[region.start:region.end + 1], curve[region.start:region.end + 1], 1)
    assert region.slope == pytest.approx(slope) and region.intercept == pytest.approx(intercept)
    assert region.r2 > 0.999


def test_scaling_region_absent_for_flat_or_jumping_curves():
    assert scaling_region(np.zeros(50)) is None
    jump = np.r_[-5.0, np.zeros(40)]  # white noise: neighbours are apart after one step
    assert scaling_region(jump) is None
    assert scaling_region(-0.1 * np.arange(30.0)) is None  # contraction


def test_mean_period_and_theiler_window():
    assert mean_period(np.sin(2 * np.pi * np.arange(20_000) / 50)) == pytest.approx(50.0, rel=1e-3)
    assert ly.auto_theiler(np.sin(2 * np.pi * np.arange(20_000) / 50)) == 50


def test_docstring_examples_run():
    failures, tried = doctest.testmod(ly, optionflags=doctest.ELLIPSIS)
    assert tried > 15 and failures == 0


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("x, kwargs, message", [
    (np.full(1000, 3.0), {}, "constant"),
    (np.r_[np.ones(10), np.nan], {}, "NaN"),
    (np.arange(40.0) % 7, {"dim": 3, "lag": 10}, "too short"),
    (logistic(200), {"dim": 2, "lag": 1, "theiler": 100}, "too short"),
    (logistic(200), {"method": "wolf"}, "method"),
    (logistic(200), {"dt": 0.0}, "dt"),
    (logistic(200), {"lag_method": "fft"}, "lag method"),
    (np.ones((10, 2)), {}, "one-dimensional"),
])
def test_bad_input_is_refused_with_the_reason(x, kwargs, message):
    with pytest.raises(ValueError, match=message):
        max_lyapunov(x, **kwargs)


# --------------------------------------------------------------------------- figures


def _is_png(path, min_bytes=10_000):
    data = path.read_bytes()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > min_bytes


def test_divergence_figure(tmp_path):
    from tscomplex.plots.lyapunov import divergence_figure

    good = max_lyapunov(logistic(3000))
    noise = max_lyapunov(np.random.default_rng(1).standard_normal(3000))
    path = tmp_path / "div.png"
    divergence_figure([good, noise], str(path), labels=["logistic", "noise"])
    assert _is_png(path)


# --------------------------------------------------------------------------- the command


RECORD_KEYS = {"source", "series", "n", "dt", "method", "max_lyapunov", "max_lyapunov_per_sample", "chaotic",
               "embedding_dim", "embedding_lag", "theiler", "fit_start", "fit_end", "fit_r2"}


def test_cli_system_logistic(cli):
    result = cli(["lyapunov", "--system", "logistic"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert RECORD_KEYS <= set(record)
    assert record["source"] == "system:logistic" and record["series"] == "x"
    assert record["chaotic"] is True
    assert abs(record["max_lyapunov"] - LN2) < 0.05 * LN2


def test_cli_file_with_time_column_and_plot(cli, tmp_path, lorenz_x):
    x = lorenz_x[:8000]
    path = tmp_path / "lorenz.csv"
    np.savetxt(path, np.c_[np.arange(x.size) * 0.01, x], delimiter=",", header="time,x", comments="")
    fig = tmp_path / "div.png"
    result = cli(["lyapunov", path, "--plot", fig, "--method", "kantz"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["dt"] == pytest.approx(0.01)
    assert record["method"] == "kantz"
    assert record["max_lyapunov"] == pytest.approx(record["max_lyapunov_per_sample"] / record["dt"])
    assert abs(record["max_lyapunov"] - 0.9056) < 0.25 * 0.9056  # a shorter series than the accuracy test
    assert _is_png(fig)


def test_cli_explicit_embedding_is_used(cli, tmp_path):
    path = tmp_path / "h.txt"
    np.savetxt(path, henon(4000))
    result = cli(["lyapunov", path, "--embedding-dim", "3", "--lag", "1", "--theiler", "5", "--steps", "25"])
    [record] = result.records
    assert (record["embedding_dim"], record["embedding_lag"], record["theiler"],
            record["trajectory_steps"]) == (3, 1, 5, 25)
    assert record["embedding_lag_method"] is None and record["embedding_dim_method"] is None
    assert record["dt"] is None  # no time column: per sample
    assert record["max_lyapunov"] == record["max_lyapunov_per_sample"]


def test_cli_noise_says_not_chaotic(cli, tmp_path):
    path = tmp_path / "noise.txt"
    np.savetxt(path, np.random.default_rng(5).standard_normal(4000))
    result = cli(["lyapunov", path])
    assert result.exit_code == 0
    [record] = result.records
    assert record["chaotic"] is False and record["max_lyapunov"] is None and record["fit_start"] is None
    assert "no scaling region" in record["note"]


def test_cli_bad_series_fail_with_reason_and_others_go_on(cli, tmp_path):
    good = tmp_path / "a.txt"
    np.savetxt(good, logistic(3000))
    flat = tmp_path / "b.txt"
    np.savetxt(flat, np.full(500, 2.0))
    short = tmp_path / "c.txt"
    np.savetxt(short, logistic(40))
    result = cli(["lyapunov", good, flat, short, "-m", "2", "--lag", "1"])
    assert result.exit_code == 1
    assert result.exception is None
    assert "too short" in result.stderr  # the constant series' warning line comes from a worker's stderr
    records = result.records
    assert records[0]["chaotic"] is True
    # a constant series is not a failure (one rule in every command): null measures and a warning
    assert {r["source"] for r in records if "error" in r} == {str(short)}
    [constant] = [r for r in records if r["source"] == str(flat)]
    assert constant["max_lyapunov"] is None and "constant series" in constant["warning"]


def test_cli_usage_errors(cli, tmp_path):
    assert cli(["lyapunov", "--system", "logistic", "--plot", tmp_path / "x.jpg"]).exit_code == 2
    assert cli(["lyapunov", "--system", "logistic", "--method", "wolf"]).exit_code == 2
    assert cli(["lyapunov", "--spectrum", tmp_path / "x.txt"]).exit_code == 2
    assert cli(["lyapunov"]).exit_code == 2
    assert cli(["lyapunov", "--system", "no-such-system"]).exit_code == 2


@pytest.fixture
def fake_spectrum(monkeypatch):
    """A stand-in for tscomplex.systems.spectrum that records its calls and returns a known spectrum."""
    calls = []

    def lyapunov_spectrum(name, params=None, n_steps=None, dt=None, transient=None, ic=None, return_history=False):
        calls.append({"name": name, "params": params, "n_steps": n_steps, "dt": dt,
                      "return_history": return_history})
        if name != "lorenz":
            raise KeyError(f"unknown system {name!r}")
        times = np.arange(1, 201) * 0.5
        final = np.array([0.9056, 0.0, -14.5723])
        history = final + np.outer(1.0 / np.sqrt(times), [1.0, -0.5, 2.0]) if return_history else None
        return LyapunovSpectrum(final, 2.06215, times, history, name, {"sigma": np.float64(10.0), "rho": 28.0,
                                                                   "beta": 8.0 / 3.0})

    module = types.ModuleType("tscomplex.systems.spectrum")
    module.lyapunov_spectrum = lyapunov_spectrum
    monkeypatch.setitem(sys.modules, "tscomplex.systems.spectrum", module)
    return calls


def test_cli_spectrum_record(cli, fake_spectrum):
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--param", "rho=28"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["source"] == "system:lorenz"
    assert record["lyapunov_spectrum"] == [0.9056, 0.0, -14.5723]
    assert record["max_lyapunov"] == 0.9056
    assert record["kaplan_yorke_dimension"] == 2.06215
    assert record["params"] == {"sigma": 10.0, "rho": 28.0, "beta": 8.0 / 3.0}
    assert fake_spectrum == [{"name": "lorenz", "params": {"rho": 28.0}, "n_steps": None, "dt": None,
                              "return_history": False}]


def test_cli_spectrum_passes_length_and_plots_convergence(cli, fake_spectrum, tmp_path):
    fig = tmp_path / "conv.png"
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--steps", "5000", "--dt", "0.02", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert fake_spectrum[0]["n_steps"] == 5000 and fake_spectrum[0]["dt"] == 0.02
    assert fake_spectrum[0]["return_history"] is True
    assert _is_png(fig)


def test_cli_spectrum_unknown_system_is_a_usage_error(cli, fake_spectrum):
    result = cli(["lyapunov", "--system", "nope", "--spectrum"])
    assert result.exit_code == 2 and "unknown system" in result.stderr


def test_cli_module_stays_light():
    code = ("import sys, tscomplex.cli.lyapunov; "
            "heavy = [m for m in ('numba', 'scipy', 'matplotlib', 'tscomplex.lyapunov') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cao_dimension_and_acf_lag_also_work_on_henon():
    result = max_lyapunov(henon(), dim_method="cao", lag_method="acf")
    assert result.dim == 2 and result.lag == 1 and result.chaotic
    assert abs(result.max_lyapunov - 0.41922) < 0.05 * 0.41922


def test_cli_system_component_and_spectrum_conflicts(cli):
    result = cli(["lyapunov", "--system", "logistic", "--component", "x", "-m", "2", "--lag", "1"])
    assert result.exit_code == 0
    [record] = result.records
    assert record["series"] == "x" and record["embedding_dim"] == 2
    assert cli(["lyapunov", "--system", "logistic", "--component", "y"]).exit_code == 2
    assert cli(["lyapunov", "--system", "logistic", "--spectrum", "--component", "x"]).exit_code == 2


def test_spectrum_cli_against_the_real_catalog(cli, tmp_path):
    """The --spectrum branch end to end, with the catalog's Hénon map and its published spectrum."""
    fig = tmp_path / "spectrum.png"
    result = cli(["lyapunov", "--system", "henon", "--spectrum", "--steps", "200000", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["source"] == "system:henon"
    lam1, lam2 = rec["lyapunov_spectrum"]
    assert lam1 == pytest.approx(0.41922, rel=0.02) and lam2 == pytest.approx(-1.62319, rel=0.02)
    assert lam1 + lam2 == pytest.approx(np.log(0.3), abs=1e-6)  # a map's exponents add to ln|det J|
    assert rec["kaplan_yorke_dimension"] == pytest.approx(1 + lam1 / abs(lam2))
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 20_000


def test_random_walk_is_refused_quickly_with_the_reason(tmp_path):
    """A random walk's mean period is a large part of the series: following neighbours for it cost
    minutes and gigabytes. It now says at once that the data cannot decide (chaotic null: a short chaotic record
    looks the same; it said "not chaotic" before issue 13), with why, and its figure says so too."""
    from tscomplex.plots.lyapunov import divergence_figure

    x = np.cumsum(np.random.default_rng(0).normal(size=50_000))
    result = max_lyapunov(x)
    assert result.chaotic is None and result.max_lyapunov is None
    assert "fewer than 20" in result.reason and result.n_steps == 0
    fig = tmp_path / "rw.png"
    divergence_figure(result, str(fig))
    assert fig.read_bytes()[:4] == b"\x89PNG"
    # with an explicit Theiler window the user takes over, and the curve is computed
    forced = max_lyapunov(x[:5000], theiler=50, n_steps=40)
    assert forced.divergence.size == 41
