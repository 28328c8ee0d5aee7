"""``tscomplex score``: records per column and horizon, and one clear line for each kind of bad input."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from tscomplex.systems import simulate

    folder = tmp_path_factory.mktemp("score")
    traj = simulate("lorenz", n=1500, dt=0.01)
    header = "time,x,y,z"

    def save(name, values, n=None):
        n = n or values.shape[0]
        table = np.column_stack([traj.time[:n], values[:n]])
        path = folder / name
        np.savetxt(path, table, delimiter=",", header=header, comments="")
        return path

    truth = save("truth.csv", traj.values)
    persistence = save("persistence.csv", np.repeat(traj.values[:1], 1500, axis=0))
    short = save("short.csv", traj.values, n=1000)
    return truth, persistence, short


def test_perfect_forecast(cli, files):
    truth, _, _ = files
    result = cli(["score", "--truth", truth, "--forecast", truth, "--system", "lorenz", "--horizon", "500"])
    assert result.exit_code == 0, result.stderr
    records = result.records
    assert [r["series"] for r in records] == ["x", "y", "z"]
    for r in records:
        assert r["smape"] == 0 and r["rmse"] == 0 and r["mase"] == 0
        assert r["valid_prediction_time"] == pytest.approx(5.0) and r["horizon_time"] == pytest.approx(5.0)
        assert r["dt"] == pytest.approx(0.01) and r["dt_source"] == "the truth's time column"
        assert r["lyapunov_time"] > 0 and r["valid_prediction_lyapunov_times"] == pytest.approx(5.0 / r["lyapunov_time"])


def test_persistence_forecast_of_lorenz_is_under_one_lyapunov_time(cli, files):
    truth, persistence, _ = files
    result = cli(["score", "--truth", truth, "--forecast", persistence, "--lyapunov-time", 1 / 0.9056,
                  "--horizon", "100", "--horizon", "1500", "-c", "x"])
    assert result.exit_code == 0, result.stderr
    assert [(r["series"], r["horizon"]) for r in result.records] == [("x", 100), ("x", 1500)]
    for r in result.records:
        assert r["valid_prediction_lyapunov_times"] < 1
        assert r["lyapunov_time_source"] == "given"


def test_without_a_lyapunov_time_the_record_says_why(cli, files):
    truth, persistence, _ = files
    (record, *_) = cli(["score", "--truth", truth, "--forecast", persistence]).records
    assert record["valid_prediction_lyapunov_times"] is None
    assert record["valid_prediction_reason"] == "no system and no lyapunov_time given"
    assert record["valid_prediction_time"] > 0


@pytest.mark.parametrize("args, words", [
    (["--system", "lorenzz"], "closest: lorenz"),
    (["--lyapunov-time", "0"], "--lyapunov-time"),
    (["--horizon", "5000"], "horizon must be between 1 and the series length 1500"),
])
def test_bad_input_is_one_line(cli, files, args, words):
    truth, persistence, _ = files
    result = cli(["score", "--truth", truth, "--forecast", persistence, *args])
    assert result.exit_code == 2
    assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_truth_and_forecast_of_different_lengths(cli, files):
    """Data that do not fit together are a failed input (exit 1), not a wrong command line (2)."""
    truth, _, short = files
    result = cli(["score", "--truth", truth, "--forecast", short])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "tscomplex: error: truth and forecast must have the same length, got 1500 and 1000 samples"]


def test_missing_file_and_missing_column(cli, files, tmp_path):
    """As analyze: a missing or unreadable input is exit 1; so is a forecast without the truth's columns."""
    truth, _, _ = files
    result = cli(["score", "--truth", truth, "--forecast", tmp_path / "nothing.csv"])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    other = tmp_path / "other.csv"
    other.write_text("a\n" + "\n".join(str(v) for v in range(1500)) + "\n")
    result = cli(["score", "--truth", truth, "--forecast", other])
    assert result.exit_code == 1 and "no column 'x'" in result.stderr
    text = tmp_path / "words.csv"
    text.write_text("a,b\nx,y\n")
    result = cli(["score", "--truth", text, "--forecast", truth])
    assert result.exit_code == 1 and result.stderr.strip().splitlines() == [
        f"tscomplex: error: --truth {text}: no numeric column found"]
