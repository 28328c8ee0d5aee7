"""`tscomplex embed`: the reported choice equals lyapunov's and the curves' reading; the export equals delay_embedding."""

import json

import numpy as np
import pytest

from lyapunov_series import henon, logistic, lorenz_x_series  # tests/lyapunov_series.py

from tscomplex.embedding import auto_dim, auto_lag, delay_embedding, quarter_period
from tscomplex.embedding.curves import cao_e2, lag_curves
from tscomplex.lyapunov import choose_embedding


def _write(path, columns):
    with open(path, "w") as fh:
        fh.write(",".join(columns) + "\n")
        for row in zip(*[np.asarray(v).tolist() for v in columns.values()]):
            fh.write(",".join(repr(v) for v in row) + "\n")
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embed")
    lorenz = lorenz_x_series()[:8000]
    maps = {"logistic": logistic(4000), "henon": henon(4000)}
    return {"lorenz": (_write(folder / "lorenz.csv", {"x": lorenz}), lorenz),
            "maps": (_write(folder / "maps.csv", maps), maps)}


def _curves(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def _first_local_minimum(values):
    for i in range(1, len(values) - 1):
        if values[i] <= values[i + 1] and values[i] < values[i - 1]:
            return i
    return None


def test_lorenz_choice_is_lyapunovs_and_the_curves_show_it(cli, data, tmp_path):
    path, x = data["lorenz"]
    curves = tmp_path / "c.ndjson"
    result = cli(["embed", path, "--curves", curves])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    chosen = choose_embedding(x)
    assert (rec["embedding_dim"], rec["embedding_lag"], rec["theiler"]) == (chosen.dim, chosen.lag, chosen.theiler)
    assert rec["embedding_vectors"] == x.size - (chosen.dim - 1) * chosen.lag
    assert rec["embedding_lag_rule"] == "ami_first_minimum" and rec["embedding_dim_rule"] == "fnn_below_threshold"
    found = _curves(curves)
    ami = sorted((c for c in found if c["curve"] == "ami"), key=lambda c: c["embedding_lag"])
    assert [c["embedding_lag"] for c in ami] == list(range(len(ami)))
    assert _first_local_minimum([c["value"] for c in ami]) == rec["embedding_lag"]
    assert [c["embedding_lag"] for c in ami if c["chosen"]] == [rec["embedding_lag"]]
    fnn = sorted((c for c in found if c["curve"] == "fnn"), key=lambda c: c["embedding_dim"])
    first_below = next(c["embedding_dim"] for c in fnn if c["value"] < c["threshold"])
    assert first_below == rec["embedding_dim"] and fnn[0]["threshold"] == 0.01
    assert all(c["embedding_lag"] == rec["embedding_lag"] for c in fnn)


def test_maps_take_lag_one_and_cao_reads_e1(cli, data, tmp_path):
    path, maps = data["maps"]
    curves = tmp_path / "c.ndjson"
    result = cli(["embed", path, "--embedding-dim-method", "cao", "--curves", curves])
    assert result.exit_code == 0, result.stderr
    found = _curves(curves)
    for rec in result.records:
        x = maps[rec["series"]]
        assert rec["embedding_lag"] == 1 == auto_lag(x)
        assert rec["embedding_lag_rule"] == "autocorrelation_lag1_below_half"
        assert np.corrcoef(x[:-1], x[1:])[0, 1] < 0.5  # the rule's reason, computed here
        assert rec["embedding_dim"] == auto_dim(x, 1, "cao")
        e1 = sorted((c for c in found if c["series"] == rec["series"] and c["curve"] == "cao_e1"),
                    key=lambda c: c["embedding_dim"])
        assert next(c["embedding_dim"] for c in e1 if c["value"] >= 0.9) == rec["embedding_dim"]
        e2 = [c for c in found if c["series"] == rec["series"] and c["curve"] == "cao_e2"]
        assert len(e2) == len(e1) and not any(c["chosen"] for c in e2)
    assert {r["series"]: r["embedding_dim"] for r in result.records}["henon"] == 2


def test_acf_lag_is_the_first_zero(cli, data, tmp_path):
    path, x = data["lorenz"]
    curves = tmp_path / "c.ndjson"
    result = cli(["embed", path, "--lag-method", "acf", "--curves", curves])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    zero = auto_lag(x, "acf")
    d = x - x.mean()
    r = np.array([np.dot(d[: d.size - k], d[k:]) for k in range(zero + 1)]) / np.dot(d, d)
    assert r[-1] <= 0 < r[-2]
    # Lorenz x's first zero (about 6 time units) is far beyond a quarter of its mean period: the bound decides
    assert zero > quarter_period(x)
    assert rec["embedding_lag"] == quarter_period(x) and rec["embedding_lag_rule"] == "quarter_mean_period"
    acf = [c for c in _curves(curves) if c["curve"] == "acf"]
    assert [c["embedding_lag"] for c in acf if c["chosen"]] == [rec["embedding_lag"]]


def test_cao_e2_against_a_plain_implementation():
    from scipy.spatial import cKDTree

    x = henon(1200)
    got = cao_e2(x, 1, max_dim=3)
    e = []
    for d in range(1, 5):
        y = delay_embedding(x[: x.size - 1], d, 1)  # the N - d vectors that have a coordinate d + 1
        dist, idx = cKDTree(y).query(y, k=2, p=np.inf)
        e.append(np.mean(np.abs(x[np.arange(len(y)) + d] - x[idx[:, 1] + d])))
    np.testing.assert_allclose(got, np.array(e[1:]) / np.array(e[:-1]), rtol=1e-6)


def test_lag_curves_agree_with_auto_lag_on_a_sine():
    x = np.sin(2 * np.pi * np.arange(5000) / 100)
    (ami,) = lag_curves(x)
    assert ami.lag == auto_lag(x) and ami.rule == "ami_first_minimum"


@pytest.mark.parametrize("suffix", [".npy", ".csv"])
def test_export_equals_delay_embedding(cli, data, tmp_path, suffix):
    path, x = data["lorenz"]
    out = tmp_path / f"vectors{suffix}"
    result = cli(["embed", path, "-m", "3", "--lag", "17", "--export", out])
    assert result.exit_code == 0, result.stderr
    want = delay_embedding(x, 3, 17)
    if suffix == ".npy":
        got = np.load(out)
        assert got.dtype == np.float64
        np.testing.assert_array_equal(got, want)
    else:
        assert out.read_text().splitlines()[0] == "delay_0,delay_17,delay_34"
        np.testing.assert_array_equal(np.loadtxt(out, delimiter=",", skiprows=1), want)
    (rec,) = result.records
    assert rec["embedding_lag_method"] is None and rec["embedding_dim_method"] is None
    assert rec["embedding_lag_rule"] is None and rec["embedding_vectors"] == want.shape[0]


def test_export_of_several_series_is_refused_without_a_file(cli, data, tmp_path):
    path, _ = data["maps"]
    out = tmp_path / "v.npy"
    result = cli(["embed", path, "--export", out])
    assert result.exit_code == 2 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--export writes one series" in lines[0]


def test_too_short_for_the_requested_embedding_is_one_line(cli, tmp_path):
    path = _write(tmp_path / "short.csv", {"x": logistic(120)})
    out = tmp_path / "v.npy"
    result = cli(["embed", path, "-m", "8", "--lag", "11", "--export", out])
    assert result.exit_code == 1 and not out.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:")
    assert "too short for embedding_dim=8, embedding_lag=11" in lines[0] and "gives 43" in lines[0]


def test_constant_series_is_null_with_a_warning(cli, tmp_path):
    path = _write(tmp_path / "flat.csv", {"x": np.full(500, 2.0)})
    result = cli(["embed", path])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    assert rec["embedding_dim"] is None and "constant" in rec["warning"]


@pytest.mark.parametrize("args, message", [
    (["--export", "v.txt"], "--export"),
    (["-m", "0"], "--embedding-dim"),
    (["--lag", "0"], "--lag"),
])
def test_bad_command_lines(cli, data, args, message):
    path, _ = data["lorenz"]
    result = cli(["embed", path, *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tscomplex: error:") and message in lines[0]


def test_export_through_worker_processes(cli, data, tmp_path):
    path, x = data["lorenz"]
    out = tmp_path / "v.npy"
    result = cli(["embed", path, "--jobs", "2", "--export", out])
    assert result.exit_code == 0, result.stderr
    (rec,) = result.records
    np.testing.assert_array_equal(np.load(out), delay_embedding(x, rec["embedding_dim"], rec["embedding_lag"]))
