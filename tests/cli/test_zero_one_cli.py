"""`tscomplex zero-one` through click's CliRunner, asserting on parsed records, curves and figures."""

import json

import numpy as np
import pytest

from lyapunov_series import logistic  # tests/lyapunov_series.py

from tscomplex.lyapunov.zero_one import zero_one_test

PNG = b"\x89PNG\r\n\x1a\n"


def _logistic(n, x0=0.2):
    return logistic(n, x0=x0)


@pytest.fixture
def csv(tmp_path):
    chaos = _logistic(3000)
    slow_sine = np.sin(2 * np.pi * np.arange(3000) / 200.0)  # 200 samples a period: oversampled
    path = tmp_path / "data.csv"
    with open(path, "w") as fh:
        fh.write("chaos,sine,flat\n")
        for a, b in zip(chaos, slow_sine):
            fh.write(f"{float(a)!r},{float(b)!r},1.5\n")
    return path, chaos, slow_sine


def test_records_match_the_api(cli, csv):
    path, chaos, _ = csv
    result = cli(["zero-one", path, "-c", "chaos", "--seed", "3", "--frequencies", "20"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    want = zero_one_test(chaos, n_c=20, seed=3)
    assert rec["zero_one_k"] == pytest.approx(want.k, abs=1e-12)
    assert rec["zero_one_chaotic"] is True and rec["zero_one_threshold"] == 0.5
    assert rec["zero_one_frequencies"] == 20 and rec["zero_one_seed"] == 3 and rec["zero_one_n_cut"] == 300
    assert rec["downsample"] == 1 and rec["downsample_method"] == "ideal_tau"  # a map: every sample
    assert rec["zero_one_k_q25"] <= rec["zero_one_k"] <= rec["zero_one_k_q75"]


def test_default_sampling_is_the_ideal_delay(cli, csv):
    path, _, sine = csv
    result = cli(["zero-one", path, "-c", "sine"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["downsample"] == 20 and rec["downsample_method"] == "ideal_tau"  # 0.4 * 200 / 4
    assert rec["zero_one_k"] == pytest.approx(zero_one_test(sine[::20]).k, abs=1e-12)
    assert rec["zero_one_k"] < 0.2 and rec["zero_one_chaotic"] is False


def test_given_step_on_an_oversampled_series_warns(cli, csv):
    path, _, sine = csv
    result = cli(["zero-one", path, "-c", "sine", "--downsample", "1"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["downsample"] == 1 and rec["downsample_method"] is None and "oversampled" in rec["note"]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: warning:") and "oversampled" in lines[0]


def test_constant_series_is_null_with_a_warning(cli, csv):
    path, _, _ = csv
    result = cli(["zero-one", path, "-c", "flat"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["zero_one_k"] is None and rec["zero_one_chaotic"] is None and "constant" in rec["warning"]
    assert len(result.stderr.strip().splitlines()) == 1


def test_system_and_same_seed_same_k(cli):
    a = cli(["zero-one", "--system", "logistic", "-n", "3000"])
    b = cli(["zero-one", "--system", "logistic", "-n", "3000"])
    assert a.exit_code == 0, a.stderr
    assert a.records == b.records and a.records[0]["zero_one_k"] > 0.8


def test_curves_and_plot(cli, csv, tmp_path):
    path, chaos, _ = csv
    curves, figure = tmp_path / "k.ndjson", tmp_path / "k.png"
    result = cli(["zero-one", path, "-c", "chaos", "-c", "sine", "--frequencies", "10",
                  "--curves", curves, "--plot", figure])
    assert result.exit_code == 0, result.stderr
    found = [json.loads(line) for line in curves.read_text().splitlines()]
    per_c = {c["series"]: c for c in found if c["curve"] == "zero_one_frequencies"}
    want = zero_one_test(chaos, n_c=10)
    assert per_c["chaos"]["frequency"] == pytest.approx(want.frequencies.tolist())
    assert per_c["chaos"]["k"] == pytest.approx(want.k_per_frequency.tolist(), abs=1e-12)
    (translation,) = [c for c in found if c["curve"] == "translation" and c["series"] == "chaos"]
    j = np.arange(1, chaos.size + 1)
    assert translation["p"][-1] == pytest.approx(np.sum(chaos * np.cos(j * translation["frequency"])), abs=1e-8)
    assert figure.read_bytes()[:8] == PNG and figure.stat().st_size > 10_000


def test_many_series_figure(cli, tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "many.csv"
    columns = {f"s{i}": (_logistic(800, x0=0.1 + 0.03 * i) if i % 2 else np.sin(0.3 * np.arange(800) + i)
                         + 0.01 * rng.standard_normal(800)) for i in range(12)}
    with open(path, "w") as fh:
        fh.write(",".join(columns) + "\n")
        for row in zip(*columns.values()):
            fh.write(",".join(repr(float(v)) for v in row) + "\n")
    figure = tmp_path / "many.png"
    result = cli(["zero-one", path, "--frequencies", "15", "--plot", figure])
    assert result.exit_code == 0, result.stderr
    assert len(result.records) == 12
    assert figure.read_bytes()[:8] == PNG


@pytest.mark.parametrize("args, message", [
    (["--downsample", "0"], "--downsample"),
    (["--downsample", "fast"], "--downsample"),
    (["--frequencies", "0"], "--frequencies"),
    (["--threshold", "1.5"], "--threshold"),
    (["--plot", "x.txt"], "--plot"),
])
def test_bad_command_lines(cli, csv, args, message):
    path, _, _ = csv
    result = cli(["zero-one", path, "-c", "chaos", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:") and message in lines[0]


def test_too_short_fails_that_input_only(cli, tmp_path):
    path = tmp_path / "short.csv"
    with open(path, "w") as fh:
        fh.write("a,b\n")
        for i, v in enumerate(_logistic(3000).tolist()):
            fh.write(f"{v!r},{v if i < 50 else ''}\n")
    result = cli(["zero-one", path, "--nan", "drop"])
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1, result.stderr
    assert [r["series"] for r in result.records if r.get("zero_one_k") is not None] == ["a"]
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:") and "at least 100" in lines[0]


def test_worker_processes_give_the_same_records_and_curves(cli, csv, tmp_path):
    path, _, _ = csv
    runs = []
    for jobs in ("1", "2"):
        curves = tmp_path / f"k{jobs}.ndjson"
        result = cli(["zero-one", path, "--frequencies", "8", "--jobs", jobs, "--curves", curves])
        assert result.exit_code == 0, result.stderr
        runs.append((result.records, curves.read_text()))
    assert runs[0] == runs[1]
