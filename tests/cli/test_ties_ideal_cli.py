"""Ties and -t ideal on the command line: tied_windows, the tie warning, --ties noise, each series at its ideal tau."""

from __future__ import annotations

import json

import numpy as np
import pytest



def power_law_noise(n, k, seed):
    rng = np.random.default_rng(seed)
    freqs = np.fft.rfftfreq(n)
    amp = np.zeros_like(freqs)
    amp[1:] = freqs[1:] ** (-k / 2)
    x = np.fft.irfft(amp * np.exp(2j * np.pi * rng.uniform(size=freqs.size)) * rng.standard_normal(freqs.size), n)
    return x / x.std()


@pytest.fixture
def files(tmp_path):
    rng = np.random.default_rng(5)
    out = {}
    for name, values in (("poisson", rng.poisson(0.5, 20_000).astype(float)),
                         ("white", rng.standard_normal(20_000)),
                         ("red", power_law_noise(20_000, 2.0, 1)),
                         ("brown", power_law_noise(20_000, 3.0, 2))):
        path = tmp_path / f"{name}.npy"
        np.save(path, values)
        out[name] = path
    return out


def poisson_tied_d3(lam):
    """1 - P(3 i.i.d. Poisson values all distinct) = 1 - 3! e_3(p)."""
    import itertools
    import math

    p = [math.exp(-lam) * lam ** k / math.factorial(k) for k in range(25)]
    return 1.0 - 6.0 * sum(a * b * c for a, b, c in itertools.combinations(p, 3))


def test_analyze_reports_tied_windows_and_warns(cli, files):
    result = cli(["analyze", files["poisson"], files["white"], "-d", "3"])
    assert result.exit_code == 0, result.stderr
    poisson, white = result.records
    assert poisson["tied_windows"] == pytest.approx(poisson_tied_d3(0.5), abs=0.01)
    assert "equal values" in poisson["warning"] and "Zunino" in poisson["warning"]
    assert white["tied_windows"] == 0.0 and "warning" not in white
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("tscomplex: warning: ") and "poisson.npy" in lines[0]


def test_ties_noise_is_seeded_reported_and_reads_white(cli, files):
    plain = cli(["analyze", files["poisson"]]).records[0]
    assert plain["missing_patterns"] > 0.05  # the trap: i.i.d. counts (read complex before issue 13's evidence)
    assert plain["regime"] is None and "equal values" in plain["regime_rule"]  # now: no regime, and why
    first = cli(["analyze", files["poisson"], "--ties", "noise", "--seed", "3"])
    again = cli(["analyze", files["poisson"], "--ties", "noise", "--seed", "3"])
    assert first.exit_code == 0 and first.stderr == ""
    rec = first.records[0]
    assert rec == again.records[0]
    assert (rec["ties"], rec["ties_seed"], rec["ties_noise_scale"]) == ("noise", 3, 0.25)
    assert rec["tied_windows"] == plain["tied_windows"]  # the data's ties, before the noise
    assert rec["regime"] == "stochastic" and rec["missing_patterns"] == 0.0 and rec["permutation_entropy"] > 0.99
    drawn = cli(["analyze", files["poisson"], "--ties", "noise"]).records[0]
    assert isinstance(drawn["ties_seed"], int)  # drawn and reported


def test_plane_and_sweep_report_tied_windows(cli, files, tmp_path):
    plane = cli(["plane", files["poisson"], "--plot", tmp_path / "p.png"])
    assert plane.exit_code == 0 and "equal values" in plane.stderr
    assert plane.records[0]["tied_windows"] > 0.99
    sweep = cli(["sweep", files["poisson"], "-t", "1:3", "--summary"])
    assert sweep.exit_code == 0 and "equal values" in sweep.records[0]["warning"]
    from tscomplex.ordinal.ties import tied_window_fraction

    for name in ("poisson", "white"):
        x = np.load(files[name])
        rows = [r for r in cli(["sweep", files[name], "-t", "1,4,9"]).records if r["kind"] == "tau"]
        assert [r["tied_windows"] for r in rows] == [tied_window_fraction(x, 5, t) for t in (1, 4, 9)]


def test_red_and_brown_noise_get_no_ideal_tau_of_hundreds(cli, files, tmp_path):
    for name in ("red", "brown"):
        (summary,) = cli(["sweep", files[name], "--summary"]).records
        assert summary["ideal_tau"] is None and summary["t_nat"] is None
        assert summary["t_nat_method"] == "power_law" and "power law" in summary["warning"]
        # issue 13: no ideal tau, but a scale-free spectrum's regime is read at tau = 1 (it was null here before)
        assert summary["regime"] == "stochastic" and "scale-free spectrum" in summary["regime_rule"]
        result = cli(["analyze", files[name], "-t", "ideal"])
        assert result.exit_code == 0
        (rec,) = result.records
        assert rec["tau"] == 1 and rec["regime"] == "stochastic" and rec["tau_rule"] == "scale_free"
        assert "scale-free spectrum" in rec["regime_rule"] and "power law" in result.stderr
    plane = cli(["plane", files["red"], files["white"], "-t", "ideal", "--plot", tmp_path / "p.png"])
    assert plane.exit_code == 0 and (tmp_path / "p.png").exists()
    red, white = plane.records
    assert red["tau"] == 1 and red["tau_rule"] == "scale_free" and red["regime"] == "stochastic"
    assert white["tau"] >= 1 and white["tau_rule"] == "ideal"


def test_ideal_tau_of_lorenz_x_is_the_one_sweep_reports(cli, tmp_path):
    args = ["--system", "lorenz", "--dt", "0.01", "-c", "x"]
    (summary,) = cli(["sweep", *args, "--summary"]).records
    assert summary["ideal_tau"] > 1
    (rec,) = cli(["analyze", *args, "-t", "ideal"]).records
    (point,) = cli(["plane", *args, "-t", "ideal", "--plot", tmp_path / "l.png"]).records
    for r in (rec, point):
        assert r["tau"] == summary["ideal_tau"] and r["tau_rule"] == "ideal"
        assert r["t_nat"] == pytest.approx(summary["t_nat"]) and r["t_nat_method"] == summary["t_nat_method"]
        assert r["permutation_entropy"] == pytest.approx(summary["permutation_entropy"], abs=1e-9)
        assert r["regime"] == summary["regime"]


def test_ideal_is_alone_and_chunked_reading_says_why(cli, files, tmp_path):
    bad = cli(["analyze", files["white"], "-t", "ideal,3"])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "ideal" in bad.stderr
    chunked = cli(["analyze", files["white"], "-t", "ideal", "--chunk-size", "1000"])
    assert chunked.exit_code == 1 and "in memory" in chunked.stderr and "Traceback" not in chunked.stderr
    # the chunked reader counts tied windows across block edges exactly as the whole series
    whole = cli(["analyze", files["poisson"], "-t", "1,4"]).records
    parts = cli(["analyze", files["poisson"], "-t", "1,4", "--chunk-size", "1000"]).records
    assert [r["tied_windows"] for r in parts] == [r["tied_windows"] for r in whole]
    assert json.dumps(parts) == json.dumps(whole)


def test_ideal_tau_with_surrogates_tests_them_at_the_datas_tau(cli):
    result = cli(["analyze", "--system", "lorenz", "--dt", "0.01", "-c", "x", "-n", "4000", "-t", "ideal",
                  "--surrogates", "9", "--seed", "1"])
    (rec,) = result.records
    assert rec["tau_rule"] == "ideal" and rec["permutation_entropy_surrogate_mean"] is not None


def test_python_api_takes_ideal_and_ties(files):
    import tscomplex

    x = np.load(files["poisson"])
    with pytest.warns(UserWarning, match="equal values"):
        frame = tscomplex.analyze(x, tau="ideal", dim=3)
    assert frame["tau_rule"].iloc[0] == "ideal" and frame["tied_windows"].iloc[0] == pytest.approx(
        poisson_tied_d3(0.5), abs=0.01)
    broken = tscomplex.analyze(x, ties="noise", seed=4)
    assert broken["ties_seed"].iloc[0] == 4 and broken["regime"].iloc[0] == "stochastic"


def test_many_taus_give_the_kernels_tied_windows(cli, files, tmp_path):
    from tscomplex.ordinal.ties import tied_window_fraction

    for name in ("poisson", "white"):
        x = np.load(files[name])
        want = [tied_window_fraction(x, 4, t) for t in (1, 2, 7)]
        assert [r["tied_windows"] for r in cli(["analyze", files[name], "-d", "4", "-t", "1,2,7"]).records] == want
        got = cli(["plane", files[name], "-d", "4", "-t", "1,2,7", "--plot", tmp_path / "p.png"]).records
        assert [r["tied_windows"] for r in got] == want
