"""``simulate``'s dysts-style options, ``systems list/show`` with the computed invariants, and dysts' names."""

from __future__ import annotations

import json

import numpy as np
import pytest


def test_simulate_dysts_options_are_all_reported(cli, tmp_path):
    out = tmp_path / "l.parquet"
    result = cli(["simulate", "lorenz", "-n", "400", "--points-per-period", "30", "--ic", "random", "--seed", "7",
                  "--standardize", "--dynamical-noise", "0.1", "-o", out])
    assert result.exit_code == 0, result.stderr
    line = result.stderr.strip().splitlines()[-1]
    for words in ("points per period 30", "dynamical noise 0.1", "noise seed 7", "drawn from the attractor (seed 7)",
                  "standardized", "stochastic heun"):
        assert words in line
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    meta = json.loads(table.schema.metadata[b"tscomplex"])
    assert meta["points_per_period"] == 30 and meta["dynamical_noise"] == 0.1 and meta["noise_seed"] == 7
    assert len(meta["initial_condition"]) == 3 and len(meta["standardized_mean"]) == 3
    values = table.to_pandas()[["x", "y", "z"]].to_numpy()
    assert np.allclose(values.mean(axis=0), 0, atol=1e-9) and np.allclose(values.std(axis=0), 1)
    again = tmp_path / "again.parquet"
    cli(["simulate", "lorenz", "-n", "400", "--points-per-period", "30", "--ic", "random", "--seed", "7",
         "--standardize", "--dynamical-noise", "0.1", "-o", again])
    assert np.array_equal(pq.read_table(again).to_pandas().to_numpy(), table.to_pandas().to_numpy())


@pytest.mark.parametrize("args, words", [
    (["henon", "--points-per-period", "10"], "henon is a map: it has no natural period, so --points-per-period"),
    (["lorenz", "--points-per-period", "10", "--dt", "0.1"], "give --dt or --points-per-period, not both"),
    (["mackey_glass", "--dynamical-noise", "0.1"], "--dynamical-noise is for flows and maps"),
    (["lorenz", "--ic", "random"], "--ic random needs a seed"),
    (["lorenz", "--param", "gamma=1"], "lorenz has no parameter 'gamma'; valid parameters: sigma, rho, beta"),
    (["lorenzz"], "closest: lorenz"),
])
def test_simulate_bad_input_is_one_line(cli, args, words):
    result = cli(["simulate", *args, "-n", "10"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr, result.stderr


def test_systems_list_shows_the_computed_invariants(cli):
    records = {r["system"]: r for r in cli(["systems", "list"]).records}
    lorenz = records["lorenz"]
    assert lorenz["max_lyapunov"] == pytest.approx(0.9056, rel=0.02)
    assert lorenz["kaplan_yorke_dimension"] == pytest.approx(2.062, rel=0.01)
    assert lorenz["chaotic"] is True and 0.6 < lorenz["natural_period"] < 0.9
    assert records["henon"]["natural_period"] is None
    assert {"max_lyapunov", "kaplan_yorke_dimension", "natural_period", "chaotic", "dysts_name"} <= set(lorenz)


def test_systems_show_prints_invariants_on_a_terminal_and_as_json(cli, monkeypatch):
    (record,) = cli(["systems", "show", "lorenz"]).records
    assert record["lyapunov_spectrum"][0] == pytest.approx(0.9056, rel=0.02)
    assert record["invariants"]["settings"]["spectrum_steps"][1] == 2 * record["invariants"]["settings"]["spectrum_steps"][0]
    from tscomplex.cli.systems import describe_text

    text = describe_text(record)
    assert "computed:    Lyapunov spectrum (" in text and "natural period 0.7" in text and "chaotic" in text
    assert "Lyapunov: (0.9056, 0, -14.5723)" in text


def test_dysts_names_are_accepted(cli, monkeypatch, tmp_path):
    from tscomplex.records.score import lyapunov_time_for
    from tscomplex.systems import registry

    monkeypatch.setitem(registry.ALIASES, registry.normalize("Lorenz63Test"), "lorenz")
    (record,) = cli(["systems", "show", "Lorenz63Test"]).records
    assert record["system"] == "lorenz"
    assert cli(["simulate", "Lorenz63Test", "-n", "5"]).exit_code == 0
    assert lyapunov_time_for("Lorenz63Test", None) == lyapunov_time_for("lorenz", None)
    result = cli(["dataset", "-o", tmp_path / "b", "--system", "Lorenz63Test", "-n", "10",
                  "--test-length", "5"])
    assert result.exit_code == 0 and (tmp_path / "b" / "lorenz" / "train.parquet").exists()
