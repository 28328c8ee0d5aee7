"""The systems commands: ``systems list``, ``systems show``, ``simulate`` and ``analyze --system``."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.systems import simulate

ALL = systems.names()


def test_cli_systems_list(cli):
    result = cli(["systems", "list"])
    assert result.exit_code == 0
    records = {r["system"]: r for r in result.records}
    assert len(records) == len(ALL)
    assert records["lorenz"]["dimension"] == 3 and records["lorenz"]["kind"] == "flow"
    assert records["lorenz"]["max_lyapunov_reference"] == pytest.approx(0.9056)
    maps_only = cli(["systems", "list", "--kind", "map"]).records
    assert maps_only and {r["kind"] for r in maps_only} == {"map"}


def test_cli_systems_show(cli):
    result = cli(["systems", "show", "henon"])
    assert result.exit_code == 0
    (record,) = result.records
    assert record["parameters"] == {"a": 1.4, "b": 0.3}
    assert record["lyapunov_spectrum_reference"] == [0.41922, -1.62319]
    assert "1 - a x^2 + y" in record["equations"]
    bad = cli(["systems", "show", "henonn"])
    assert bad.exit_code == 2 and "closest: henon" in bad.stderr


def test_cli_simulate_csv_feeds_analyze(cli, tmp_path):
    out = tmp_path / "lorenz.csv"
    result = cli(["simulate", "lorenz", "-n", "800", "--dt", "0.02", "-o", out])
    assert result.exit_code == 0, result.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "time,x,y,z" and len(lines) == 801
    data = np.loadtxt(out, delimiter=",", skiprows=1)
    np.testing.assert_allclose(np.diff(data[:, 0]), 0.02, atol=1e-9)
    np.testing.assert_allclose(data[:, 1:], simulate("lorenz", 800, dt=0.02).values, rtol=1e-12)
    analyzed = cli(["analyze", out])
    assert analyzed.exit_code == 0
    assert [r["series"] for r in analyzed.records] == ["x", "y", "z"]
    assert all(r["dt"] == pytest.approx(0.02) for r in analyzed.records)


def test_cli_simulate_parquet_params_ic_noise(cli, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "henon.parquet"
    result = cli(["simulate", "henon", "-n", "300", "--param", "a=1.3", "--ic", "0.2,0.1", "--transient", "0",
                  "--noise", "0.01", "--seed", "1", "-o", out])
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.column_names == ["time", "x", "y"]
    expected = simulate("henon", 300, params={"a": 1.3}, ic=[0.2, 0.1], transient=0, noise=0.01, seed=1)
    np.testing.assert_array_equal(table.column("x").to_numpy(), expected.values[:, 0])


def test_cli_simulate_to_stdout_and_energy_note(cli):
    result = cli(["simulate", "henon_heiles", "-n", "50"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "time,x,y,px,py"
    assert "relative energy error" in result.stderr


def test_cli_simulate_bad_input(cli, tmp_path):
    bad_param = cli(["simulate", "lorenz", "--param", "r=28"])
    assert bad_param.exit_code == 2 and "valid parameters: sigma, rho, beta" in bad_param.stderr
    bad_name = cli(["simulate", "lorentz"])
    assert bad_name.exit_code == 2 and "lorenz" in bad_name.stderr
    diverged = cli(["simulate", "logistic", "--param", "r=4.5", "--transient", "0"])
    assert diverged.exit_code == 1 and "diverged at t =" in diverged.stderr
    assert "Traceback" not in diverged.stderr
    bad_ic = cli(["simulate", "lorenz", "--ic", "1,x"])
    assert bad_ic.exit_code == 2
    bad_plot = cli(["simulate", "lorenz", "-n", "10", "--plot", tmp_path / "a.gif"])
    assert bad_plot.exit_code == 2 and "suffix" in bad_plot.stderr


@pytest.mark.parametrize("name", ["lorenz", "henon", "logistic", "mackey_glass", "henon_heiles"])
def test_cli_simulate_plot(cli, tmp_path, name):
    fig = tmp_path / f"{name}.png"
    result = cli(["simulate", name, "-n", "2000", "-o", tmp_path / "x.csv", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    data = fig.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_cli_analyze_with_system(cli):
    result = cli(["analyze", "--system", "lorenz", "--component", "x", "-n", "2000", "--dt", "0.05"])
    assert result.exit_code == 0, result.stderr
    (record,) = result.records
    assert record["source"] == "system:lorenz" and record["dt"] == 0.05 and record["n"] == 2000
    bad = cli(["analyze", "--system", "lorenz", "--param", "s=1"])
    assert bad.exit_code == 2 and "valid parameters" in bad.stderr


def test_cli_a_dysts_name_gives_the_catalog_name_in_records(cli):
    """`--system HastingsPowell` is hastings_powell: the records name the catalog's system, not the alias."""
    analyzed = cli(["analyze", "--system", "HastingsPowell", "-n", "2000", "--component", "x"])
    assert analyzed.exit_code == 0, analyzed.stderr
    assert {r["source"] for r in analyzed.records} == {"system:hastings_powell"}
    spectrum = cli(["lyapunov", "--system", "Henon", "--spectrum", "--steps", "2000"])
    assert spectrum.exit_code == 0, spectrum.stderr
    assert spectrum.records[0]["source"] == "system:henon"
    assert spectrum.records[0]["method"] == "tangent_space_qr"
