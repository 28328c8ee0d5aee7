"""Rules shared by every command: a constant series, the default tau range of sweep, the regime's reason,
and the one-time note that kernels are being compiled."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    np.savetxt(folder / "flat.txt", np.full(3000, 2.5))
    rng = np.random.default_rng(3)
    np.savetxt(folder / "short.txt", np.sin(0.3 * np.arange(500)) + 0.1 * rng.normal(size=500))
    return folder


# --------------------------------------------------------------------------- a constant series


@pytest.mark.parametrize("command, undefined", [
    (["analyze"], []),  # H = 0 and C = 0 are defined: every window is the same pattern
    (["analyze", "--weighted"], ["permutation_entropy", "statistical_complexity"]),
    (["sweep", "-t", "1:3", "--summary"], ["t_nat", "ideal_tau"]),
    (["plane", "--plot", "{fig}"], []),
    (["lyapunov"], ["max_lyapunov", "embedding_dim"]),
    (["patch", "--summary"], ["threshold"]),
])
def test_a_constant_series_is_exit_0_with_one_warning_in_every_command(cli, files, tmp_path, command, undefined):
    args = [a.replace("{fig}", str(tmp_path / "p.png")) for a in command]
    result = cli([args[0], files / "flat.txt", *args[1:]])
    assert result.exit_code == 0, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and "compiling" not in ln]
    assert len(lines) == 1 and lines[0].startswith("tscomplex: warning:") and "constant series" in lines[0]
    assert result.records and all("constant series" in r["warning"] for r in result.records)
    for record in result.records:
        for key in undefined:
            assert record[key] is None, key
    if args[0] in ("analyze", "plane") and "--weighted" not in args:
        assert all(r["permutation_entropy"] == 0.0 and r["statistical_complexity"] == 0.0 for r in result.records)
    if args[0] == "patch":
        assert result.records[0]["n_patches"] == 1 and result.records[0]["median_patch_length"] == 3000


# --------------------------------------------------------------------------- sweep's default range


def test_sweep_clips_its_default_range_and_records_it(cli, files):
    result = cli(["sweep", files / "short.txt"])
    assert result.exit_code == 0, result.stderr
    per_tau = [r for r in result.records if r["kind"] == "tau"]
    [summary] = [r for r in result.records if r["kind"] == "summary"]
    largest = (500 - 120) // 4  # a larger tau leaves fewer than 5! windows of 500 samples
    assert [r["tau"] for r in per_tau] == list(range(1, largest + 1))
    assert summary["tau_min"] == 1 and summary["tau_max"] == largest == 95
    assert "1:100 were clipped to 1:95" in summary["tau_clipped"]


def test_sweep_never_clips_a_range_the_user_gave(cli, files):
    result = cli(["sweep", files / "short.txt", "-t", "1:100"])
    assert result.exit_code == 1 and "largest usable tau is 95" in result.stderr
    result = cli(["sweep", files / "short.txt", "-t", "1:20", "--summary"])
    assert result.exit_code == 0 and result.records[0]["tau_clipped"] is None


# --------------------------------------------------------------------------- the regime's reason


@pytest.mark.parametrize("dim", [3, 9])
def test_no_regime_outside_4_to_8_says_why(cli, dim):
    result = cli(["analyze", "--system", "logistic", "-n", "5000", "-d", str(dim)])
    [record] = result.records
    assert record["regime"] is None
    assert record["regime_rule"] == f"no regime: regimes are defined for 4 <= d <= 8, got d={dim}"


# --------------------------------------------------------------------------- the first compile


def test_first_run_says_once_that_kernels_are_compiled(tmp_path):
    """With an empty numba cache the first run prints the note once; the next run, with the cache filled, not."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NUMBA_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("NUMBA_DISABLE_JIT", None)
    np.savetxt(tmp_path / "x.txt", np.random.default_rng(1).normal(size=300))

    def run():
        return subprocess.run([sys.executable, "-m", "tscomplex", "patch", "x.txt", "--summary"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=600)

    first = run()
    assert first.returncode == 0, first.stderr
    notes = [ln for ln in first.stderr.splitlines() if "compiling the numerical kernels" in ln]
    assert len(notes) == 1 and notes[0].startswith("tscomplex: note:")
    second = run()
    assert second.returncode == 0 and "compiling" not in second.stderr
    assert second.stdout == first.stdout


@pytest.mark.parametrize("weighted", [[], ["--weighted"]])
def test_a_constant_npy_gets_the_same_records_in_chunks(cli, tmp_path, weighted):
    path = tmp_path / "flat.npy"
    np.save(path, np.full(5000, 1.5))
    whole = cli(["analyze", path, *weighted])
    chunked = cli(["analyze", path, "--chunk-size", "1000", *weighted])
    assert whole.exit_code == chunked.exit_code == 0
    assert whole.records == chunked.records and "constant series" in whole.records[0]["warning"]
