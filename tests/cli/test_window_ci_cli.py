"""`analyze --ci LEVEL`: interval keys per record and tau, the bootstrap's seed, Miller-Madow, bad options."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.ordinal.uncertainty import confidence_intervals


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    rng = np.random.default_rng(8)
    x = np.zeros(4000)
    for i in range(1, x.size):
        x[i] = 0.5 * x[i - 1] + rng.standard_normal()
    p = tmp_path_factory.mktemp("ci") / "ar.npy"
    np.save(p, x)
    return p


def test_analytic_interval_per_tau_equals_the_api(cli, path):
    result = cli(["analyze", path, "-d", "4", "-t", "1,3", "--ci", "0.9"])
    assert result.exit_code == 0, result.stderr
    x = np.load(path)
    for r in result.records:
        expected = confidence_intervals(x, 4, r["tau"], level=0.9)
        for key, value in expected.items():
            if isinstance(value, float):
                assert r[key] == pytest.approx(value, rel=1e-12, abs=1e-15), key
            else:
                assert r[key] == value, key
        assert r["permutation_entropy_ci_low"] <= r["permutation_entropy"] <= r["permutation_entropy_ci_high"]
        assert r["ci_method"] == "analytic" and r["ci_level"] == 0.9


def test_bootstrap_reports_seed_block_and_is_reproducible(cli, path):
    args = ["analyze", path, "--ci", "0.95", "--ci-method", "bootstrap", "--resamples", "50", "--seed", "4"]
    first = cli(args).records[0]
    assert cli(args).records[0] == first
    assert first["ci_seed"] == 4 and first["ci_resamples"] == 50 and first["ci_block_length"] == 16
    drawn = cli(args[:-2]).records[0]
    assert isinstance(drawn["ci_seed"], int)  # drawn, and reported so the run can be repeated


def test_miller_madow_alone(cli, path):
    r = cli(["analyze", path, "--miller-madow"]).records[0]
    assert r["permutation_entropy_miller_madow"] > r["permutation_entropy"]
    assert "permutation_entropy_ci_low" not in r


@pytest.mark.parametrize("args,message", [
    (["--ci", "1.5"], "--ci"),
    (["--ci", "0.9", "--window", "100"], "--window does not combine with --ci"),
    (["--ci", "0.9", "--weighted"], "--weighted"),
    (["--ci-method", "bootstrap"], "need --ci"),
])
def test_bad_interval_options_are_one_line(cli, path, args, message):
    result = cli(["analyze", path, *args])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], result.stderr


def test_plane_figure_with_intervals(cli, path, tmp_path):
    fig = tmp_path / "plane.png"
    result = cli(["analyze", path, path, "--ci", "0.95", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert fig.stat().st_size > 20000
