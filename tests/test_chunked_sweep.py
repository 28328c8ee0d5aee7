"""sweep on a series read in chunks: the same H, C, regimes and timescales as in memory."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex.chunked.sweep import _Crossings, _Maxima, natural_timescales
from tscomplex.io import ChunkedTable
from tscomplex.plane import natural_timescale
from tscomplex.plane.timescale import CROSSING_HYSTERESIS, _mean_crossings, _mean_maxima_spacing


def _pieces(x, rng):
    cuts = np.sort(rng.choice(np.arange(1, x.size), size=min(12, x.size - 1), replace=False))
    return np.split(x, cuts)


@pytest.mark.parametrize("seed", range(7))
def test_crossings_and_maxima_fed_in_pieces_match_the_whole(seed):
    rng = np.random.default_rng(seed)
    n = 4000
    t = np.arange(n)
    x = [np.sin(t / 7.0) + rng.normal(0, 0.4, n), rng.normal(size=n).cumsum(),
         np.round(rng.normal(size=n), 1), np.repeat(rng.normal(size=n // 8), 8), rng.normal(size=n),
         np.tile([-2.0, 0.0, 2.0, 0.0], n // 4),  # samples exactly at the mean: crossings at whole indices
         0.002 * rng.normal(size=n).cumsum() + np.sin(t / 3.0) * (t > n // 2)][seed]  # a long stretch in the band
    crossings = _Crossings(x.mean(), CROSSING_HYSTERESIS * x.std())
    maxima = _Maxima()
    for piece in _pieces(x, rng):
        crossings.feed(piece)
        maxima.feed(piece)
    at = _mean_crossings(x)
    assert crossings.count == at.size
    assert crossings.spacing() == pytest.approx(float(np.mean(np.diff(at))), rel=1e-12)
    want = _mean_maxima_spacing(x)
    assert maxima.spacing() == pytest.approx(want, rel=1e-12) if math.isfinite(want) else math.isnan(maxima.spacing())


def _sweep_both(cli, path, *extra):
    chunked = cli(["sweep", path, "-t", "1:40:3", "--chunk-size", "1000", *extra])
    whole = cli(["sweep", path, "-t", "1:40:3", *extra])
    assert chunked.exit_code == 0 and whole.exit_code == 0, (chunked.stderr, whole.stderr)
    return chunked.records, whole.records


@pytest.mark.parametrize("kind", ["noisy_sine", "random_walk", "logistic"])
def test_chunked_sweep_matches_in_memory(cli, tmp_path, kind):
    rng = np.random.default_rng(3)
    n = 12_345
    if kind == "noisy_sine":
        x = np.sin(2 * np.pi * np.arange(n) / 50.0) + rng.normal(0, 0.3, n)
    elif kind == "random_walk":
        x = rng.normal(size=n).cumsum()
    else:
        x = np.empty(n)
        x[0] = 0.3
        for i in range(1, n):
            x[i] = 4.0 * x[i - 1] * (1.0 - x[i - 1])
    path = tmp_path / "x.npy"
    np.save(path, x)
    chunked, whole = _sweep_both(cli, path)
    assert len(chunked) == len(whole)
    # issue 13: the regime's evidence comes from the counts and a bounded prefix, which a chunked read keeps
    exact = ("tau", "n", "dim", "regime", "regime_rule", "kind", "source", "series", "forbidden_pattern_fraction",
             "pattern_recurrence_lag", "tied_windows")
    close = ("permutation_entropy", "statistical_complexity", "multi_turn_fraction", "t_nat_crossings",
             "t_nat_maxima", "noise_curve_complexity", "time_reversal_p_value", "time_asymmetry_p_value",
             "spectral_line_fraction")
    for a, b in zip(chunked[:-1], whole[:-1]):  # per-tau records
        for key in exact:
            assert a.get(key) == b.get(key), (key, a, b)
        for key in close:
            if b.get(key) is None:
                assert a.get(key) is None
            else:
                assert a[key] == pytest.approx(b[key], rel=1e-9, abs=1e-12), key
    summary_c, summary_w = chunked[-1], whole[-1]
    for key in ("t_nat_crossings", "t_nat_maxima", "n", "duration"):
        assert summary_c[key] == pytest.approx(summary_w[key], rel=1e-9)
    assert summary_c["t_nat_method"] == summary_w["t_nat_method"]
    if kind == "random_walk":
        # its spectrum peaks at the lowest frequency: one periodogram said "the record length", Welch's
        # average "a segment"; neither is a period. Issue 13: both now see a power law (f^-2) and give no
        # t_nat and no ideal tau, with the reason (this test asserted t_nat_method "spectrum" before)
        for summary in (summary_c, summary_w):
            assert summary["t_nat_method"] == "power_law" and summary["t_nat"] is None
            assert summary["ideal_tau"] is None and "power law" in summary["warning"]
            assert summary["spectral_exponent"] == pytest.approx(2.0, abs=0.3)
        return
    if summary_w["t_nat_method"] == "spectrum":  # Welch's average of 1000-sample segments, not one periodogram
        assert summary_c["t_nat"] == pytest.approx(summary_w["t_nat"], rel=0.02)
        assert "Welch" in summary_c["warning"]
    else:
        assert summary_c["t_nat"] == pytest.approx(summary_w["t_nat"], rel=1e-9)
    if summary_c["ideal_tau"] == summary_w["ideal_tau"]:
        for key in ("permutation_entropy", "statistical_complexity", "multi_turn_fraction"):
            assert summary_c[key] == pytest.approx(summary_w[key], rel=1e-9)
        for key in exact:
            assert summary_c.get(key) == summary_w.get(key), key
        assert summary_c["time_reversal_p_value"] == pytest.approx(summary_w["time_reversal_p_value"], rel=1e-9)


def test_chunked_spectrum_of_a_sine_finds_its_period(tmp_path):
    path = tmp_path / "sine.npy"
    np.save(path, np.sin(2 * np.pi * np.arange(200_000) / 125.0))
    table = ChunkedTable(str(path), chunk_samples=10_000)
    ts = natural_timescales(table, 0.01)["value"]
    assert ts.method == "spectrum" and ts.segment == 10_000
    assert ts.t_nat == pytest.approx(1.25, rel=1e-3)
    whole = natural_timescale(np.load(path), 0.01)
    assert ts.crossings == pytest.approx(whole.crossings, rel=1e-9)


def test_chunked_sweep_given_t_nat_and_too_short(cli, tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.random.default_rng(0).normal(size=3000))
    result = cli(["sweep", path, "-t", "1:2000", "--chunk-size", "1000", "--summary"])
    assert result.exit_code == 1
    assert "largest usable tau" in result.records[0]["error"]
    given = cli(["sweep", path, "-t", "1:5", "--chunk-size", "1000", "--t-nat", "40", "--summary"])
    assert given.exit_code == 0
    assert given.records[0]["t_nat_method"] == "given" and given.records[0]["ideal_tau"] == 4


def _evidence_keys(record):
    return {key: record.get(key) for key in ("regime", "regime_rule", "forbidden_pattern_fraction",
                                              "pattern_recurrence_lag", "tied_windows", "multi_turn_fraction")}


@pytest.mark.parametrize("kind", ["tones", "rounded_ar", "logistic"])
def test_chunked_analyze_gives_the_same_regime_and_evidence(cli, tmp_path, kind):
    """Longer than the recurrence's prefix (2^16 windows) and cut into chunks that do not divide it; with ties
    (rounded values) whose windows' own counts leave the reversal test."""
    from tscomplex.plane.evidence import RECURRENCE_WINDOWS

    n = RECURRENCE_WINDOWS + 4321
    rng = np.random.default_rng(11)
    t = np.arange(n)
    if kind == "tones":
        x = np.sin(2 * np.pi * t / 37.3) + 0.7 * np.sin(2 * np.pi * t / 37.3 * 1.618034 + 1.0)
    elif kind == "rounded_ar":
        x = np.zeros(n)
        e = rng.standard_normal(n)
        for i in range(1, n):
            x[i] = 0.7 * x[i - 1] + e[i]
        x = np.round(x, 2)
    else:
        x = np.empty(n)
        x[0] = 0.3
        for i in range(1, n):
            x[i] = 4.0 * x[i - 1] * (1.0 - x[i - 1])
    path = tmp_path / "x.npy"
    np.save(path, x)
    for extra in (["-t", "1,3"], ["-t", "2", "--weighted"]):
        chunked = cli(["analyze", path, "--chunk-size", "7001", *extra])
        whole = cli(["analyze", path, *extra])
        assert chunked.exit_code == whole.exit_code == 0, (chunked.stderr, whole.stderr)
        for a, b in zip(chunked.records, whole.records, strict=True):
            assert _evidence_keys(a) == _evidence_keys(b)
            assert a["time_reversal_p_value"] == pytest.approx(b["time_reversal_p_value"], rel=1e-9, abs=1e-300)
            assert (a["time_asymmetry_p_value"] is None) == (b["time_asymmetry_p_value"] is None)
            if b["time_asymmetry_p_value"] is not None:
                assert a["time_asymmetry_p_value"] == pytest.approx(b["time_asymmetry_p_value"], rel=1e-9,
                                                                    abs=1e-300)
            assert a["regime"] is not None, a["regime_rule"]
    if kind == "rounded_ar":
        assert 0 < whole.records[0]["tied_windows"] < 0.1


def test_red_spectrum_with_forbidden_patterns_is_not_red_noise(cli, tmp_path):
    """Holmes' Duffing map switches slowly between two lobes, so its periodogram is a straight f^-1.2 line;
    its 25% forbidden patterns at tau = 1 say it is not red noise: t_nat from the maxima, a regime, in both
    paths. Brown noise (every pattern seen) keeps its null t_nat and ideal tau, and (since the scale-free rule)
    reads stochastic at tau = 1."""
    from tscomplex import simulate

    x = simulate("duffing_map", n=10_000).values[:, 0]
    walk = np.random.default_rng(4).standard_normal(10_000).cumsum()
    for name, series in (("map", x), ("walk", walk)):
        path = tmp_path / f"{name}.npy"
        np.save(path, series)
        for extra in ([], ["--chunk-size", "3000"]):
            rec = cli(["sweep", path, "--summary", *extra]).records[-1]
            if name == "walk":
                assert rec["t_nat_method"] == "power_law" and rec["ideal_tau"] is None and rec["t_nat"] is None
                assert rec["regime"] == "stochastic" and rec["regime_tau"] == 1 and "scale-free" in rec["regime_rule"]
                continue
            assert rec["t_nat_method"] == "maxima" and "forbidden" in rec["warning"]
            assert "red noise has no natural timescale" not in rec["warning"]
            assert rec["ideal_tau"] == 1 and rec["regime"] == "complex", rec
