"""Tests of the complexity-entropy plane: curves, noise curve, regimes, timescales, tau sweep, CLI and figures."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex import plane
from tscomplex.measures import complexity_entropy
from tscomplex.ordinal import ordinal_codes, ordinal_counts

N = 10_000


@pytest.fixture(scope="module", autouse=True)
def private_cache(tmp_path_factory):
    """Noise curves go to a fresh folder, so the tests exercise generation and the on-disk cache."""
    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("TSCOMPLEX_CACHE_DIR")
    os.environ["TSCOMPLEX_CACHE_DIR"] = str(folder)
    plane._noise_curve.cache_clear()
    plane._sorted_noise.cache_clear()
    yield folder
    if old is None:
        del os.environ["TSCOMPLEX_CACHE_DIR"]
    else:
        os.environ["TSCOMPLEX_CACHE_DIR"] = old
    plane._noise_curve.cache_clear()
    plane._sorted_noise.cache_clear()


# --------------------------------------------------------------------------- independent references (plain loops)


def ref_hc(p):
    """H and C of a probability list, with plain Python loops (the definitions in docs/references.md)."""
    n = len(p)
    s = 0.0
    for v in p:
        if v > 0:
            s -= v * math.log(v)
    s_mid = 0.0
    for v in p:
        q = 0.5 * (v + 1.0 / n)
        s_mid -= q * math.log(q)
    j = s_mid - 0.5 * s - 0.5 * math.log(n)
    q0 = -2.0 / (((n + 1.0) / n) * math.log(n + 1.0) - 2.0 * math.log(2.0 * n) + math.log(n))
    h = s / math.log(n)
    return h, q0 * j * h


def ref_min_point(pk, n):
    return ref_hc([pk] + [(1.0 - pk) / (n - 1)] * (n - 1))


def ref_max_point(i, pk, n):
    m = n - i
    return ref_hc([0.0] * (i - 1) + [pk] + [(1.0 - pk) / m] * m)


def logistic(n, r=4.0, x=0.1):
    out = np.empty(n)
    for i in range(n):
        out[i] = x
        x = r * x * (1.0 - x)
    return out


def henon(n, a=1.4, b=0.3, transient=1000):
    x, y = 0.1, 0.1
    out = np.empty(n)
    for i in range(transient + n):
        x, y = 1.0 - a * x * x + y, b * x
        if i >= transient:
            out[i - transient] = x
    return out


def tent(n, mu=1.9, x=0.3, transient=1000):
    out = np.empty(n)
    for i in range(transient + n):
        x = mu * x if x < 0.5 else mu * (1.0 - x)
        if i >= transient:
            out[i - transient] = x
    return out


def fourier_noise(n, k, seed):
    """f^-k noise by filtering white noise in Fourier space, written independently of plane.power_law_noise."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    f = np.fft.rfftfreq(n)
    amp = np.zeros_like(f)
    amp[1:] = f[1:] ** (-k / 2.0)
    return np.fft.irfft(spec * amp, n)


# --------------------------------------------------------------------------- curves


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_min_curve_matches_plain_loops(dim):
    n = math.factorial(dim)
    curves = plane.complexity_curves(dim, h_step=1e-4)
    assert curves.h_min[0] == 0 and curves.h_min[-1] == pytest.approx(1.0)
    assert np.all(np.diff(curves.h_min) > 0)
    for pk in np.linspace(1.0 / n, 1.0, 37)[1:-1]:
        h, c = ref_min_point(pk, n)
        assert np.interp(h, curves.h_min, curves.c_min) == pytest.approx(c, abs=2e-6)


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_max_curve_matches_plain_loops(dim):
    n = math.factorial(dim)
    curves = plane.complexity_curves(dim, h_step=1e-4)
    assert np.all(np.diff(curves.h_max) >= 0)
    segments = range(1, n) if n <= 24 else list(range(1, 8)) + list(range(60, n, 7)) + [n - 1]
    for i in segments:
        for frac in (0.0, 0.3, 0.7, 1.0):
            pk = frac / (n - i + 1)
            h, c = ref_max_point(i, pk, n)
            assert np.interp(h, curves.h_max, curves.c_max) == pytest.approx(c, abs=2e-6), (i, frac)


def test_curve_points_are_exact():
    """Each returned point is a distribution of the family: C(H) recomputed from H matches (d = 4)."""
    n = 24
    curves = plane.complexity_curves(4, h_step=0.01)
    for h, c in zip(curves.h_min[1:-1], curves.c_min[1:-1]):
        lo, hi = 1.0 / n, 1.0
        for _ in range(80):  # solve H(pk) = h with plain bisection
            mid = 0.5 * (lo + hi)
            lo, hi = (lo, mid) if ref_min_point(mid, n)[0] < h else (mid, hi)
        assert ref_min_point(0.5 * (lo + hi), n)[1] == pytest.approx(c, abs=1e-12)


def test_peak_of_max_curve_d5():
    h, c = plane.complexity_peak(5)
    assert h == pytest.approx(0.615027, abs=1e-5)
    assert c == pytest.approx(0.424820, abs=1e-5)
    curves = plane.complexity_curves(5)
    i = int(np.argmax(curves.c_max))
    assert curves.c_max[i] == pytest.approx(0.424820, abs=1e-5)
    assert curves.h_max[i] == pytest.approx(0.615027, abs=1e-5)


def test_curves_d8_have_every_vertex_and_are_bounded():
    curves = plane.complexity_curves(8)
    n = math.factorial(8)
    vertices = np.log(np.arange(1, n + 1)) / math.log(n)
    assert np.isin(np.round(vertices, 12), np.round(curves.h_max, 12)).all()
    assert np.all(curves.c_max >= np.interp(curves.h_max, curves.h_min, curves.c_min) - 1e-12)
    assert 0.6 < curves.c_max.max() < 0.62


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 5), st.lists(st.floats(0.0, 1.0), min_size=24, max_size=120), st.integers(0, 23))
def test_every_distribution_lies_between_the_curves(dim, weights, zeros):
    n = math.factorial(dim)
    w = np.resize(np.asarray(weights), n)
    w[:zeros] = 0.0
    if w.sum() <= 0:
        return
    h, c = ref_hc(list(w / w.sum()))
    assert plane.min_complexity(h, dim) - 1e-6 <= c <= plane.max_complexity(h, dim) + 1e-6


def test_periodic_bounds():
    lo, hi = plane.periodic_entropy_bounds(5)
    assert lo == pytest.approx(0.144783, abs=1e-6)
    assert hi == pytest.approx(0.551240, abs=1e-6)
    for d in range(3, 9):
        lo, hi = plane.periodic_entropy_bounds(d)
        assert lo == pytest.approx(math.log(2) / math.log(math.factorial(d)))
        assert hi == pytest.approx(math.log(2 * (2 * (d - 2) + 1)) / math.log(math.factorial(d)))


@pytest.mark.parametrize("bad", [2, 9, 2.5])
def test_curves_refuse_bad_dim(bad):
    with pytest.raises(ValueError, match="dim"):
        plane.complexity_curves(bad)


# --------------------------------------------------------------------------- noise curve


def test_noise_curve_is_generated_cached_and_reproducible(private_cache, tmp_path, monkeypatch):
    # settings without a shipped curve (here: no shipped files at all) are generated and cached
    monkeypatch.setattr(plane, "SHIPPED_NOISE_DIR", str(tmp_path / "none-shipped"))
    plane._noise_curve.cache_clear()
    curve = plane.noise_curve(4)
    files = [f for f in os.listdir(private_cache) if f.startswith("noise_curve_d4_")]
    assert len(files) == 1
    assert curve.k[0] == 0 and curve.k[-1] == pytest.approx(3.5)
    assert curve.h[0] == pytest.approx(1.0, abs=1e-3) and curve.c[0] == pytest.approx(0.0, abs=1e-3)
    assert np.all(np.diff(curve.h) < 0)  # steeper spectra, lower entropy
    fresh = plane._generate_noise_curve(plane.noise_curve_settings(4))
    np.testing.assert_array_equal(fresh[1], curve.h)
    np.testing.assert_array_equal(fresh[2], curve.c)
    # a broken cache file is recomputed, not trusted
    path = os.path.join(private_cache, files[0])
    with open(path, "wb") as fh:
        fh.write(b"not an npz")
    plane._noise_curve.cache_clear()
    again = plane.noise_curve(4)
    np.testing.assert_array_equal(again.c, curve.c)
    with np.load(path) as data:
        np.testing.assert_array_equal(data["c"], curve.c)


def test_noise_curve_lies_between_bounds():
    for dim in (4, 5, 6):
        curve = plane.noise_curve(dim)
        assert np.all(curve.c <= plane.max_complexity(curve.h, dim) + 1e-6)
        assert np.all(curve.c >= plane.min_complexity(curve.h, dim) - 1e-6)


def test_power_law_noise_has_the_asked_spectral_slope():
    x = plane.power_law_noise(2 ** 16, 1.5, seed=3)
    f = np.fft.rfftfreq(x.size)[1:]
    p = np.abs(np.fft.rfft(x))[1:] ** 2
    band = (f > 1e-3) & (f < 1e-1)
    slope = np.polyfit(np.log(f[band]), np.log(p[band]), 1)[0]
    assert slope == pytest.approx(-1.5, abs=0.1)


# --------------------------------------------------------------------------- regimes


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_sine_waves_are_regular(dim):
    for period in (100.0, 61.8, 250.0):
        x = np.array([math.sin(2 * math.pi * i / period) for i in range(N)])
        t_nat = plane.natural_timescale(x).t_nat
        for tau in (1, plane.ideal_tau(t_nat, dim)):
            h, c = complexity_entropy(x, dim, tau)
            assert plane.classify(h, c, dim) == "regular", (period, tau)
            details = regime_of(x, dim, tau)
            assert details["regime"] == "regular" and details["multi_turn_fraction"] == 0.0


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_noises_are_stochastic(dim):
    cases = {"white": np.random.default_rng(11).standard_normal(N)}
    for k in (0.5, 1.0, 1.5, 2.0, 2.5):
        cases[f"f^-{k}"] = fourier_noise(N, k, seed=int(10 * k))
    for name, x in cases.items():
        h, c = complexity_entropy(x, dim, 1)
        assert plane.classify(h, c, dim) == "stochastic", name
        details = regime_of(x, dim)
        assert details["regime"] == "stochastic", (name, details)


def regime_of(x, dim, tau=1):
    h, c = complexity_entropy(x, dim, tau)
    return plane.regime_details(h, c, dim, plane.multi_turn_fraction(ordinal_counts(x, dim, tau)))


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_chaotic_maps_are_complex(dim):
    for name, x in {"logistic": logistic(N), "henon": henon(N), "tent": tent(N)}.items():
        details = regime_of(x, dim)
        assert details["regime"] == "complex", (name, details)
        assert details["regime_rule"].endswith("C >= threshold(H)")
        assert details["multi_turn_fraction"] > 0.4
        h, c = complexity_entropy(x, dim, 1)
        assert c > details["regime_complexity_threshold"] > details["noise_curve_complexity"]
        if dim >= 5:  # from d = 5 on, the plane's lines alone suffice
            assert plane.classify(h, c, dim) == "complex"


def test_henon_at_d4_needs_the_turn_test():
    """At d = 4 the Henon map sits inside PECCARY's regular zone; its many multi-turn windows move it out."""
    x = henon(N)
    h, c = complexity_entropy(x, 4, 1)
    assert h < plane.periodic_entropy_bounds(4)[1]
    assert plane.classify(h, c, 4) == "regular"
    details = regime_of(x, 4)
    assert details["regime"] == "complex"
    assert details["regime_rule"].startswith("H <= H_max_per but multi-turn windows")


@pytest.mark.parametrize("dim", range(3, 9))
def test_multi_turn_mask_counts(dim):
    """Patterns with at most one turn are the 2^d - 2 unimodal ones (single peak or valley, or monotone)."""
    mask = plane.multi_turn_mask(dim)
    assert mask.sum() == math.factorial(dim) - (2 ** dim - 2)
    from tscomplex.ordinal import pattern_of_code

    for code in range(0, math.factorial(dim), max(1, math.factorial(dim) // 50)):
        perm = pattern_of_code(code, dim)
        window = [0] * dim
        for rank, position in enumerate(perm):
            window[position] = rank
        turns = sum(1 for i in range(1, dim - 1)
                    if (window[i] - window[i - 1]) * (window[i + 1] - window[i]) < 0)
        assert mask[code] == (turns >= 2)


def test_regime_rule_uses_the_documented_lines():
    dim = 5
    h_per = plane.periodic_entropy_bounds(dim)[1]
    assert plane.classify(h_per - 1e-9, 0.0, dim) == "regular"
    h = 0.8
    c_noise = float(plane.noise_complexity(h, dim))
    c_max = float(plane.max_complexity(h, dim))
    split = c_noise + 0.5 * (c_max - c_noise)
    assert plane.classify(h, split + 1e-9, dim) == "complex"
    assert plane.classify(h, split - 1e-9, dim) == "stochastic"
    assert plane.classify(h, 0.5 * c_noise, dim) == "stochastic"
    d = plane.regime_details(h, c_noise, dim)
    assert d["noise_curve_complexity"] == pytest.approx(c_noise)
    assert d["regime_complexity_threshold"] == pytest.approx(split)
    assert d["periodic_entropy_bound"] == pytest.approx(h_per)


def test_classify_refuses_dim3_and_nan():
    with pytest.raises(ValueError, match="dim >= 4"):
        plane.classify(0.5, 0.2, 3)
    with pytest.raises(ValueError, match="finite"):
        plane.classify(float("nan"), 0.2, 5)
    assert plane.regime_fields(0.5, 0.2, 3)["regime"] is None


# --------------------------------------------------------------------------- timescales


def test_natural_timescale_of_a_sine_by_every_method():
    dt = 0.02
    x = np.sin(2 * np.pi * np.arange(N) / 80.0)
    for method in ("crossings", "maxima", "spectrum"):
        ts = plane.natural_timescale(x, dt, method)
        assert ts.method == method
        assert ts.t_nat == pytest.approx(80 * dt, rel=1e-3)
    assert plane.natural_timescale(x, dt).method == "spectrum"  # a clear spectral peak


def test_natural_timescale_under_noise_and_chaos():
    rng = np.random.default_rng(4)
    x = np.sin(2 * np.pi * np.arange(50_000) / 80.0) + 0.3 * rng.standard_normal(50_000)
    ts = plane.natural_timescale(x)
    assert ts.method == "spectrum" and ts.t_nat == pytest.approx(80.0, rel=1e-3)
    weak = np.sin(2 * np.pi * np.arange(50_000) / 80.0) + 0.05 * rng.standard_normal(50_000)
    assert plane.natural_timescale(weak, method="crossings").t_nat == pytest.approx(80.0, rel=1e-2)
    chaos = plane.natural_timescale(logistic(N))
    assert chaos.method == "crossings" and 3.0 < chaos.t_nat < 5.0


def test_natural_timescale_plateaus_and_fallback():
    x = np.tile([0.0, 1.0, 2.0, 2.0, 2.0, 1.0], 50)  # flat tops count once
    assert plane.natural_timescale(x, method="maxima").t_nat == pytest.approx(6.0)
    ramp = np.sin(np.linspace(0, 1.5 * np.pi, 400)) + np.linspace(0, 3, 400)  # under 4 crossings
    ts = plane.natural_timescale(ramp)
    assert ts.method == "spectrum"
    with pytest.raises(ValueError, match="too few"):
        plane.natural_timescale(np.ones(100), method="crossings")


def test_ideal_tau_follows_peccary():
    assert plane.ideal_tau(100.0, 5) == 10
    assert plane.ideal_tau(1.0, 5, dt=0.01) == 10
    assert plane.ideal_tau(2.0, 5) == 1  # never below 1
    for t_nat in (37.0, 100.0, 512.0):
        tau = plane.ideal_tau(t_nat, 6)
        assert 0.3 <= plane.pattern_time(tau, 6, 1.0) / t_nat <= 0.5
    with pytest.raises(ValueError):
        plane.ideal_tau(0.0, 5)


# --------------------------------------------------------------------------- tau sweep


def test_tau_sweep_matches_ordpy_reference():
    x = np.sin(2 * np.pi * np.arange(N) / 100)
    h, c = plane.tau_sweep(x, [1, 10, 50], 5)
    np.testing.assert_allclose(h, [0.214437, 0.525400, 0.669743], atol=1e-6)
    np.testing.assert_allclose(c, [0.191580, 0.386890, 0.404629], atol=1e-6)
    h, c = plane.tau_sweep(logistic(N), [1], 6)
    assert (h[0], c[0]) == pytest.approx((0.627287, 0.483355), abs=1e-6)
    h, c, turns = plane.tau_sweep_full(x, [1, 10, 50], 5)
    for tau, f in zip([1, 10, 50], turns):
        assert f == pytest.approx(plane.multi_turn_fraction(ordinal_counts(x, 5, tau)), abs=1e-15)


@pytest.mark.parametrize("dim", [2, 3, 5, 7, 9])
def test_tau_sweep_equals_complexity_entropy_per_tau(dim):
    rng = np.random.default_rng(dim)
    x = np.round(rng.standard_normal(3000), 1)  # many ties
    taus = [1, 2, 3, 17, 40]
    h, c = plane.tau_sweep(x, taus, dim)
    for tau, hv, cv in zip(taus, h, c):
        ref = complexity_entropy(x, dim, tau)
        assert hv == pytest.approx(ref[0], abs=1e-13)
        assert cv == pytest.approx(ref[1], abs=1e-13)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=40, max_size=300), st.integers(1, 6), st.integers(-3, 3))
def test_tau_sweep_invariant_to_shift_and_scale(values, tau, shift):
    x = np.asarray(values, dtype=float)
    if x.size < 4 * tau + 1:
        return
    h1, c1 = plane.tau_sweep(x, [tau], 5)
    h2, c2 = plane.tau_sweep(4.0 * x + shift, [tau], 5)
    assert h1[0] == h2[0] and c1[0] == c2[0]


def test_tau_sweep_refuses_too_large_tau_naming_the_largest():
    x = np.random.default_rng(0).standard_normal(1000)
    with pytest.raises(ValueError, match="largest usable tau is 249"):
        plane.tau_sweep(x, [1, 300], 5)
    with pytest.raises(ValueError, match="largest usable tau is 220"):
        plane.tau_sweep(x, [1, 230], 5, min_windows=120)
    with pytest.raises(ValueError, match="tau must be >= 1"):
        plane.tau_sweep(x, [0, 3], 5)
    with pytest.raises(ValueError, match="NaN"):
        plane.tau_sweep(np.array([1.0, np.nan, 2.0, 3.0, 4.0, 5.0]), [1], 3)


# --------------------------------------------------------------------------- CLI


@pytest.fixture
def sine_csv(tmp_path):
    t = np.arange(4000) * 0.05
    path = tmp_path / "wave.csv"
    data = np.column_stack([t, np.sin(2 * np.pi * t / 5.0), logistic(4000)])
    np.savetxt(path, data, delimiter=",", header="time,wave,chaos", comments="")
    return path


def test_sweep_records_and_summary(cli, sine_csv):
    result = cli(["sweep", sine_csv, "-c", "wave", "--time-column", "time", "-t", "1:30"])
    assert result.exit_code == 0, result.stderr
    rows = result.records
    per_tau = [r for r in rows if r["kind"] == "tau"]
    (summary,) = [r for r in rows if r["kind"] == "summary"]
    assert [r["tau"] for r in per_tau] == list(range(1, 31))
    r10 = per_tau[9]
    assert r10["dt"] == pytest.approx(0.05) and r10["t_pat"] == pytest.approx(4 * 10 * 0.05)
    assert r10["t_pat_over_t_nat"] == pytest.approx(2.0 / 5.0, rel=1e-3)
    ref = complexity_entropy(np.loadtxt(sine_csv, delimiter=",", skiprows=1)[:, 1], 5, 10)
    assert r10["permutation_entropy"] == pytest.approx(ref[0], abs=1e-12)
    assert r10["regime"] == "regular" and r10["regime_rule"] == "H <= H_max_per"
    assert summary["t_nat"] == pytest.approx(5.0, rel=1e-3) and summary["t_nat_method"] == "spectrum"
    assert summary["t_nat_crossings"] == pytest.approx(5.0, rel=1e-3)
    assert summary["ideal_tau"] == 10 and summary["regime"] == "regular"
    assert summary["duration_over_t_nat"] == pytest.approx(3999 * 0.05 / 5.0, rel=1e-3)
    assert summary["warning"] is None and "warning" not in result.stderr


def test_sweep_warns_on_short_duration_and_reports_too_large_tau(cli, tmp_path):
    path = tmp_path / "short.txt"
    np.savetxt(path, np.sin(2 * np.pi * np.arange(500) / 400.0))
    result = cli(["sweep", path, "-t", "1:5", "--summary", "--min-windows", "10"])
    assert result.exit_code == 0
    (summary,) = result.records
    assert "under the 1.5 t_nat" in summary["warning"]
    assert "warning" in result.stderr and "1.5 t_nat" in result.stderr
    result = cli(["sweep", path, "-t", "1:200"])
    assert result.exit_code == 1
    assert "largest usable tau is 95" in result.stderr  # (500 - 120) // 4 with the default d! windows


def test_sweep_plot_and_bad_figure_path(cli, sine_csv, tmp_path):
    fig = tmp_path / "sweep.png"
    result = cli(["sweep", sine_csv, "--time-column", "time", "-t", "1:40", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 30_000
    result = cli(["sweep", sine_csv, "-t", "1:40", "--plot", tmp_path / "no" / "such" / "f.png"])
    assert result.exit_code == 2 and "does not exist" in result.stderr and result.stdout == ""
    result = cli(["sweep", sine_csv, "--plot", tmp_path / "f.gif"])
    assert result.exit_code == 2 and "suffix" in result.stderr


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plane_figure_formats(cli, sine_csv, tmp_path, suffix, magic):
    fig = tmp_path / f"plane{suffix}"
    result = cli(["plane", sine_csv, "--plot", fig, "-d", "5"])
    assert result.exit_code == 0, result.stderr
    assert fig.read_bytes()[: len(magic)] == magic and fig.stat().st_size > 10_000
    rows = result.records
    assert {r["series"] for r in rows} == {"wave", "chaos"}
    assert {r["series"]: r["regime"] for r in rows} == {"wave": "regular", "chaos": "complex"}


def test_plane_paths_and_records_file(cli, sine_csv, tmp_path):
    fig = tmp_path / "paths.png"
    out = tmp_path / "rows.csv"
    result = cli(["plane", sine_csv, "--plot", fig, "-t", "1:8", "-o", out])
    assert result.exit_code == 0, result.stderr
    assert fig.stat().st_size > 30_000
    lines = out.read_text().splitlines()
    assert lines[0].startswith("source,series,n,dt,dim,tau,permutation_entropy") and len(lines) == 1 + 2 * 8


def test_plane_refuses_unwritable_figure_before_work(cli, sine_csv, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli(["plane", sine_csv, "--plot", locked / "f.png"])
        if os.access(locked, os.W_OK):  # running as root: the folder is writable after all
            assert result.exit_code == 0
        else:
            assert result.exit_code == 2 and "not writable" in result.stderr and result.stdout == ""
    finally:
        locked.chmod(0o700)
    result = cli(["plane", sine_csv])
    assert result.exit_code == 2 and "--plot" in result.stderr


def test_analyze_gains_regime_and_plot(cli, sine_csv, tmp_path):
    fig = tmp_path / "analyze.png"
    result = cli(["analyze", sine_csv, "--time-column", "time", "-t", "1,2", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    rows = result.records
    assert all(r["regime"] in plane.REGIMES for r in rows)
    chaos = [r for r in rows if r["series"] == "chaos" and r["tau"] == 1][0]
    assert chaos["regime"] == "complex" and chaos["noise_curve_complexity"] < chaos["statistical_complexity"]
    assert fig.stat().st_size > 30_000
    result = cli(["analyze", sine_csv, "-d", "3"])
    assert result.exit_code == 0 and all(r["regime"] is None for r in result.records)
    result = cli(["analyze", sine_csv, "-d", "3", "--plot", fig])
    assert result.exit_code == 2 and "4 <= d <= 8" in result.stderr


def test_label_placement_keeps_labels_apart(tmp_path):
    """Many points in one spot: no two labels may overlap."""
    from tscomplex.plots import pyplot
    from tscomplex.plots import plane as plots

    points = [plots.PlanePoint(f"series number {i}", np.array([0.67 + 0.004 * i]), np.array([0.40 - 0.002 * i]))
              for i in range(6)]
    captured = {}
    real_save = plots.save_figure

    def capture(fig, path):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        from matplotlib.text import Text

        # the text alone, without the leader line an annotation may carry
        captured["boxes"] = [Text.get_window_extent(t, renderer) for t in ax.texts
                             if t.get_text().startswith("series")]
        real_save(fig, path)

    plots.save_figure = capture
    try:
        plots.plane_figure(points, 5, str(tmp_path / "crowd.png"))
    finally:
        plots.save_figure = real_save
    pyplot()
    boxes = captured["boxes"]
    assert len(boxes) == 6
    for i in range(6):
        for j in range(i + 1, 6):
            assert not boxes[i].overlaps(boxes[j]), (i, j)


def test_no_regime_with_fewer_than_10_dfact_windows(cli, tmp_path):
    path = tmp_path / "short_noise.txt"
    np.savetxt(path, np.random.default_rng(3).standard_normal(3000))
    result = cli(["analyze", path, "-d", "6"])
    (row,) = result.records
    assert row["regime"] is None and row["regime_rule"].startswith("no regime: 2995 windows")
    assert row["noise_curve_complexity"] is not None
    result = cli(["analyze", path, "-d", "5"])  # 2996 windows >= 1200
    assert result.records[0]["regime"] == "stochastic"
    fields = plane.regime_fields(0.99, 0.01, 5, 0.7, windows=1199)
    assert fields["regime"] is None and fields["multi_turn_fraction"] == 0.7


def test_plane_and_sweep_edge_cases(cli, tmp_path, sine_csv):
    result = cli(["plane", sine_csv, "-c", "wave", "-t", "1,2000", "--plot", tmp_path / "p.png"])
    assert result.exit_code == 1 and "largest usable tau is 999" in result.stderr
    assert not (tmp_path / "p.png").exists()  # nothing to draw
    result = cli(["sweep", sine_csv, "-c", "wave", "-d", "3", "-t", "1:5", "--summary"])
    assert result.exit_code == 0
    (summary,) = result.records
    assert summary["regime"] is None and "no regimes at dim=3" in summary["warning"]
    result = cli(["sweep", sine_csv, "-c", "wave", "--t-nat", "5", "--time-column", "time", "--summary"])
    (summary,) = result.records
    assert summary["t_nat_method"] == "given" and summary["ideal_tau"] == 10


def _power_law_noise(n, k, rng):
    f = np.fft.rfftfreq(n)
    amplitude = np.zeros_like(f)
    amplitude[1:] = f[1:] ** (-k / 2)
    return np.fft.irfft((rng.normal(size=f.size) + 1j * rng.normal(size=f.size)) * amplitude, n)


@pytest.mark.parametrize("dim", [4, 5, 6])
def test_sample_size_aware_split_keeps_noise_stochastic(dim):
    """With the window count given, the split shrinks, but f^-k noises of 10^4 samples stay stochastic."""
    rng = np.random.default_rng(dim)
    for k in (0.0, 0.5, 1.0, 2.0, 3.0):
        for _ in range(5):
            x = _power_law_noise(10_000, k, rng)
            h, c = complexity_entropy(x, dim)
            windows = x.size - (dim - 1)
            assert plane.classify(h, c, dim, plane.multi_turn_fraction(ordinal_counts(x, dim)), windows) \
                == "stochastic", (k, h, c)


@pytest.mark.parametrize("name", ["lorenz", "thomas", "sprott_b"])
@pytest.mark.parametrize("dim", [5, 6])
def test_chaotic_flows_at_the_ideal_tau_are_complex(name, dim):
    """PECCARY's use case: a chaotic flow sampled at its ideal delay reads as complex, not stochastic.

    (Rössler's phase-coherent x sits just inside the periodic bound at d = 5 and reads as regular.)
    """
    from tscomplex import simulate

    traj = simulate(name, 20_000)
    x = traj.component("x")
    tau = plane.ideal_tau(plane.natural_timescale(x, traj.dt).t_nat, dim, traj.dt)
    counts = ordinal_counts(x, dim, tau)
    h, c = complexity_entropy(x, dim, tau)
    fields = plane.regime_fields(h, c, dim, plane.multi_turn_fraction(counts), x.size - (dim - 1) * tau)
    assert fields["regime"] == "complex", (tau, h, c, fields)


def test_split_fraction_limits():
    assert plane.split_fraction(5) == 0.5
    assert plane.split_fraction(5, 10 * 120) == 0.5
    assert plane.split_fraction(5, 25 * 120) == pytest.approx(0.2)
    assert plane.split_fraction(5, 10**6) == 0.1


def _logistic_orbit(r, n=10_000):
    x = np.empty(n)
    v = 0.3
    for _ in range(2000):  # onto the attractor
        v = r * v * (1 - v)
    for i in range(n):
        x[i] = v
        v = r * v * (1 - v)
    return x


def reference_pattern_period(x, dim):
    """Smallest p whose shift leaves the whole pattern sequence unchanged, by plain loops."""
    import itertools

    index = {perm: k for k, perm in enumerate(itertools.permutations(range(dim)))}
    codes = [index[tuple(np.argsort(x[t:t + dim], kind="stable"))] for t in range(len(x) - dim + 1)]
    for p in range(1, 2 * (2 * (dim - 2) + 1) + 1):
        if all(codes[t] == codes[t + p] for t in range(len(codes) - p)):
            return p
    return None


@pytest.mark.parametrize("r,period", [(3.5, 4), (3.83, 3), (3.2, 2)])
@pytest.mark.parametrize("dim", [4, 5, 6])
def test_periodic_map_orbits_are_regular(r, period, dim):
    """A period-P orbit's windows turn several times, but its pattern sequence repeats exactly: regular."""
    x = _logistic_orbit(r)
    counts = ordinal_counts(x, dim)
    h, c = complexity_entropy(x, dim)
    assert plane.find_pattern_period(x, dim) == reference_pattern_period(x[:400], dim) == period
    fields = plane.series_regime_fields(x, h, c, dim, 1, plane.multi_turn_fraction(counts), x.size - dim + 1)
    assert fields["regime"] == "regular", fields
    assert "period" in fields["regime_rule"] or plane.multi_turn_fraction(counts) <= 0.05


@pytest.mark.parametrize("r", [3.7, 3.75, 3.8])
def test_banded_chaos_with_few_patterns_stays_complex(r):
    """The logistic map at r = 3.7-3.8 is chaotic with at most 14 patterns at d = 5: not periodic."""
    x = _logistic_orbit(r)
    counts = ordinal_counts(x, 5)
    h, c = complexity_entropy(x, 5)
    assert plane.find_pattern_period(x, 5) is None
    fields = plane.series_regime_fields(x, h, c, 5, 1, plane.multi_turn_fraction(counts), x.size - 4)
    assert fields["regime"] == "complex", fields


def test_analyze_calls_a_period_4_orbit_regular(cli, tmp_path):
    path = tmp_path / "p4.txt"
    path.write_text("\n".join(repr(float(v)) for v in _logistic_orbit(3.5)) + "\n")
    (rec,) = cli(["analyze", path]).records
    assert rec["regime"] == "regular" and rec["regime_rule"] == "H <= H_max_per, patterns repeat with period 4"


def test_pattern_period_in_pieces_equals_whole():
    x = np.tile([0.1, 0.9, 0.3, 0.7, 0.2, 0.5, 0.8, 0.05, 0.6, 0.4, 0.95], 600)
    whole = plane.find_pattern_period(x, 5)
    assert whole == 11 and plane.find_pattern_period(x, 5, block=37) == 11
    assert plane.find_pattern_period(_logistic_orbit(3.7), 5, block=100) is None
    codes = ordinal_codes(x, 5)
    tracker = plane.PatternPeriodTracker(5)
    for piece in np.array_split(codes, 13):
        tracker.feed(piece)
    assert tracker.period() == 11


def test_chunked_analyze_finds_the_periodic_orbit_too(cli, tmp_path):
    """Review finding: the chunked path skipped the periodic-orbit check and called this complex."""
    x = np.tile([0.1, 0.9, 0.3, 0.7, 0.2, 0.5, 0.8, 0.05, 0.6, 0.4, 0.95], 600)
    path = tmp_path / "per.npy"
    np.save(path, x)
    (whole,) = cli(["analyze", path]).records
    (chunked,) = cli(["analyze", path, "--chunk-size", "1000"]).records
    assert whole == chunked and whole["regime"] == "regular"
