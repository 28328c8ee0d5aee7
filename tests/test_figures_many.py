"""Figures for many series: the plane's labels, legend and colour groups, tau in the titles, shared sweep
panels, lyapunov labels and the spectrum's panels. Figures are caught before saving and inspected; the
options go through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from tscomplex.plots.plane import PlanePoint, plane_figure, points_from_records, series_labels
from tscomplex.plots.points import LABEL_LIMIT, MAX_LEGEND_ENTRIES, draw_points

REPO = Path(__file__).resolve().parents[1]


def tsc(*args, cwd, timeout=300):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run([sys.executable, "-m", "tscomplex", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.fixture()
def caught(monkeypatch):
    """Keep the figures instead of saving them: {module: [fig, ...]}."""
    import tscomplex.plots.lyapunov as lyap
    import tscomplex.plots.plane as plane
    import tscomplex.plots.sweep as sweep

    figures = []
    for module in (plane, sweep, lyap):
        monkeypatch.setattr(module, "save_figure", lambda fig, path: figures.append(fig))
    yield figures
    import matplotlib.pyplot as plt

    for fig in figures:
        plt.close(fig)


def _points(n, rng, regimes=("complex", "stochastic", "regular"), taus=(1,)):
    h = rng.uniform(0.3, 0.98, n)
    c = np.clip(0.35 * np.sin(np.pi * h) * rng.uniform(0.6, 1.0, n), 0.01, None)
    return [PlanePoint(f"s{i}", np.array([h[i]]), np.array([c[i]]), list(taus), 4000,
                       {"regime": regimes[i % len(regimes)], "n": 1000 + 37 * i, "series": f"s{i}"})
            for i in range(n)]


def _figure_legend_names(fig) -> list[str]:
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


# --------------------------------------------------------------------------- labels, legend, colour groups


def test_up_to_a_dozen_are_labelled_beside_their_points(caught):
    rng = np.random.default_rng(1)
    plane_figure(_points(LABEL_LIMIT, rng), 5, "x.png")
    fig = caught[-1]
    ax = fig.axes[0]
    names = {t.get_text() for t in ax.texts}
    assert {f"s{i}" for i in range(LABEL_LIMIT)} <= names
    assert not fig.legends  # no second legend: the labels name the points


def test_past_a_dozen_a_legend_replaces_labels(caught):
    rng = np.random.default_rng(2)
    plane_figure(_points(LABEL_LIMIT + 8, rng), 5, "x.png")
    fig = caught[-1]
    assert not {t.get_text() for t in fig.axes[0].texts} & {f"s{i}" for i in range(20)}
    assert sorted(_figure_legend_names(fig)) == sorted(f"s{i}" for i in range(LABEL_LIMIT + 8))


def test_past_thirty_the_points_are_grouped_by_regime_with_counts(caught):
    rng = np.random.default_rng(3)
    points = _points(300, rng)
    plane_figure(points, 5, "x.png")
    fig = caught[-1]
    assert sorted(_figure_legend_names(fig)) == ["complex (100)", "regular (100)", "stochastic (100)"]
    assert any("300 series" in t.get_text() for t in fig.axes[0].texts)


def test_color_by_numeric_field_gives_a_colour_bar_and_labels_all_labels_every_point(caught):
    rng = np.random.default_rng(4)
    plane_figure(_points(40, rng), 5, "x.png", labels="all", color_by="n")
    fig = caught[-1]
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "n"  # the colour bar
    assert {f"s{i}" for i in range(40)} <= {t.get_text() for t in fig.axes[0].texts}


def test_labels_none_keeps_a_small_figure_unlabelled_with_a_legend(caught):
    rng = np.random.default_rng(5)
    plane_figure(_points(5, rng), 5, "x.png", labels="none")
    fig = caught[-1]
    assert sorted(_figure_legend_names(fig)) == [f"s{i}" for i in range(5)]
    assert not {t.get_text() for t in fig.axes[0].texts} & {f"s{i}" for i in range(5)}


def test_a_thousand_points_are_one_scatter_per_group():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    items, note = draw_points(fig, ax, _points(1000, np.random.default_rng(6)))
    assert items == [] and "1000 series" in note
    assert len(ax.collections) == 3 and sum(len(c.get_offsets()) for c in ax.collections) == 1000
    plt.close(fig)


def test_label_by_and_labels_sit_beside_their_own_marker(caught):
    # eight series placed as a real set lies (two almost on top of each other near the noise curve)
    hc = {"ar1": (0.9316, 0.105), "henon": (0.6223, 0.4043), "logistic": (0.6799, 0.3997),
          "noise": (0.9974, 0.0047), "pink": (0.9752, 0.0428), "sine": (0.2462, 0.2148), "tent": (0.6815, 0.3995),
          "walk": (0.9252, 0.1096)}
    records = [{"source": f"{k}.npy", "series": "value", "n": 4000, "dim": 5, "tau": 1,
                "permutation_entropy": h, "statistical_complexity": c} for k, (h, c) in hc.items()]
    plane_figure(points_from_records(records, label_by="source"), 5, "x.png")
    fig = caught[-1]
    ax = fig.axes[0]
    fig.canvas.draw()  # places the annotations' words where they are drawn
    renderer = fig.canvas.get_renderer()
    to_disp = ax.transData.transform
    markers = {f"{k}.npy": to_disp([hc[k]])[0] for k in hc}
    labels = [t for t in ax.texts if t.get_text() in markers]
    assert len(labels) == 8
    from matplotlib.text import Text

    for text in labels:
        box = Text.get_window_extent(text, renderer)  # the words only, not the leader
        own = markers[text.get_text()]
        others = [p for name, p in markers.items() if name != text.get_text() and np.hypot(*(p - own)) > 4]

        def gap(p):
            return np.hypot(np.clip(p[0], box.x0, box.x1) - p[0], np.clip(p[1], box.y0, box.y1) - p[1])

        assert min(gap(p) for p in others) > 2.0, f"{text.get_text()} covers another marker"
        if getattr(text, "arrow_patch", None) is None:  # no leader: the nearest marker must be its own
            assert gap(own) <= min(gap(p) for p in others) + 1.0, text.get_text()
    # no leader line crosses a curve of the plane: sample each leader, measure to every curve sample
    curves = np.vstack([to_disp(np.column_stack(line.get_data())) for line in ax.lines[:4]])
    for text in labels:
        if getattr(text, "arrow_patch", None) is None:
            continue
        start = to_disp([text.xy])[0]
        box = Text.get_window_extent(text, renderer)
        end = np.array([np.clip(start[0], box.x0, box.x1), np.clip(start[1], box.y0, box.y1)])
        seg = start + np.linspace(0.2, 1.0, 60)[:, None] * (end - start)
        dist = np.min(np.hypot(*(seg[:, None, :] - curves[None, :, :]).transpose(2, 0, 1)), axis=1)
        assert dist.min() > 1.0, text.get_text()


# --------------------------------------------------------------------------- tau in titles, shared panels


@pytest.mark.parametrize("taus, expected", [((3,), r"\tau = 3"), ((1, 2, 3, 4, 5, 6), r"\tau = 1$ to $6$ (paths)")])
def test_the_plane_title_states_tau(caught, taus, expected):
    rng = np.random.default_rng(7)
    points = [PlanePoint(p.label, np.repeat(p.h, len(taus)), np.repeat(p.c, len(taus)), list(taus), 4000,
                         p.fields) for p in _points(3, rng)]
    plane_figure(points, 5, "x.png")
    assert expected in caught[-1].axes[0].get_title()


def _sweeps(n, taus=range(1, 31)):
    taus = list(taus)
    return [{"label": f"run{i}.csv [x]", "taus": taus, "h": list(np.linspace(0.5, 0.9, len(taus))),
             "c": list(np.linspace(0.3, 0.1, len(taus))), "dt": 1.0, "t_nat": 40.0 if i % 2 else None,
             "ideal_tau": 4 if i % 2 else None} for i in range(n)]


def test_sweep_of_eight_series_shares_two_rows_of_panels(caught):
    from tscomplex.plots.sweep import PER_PANEL, sweep_figure

    sweep_figure(_sweeps(8), 5, "x.png")
    fig = caught[-1]
    assert len(fig.axes) == 4  # two rows of H and C panels, not eight
    per_panel = [sum(1 for line in ax.lines if np.size(line.get_xdata()) == 30) for ax in fig.axes]
    assert per_panel == [4, 4, 4, 4] and max(per_panel) <= PER_PANEL
    colours = {line.get_color() for line in fig.axes[0].lines if np.size(line.get_xdata()) == 30}
    assert len(colours) == 4
    assert r"\tau = 1$ to $30" in fig._suptitle.get_text()
    width, height = fig.get_size_inches()
    assert height < 2.5 * width


def test_a_single_sweep_keeps_its_band_and_states_tau(caught):
    from tscomplex.plots.sweep import sweep_figure

    sweep_figure(_sweeps(2)[1:], 5, "x.png")
    fig = caught[-1]
    assert len(fig.axes) >= 2 and r"\tau = 1$ to $30" in fig._suptitle.get_text()
    assert any(p.get_label().startswith("recommended") for p in fig.axes[0].patches)


def test_two_or_three_series_keep_a_row_each(caught):
    from tscomplex.plots.sweep import STACK_LIMIT, sweep_figure

    sweep_figure(_sweeps(STACK_LIMIT), 5, "x.png")
    fig = caught[-1]
    main = [ax for ax in fig.axes if ax.get_xlabel().startswith("Delay")]
    assert len(main) == 2 * STACK_LIMIT
    assert all(sum(1 for line in ax.lines if np.size(line.get_xdata()) == 30) == 1 for ax in main)


# --------------------------------------------------------------------------- lyapunov


def test_lyapunov_labels_name_source_and_series():
    assert series_labels([("a.csv", "x"), ("b.csv", "x")], always_series=True) == ["a.csv:x", "b.csv:x"]
    assert series_labels([("d/a.csv", "x"), ("d/a.csv", "y")], always_series=True) == ["a.csv:x", "a.csv:y"]
    assert series_labels([("d/a.csv", "x"), ("e/a.csv", "x")], always_series=True) == ["d/a.csv:x", "e/a.csv:x"]


def test_spectrum_panels_keep_the_estimate_on_the_axis_and_show_their_markers(caught):
    from tscomplex.plots.lyapunov import spectrum_figure

    rng = np.random.default_rng(8)
    times = np.arange(1, 10001) * 1.0
    # lambda_2 of a flow: zero, approached like 1/t with noise; lambda_1 and lambda_3 converge quickly
    history = np.column_stack([0.9 + 2.0 / times, 0.8 / np.sqrt(times) * rng.normal(size=times.size),
                               -14.5 - 3.0 / times])
    result = SimpleNamespace(history=history, times=times, exponents=history[-1], system="not-in-catalog",
                             params={})
    spectrum_figure(result, "x.png")
    fig = caught[-1]
    for ax in fig.axes:
        line = ax.lines[0]
        x, y = line.get_xdata(), line.get_ydata()
        lo, hi = ax.get_ylim()
        marked = np.asarray(line.get_markevery(), dtype=int)
        assert marked.size >= 5 and np.all((y[marked] >= lo) & (y[marked] <= hi))
        logs = np.log10(x)
        on_axis = (y >= lo) & (y <= hi)
        # over the log time axis, most of the line is in the frame
        decades = np.linspace(logs[0], logs[-1], 41)
        inside = [on_axis[(logs >= a) & (logs < b)].mean() for a, b in zip(decades[:-1], decades[1:])
                  if np.any((logs >= a) & (logs < b))]
        assert np.mean(inside) > 0.5


# --------------------------------------------------------------------------- through the command line


@pytest.fixture()
def folder(tmp_path):
    rng = np.random.default_rng(9)
    runs = tmp_path / "runs"
    runs.mkdir()
    for i in range(40):
        x = rng.normal(size=800) if i % 2 else np.sin(0.2 * np.arange(800) + i) + 0.01 * rng.normal(size=800)
        np.save(runs / f"run{i:02d}.npy", x)
    return tmp_path


def _png_size(path):
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_plane_over_many_inputs_through_the_cli(folder):
    proc = tsc("plane", "runs", "--plot", "plane.png", "-o", "r.ndjson", "--jobs", "2", "--color-by",
               "regime", "--label-by", "series", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    width, height = _png_size(folder / "plane.png")
    assert 800 < width < 3000 and 600 < height < 2500
    records = [json.loads(line) for line in (folder / "r.ndjson").read_text().splitlines()]
    assert len(records) == 40


def test_analyze_plot_options_and_an_unknown_field(folder):
    proc = tsc("analyze", "runs", "--plot", "p.png", "--labels", "none", "--color-by", "nope", "-o", "a.csv",
               cwd=folder)
    assert proc.returncode == 0, proc.stderr
    warnings = [ln for ln in proc.stderr.splitlines() if ln.startswith("tscomplex: warning: --color-by nope")]
    assert len(warnings) == 1
    _png_size(folder / "p.png")
    bad = tsc("analyze", "runs", "--plot", "p.png", "--labels", "some", cwd=folder)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_sweep_with_several_series_through_the_cli(folder):
    proc = tsc("sweep", *(f"runs/run{i:02d}.npy" for i in range(5)), "-t", "1:12", "--plot", "s.png",
               "-o", "s.ndjson", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    width, height = _png_size(folder / "s.png")
    assert height < width  # one row of shared panels, not a stack of five


def test_lyapunov_labels_through_the_cli(folder, monkeypatch, cli):
    import tscomplex.plots.lyapunov as lyap

    seen = {}
    monkeypatch.setattr(lyap, "divergence_figure", lambda results, path, labels=None, **kw: seen.update(labels=labels))
    x = np.empty(2000)
    x[0] = 0.3
    for k in range(1, x.size):
        x[k] = 4 * x[k - 1] * (1 - x[k - 1])
    for name in ("a", "b"):
        (folder / f"{name}.csv").write_text("x,y\n" + "".join(f"{float(v)!r},{float(v) ** 2!r}\n" for v in x))
    result = cli(["lyapunov", folder / "a.csv", folder / "b.csv", "-c", "x", "--plot", folder / "l.png"])
    assert result.exit_code == 0, result.stderr
    assert seen["labels"] == ["a.csv:x", "b.csv:x"]


def test_more_than_thirty_listed_ones_are_not_a_legend():
    assert MAX_LEGEND_ENTRIES >= LABEL_LIMIT
