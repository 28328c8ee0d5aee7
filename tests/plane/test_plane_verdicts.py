"""Issue 13's regime cases with their expected answers, and the evidence behind them checked against plain numpy."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from plane_series import henon, logistic

from tscomplex import plane
from tscomplex.ordinal import ordinal_codes, ordinal_counts
from tscomplex.plane.evidence import (
    missing_fraction,
    reversal_test,
    reversed_codes,
    tied_pattern_counts,
)
from tscomplex.plane.periods import pattern_recurrence

N = 10_000
GOLDEN = (1 + 5 ** 0.5) / 2


def regime_at(x, dim=5, tau=None):
    """The regime record of ``x`` as the commands compute it (at the ideal tau unless ``tau`` is given)."""
    x = np.asarray(x, dtype=float)
    if tau is None:
        tau = plane.ideal_tau(plane.natural_timescale(x).t_nat, dim)
    h, c, turns = plane.tau_sweep_full(x, [tau], dim)
    return plane.series_regime_fields(x, float(h[0]), float(c[0]), dim, tau, float(turns[0]),
                                      x.size - (dim - 1) * tau)


def arma(n, phi=(), theta=(), seed=0, burn=1000):
    e = np.random.default_rng(seed).standard_normal(n + burn)
    x = np.zeros(n + burn)
    for i in range(max(len(phi), len(theta), 1), n + burn):
        x[i] = (e[i] + sum(p * x[i - 1 - j] for j, p in enumerate(phi))
                + sum(q * e[i - 1 - j] for j, q in enumerate(theta)))
    return x[burn:]


# --- linear Gaussian processes read stochastic (they are time-reversible), whatever their spectrum


@pytest.mark.parametrize("seed", [1, 2])
def test_ar2_with_complex_roots_is_stochastic(seed):
    r, w = 0.9, 2 * np.pi / 12
    rec = regime_at(arma(N, (2 * r * np.cos(w), -r * r), seed=seed))
    assert rec["regime"] == "stochastic", rec
    assert rec["regime_rule"].startswith("time-reversible")


@pytest.mark.parametrize("seed", [3, 4])
def test_ma1_is_stochastic(seed):
    rec = regime_at(arma(N, theta=(0.8,), seed=seed))
    assert rec["regime"] == "stochastic", rec


def test_white_noise_is_stochastic_at_every_delay():
    x = np.random.default_rng(5).standard_normal(N)
    for tau in (1, 3):
        assert regime_at(x, tau=tau)["regime"] == "stochastic"


# --- nonlinear noise is time-irreversible but still noise: on the noise curve, with every pattern


def threshold_ar(n, seed):
    e = np.random.default_rng(seed).standard_normal(n)
    y = np.zeros(n)
    for i in range(1, n):
        y[i] = (0.6 * y[i - 1] if y[i - 1] > 0 else -0.5 * y[i - 1]) + e[i]
    return y


def garch(n, seed):
    e = np.random.default_rng(seed).standard_normal(n)
    x, s2 = np.zeros(n), 1.0
    for i in range(1, n):
        s2 = 0.1 + 0.1 * x[i - 1] ** 2 + 0.85 * s2
        x[i] = np.sqrt(s2) * e[i]
    return x


@pytest.mark.parametrize("seed", [1, 2])
def test_threshold_ar_is_irreversible_yet_stochastic(seed):
    rec = regime_at(threshold_ar(10 * N, seed), tau=1)
    assert rec["time_reversal_p_value"] < 1e-10  # irreversible: the evidence alone would say complex
    assert rec["forbidden_pattern_fraction"] == 0.0
    assert rec["regime"] == "stochastic" and "nonlinear noise" in rec["regime_rule"], rec


@pytest.mark.parametrize("seed", [3, 4])
def test_garch_is_stochastic(seed):
    for tau in (1, 2):
        assert regime_at(garch(N, seed), tau=tau)["regime"] == "stochastic"


# --- chaos reads complex: dissipative chaos is not time-reversible


def test_chaotic_maps_are_complex():
    for x in (logistic(N), henon(N)):
        rec = regime_at(x, tau=1)
        assert rec["regime"] == "complex", rec
        assert "not time-reversible" in rec["regime_rule"] and rec["time_reversal_p_value"] < 1e-10


def test_lorenz_x_at_its_ideal_tau_is_complex():
    from tscomplex import simulate

    x = simulate("lorenz", n=20_000).values[:, 0]
    assert regime_at(x)["regime"] == "complex"


def test_lorenz_z_at_its_ideal_tau_is_complex():
    # its patterns look time-reversible at the ideal tau (it sits at H_max,per), its amplitudes do not
    from tscomplex import simulate

    z = simulate("lorenz", n=20_000).values[:, 2]
    rec = regime_at(z)
    assert rec["time_asymmetry_p_value"] < 1e-10
    assert rec["regime"] == "complex", rec


# --- periodic and quasi-periodic signals read regular, with sharp edges or not


@pytest.mark.parametrize("shape", ["square", "sawtooth", "pulse", "triangle"])
@pytest.mark.parametrize("period", [20.0, 50.0, 333.3])
def test_periodic_waves_are_regular_at_the_ideal_tau(shape, period):
    u = (np.arange(N) / period + 0.37) % 1.0
    x = {"square": np.where(u < 0.5, 1.0, -1.0), "sawtooth": u, "pulse": (u < 0.1).astype(float),
         "triangle": 1 - 2 * np.abs(u - 0.5)}[shape]
    rec = regime_at(x)
    assert rec["regime"] == "regular", rec


def test_sawtooth_period_50_at_d6_is_regular():
    """Issue 13: it read stochastic with H = 0.07."""
    x = (np.arange(N) % 50) / 50.0
    for tau in (1, 2):
        rec = regime_at(x, dim=6, tau=tau)
        assert rec["regime"] == "regular" and "repeat" in rec["regime_rule"], rec


@pytest.mark.parametrize("base", [37.0, 61.0, 113.0])
def test_two_and_three_tones_are_regular(base):
    t = np.arange(N, dtype=float)
    two = np.sin(2 * np.pi * t / base) + 0.7 * np.sin(2 * np.pi * t * GOLDEN / base + 1.0)
    three = two + 0.4 * np.sin(2 * np.pi * t * np.sqrt(2) / base + 2.0)
    for x in (two, three):
        rec = regime_at(x)
        assert rec["regime"] == "regular", rec


@pytest.mark.parametrize("name, ic", [("henon_heiles", [0.0, 0.0, 0.5, 0.0]), ("star_logarithmic", None)])
def test_hamiltonian_tori_are_regular_at_the_ideal_tau(name, ic):
    """Issue 13: a loop orbit in a logarithmic potential read complex; the x coordinate of a Henon-Heiles
    torus is not reversible as it is, only with a change of sign (the mirrored orbit)."""
    from tscomplex import simulate

    run = simulate(name, n=N, **({"ic": ic} if ic else {}))
    for i in range(2):
        rec = regime_at(run.values[:, i])
        assert rec["regime"] == "regular", (run.components[i], rec)


def test_small_swing_pendulum_is_regular():
    tt = np.arange(N) * 0.05
    x = 0.2 * np.cos(tt) + 0.2 ** 3 / 192 * (np.cos(tt) - np.cos(3 * tt))
    assert regime_at(x)["regime"] == "regular"


# --- where the data cannot decide, no regime and a reason


def test_poisson_counts_get_no_regime_for_their_ties():
    x = np.random.default_rng(6).poisson(0.5, N).astype(float)
    rec = regime_at(x, tau=1)
    assert rec["regime"] is None and "equal values" in rec["regime_rule"]
    broken = x + np.random.default_rng(9).uniform(-0.25, 0.25, N)  # ties="noise": white noise again
    assert regime_at(broken, tau=1)["regime"] == "stochastic"


def test_a_record_of_few_pattern_lengths_gets_no_regime():
    x = np.cumsum(np.random.default_rng(7).standard_normal(N))
    rec = regime_at(x, tau=400)  # the record spans 6.25 pattern lengths
    assert rec["regime"] is None and "pattern lengths" in rec["regime_rule"]


def test_the_chunked_path_keeps_the_split_on_c():
    """Without the series (read in chunks) there is no evidence, and the fixed rule decides, as before."""
    rec = plane.series_regime_fields(None, 0.678, 0.399, 5, 1, 0.7, 9996)
    assert rec["regime"] == "complex" and rec["regime_rule"] == "C >= threshold(H)"
    assert rec["time_reversal_p_value"] is None


# --- the evidence, against plain numpy


def plain_pattern(window):
    return tuple(np.argsort(window, kind="stable"))


@pytest.mark.parametrize("dim", [3, 4, 5])
def test_reversed_codes_match_an_argsort_reference(dim):
    rng = np.random.default_rng(dim)
    x = rng.standard_normal(400)
    codes = ordinal_codes(x, dim, 1)
    rev = reversed_codes(dim)
    for t in range(0, 390, 7):
        window = x[t:t + dim]
        # the window read backwards has the pattern of some other window of the series: find it by its argsort
        target = plain_pattern(window[::-1])
        others = [s for s in range(x.size - dim + 1) if plain_pattern(x[s:s + dim]) == target]
        if others:
            assert rev[codes[t]] == codes[others[0]]
    assert np.array_equal(rev[rev], np.arange(math.factorial(dim)))


def test_reversal_statistic_matches_plain_numpy():
    x = logistic(3000)
    dim = 4
    stat, dof, p = reversal_test(ordinal_counts(x, dim))
    windows = [plain_pattern(x[t:t + dim]) for t in range(x.size - dim + 1)]
    count = {}
    for w in windows:
        count[w] = count.get(w, 0) + 1
    ref, pairs = 0.0, 0
    for perm in itertools.permutations(range(dim)):
        # reversing a window in time maps its sorting permutation pi to (d-1) - pi
        back = tuple(dim - 1 - i for i in perm)
        if perm < back:
            a, b = count.get(perm, 0), count.get(back, 0)
            if a + b:
                ref += (a - b) ** 2 / (a + b)
                pairs += 1
    assert dof == pairs and stat == pytest.approx(ref, rel=1e-12)
    assert p < 1e-10
    # with a change of sign: a window w becomes -w read backwards
    ref, pairs = 0.0, 0
    for perm in itertools.permutations(range(dim)):
        w = np.empty(dim)
        w[list(perm)] = np.arange(dim)  # a window whose argsort is perm
        back = plain_pattern(-w[::-1])
        if perm < back:
            a, b = count.get(perm, 0), count.get(back, 0)
            if a + b:
                ref += (a - b) ** 2 / (a + b)
                pairs += 1
    stat, dof, _ = reversal_test(ordinal_counts(x, dim), flip=True)
    assert dof == pairs and stat == pytest.approx(ref, rel=1e-12)


def test_reversal_test_is_blind_to_offset_and_scale_and_to_reversal():
    x = logistic(5000)
    base = reversal_test(ordinal_counts(x, 5))
    assert reversal_test(ordinal_counts(3.0 * x + 7.0, 5))[0] == pytest.approx(base[0])
    assert reversal_test(ordinal_counts(x[::-1].copy(), 5))[0] == pytest.approx(base[0])


def test_missing_fraction_and_tied_pattern_counts_match_plain_numpy():
    assert missing_fraction(np.array([0, 3, 0, 1, 0, 2])) == 0.5
    x = np.round(np.random.default_rng(10).standard_normal(3000), 1)
    dim, tau = 4, 2
    codes = ordinal_codes(x, dim, tau)
    windows = [x[t:t + (dim - 1) * tau + 1:tau] for t in range(codes.size)]
    tied = np.array([len(set(w)) < dim for w in windows])
    assert 0 < tied.sum() < tied.size
    ref = np.bincount(codes[tied], minlength=math.factorial(dim))
    assert np.array_equal(tied_pattern_counts(x, dim, tau), ref)
    counts = ordinal_counts(x, dim, tau)
    assert missing_fraction(counts) == np.mean(np.bincount(codes, minlength=24) == 0)


def test_pattern_recurrence():
    t = np.arange(20_000)
    found = pattern_recurrence(ordinal_codes(np.sin(2 * np.pi * t / 333.3 + 0.2), 5, 30), 120)
    # the period, 333.3 samples, lies between the lags 333 and 334: found at one period, not at three (999.9)
    assert found is not None and found[0] == 333 and found[1] <= 0.01
    assert pattern_recurrence(ordinal_codes(np.random.default_rng(8).standard_normal(20_000), 5, 1), 4) is None
    from plane_series import logistic_orbit

    assert pattern_recurrence(ordinal_codes(logistic_orbit(3.7), 5, 1), 4) is None  # banded chaos
    assert pattern_recurrence(ordinal_codes(logistic_orbit(3.5), 5, 1), 4)[0] == 4


def test_red_and_brown_noise_have_no_ideal_tau_and_read_stochastic_at_tau_1(cli, tmp_path):
    """Issue 13: they read complex (t_nat from the lowest frequency bin); a power law has no ideal tau. They then
    got no regime; now a scale-free spectrum is read at tau = 1 (sweep, and analyze -t ideal alike)."""
    from tscomplex.plane import power_law_noise

    for k in (2.0, 3.0):
        path = tmp_path / f"k{k}.npy"
        np.save(path, power_law_noise(N, k, seed=int(k)))
        (summary,) = cli(["sweep", path, "--summary"]).records
        assert summary["ideal_tau"] is None and summary["t_nat"] is None and "power law" in summary["warning"]
        assert summary["regime"] == "stochastic" and "scale-free" in summary["regime_rule"], summary
        (rec,) = cli(["analyze", path, "-t", "ideal"]).records
        assert rec["tau"] == 1 and rec["tau_rule"] == "scale_free" and rec["t_nat"] is None
        assert rec["regime"] == "stochastic" and rec["regime_rule"] == summary["regime_rule"]
        assert rec["permutation_entropy"] == pytest.approx(summary["permutation_entropy"], rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_evidence_fed_in_pieces_equals_the_whole(seed):
    """The streaming evidence (tied counts, prefix) against the in-memory one, cut at random places."""
    from tscomplex.plane.evidence import RECURRENCE_WINDOWS, EvidenceFeed, evidence_of_series

    rng = np.random.default_rng(seed)
    n = RECURRENCE_WINDOWS + 3000 if seed == 0 else 5000
    x = np.round(rng.standard_normal(n).cumsum(), 0 if seed % 2 else 1)  # many ties, or a few
    taus = [1, 3, 7]
    feed = EvidenceFeed(5, taus)
    cuts = np.sort(rng.choice(np.arange(1, n), size=20, replace=False))
    for piece in np.split(x, cuts):
        feed.feed(piece)
    for tau in taus:
        whole = evidence_of_series(x, 5, tau)
        part = feed.evidence(tau, ordinal_counts(x, 5, tau))
        assert part == whole
        assert whole["tied_fraction"] == pytest.approx(
            np.mean([len(set(x[t:t + 4 * tau + 1:tau])) < 5 for t in range(n - 4 * tau)]))
