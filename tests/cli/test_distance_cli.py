"""`tscomplex distance` through click's CliRunner: pair records, the matrix file, bad input."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from tscomplex import permutation_jensen_shannon_distance


@pytest.fixture
def data(tmp_path):
    rng = np.random.default_rng(11)
    cols = {"noise": rng.standard_normal(1500), "walk": np.cumsum(rng.standard_normal(1500)),
            "sine": np.sin(np.arange(1500) * 0.1)}
    path = tmp_path / "data.csv"
    pd.DataFrame(cols).to_csv(path, index=False, float_format="%.17g")
    return path, cols


def test_one_record_per_pair_matching_the_api(cli, data):
    path, cols = data
    result = cli(["distance", path, "-d", "4", "-t", "2"])
    assert result.exit_code == 0, result.stderr
    pairs = {(r["series_a"], r["series_b"]): r for r in result.records}
    assert list(pairs) == [("noise", "walk"), ("noise", "sine"), ("walk", "sine")]
    for (a, b), r in pairs.items():
        expected = permutation_jensen_shannon_distance(cols[a], cols[b], 4, 2)
        assert r["permutation_jensen_shannon_distance"] == pytest.approx(expected, abs=1e-12)
        assert r["dim"] == 4 and r["tau"] == 2 and r["n_a"] == 1500


def test_matrix_file_is_symmetric_with_zero_diagonal(cli, data, tmp_path):
    path, cols = data
    out = tmp_path / "m.csv"
    result = cli(["distance", path, "-d", "3", "--matrix", out])
    assert result.exit_code == 0, result.stderr
    m = pd.read_csv(out, index_col=0)
    assert list(m.index) == list(m.columns) == ["noise", "walk", "sine"]
    np.testing.assert_array_equal(m.values, m.values.T)
    np.testing.assert_array_equal(np.diag(m.values), 0.0)
    assert m.loc["walk", "sine"] == pytest.approx(permutation_jensen_shannon_distance(cols["walk"], cols["sine"], 3))
    assert (m.values <= 1).all()
    stdout = cli(["distance", path, "-d", "3", "--matrix", "-"])
    assert stdout.exit_code == 0
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(stdout.stdout), index_col=0), m)


def test_identical_series_in_two_files_are_at_distance_zero(cli, tmp_path):
    x = np.random.default_rng(0).standard_normal(500)
    a, b = tmp_path / "a.npy", tmp_path / "b.npy"
    np.save(a, x)
    np.save(b, x * 3 + 1)
    result = cli(["distance", a, b, "-d", "4"])
    assert result.exit_code == 0, result.stderr
    (record,) = result.records
    assert record["permutation_jensen_shannon_distance"] == 0.0
    assert (record["label_a"], record["label_b"]) == ("a.npy", "b.npy")


def test_bad_input(cli, data, tmp_path):
    path, _ = data
    short = tmp_path / "short.csv"
    short.write_text("x\n1\n2\n")
    result = cli(["distance", path, short, "-d", "4"])
    assert result.exit_code == 1
    assert [r["error"] for r in result.records if "error" in r] != []  # the failure is a record, as everywhere
    assert len([r for r in result.records if "error" not in r]) == 3  # the three good series still give pairs
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error: ") and "too short" in lines[0]
    one = cli(["distance", path, "-c", "noise"])
    assert one.exit_code == 2 and one.stderr.count("\n") == 1 and "at least two series" in one.stderr
    resume = cli(["distance", path, "--resume", "-o", tmp_path / "r.ndjson"])
    assert resume.exit_code == 2 and resume.stderr.count("\n") == 1


def test_matrix_on_stdout_stays_csv_when_an_input_fails(cli, data, tmp_path):
    path, _ = data
    short = tmp_path / "short.csv"
    short.write_text("x\n1\n2\n")
    result = cli(["distance", path, short, "-d", "4", "--matrix", "-"])
    assert result.exit_code == 1
    m = pd.read_csv(io.StringIO(result.stdout), index_col=0)
    assert list(m.columns) == ["noise", "walk", "sine"] and m.shape == (3, 3)
    assert result.stderr.count("\n") == 1 and "too short" in result.stderr
