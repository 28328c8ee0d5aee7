"""Tests of ``tscomplex lyapunov``: from data and from a system's equations (--spectrum), records and figures."""

from __future__ import annotations

import math
import subprocess
import sys
import types

import numpy as np
import pytest

from lyapunov_series import henon, logistic, lorenz_x_series  # tests/lyapunov_series.py

from tscomplex.lyapunov import LyapunovSpectrum


LN2 = math.log(2.0)


@pytest.fixture(scope="module")
def lorenz_x():
    return lorenz_x_series()


def _is_png(path, min_bytes=10_000):
    data = path.read_bytes()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > min_bytes


RECORD_KEYS = {"source", "series", "n", "dt", "method", "max_lyapunov", "max_lyapunov_per_sample", "chaotic",
               "embedding_dim", "embedding_lag", "theiler", "fit_start", "fit_end", "fit_r2"}


def test_cli_system_logistic(cli):
    result = cli(["lyapunov", "--system", "logistic"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert RECORD_KEYS <= set(record)
    assert record["source"] == "system:logistic" and record["series"] == "x"
    assert record["chaotic"] is True
    assert abs(record["max_lyapunov"] - LN2) < 0.05 * LN2


def test_cli_file_with_time_column_and_plot(cli, tmp_path, lorenz_x):
    x = lorenz_x[:8000]
    path = tmp_path / "lorenz.csv"
    np.savetxt(path, np.c_[np.arange(x.size) * 0.01, x], delimiter=",", header="time,x", comments="")
    fig = tmp_path / "div.png"
    result = cli(["lyapunov", path, "--plot", fig, "--method", "kantz"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["dt"] == pytest.approx(0.01)
    assert record["method"] == "kantz"
    assert record["max_lyapunov"] == pytest.approx(record["max_lyapunov_per_sample"] / record["dt"])
    assert abs(record["max_lyapunov"] - 0.9056) < 0.25 * 0.9056  # a shorter series than the accuracy test
    assert _is_png(fig)


def test_cli_explicit_embedding_is_used(cli, tmp_path):
    path = tmp_path / "h.txt"
    np.savetxt(path, henon(4000))
    result = cli(["lyapunov", path, "--embedding-dim", "3", "--lag", "1", "--theiler", "5", "--steps", "25"])
    [record] = result.records
    assert (record["embedding_dim"], record["embedding_lag"], record["theiler"],
            record["trajectory_steps"]) == (3, 1, 5, 25)
    assert record["embedding_lag_method"] is None and record["embedding_dim_method"] is None
    assert record["dt"] is None  # no time column: per sample
    assert record["max_lyapunov"] == record["max_lyapunov_per_sample"]


def test_cli_noise_says_not_chaotic(cli, tmp_path):
    path = tmp_path / "noise.txt"
    np.savetxt(path, np.random.default_rng(5).standard_normal(4000))
    result = cli(["lyapunov", path])
    assert result.exit_code == 0
    [record] = result.records
    assert record["chaotic"] is False and record["max_lyapunov"] is None and record["fit_start"] is None
    assert "no scaling region" in record["note"]


def test_cli_bad_series_fail_with_reason_and_others_go_on(cli, tmp_path):
    good = tmp_path / "a.txt"
    np.savetxt(good, logistic(3000))
    flat = tmp_path / "b.txt"
    np.savetxt(flat, np.full(500, 2.0))
    short = tmp_path / "c.txt"
    np.savetxt(short, logistic(40))
    result = cli(["lyapunov", good, flat, short, "-m", "2", "--lag", "1"])
    assert result.exit_code == 1
    assert result.exception is None
    assert "too short" in result.stderr  # the constant series' warning line comes from a worker's stderr
    records = result.records
    assert records[0]["chaotic"] is True
    # a constant series is not a failure (one rule in every command): null measures and a warning
    assert {r["source"] for r in records if "error" in r} == {str(short)}
    [constant] = [r for r in records if r["source"] == str(flat)]
    assert constant["max_lyapunov"] is None and "constant series" in constant["warning"]


def test_cli_usage_errors(cli, tmp_path):
    assert cli(["lyapunov", "--system", "logistic", "--plot", tmp_path / "x.jpg"]).exit_code == 2
    assert cli(["lyapunov", "--system", "logistic", "--method", "wolf"]).exit_code == 2
    # --spectrum on input files is the spectrum from data now (issue 16); files and --system together are refused
    assert cli(["lyapunov", "--spectrum", "--system", "logistic", tmp_path / "x.txt"]).exit_code == 2
    assert cli(["lyapunov", "--spectrum"]).exit_code == 2
    assert cli(["lyapunov"]).exit_code == 2
    assert cli(["lyapunov", "--system", "no-such-system"]).exit_code == 2


@pytest.fixture
def fake_spectrum(monkeypatch):
    """A stand-in for tscomplex.lyapunov.spectrum that records its calls and returns a known spectrum."""
    calls = []

    def lyapunov_spectrum(name, params=None, n_steps=None, dt=None, transient=None, ic=None, return_history=False):
        calls.append({"name": name, "params": params, "n_steps": n_steps, "dt": dt,
                      "return_history": return_history})
        if name != "lorenz":
            raise KeyError(f"unknown system {name!r}")
        times = np.arange(1, 201) * 0.5
        final = np.array([0.9056, 0.0, -14.5723])
        history = final + np.outer(1.0 / np.sqrt(times), [1.0, -0.5, 2.0]) if return_history else None
        return LyapunovSpectrum(final, 2.06215, times, history, name, {"sigma": np.float64(10.0), "rho": 28.0,
                                                                   "beta": 8.0 / 3.0})

    module = types.ModuleType("tscomplex.lyapunov.spectrum")
    module.lyapunov_spectrum = lyapunov_spectrum
    monkeypatch.setitem(sys.modules, "tscomplex.lyapunov.spectrum", module)
    return calls


def test_cli_spectrum_record(cli, fake_spectrum):
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--param", "rho=28"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["source"] == "system:lorenz"
    assert record["lyapunov_spectrum"] == [0.9056, 0.0, -14.5723]
    assert record["max_lyapunov"] == 0.9056
    assert record["kaplan_yorke_dimension"] == 2.06215
    assert record["params"] == {"sigma": 10.0, "rho": 28.0, "beta": 8.0 / 3.0}
    assert fake_spectrum == [{"name": "lorenz", "params": {"rho": 28.0}, "n_steps": None, "dt": None,
                              "return_history": False}]


def test_cli_spectrum_passes_length_and_plots_convergence(cli, fake_spectrum, tmp_path):
    fig = tmp_path / "conv.png"
    result = cli(["lyapunov", "--system", "lorenz", "--spectrum", "--steps", "5000", "--dt", "0.02", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert fake_spectrum[0]["n_steps"] == 5000 and fake_spectrum[0]["dt"] == 0.02
    assert fake_spectrum[0]["return_history"] is True
    assert _is_png(fig)


def test_cli_spectrum_unknown_system_is_a_usage_error(cli, fake_spectrum):
    result = cli(["lyapunov", "--system", "nope", "--spectrum"])
    assert result.exit_code == 2 and "unknown system" in result.stderr


def test_cli_module_stays_light():
    code = ("import sys, tscomplex.cli.lyapunov; "
            "heavy = [m for m in ('numba', 'scipy', 'matplotlib', 'tscomplex.lyapunov') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_system_component_and_spectrum_conflicts(cli):
    result = cli(["lyapunov", "--system", "logistic", "--component", "x", "-m", "2", "--lag", "1"])
    assert result.exit_code == 0
    [record] = result.records
    assert record["series"] == "x" and record["embedding_dim"] == 2
    assert cli(["lyapunov", "--system", "logistic", "--component", "y"]).exit_code == 2
    assert cli(["lyapunov", "--system", "logistic", "--spectrum", "--component", "x"]).exit_code == 2


def test_spectrum_cli_against_the_real_catalog(cli, tmp_path):
    """The --spectrum branch end to end, with the catalog's Hénon map and its published spectrum."""
    fig = tmp_path / "spectrum.png"
    result = cli(["lyapunov", "--system", "henon", "--spectrum", "--steps", "200000", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["source"] == "system:henon"
    lam1, lam2 = rec["lyapunov_spectrum"]
    assert lam1 == pytest.approx(0.41922, rel=0.02) and lam2 == pytest.approx(-1.62319, rel=0.02)
    assert lam1 + lam2 == pytest.approx(np.log(0.3), abs=1e-6)  # a map's exponents add to ln|det J|
    assert rec["kaplan_yorke_dimension"] == pytest.approx(1 + lam1 / abs(lam2))
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 20_000


# --------------------------------------------------------------------------- the spectrum from data (issue 16)


def test_cli_spectrum_from_data_of_henon(cli, tmp_path):
    path = tmp_path / "henon.csv"
    np.savetxt(path, henon(10_000), header="x", comments="")
    result = cli(["lyapunov", path, "--spectrum", "-m", "2"])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    assert record["method"] == "local_linear_qr"
    lam1, lam2 = record["lyapunov_spectrum"]
    assert lam1 == pytest.approx(0.419, rel=0.10) and lam2 == pytest.approx(-1.624, rel=0.10)
    assert record["kaplan_yorke_dimension"] == pytest.approx(1.26, abs=0.05)
    assert record["spurious_exponents"] == [False, False]
    assert record["embedding_dim"] == 2 and record["embedding_dim_method"] is None
    assert record["embedding_lag"] == 1 and record["embedding_lag_method"] == "mi"


def test_cli_spectrum_from_data_bad_inputs(cli, tmp_path):
    short = tmp_path / "short.csv"
    np.savetxt(short, np.sin(np.arange(40.0)), header="x", comments="")
    result = cli(["lyapunov", short, "--spectrum", "-m", "8", "--lag", "3"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "too short" in result.stderr and "Traceback" not in result.stderr
    assert cli(["lyapunov", short, "--spectrum", "--plot", tmp_path / "s.png"]).exit_code == 2
    assert cli(["lyapunov", "--system", "henon", "--spectrum", "--neighbors", "8"]).exit_code == 2


# --------------------------------------------------------------------------- SALI / GALI (issue 16)


def test_cli_sali_chaotic_orbit_with_figure(cli, tmp_path):
    fig = tmp_path / "sali.png"
    result = cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--ic", "0,-0.1,0.5568,0",
                  "--steps", "60000", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    records = result.records
    assert len(records) > 100
    assert {r["indicator"] for r in records} == {"sali"}
    assert all(r["chaotic"] is True for r in records)
    decided = records[0]["decision_time"]
    assert 0 < decided <= 600
    # the verdict's time is the first time the index is below the threshold
    first = next(r["time"] for r in records if r["alignment_index"] < r["threshold"])
    assert first == pytest.approx(decided)
    assert records[-1]["time"] == pytest.approx(600.0)
    assert _is_png(fig)


def test_cli_gali_regular_orbit_has_no_verdict_above_n(cli):
    result = cli(["lyapunov", "--system", "henon_heiles", "--indicator", "gali", "--deviation-vectors", "3",
                  "--ic", "0,0.1,0.3924,0", "--steps", "20000"])
    assert result.exit_code == 0, result.stderr
    last = result.records[-1]
    assert last["deviation_vectors"] == 3 and last["chaotic"] is None and "power law" in last["note"]


def test_cli_indicator_bad_requests_are_one_line(cli):
    for args in (["--ic", "0,0.1"], ["--ic", "a,b,c,d"]):
        result = cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", *args])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    result = cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--ic", "0,0.1"])
    assert "needs 4 values" in result.stderr
    result = cli(["lyapunov", "--system", "mackey_glass", "--indicator", "sali"])
    assert result.exit_code == 2 and "Jacobian" in result.stderr and result.stderr.count("\n") == 1
    assert cli(["lyapunov", "--indicator", "sali"]).exit_code == 2
    assert cli(["lyapunov", "--system", "henon_heiles", "--ic", "0,0,0,0"]).exit_code == 2
    assert cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--deviation-vectors", "3"]
               ).exit_code == 2


# --------------------------------------------------------------------------- --curves (issue 16)


def test_cli_curves_are_the_fitted_curve_and_its_neighbours(cli, tmp_path, lorenz_x):
    import json

    x = lorenz_x[:8000]
    path = tmp_path / "lorenz.csv"
    np.savetxt(path, np.c_[np.arange(x.size) * 0.01, x], delimiter=",", header="time,x", comments="")
    curves = tmp_path / "curves.ndjson"
    result = cli(["lyapunov", path, "--curves", curves])
    assert result.exit_code == 0, result.stderr
    [record] = result.records
    points = [json.loads(line) for line in curves.read_text().splitlines()]
    m = record["embedding_dim"]
    assert {p["embedding_dim"] for p in points} == {m - 1, m, m + 1}
    assert all(set(p) == {"source", "series", "method", "embedding_dim", "embedding_lag", "theiler", "chosen",
                          "step", "time", "s"} for p in points)
    chosen = [p for p in points if p["chosen"]]
    assert {p["embedding_dim"] for p in chosen} == {m}
    assert len(chosen) == record["trajectory_steps"] + 1
    # the exponent is the slope of the chosen curve over the reported fit region
    k = np.array([p["step"] for p in chosen])
    s = np.array([p["s"] for p in chosen])
    fit = (k >= record["fit_start"]) & (k <= record["fit_end"])
    slope = np.polyfit(k[fit], s[fit], 1)[0]
    assert slope == pytest.approx(record["max_lyapunov_per_sample"], rel=0.02)
    assert chosen[10]["time"] == pytest.approx(10 * 0.01)
    # nearest-neighbour distances can only grow with the dimension: S(0) rises with m
    s0 = {p["embedding_dim"]: p["s"] for p in points if p["step"] == 0}
    assert s0[m - 1] <= s0[m] <= s0[m + 1]


def test_cli_curves_refusals(cli, tmp_path):
    existing = tmp_path / "c.ndjson"
    existing.write_text("keep\n")
    path = tmp_path / "x.csv"
    np.savetxt(path, henon(3000), header="x", comments="")
    result = cli(["lyapunov", path, "--curves", existing])
    assert result.exit_code == 2 and existing.read_text() == "keep\n"
    assert cli(["lyapunov", path, "--spectrum", "--curves", tmp_path / "new.ndjson"]).exit_code == 2


def test_cli_sali_map_records_and_figure(cli, tmp_path):
    fig = tmp_path / "map.png"
    result = cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--ic-grid", "4", "--energy",
                  "0.125", "--steps", "20000", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    records = result.records
    assert len(records) == 16
    assert {r["t_max"] for r in records} == {200.0}
    for r in records:
        assert r["allowed"] == (r["chaotic"] is not None) == (r["alignment_index"] is not None)
    assert _is_png(fig, min_bytes=5_000)


def test_cli_sali_map_refusals(cli):
    base = ["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--ic-grid", "4"]
    assert cli(base).exit_code == 2  # no --energy
    assert cli([*base, "--energy", "0.1", "--ic", "0,0,0,0"]).exit_code == 2
    result = cli(["lyapunov", "--system", "lorenz", "--indicator", "sali", "--ic-grid", "4", "--energy", "1"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "Hamiltonian" in result.stderr
    assert cli(["lyapunov", "--system", "henon_heiles", "--indicator", "sali", "--energy", "0.1"]).exit_code == 2
