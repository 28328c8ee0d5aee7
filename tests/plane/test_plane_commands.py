"""The plane, sweep and analyze commands and the plane figure: records, regimes, figures, edge cases."""

from __future__ import annotations

import os

import numpy as np
import pytest
from plane_series import logistic, logistic_orbit

from tscomplex import plane
from tscomplex.measures import complexity_entropy


@pytest.fixture
def sine_csv(tmp_path):
    t = np.arange(4000) * 0.05
    path = tmp_path / "wave.csv"
    data = np.column_stack([t, np.sin(2 * np.pi * t / 5.0), logistic(4000)])
    np.savetxt(path, data, delimiter=",", header="time,wave,chaos", comments="")
    return path


def test_sweep_records_and_summary(cli, sine_csv):
    result = cli(["sweep", sine_csv, "-c", "wave", "--time-column", "time", "-t", "1:30"])
    assert result.exit_code == 0, result.stderr
    rows = result.records
    per_tau = [r for r in rows if r["kind"] == "tau"]
    (summary,) = [r for r in rows if r["kind"] == "summary"]
    assert [r["tau"] for r in per_tau] == list(range(1, 31))
    r10 = per_tau[9]
    assert r10["dt"] == pytest.approx(0.05) and r10["t_pat"] == pytest.approx(4 * 10 * 0.05)
    assert r10["t_pat_over_t_nat"] == pytest.approx(2.0 / 5.0, rel=1e-3)
    ref = complexity_entropy(np.loadtxt(sine_csv, delimiter=",", skiprows=1)[:, 1], 5, 10)
    assert r10["permutation_entropy"] == pytest.approx(ref[0], abs=1e-12)
    assert r10["regime"] == "regular" and r10["regime_rule"] == "H <= H_max_per"
    assert summary["t_nat"] == pytest.approx(5.0, rel=1e-3) and summary["t_nat_method"] == "spectrum"
    assert summary["t_nat_crossings"] == pytest.approx(5.0, rel=1e-3)
    assert summary["ideal_tau"] == 10 and summary["regime"] == "regular"
    assert summary["duration_over_t_nat"] == pytest.approx(3999 * 0.05 / 5.0, rel=1e-3)
    assert summary["warning"] is None and "warning" not in result.stderr


def test_sweep_warns_on_short_duration_and_reports_too_large_tau(cli, tmp_path):
    path = tmp_path / "short.txt"
    np.savetxt(path, np.sin(2 * np.pi * np.arange(500) / 400.0))
    result = cli(["sweep", path, "-t", "1:5", "--summary", "--min-windows", "10"])
    assert result.exit_code == 0
    (summary,) = result.records
    assert "under the 1.5 t_nat" in summary["warning"]
    assert "warning" in result.stderr and "1.5 t_nat" in result.stderr
    result = cli(["sweep", path, "-t", "1:200"])
    assert result.exit_code == 1
    assert "largest usable tau is 95" in result.stderr  # (500 - 120) // 4 with the default d! windows


def test_sweep_plot_and_bad_figure_path(cli, sine_csv, tmp_path):
    fig = tmp_path / "sweep.png"
    result = cli(["sweep", sine_csv, "--time-column", "time", "-t", "1:40", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 30_000
    result = cli(["sweep", sine_csv, "-t", "1:40", "--plot", tmp_path / "no" / "such" / "f.png"])
    assert result.exit_code == 2 and "does not exist" in result.stderr and result.stdout == ""
    result = cli(["sweep", sine_csv, "--plot", tmp_path / "f.gif"])
    assert result.exit_code == 2 and "suffix" in result.stderr


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plane_figure_formats(cli, sine_csv, tmp_path, suffix, magic):
    fig = tmp_path / f"plane{suffix}"
    result = cli(["plane", sine_csv, "--plot", fig, "-d", "5"])
    assert result.exit_code == 0, result.stderr
    assert fig.read_bytes()[: len(magic)] == magic and fig.stat().st_size > 10_000
    rows = result.records
    assert {r["series"] for r in rows} == {"wave", "chaos"}
    assert {r["series"]: r["regime"] for r in rows} == {"wave": "regular", "chaos": "complex"}


def test_plane_paths_and_records_file(cli, sine_csv, tmp_path):
    fig = tmp_path / "paths.png"
    out = tmp_path / "rows.csv"
    result = cli(["plane", sine_csv, "--plot", fig, "-t", "1:8", "-o", out])
    assert result.exit_code == 0, result.stderr
    assert fig.stat().st_size > 30_000
    lines = out.read_text().splitlines()
    assert lines[0].startswith("source,series,n,dt,dim,tau,permutation_entropy") and len(lines) == 1 + 2 * 8


def test_plane_refuses_unwritable_figure_before_work(cli, sine_csv, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli(["plane", sine_csv, "--plot", locked / "f.png"])
        if os.access(locked, os.W_OK):  # running as root: the folder is writable after all
            assert result.exit_code == 0
        else:
            assert result.exit_code == 2 and "not writable" in result.stderr and result.stdout == ""
    finally:
        locked.chmod(0o700)
    result = cli(["plane", sine_csv])
    assert result.exit_code == 2 and "--plot" in result.stderr


def test_analyze_gains_regime_and_plot(cli, sine_csv, tmp_path):
    fig = tmp_path / "analyze.png"
    result = cli(["analyze", sine_csv, "--time-column", "time", "-t", "1,2", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    rows = result.records
    assert all(r["regime"] in plane.REGIMES for r in rows)
    chaos = [r for r in rows if r["series"] == "chaos" and r["tau"] == 1][0]
    assert chaos["regime"] == "complex" and chaos["noise_curve_complexity"] < chaos["statistical_complexity"]
    assert fig.stat().st_size > 30_000
    result = cli(["analyze", sine_csv, "-d", "3"])
    assert result.exit_code == 0 and all(r["regime"] is None for r in result.records)
    result = cli(["analyze", sine_csv, "-d", "3", "--plot", fig])
    assert result.exit_code == 2 and "4 <= d <= 8" in result.stderr


def test_figure_draws_the_classifiers_threshold(tmp_path, monkeypatch):
    """The complex/stochastic line of the plane figure is complexity_threshold itself, at the fewest windows."""
    from tscomplex.plane import regimes
    from tscomplex.plots import plane as plots

    calls = []
    real_threshold = regimes.complexity_threshold

    def spy(h, dim, windows=None):
        out = real_threshold(h, dim, windows)
        calls.append((np.array(h, copy=True), dim, windows, out))
        return out

    monkeypatch.setattr(regimes, "complexity_threshold", spy)
    drawn = {}
    real_save = plots.save_figure

    def capture(fig, path):
        (line,) = [ln for ln in fig.axes[0].lines if ln.get_label().startswith("complex / stochastic split")]
        drawn["h"], drawn["c"] = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        real_save(fig, path)

    monkeypatch.setattr(plots, "save_figure", capture)
    points = [plots.PlanePoint("a", np.array([0.7]), np.array([0.3]), windows=9_000),
              plots.PlanePoint("b", np.array([0.9]), np.array([0.1]), windows=4_000)]
    plots.plane_figure(points, 5, str(tmp_path / "p.png"))
    assert len(calls) == 1
    hs, dim, windows, values = calls[0]
    assert dim == 5 and windows == 4_000
    np.testing.assert_array_equal(drawn["h"], hs)
    np.testing.assert_array_equal(drawn["c"], values)
    for h, c in zip(hs[::37], values[::37]):
        assert c == plane.regime_details(h, 0.0, 5, windows=4_000)["regime_complexity_threshold"]


def test_label_placement_keeps_labels_apart(tmp_path):
    """Many points in one spot: no two labels may overlap."""
    from tscomplex.plots import plane as plots
    from tscomplex.plots import pyplot

    points = [plots.PlanePoint(f"series number {i}", np.array([0.67 + 0.004 * i]), np.array([0.40 - 0.002 * i]))
              for i in range(6)]
    captured = {}
    real_save = plots.save_figure

    def capture(fig, path):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        from matplotlib.text import Text

        # the text alone, without the leader line an annotation may carry
        captured["boxes"] = [Text.get_window_extent(t, renderer) for t in ax.texts
                             if t.get_text().startswith("series")]
        real_save(fig, path)

    plots.save_figure = capture
    try:
        plots.plane_figure(points, 5, str(tmp_path / "crowd.png"))
    finally:
        plots.save_figure = real_save
    pyplot()
    boxes = captured["boxes"]
    assert len(boxes) == 6
    for i in range(6):
        for j in range(i + 1, 6):
            assert not boxes[i].overlaps(boxes[j]), (i, j)


def test_no_regime_with_fewer_than_10_dfact_windows(cli, tmp_path):
    path = tmp_path / "short_noise.txt"
    np.savetxt(path, np.random.default_rng(3).standard_normal(3000))
    result = cli(["analyze", path, "-d", "6"])
    (row,) = result.records
    assert row["regime"] is None and row["regime_rule"].startswith("no regime: 2995 windows")
    assert row["noise_curve_complexity"] is not None
    result = cli(["analyze", path, "-d", "5"])  # 2996 windows >= 1200
    assert result.records[0]["regime"] == "stochastic"
    fields = plane.regime_fields(0.99, 0.01, 5, 0.7, windows=1199)
    assert fields["regime"] is None and fields["multi_turn_fraction"] == 0.7


def test_plane_and_sweep_edge_cases(cli, tmp_path, sine_csv):
    result = cli(["plane", sine_csv, "-c", "wave", "-t", "1,2000", "--plot", tmp_path / "p.png"])
    assert result.exit_code == 1 and "largest usable tau is 999" in result.stderr
    assert not (tmp_path / "p.png").exists()  # nothing to draw
    result = cli(["sweep", sine_csv, "-c", "wave", "-d", "3", "-t", "1:5", "--summary"])
    assert result.exit_code == 0
    (summary,) = result.records
    assert summary["regime"] is None and "no regimes at dim=3" in summary["warning"]
    result = cli(["sweep", sine_csv, "-c", "wave", "--t-nat", "5", "--time-column", "time", "--summary"])
    (summary,) = result.records
    assert summary["t_nat_method"] == "given" and summary["ideal_tau"] == 10



def test_analyze_calls_a_period_4_orbit_regular(cli, tmp_path):
    path = tmp_path / "p4.txt"
    path.write_text("\n".join(repr(float(v)) for v in logistic_orbit(3.5)) + "\n")
    (rec,) = cli(["analyze", path]).records
    assert rec["regime"] == "regular" and rec["regime_rule"] == "H <= H_max_per, patterns repeat with period 4"



def test_chunked_analyze_finds_the_periodic_orbit_too(cli, tmp_path):
    """Review finding: the chunked path skipped the periodic-orbit check and called this complex."""
    x = np.tile([0.1, 0.9, 0.3, 0.7, 0.2, 0.5, 0.8, 0.05, 0.6, 0.4, 0.95], 600)
    path = tmp_path / "per.npy"
    np.save(path, x)
    (whole,) = cli(["analyze", path]).records
    (chunked,) = cli(["analyze", path, "--chunk-size", "1000"]).records
    assert whole == chunked and whole["regime"] == "regular"
