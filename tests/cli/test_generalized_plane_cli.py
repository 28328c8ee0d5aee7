"""`tscomplex plane --kind fisher|renyi|tsallis`: Fisher-Shannon points and Rényi/Tsallis curves equal the API; figures; bad input."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.plane.generalized import (
    DEFAULT_Q,
    fisher_shannon,
    renyi_complexity_entropy,
    tsallis_complexity_entropy,
)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    rng = np.random.default_rng(3)
    x = np.empty(3000)
    x[0] = 0.4
    for i in range(1, x.size):
        x[i] = 4 * x[i - 1] * (1 - x[i - 1])
    cols = {"logistic": x, "noise": rng.standard_normal(3000)}
    path = tmp_path_factory.mktemp("gp") / "two.npz"
    np.savez(path, **cols)
    return path, cols


def test_fisher_points_equal_the_api(cli, data):
    path, cols = data
    result = cli(["plane", path, "-d", "4", "-t", "1,2", "--kind", "fisher", "--plot", path.parent / "f.png"])
    assert result.exit_code == 0, result.stderr
    assert len(result.records) == 4
    for r in result.records:
        h, f = fisher_shannon(cols[r["series"]], 4, r["tau"])
        assert r["kind"] == "fisher"
        assert r["permutation_entropy"] == pytest.approx(h, abs=1e-12)
        assert r["fisher_information"] == pytest.approx(f, abs=1e-12)


@pytest.mark.parametrize("kind,func", [("renyi", renyi_complexity_entropy), ("tsallis", tsallis_complexity_entropy)])
def test_curves_equal_the_api(cli, data, kind, func):
    path, cols = data
    result = cli(["plane", path, "--kind", kind, "-q", "0.5,1,3", "--plot", path.parent / "c.png"])
    assert result.exit_code == 0, result.stderr
    assert [r["q"] for r in result.records] == [0.5, 1.0, 3.0] * 2
    for r in result.records:
        h, c = func(cols[r["series"]], r["q"], 5, 1)
        assert r[f"{kind}_entropy"] == pytest.approx(h, abs=1e-12)
        assert r[f"{kind}_complexity"] == pytest.approx(c, abs=1e-12)


def test_default_q_and_figures(cli, data, tmp_path):
    path, _ = data
    for kind in ("tsallis", "fisher"):
        fig = tmp_path / f"{kind}.png"
        result = cli(["plane", path, "--kind", kind, "--plot", fig])
        assert result.exit_code == 0, result.stderr
        assert fig.stat().st_size > 10000
    assert len(result.records) == 2
    tsallis = cli(["plane", path, "--kind", "tsallis", "--plot", tmp_path / "t.png"]).records
    assert len(tsallis) == 2 * DEFAULT_Q.size


@pytest.mark.parametrize("args,message", [(["-q", "1", "--kind", "fisher"], "--kind renyi or tsallis"),
                                          (["--kind", "fisher", "-t", "ideal"], "ideal"),
                                          (["--kind", "renyi", "-q", "0,1"], "q must be > 0"),
                                          (["--kind", "renyi", "-q", "a"], "not a comma list"),
                                          (["--kind", "fisher", "--plot", "x.txt"], "suffix")])
def test_bad_options_are_one_line(cli, data, args, message, tmp_path):
    path, _ = data
    plot = [] if "--plot" in args else ["--plot", tmp_path / "x.png"]
    result = cli(["plane", path, *args, *plot])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and message in lines[0], result.stderr


def test_too_short_series_is_one_error_record(cli, tmp_path):
    path = tmp_path / "short.npy"
    np.save(path, np.arange(3.0))
    result = cli(["plane", path, "-d", "5", "--kind", "fisher", "--plot", tmp_path / "s.png"])
    assert result.exit_code == 1 and "too short" in result.stderr
