"""``tscomplex dataset``: splits, manifest, reproducibility and failures."""

from __future__ import annotations

import json

import numpy as np
import pytest


def _run(cli, out, *extra):
    return cli(["dataset", "-o", out, "--system", "lorenz", "--system", "henon", "-n", "300",
                "--test-length", "50", "--seed", "3", *extra])


def test_same_seed_same_bytes_and_the_test_split_continues_the_train_split(cli, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert _run(cli, a, "--points-per-period", "25").exit_code == 0
    assert _run(cli, b, "--points-per-period", "25").exit_code == 0
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert [str(p) for p in files] == ["henon/test.parquet", "henon/train.parquet", "lorenz/test.parquet",
                                       "lorenz/train.parquet", "manifest.json"]
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    manifest = json.loads((a / "manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["points_per_period"] == 25
    lorenz = manifest["systems"]["lorenz"]
    assert lorenz["dt"] == pytest.approx(lorenz["invariants"]["natural_period"] / 25)
    assert manifest["systems"]["henon"]["dt"] == 1 and manifest["systems"]["henon"]["points_per_period"] is None
    import pyarrow.parquet as pq

    train = pq.read_table(a / "lorenz" / "train.parquet").to_pandas()
    test = pq.read_table(a / "lorenz" / "test.parquet").to_pandas()
    assert len(train) == 300 and len(test) == 50 and list(train.columns) == ["time", "x", "y", "z"]
    assert test["time"].iloc[0] == pytest.approx(train["time"].iloc[-1] + lorenz["dt"])
    # the splits are one trajectory: simulating the same settings gives both
    from tscomplex.systems import simulate

    traj = simulate("lorenz", n=350, ic="random", seed=lorenz["seed"], points_per_period=25)
    assert np.allclose(train[["x", "y", "z"]].to_numpy(), traj.values[:300])
    assert np.allclose(test[["x", "y", "z"]].to_numpy(), traj.values[300:])


def test_other_seed_other_data_and_npy(cli, tmp_path):
    assert _run(cli, tmp_path / "a", "-f", "npy").exit_code == 0
    result = cli(["dataset", "-o", tmp_path / "c", "--system", "lorenz", "-n", "300", "--test-length", "50",
                  "--seed", "4", "-f", "npy"])
    assert result.exit_code == 0
    a = np.load(tmp_path / "a" / "lorenz" / "train.npy")
    c = np.load(tmp_path / "c" / "lorenz" / "train.npy")
    assert a.shape == (300, 3) and a.dtype == np.float64 and not np.array_equal(a, c)


def test_adding_a_system_leaves_the_others_unchanged(cli, tmp_path):
    assert _run(cli, tmp_path / "a", "-f", "npy").exit_code == 0
    result = cli(["dataset", "-o", tmp_path / "b", "--system", "lorenz", "-n", "300", "--test-length", "50",
                  "--seed", "3", "-f", "npy"])
    assert result.exit_code == 0
    assert (tmp_path / "a/lorenz/train.npy").read_bytes() == (tmp_path / "b/lorenz/train.npy").read_bytes()


def test_bad_input(cli, tmp_path):
    bad = cli(["dataset", "-o", tmp_path / "x", "--system", "lorenzz"])
    assert bad.exit_code == 2 and "closest: lorenz" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert _run(cli, tmp_path / "a").exit_code == 0
    again = _run(cli, tmp_path / "a")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert _run(cli, tmp_path / "a", "--force").exit_code == 0


def test_a_system_that_cannot_be_made_is_one_line_and_the_rest_are_written(cli, tmp_path, monkeypatch):
    from tscomplex.systems import invariants

    real = invariants.stored

    def without_lorenz_period(name=None):
        record = real(name)
        if name is not None and record and record["system"] == "lorenz":
            return {**record, "natural_period": None, "natural_period_reason": "test: no peak"}
        return record

    monkeypatch.setattr(invariants, "stored", without_lorenz_period)
    result = cli(["dataset", "-o", tmp_path / "a", "--system", "lorenz", "--system", "rossler", "-n", "100",
                  "--test-length", "10", "--points-per-period", "20"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "lorenz" in errors[0] and "no stored natural period" in errors[0]
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text())
    assert list(manifest["systems"]) == ["rossler"]
