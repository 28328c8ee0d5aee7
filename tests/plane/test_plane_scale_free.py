"""Issue 13: a scale-free (red power-law) spectrum has no ideal tau, but a regime, read at tau = 1."""

from __future__ import annotations

import math

import numpy as np
import pytest
from plane_series import fourier_noise

from tscomplex.plane.scale_free import SCALE_FREE_CHECK_TAUS, scale_free_summary

N = 20_000


def _entropy(x, dim, tau):
    """Normalized permutation entropy, plain numpy (argsort of every window), independent of tscomplex.ordinal."""
    w = x.size - (dim - 1) * tau
    windows = x[np.arange(w)[:, None] + tau * np.arange(dim)]
    codes = (np.argsort(windows, axis=1, kind="stable") * dim ** np.arange(dim)).sum(axis=1)
    p = np.unique(codes, return_counts=True)[1] / w
    return float(-(p * np.log(p)).sum() / math.log(math.factorial(dim)))


@pytest.mark.parametrize("k", [1.0, 2.0, 2.5])
def test_ordinal_entropy_of_power_law_noise_does_not_depend_on_tau(k):
    """What the rule rests on (Bandt & Shiha 2007, Zunino et al. 2008): H of a self-similar process is the same at
    every delay. A random walk (discrete fBm, H = 1/2) is self-similar down to one sample; f^-k noise made on a
    grid is not quite so at tau = 1, where its spectrum meets the Nyquist frequency (H there is 0.01-0.04 lower
    at d = 5), but is from tau = 2 on. Not f^-3: that is the edge of fBm (Hurst exponent 1), not self-similar, and
    its H rises with tau (0.52 at tau = 1, 0.63 at 16); the rule's check at tau = 2, 4, 8 is there for such cases."""
    walk = np.random.default_rng(int(k)).standard_normal(N).cumsum()
    hs = [_entropy(walk, 5, tau) for tau in (1, 2, 4, 8)]
    assert max(hs) - min(hs) < 0.02, hs
    x = fourier_noise(N, k, seed=int(10 * k))
    hs = [_entropy(x, 5, tau) for tau in (1, 2, 4, 8, 16)]
    assert max(hs[1:]) - min(hs[1:]) < 0.03, hs
    assert 0 < hs[1] - hs[0] < 0.05, hs


@pytest.mark.parametrize("k", [1.0, 2.0])
def test_pink_and_red_noise_read_stochastic_at_tau_1(cli, tmp_path, k):
    path = tmp_path / f"k{k}.npy"
    np.save(path, fourier_noise(N, k, seed=int(k) + 40))
    records = cli(["sweep", path, "-t", "1:12"]).records
    summary = records[-1]
    assert summary["kind"] == "summary" and summary["t_nat_method"] == "power_law"
    assert summary["ideal_tau"] is None and summary["t_nat"] is None and "power law" in summary["warning"]
    assert summary["regime"] == "stochastic" and summary["regime_tau"] == 1, summary
    rule = summary["regime_rule"]
    assert rule.startswith("scale-free spectrum") and "regime read at tau = 1" in rule
    assert "the same at tau = 2, 4, 8" in rule and "linear Gaussian" in rule
    at_1 = next(r for r in records if r.get("tau") == 1)
    assert summary["permutation_entropy"] == at_1["permutation_entropy"]
    assert summary["statistical_complexity"] == at_1["statistical_complexity"]
    assert summary["permutation_entropy"] == pytest.approx(_entropy(np.load(path), 5, 1), abs=1e-9)
    assert summary["spectral_exponent"] == pytest.approx(k, abs=0.25)


def test_random_walk_reads_stochastic_in_memory_and_in_chunks(cli, tmp_path):
    path = tmp_path / "walk.npy"
    np.save(path, np.random.default_rng(8).standard_normal(N).cumsum())
    whole = cli(["sweep", path, "--summary"]).records[-1]
    chunked = cli(["sweep", path, "--summary", "--chunk-size", "3000"]).records[-1]
    for rec in (whole, chunked):
        assert rec["regime"] == "stochastic" and rec["regime_tau"] == 1 and rec["ideal_tau"] is None, rec
        assert "scale-free" in rec["regime_rule"]
    assert chunked["permutation_entropy"] == pytest.approx(whole["permutation_entropy"], rel=1e-9)


def test_tau_1_is_read_even_when_not_swept(cli, tmp_path):
    path = tmp_path / "red.npy"
    np.save(path, fourier_noise(N, 2.0, seed=5))
    for extra in ([], ["--chunk-size", "3000"]):  # read in chunks, tau = 1 takes one more pass
        (summary,) = cli(["sweep", path, "-t", "3:20", "--summary", *extra]).records
        assert summary["regime_tau"] == 1 and summary["regime"] == "stochastic", extra
        assert summary["permutation_entropy"] == pytest.approx(_entropy(np.load(path), 5, 1), abs=1e-9)
        assert summary["tied_windows"] == 0.0
        assert "the same at tau = 4, 8" in summary["regime_rule"]  # only the swept check delays


def test_duffing_map_is_not_read_as_scale_free_noise(cli, tmp_path):
    """Holmes' Duffing map has a straight f^-1.2 periodogram, but forbidden patterns: not noise, not stochastic."""
    from tscomplex import simulate

    path = tmp_path / "duffing.npy"
    np.save(path, simulate("duffing_map", n=10_000).values[:, 0])  # 2*10^4 samples: a spectral peak, no power law
    (summary,) = cli(["sweep", path, "--summary"]).records
    assert summary["t_nat_method"] == "maxima" and summary["regime"] == "complex", summary
    assert "scale-free" not in summary["regime_rule"]


def test_short_smooth_red_noise_misses_patterns_by_chance_and_gets_no_regime(cli, tmp_path):
    """f^-3 noise of 2,000 samples leaves 20-30% of the 120 patterns unseen at tau = 1 (its paths are smooth, so
    patterns with many turns are rare, not forbidden): the forbidden-pattern rule sends it to the maxima, and
    the regime step for reversible red spectra says the data cannot decide. Never complex."""
    path = tmp_path / "brown.npy"
    np.save(path, fourier_noise(2000, 3.0, seed=0))
    (summary,) = cli(["sweep", path, "--summary"]).records
    assert summary["forbidden_pattern_fraction"] >= 0.1
    assert summary["regime"] is None and "by chance" in summary["regime_rule"], summary


def test_brown_noise_at_d4_is_null_where_tau_1_alone_would_say_regular(cli, tmp_path):
    """At d = 4, f^-3 noise is so smooth at tau = 1 that H (0.51) is under H_max,per (0.72) and under 5% of its
    windows turn twice (3.9% here; 4-6.5% over seeds): tau = 1 (and 2) alone say regular. At tau = 4 and 8 it
    reads stochastic, so the check gives no regime, with both answers in the rule."""
    path = tmp_path / "brown.npy"
    np.save(path, fourier_noise(10_000, 3.0, seed=2))
    (summary,) = cli(["sweep", path, "-d", "4", "--summary"]).records
    assert summary["t_nat_method"] == "power_law" and summary["multi_turn_fraction"] < 0.045
    assert summary["regime"] is None and summary["regime_tau"] == 1, summary
    assert "depends on tau" in summary["regime_rule"] and "regular at tau = 1" in summary["regime_rule"]
    assert "stochastic at tau = 4" in summary["regime_rule"]


def _fake(regimes: dict):
    def regime(tau, h, c, f):
        return {"regime": regimes.get(tau), "regime_rule": "no regime: too few" if regimes.get(tau) is None
                else f"rule at {tau}"}
    return regime


class _Law:
    spectral_exponent = 2.0


def test_a_regime_that_changes_with_tau_is_null():
    taus = [1, 2, 3, 4, 8]
    h = c = f = [0.5] * len(taus)
    out = scale_free_summary(_Law(), taus, h, c, f, _fake({1: "stochastic", 2: "stochastic", 4: "complex",
                                                               8: None}), None, None, [])
    assert out["regime"] is None and out["regime_tau"] == 1
    assert "depends on tau" in out["regime_rule"] and "complex at tau = 4" in out["regime_rule"]
    same = scale_free_summary(_Law(), taus, h, c, f, _fake({1: "stochastic", 2: "stochastic", 4: "stochastic"}),
                              None, None, [])
    assert same["regime"] == "stochastic" and "the same at tau = 2, 4)" in same["regime_rule"]
    assert SCALE_FREE_CHECK_TAUS == (2, 4, 8)


def test_tau_1_not_usable_gives_no_regime_with_the_reason():
    def at_tau(tau):
        raise ValueError("too short")

    warnings = []
    out = scale_free_summary(_Law(), [5], [0.5], [0.1], [0.0], _fake({}), at_tau, None, warnings)
    assert "regime" not in out and out["regime_rule"].startswith("no regime: scale-free")
    assert warnings == ["tau = 1 not usable: too short"]


def test_analyze_ideal_weighted_names_the_rule_without_the_check(cli, tmp_path):
    """Weighted patterns keep the regime of their own (weighted) H and C at tau = 1; the rule says why tau = 1."""
    path = tmp_path / "walk.npy"
    np.save(path, np.random.default_rng(9).standard_normal(N).cumsum())
    (plain,) = cli(["analyze", path, "-t", "ideal"]).records
    (weighted,) = cli(["analyze", path, "-t", "ideal", "--weighted"]).records
    for rec in (plain, weighted):
        assert rec["tau"] == 1 and rec["tau_rule"] == "scale_free" and rec["t_nat"] is None
        assert rec["regime_rule"].startswith("scale-free spectrum")
    assert "the same at tau = 2, 4, 8" in plain["regime_rule"]
    assert "weighted patterns: not checked" in weighted["regime_rule"]
