"""`tscomplex analyze` through click's CliRunner, asserting on parsed records."""

import json
import math

import numpy as np
import pytest

from tscomplex.measures import complexity_entropy, fisher_information, missing_patterns

KEYS = ["source", "series", "n", "dt", "dim", "tau", "weighted", "permutation_entropy",
        "statistical_complexity", "fisher_information", "missing_patterns"]


@pytest.fixture
def two_column_csv(tmp_path):
    rng = np.random.default_rng(0)
    t = np.arange(2000) * 0.5
    a = np.sin(2 * np.pi * t / 20)
    b = rng.normal(size=t.size)
    path = tmp_path / "data.csv"
    with open(path, "w") as fh:
        fh.write("time,flux,noise,label\n")
        for row in zip(t, a, b):
            fh.write(f"{float(row[0])!r},{float(row[1])!r},{float(row[2])!r},star\n")
    return path, a, b


def test_system_logistic_matches_reference(cli):
    result = cli(["analyze", "--system", "logistic"])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert list(rec)[: len(KEYS)] == KEYS
    assert rec["source"] == "system:logistic" and rec["n"] == 10_000 and rec["dim"] == 5
    assert rec["permutation_entropy"] == pytest.approx(0.678462, abs=1e-6)
    assert rec["statistical_complexity"] == pytest.approx(0.399241, abs=1e-6)


def test_csv_every_numeric_column_with_time_axis(cli, two_column_csv):
    path, a, b = two_column_csv
    result = cli(["analyze", path, "-d", "4", "-t", "1,3"])
    assert result.exit_code == 0, result.stderr
    recs = result.records
    assert [(r["series"], r["tau"]) for r in recs] == [("flux", 1), ("flux", 3), ("noise", 1), ("noise", 3)]
    for r in recs:
        x = a if r["series"] == "flux" else b
        h, c = complexity_entropy(x, 4, r["tau"])
        assert r["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r["statistical_complexity"] == pytest.approx(c, abs=1e-12)
        assert r["fisher_information"] == pytest.approx(fisher_information(x, 4, r["tau"]), abs=1e-12)
        assert r["missing_patterns"] == pytest.approx(missing_patterns(x, 4, r["tau"]), abs=1e-12)
        assert r["dt"] == 0.5 and r["n"] == 2000


def test_column_choice_range_and_q(cli, two_column_csv):
    path, a, _ = two_column_csv
    result = cli(["analyze", path, "-c", "flux", "-t", "2:6:2", "-q", "2"])
    assert result.exit_code == 0, result.stderr
    recs = result.records
    assert [r["tau"] for r in recs] == [2, 4, 6]
    assert all(r["q"] == 2.0 and 0 <= r["renyi_entropy"] <= 1 and 0 <= r["tsallis_entropy"] <= 1 for r in recs)


def test_stdin_plain_numbers(cli):
    x = np.random.default_rng(4).normal(size=500)
    result = cli(["analyze", "-", "-d", "3"], input="\n".join(repr(float(v)) for v in x) + "\n")
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["source"] == "-" and rec["series"] == "value"
    assert rec["permutation_entropy"] == pytest.approx(complexity_entropy(x, 3)[0], abs=1e-12)


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "table"])
def test_formats(cli, two_column_csv, fmt):
    path, _, _ = two_column_csv
    result = cli(["analyze", path, "-c", "flux", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        recs = json.loads(result.stdout)
        assert recs[0]["series"] == "flux"
    elif fmt in ("csv", "tsv"):
        header, row = result.stdout.strip().splitlines()
        sep = "," if fmt == "csv" else "\t"
        assert header.split(sep)[: len(KEYS)] == KEYS
        assert float(row.split(sep)[7]) == pytest.approx(complexity_entropy(two_column_csv[1], 5)[0])
    else:
        assert "permutation_entropy" in result.stdout.splitlines()[0]


def test_output_file_and_refuse_overwrite(cli, two_column_csv, tmp_path):
    path, _, _ = two_column_csv
    out = tmp_path / "out.json"
    assert cli(["analyze", path, "-o", out]).exit_code == 0
    assert json.loads(out.read_text())[0]["series"] == "flux"
    again = cli(["analyze", path, "-o", out])
    assert again.exit_code == 2 and "exists; use --force" in again.stderr
    assert cli(["analyze", path, "-o", out, "--force", "-t", "2"]).exit_code == 0
    assert json.loads(out.read_text())[0]["tau"] == 2


def test_parquet_output_round_trip(cli, two_column_csv, tmp_path):
    import pyarrow.parquet as pq

    path, _, _ = two_column_csv
    out = tmp_path / "out.parquet"
    assert cli(["analyze", path, "-o", out]).exit_code == 0
    table = pq.read_table(out).to_pylist()
    assert [r["series"] for r in table] == ["flux", "noise"]
    assert list(table[0])[: len(KEYS)] == KEYS


@pytest.mark.parametrize("args,code,message", [
    (["-d", "11"], 2, "not in the range 2<=x<=10"),
    (["-d", "1"], 2, "not in the range 2<=x<=10"),
    (["-t", "0"], 2, "must be >= 1"),
    (["-t", "-3"], 2, "must be >= 1"),
    (["-t", "abc"], 2, "not an integer"),
])
def test_bad_parameters_are_usage_errors(cli, two_column_csv, args, code, message):
    result = cli(["analyze", two_column_csv[0], *args])
    assert result.exit_code == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_inputs_fail_one_line_and_others_go_on(cli, two_column_csv, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    short = tmp_path / "short.txt"
    short.write_text("1\n2\n3\n")
    nan = tmp_path / "nan.csv"
    nan.write_text("a\n1\n2\nnan\n4\n\n5\nnan\n" + "\n".join(str(i % 7) for i in range(50)) + "\n")
    words = tmp_path / "words.csv"
    words.write_text("name,kind\nx,y\nz,w\n")
    result = cli(["analyze", empty, short, two_column_csv[0], nan, words, tmp_path / "missing.csv", "-d", "4"])
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("tscomplex: error:")]
    assert len(errors) == 5, result.stderr
    assert "file is empty" in errors[0]
    assert "too short for dim=4, tau=1" in errors[1]
    assert "3 NaN, inf or blank values (first at data row 3)" in errors[2]
    assert "no numeric column" in errors[3]
    assert "no such file" in errors[4]
    good = [r for r in result.records if "error" not in r]
    assert [r["series"] for r in good] == ["flux", "noise"]
    assert len([r for r in result.records if "error" in r]) == 5


def test_nan_policies(cli, tmp_path):
    x = np.sin(np.arange(300) / 7.0)
    x[[10, 11, 200]] = np.nan
    path = tmp_path / "gaps.csv"
    path.write_text("v\n" + "\n".join("" if math.isnan(v) else repr(float(v)) for v in x) + "\n")
    dropped = cli(["analyze", path, "--nan", "drop", "-d", "3"]).records[0]
    assert dropped["n"] == 297
    assert dropped["permutation_entropy"] == pytest.approx(complexity_entropy(x[np.isfinite(x)], 3)[0])
    filled = cli(["analyze", path, "--nan", "interpolate", "-d", "3"]).records[0]
    assert filled["n"] == 300


def test_unknown_column_lists_the_real_ones(cli, two_column_csv):
    result = cli(["analyze", two_column_csv[0], "-c", "fluxx"])
    assert result.exit_code == 1
    assert "column 'fluxx' not found; columns are: time, flux, noise, label" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_input_is_a_usage_error(cli):
    result = cli(["analyze"])
    assert result.exit_code == 2 and "no input" in result.stderr


def test_help_has_an_example(cli):
    result = cli(["analyze", "--help"])
    assert result.exit_code == 0 and "Example:" in result.stdout and "tscomplex analyze" in result.stdout


def test_choosing_a_column_keeps_the_time_axis(cli, two_column_csv):
    """-c picks the series; the column named 'time' still gives dt (a wrong dt would silently scale
    every per-time-unit result, such as a Lyapunov exponent, by 1/dt)."""
    path, _, _ = two_column_csv
    (rec,) = cli(["analyze", path, "-c", "noise"]).records
    assert rec["series"] == "noise" and rec["dt"] == 0.5
    # naming the time column itself analyzes it, with no time axis
    (rec,) = cli(["analyze", path, "-c", "time"]).records
    assert rec["series"] == "time" and rec["dt"] is None and rec["permutation_entropy"] == 0.0


def test_time_column_written_with_few_decimals_is_uniform(cli, tmp_path):
    """Hourly data with time in days to 5 decimals jitters by 2e-4 of a step: uniform, dt = 1/24.
    A missing sample (one step of 2 dt) is not."""
    t = np.arange(500) / 24
    x = np.sin(np.arange(500) / 5.0)
    path = tmp_path / "hourly.csv"
    path.write_text("time,load\n" + "".join(f"{a:.5f},{b!r}\n" for a, b in zip(t.tolist(), x.tolist())))
    (rec,) = cli(["analyze", path, "-c", "load", "-d", "3"]).records
    assert rec["dt"] == pytest.approx(1 / 24, rel=1e-6)
    gap = tmp_path / "gap.csv"
    keep = np.r_[0:200, 201:500]
    gap.write_text("time,load\n" + "".join(f"{a:.5f},{b!r}\n" for a, b in zip(t[keep].tolist(), x[keep].tolist())))
    result = cli(["analyze", gap, "-d", "3"])
    assert result.exit_code == 1 and "not uniformly spaced" in result.stderr


def test_too_large_taus_are_one_error_naming_the_largest_usable(cli, tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("\n".join(str(v) for v in np.random.default_rng(1).normal(size=500)) + "\n")
    result = cli(["analyze", path, "-t", "1:3000"])
    assert result.exit_code == 1
    errors = [r for r in result.records if "error" in r]
    assert len(errors) == 1 and len(result.records) == 125  # taus 1..124, then one error line
    assert "too short for dim=5, 2876 values of tau from 125 to 3000" in errors[0]["error"]
    assert "the largest usable tau is 124" in errors[0]["error"]
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("suffix", [".npy", ".npz", ".parquet"])
def test_binary_files_on_stdin(cli, tmp_path, suffix):
    x = np.random.default_rng(2).normal(size=300)
    path = tmp_path / f"x{suffix}"
    if suffix == ".npy":
        np.save(path, x)
    elif suffix == ".npz":
        np.savez(path, flux=x)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"flux": x}), path)
    (rec,) = cli(["analyze", "-", "-d", "3"], input=path.read_bytes()).records
    assert rec["source"] == "-" and rec["permutation_entropy"] == pytest.approx(complexity_entropy(x, 3)[0])


def test_weighted_missing_patterns_count_plain_patterns(cli, tmp_path):
    """A staircase: every other window is constant (weight 0), yet its pattern is seen."""
    x = np.repeat(np.arange(100, 0, -1.0), 3)
    path = tmp_path / "stairs.txt"
    path.write_text("\n".join(repr(float(v)) for v in x) + "\n")
    (weighted,) = cli(["analyze", path, "-d", "2", "--weighted"]).records
    (plain,) = cli(["analyze", path, "-d", "2"]).records
    assert weighted["missing_patterns"] == plain["missing_patterns"] == missing_patterns(x, dim=2) == 0.0
    npy = tmp_path / "stairs.npy"
    np.save(npy, np.repeat(np.arange(2000, 0, -1.0), 3))  # 6000 samples: read in chunks of 1000
    (chunked,) = cli(["analyze", npy, "-d", "2", "--weighted", "--chunk-size", "1000"]).records
    assert chunked["missing_patterns"] == 0.0
