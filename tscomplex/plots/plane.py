"""Figures of the complexity-entropy plane and of tau sweeps.

``plane_figure`` draws the bounds C_min and C_max, PECCARY's periodic bounds,
the f^-k noise curve, the line that splits complex from stochastic, regime
labels, and one labelled point (or a path over tau) per series.
``sweep_figure`` (in :mod:`tscomplex.plots.sweep`) draws H(tau) and C(tau).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import pyplot, save_figure
from .sweep import sweep_figure  # noqa: F401 - its old home; the figure lives in plots/sweep.py
from .points import LABEL_LIMIT, draw_points, point_arrays, simple_labels, tau_text

# Greyscale-safe palette (distinct in lightness as well as hue).
COLOURS = ["#1b4f9c", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d", "#e67e22"]


@dataclass
class PlanePoint:
    """One series on the plane: its label and H, C at one or more delays."""

    label: str
    h: np.ndarray
    c: np.ndarray
    taus: list = field(default_factory=list)
    windows: int | None = None  # fewest windows over its taus: the classifier's split depends on it
    fields: dict = field(default_factory=dict)  # its last record, for --color-by


def plane_figure(points, dim: int, path: str, title: str | None = None, labels: str = "auto",
                 color_by: str | None = None) -> None:
    """Draw the complexity-entropy plane of dimension ``dim`` with ``points`` and save it to ``path``.

    ``labels`` (auto, none, all) and ``color_by`` (a record key) choose how the
    series are told apart; see :mod:`tscomplex.plots.points`.
    """
    from ..plane.bounds import complexity_curves, max_complexity, periodic_entropy_bounds
    from ..plane.noise import noise_complexity, noise_curve
    from ..plane.regimes import complexity_threshold

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.6, 4.9))
    curves = complexity_curves(dim)
    h_lo, h_hi = periodic_entropy_bounds(dim)
    noise = noise_curve(dim)
    c_top = float(curves.c_max.max())

    ax.plot(curves.h_max, curves.c_max, color="black", lw=1.3, ls="-", label=r"$C_{\max}(H)$, $C_{\min}(H)$",
            zorder=2)
    ax.plot(curves.h_min, curves.c_min, color="black", lw=1.3, ls="-", zorder=2)
    ax.plot(noise.h, noise.c, color="0.35", lw=1.5, ls="--", zorder=2,
            label=r"$f^{-k}$ noise, $0 \leq k \leq 3.5$")
    # the classifier's split between complex and stochastic, right of the periodic bound; it depends on
    # the number of windows, so it is drawn for the series with the fewest (the most cautious line)
    counts = [p.windows for p in points if getattr(p, "windows", None)]
    windows = min(counts) if counts else None
    hs = np.linspace(h_hi, 1.0, 300)
    c_split = complexity_threshold(hs, dim, windows)
    split_label = "complex / stochastic split"
    if windows:
        split_label += f" ({windows:,} windows)" if len(set(counts)) == 1 else f" ({windows:,} windows, fewest)"
    ax.plot(hs, c_split, color="0.45", lw=1.0, ls=(0, (6, 2, 1, 2)), zorder=2, label=split_label)
    for h_per in (h_lo, h_hi):
        c0, c1 = float(np.interp(h_per, curves.h_min, curves.c_min)), float(max_complexity(h_per, dim))
        ax.plot([h_per, h_per], [c0, c1], color="0.45", lw=1.0, ls=":", zorder=2)
    ax.plot([], [], color="0.45", lw=1.0, ls=":", label=r"periodic bounds $H_{\min,per}$, $H_{\max,per}$")

    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, c_top * 1.12)
    ax.set_xlabel(r"Permutation entropy $H$")
    ax.set_ylabel(r"Statistical complexity $C$")
    taus = tau_text(points)
    ax.set_title(title or f"Complexity-entropy plane, $d = {dim}$" + (f", {taus}" if taus else ""))

    if any(len(p.taus) > 1 for p in points):
        ax.plot([], [], ls="none", marker="o", ms=6.5, mfc="white", mec="black", label=r"smallest $\tau$ of a path")
    ax.legend(loc="upper left", fontsize=8, handlelength=2.6)  # the curves; the series come after
    placed_points, note = draw_points(fig, ax, points, labels, color_by)
    _draw_intervals(ax, points)
    if note:
        ax.annotate(note, (1.0, 0.0), xycoords="axes fraction", xytext=(0, -36), textcoords="offset points",
                    ha="right", va="top", fontsize=7.5, color="0.3")
    fig.tight_layout()
    lines = [(curves.h_max, curves.c_max), (curves.h_min, curves.c_min), (noise.h, noise.c), (hs, c_split)]
    markers = [point_arrays(p) for p in points]

    # regime labels, each at the first spot of its region clear of points and lines
    def between(h, lower, upper, frac):
        return h, lower + frac * (upper - lower)

    c_min_at = lambda h: np.interp(h, curves.h_min, curves.c_min)  # noqa: E731
    c_max_at = lambda h: max_complexity(h, dim)  # noqa: E731
    split_at = lambda h: np.interp(h, hs, c_split)  # noqa: E731
    inside = (0.5, 0.35, 0.65, 0.2, 0.8)
    h_regular = np.linspace(h_lo + 0.08, h_hi - 0.08, 9) if h_hi - h_lo > 0.2 else [0.5 * (h_lo + h_hi)]
    h_right = np.linspace(max(h_hi + 0.09, 0.62), 0.92, 12)
    regions = {
        "regular": [between(h, c_min_at(h), c_max_at(h), f) for f in inside for h in h_regular],
        # the complex zone can be a thin sliver (d = 4): then the name goes just above C_max
        "complex": [between(h, split_at(h), c_max_at(h), f) for f in inside for h in h_right]
        + [(h, c_max_at(h) + k * c_top) for k in (0.05, 0.1, 0.15) for h in h_right[::-1]],
        "stochastic": [between(h, c_min_at(h), noise_complexity(h, dim), f) for f in inside for h in h_right]
        + [(h, c_min_at(h) - k * c_top) for k in (0.06, 0.12) for h in h_right],
    }
    fixed = [_place_region_label(fig, ax, name, spots, markers, lines) for name, spots in regions.items()]
    if len(placed_points) <= 3 * LABEL_LIMIT:
        _place_labels(fig, ax, placed_points, fixed, lines)
    else:
        simple_labels(ax, placed_points)
    save_figure(fig, path)


def _display_points(ax, pairs, stride_to=600):
    pts = [ax.transData.transform(np.column_stack([np.asarray(h, float)[:: max(1, len(h) // stride_to)],
                                                   np.asarray(c, float)[:: max(1, len(c) // stride_to)]]))
           for h, c in pairs]
    return np.vstack(pts) if pts else np.empty((0, 2))


def _count_inside(points, box, pad=0.0):
    return int(np.count_nonzero((points[:, 0] > box.x0 - pad) & (points[:, 0] < box.x1 + pad)
                                & (points[:, 1] > box.y0 - pad) & (points[:, 1] < box.y1 + pad)))


def _segment_points(x0, y0, box, count=24):
    """Points along the leader from (x0, y0) to the nearest point of a label box, in display units."""
    x1 = min(max(x0, box.x0), box.x1)
    y1 = min(max(y0, box.y0), box.y1)
    t = np.linspace(0.05, 0.95, count)[:, None]
    return np.hstack([x0 + t * (x1 - x0), y0 + t * (y1 - y0)])


def _crossings(leader, curve_pts, near) -> int:
    """How many curve samples lie within ``near`` display units of the leader's segment (past its ends' 15%)."""
    if curve_pts.size == 0:
        return 0
    a, b = leader[0], leader[-1]
    ab = b - a
    length2 = float(ab @ ab) or 1.0
    t = np.clip(((curve_pts - a) @ ab) / length2, 0.0, 1.0)
    dist = np.hypot(*(curve_pts - (a + t[:, None] * ab)).T)
    return int(np.count_nonzero((dist < near) & (t > 0.0) & (t < 1.0)))


def _place_region_label(fig, ax, name, spots, markers, lines):
    """Write a regime name at the first candidate spot that covers no point and the fewest line samples."""
    renderer = fig.canvas.get_renderer()
    marker_pts = _display_points(ax, markers)
    line_pts = _display_points(ax, lines, stride_to=3000)
    legend = ax.get_legend()
    legend_box = legend.get_window_extent(renderer) if legend is not None else None
    style = dict(color="0.25", fontsize=9.5, style="italic", ha="center", va="center", zorder=1)
    best = None
    for h, c in spots:
        text = ax.text(float(h), float(c), name, **style)
        box = text.get_window_extent(renderer)
        text.remove()
        cost = 100 * _count_inside(marker_pts, box, 6) + _count_inside(line_pts, box, 2)
        if legend_box is not None and box.overlaps(legend_box):
            cost += 1000
        if best is None or cost < best[0]:
            best = (cost, float(h), float(c))
        if cost == 0:
            break
    return ax.text(best[1], best[2], name, **style)


def _place_labels(fig, ax, items, fixed_texts, curves) -> None:
    """Put each label next to its point where it overlaps no other label, marker, legend or curve.

    Candidates are offsets around the point at growing distances; the first
    one free of collisions wins, otherwise the one with the least overlap.
    Labels far from their point get a thin leader line.
    """
    if not items:
        return
    renderer = fig.canvas.get_renderer()
    to_disp = ax.transData.transform
    axes_box = ax.get_window_extent(renderer)
    taken = [t.get_window_extent(renderer).expanded(1.05, 1.1) for t in fixed_texts]
    legend = ax.get_legend()
    if legend is not None:
        taken.append(legend.get_window_extent(renderer))
    markers = _display_points(ax, [(h, c) for *_, h, c in items], stride_to=10**9)
    sizes = np.cumsum([0] + [len(h) for *_, h, _c in items])
    own = [np.arange(sizes[k], sizes[k + 1]) for k in range(len(items))]  # each item's rows in markers
    curve_pts = _display_points(ax, curves)
    scale = fig.dpi / 72.0
    offsets = []
    for radius in (7, 14, 24, 36, 52, 70):
        for angle in (45, -45, 135, -135, 0, 180, 90, -90, 22, -22, 158, -158, 68, -68, 112, -112):
            a = np.deg2rad(angle)
            offsets.append((radius * np.cos(a), radius * np.sin(a)))

    def overlap(box, other):
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    leaders = []
    # place points with the most neighbours first, so crowded ones get the best spots
    order = sorted(range(len(items)), key=lambda j: -np.sum(
        np.hypot(*(markers - to_disp([[items[j][1], items[j][2]]])).T) < 40 * scale))
    for j in order:
        label, h0, c0, colour, _h, _c = items[j]
        x0, y0 = to_disp([[h0, c0]])[0]
        best = None
        for dx, dy in offsets:
            ha = "left" if dx > 1 else "right" if dx < -1 else "center"
            va = "bottom" if dy > 1 else "top" if dy < -1 else "center"
            text = ax.annotate(label, (h0, c0), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                               fontsize=8, color=colour, zorder=6)
            box = text.get_window_extent(renderer).expanded(1.08, 1.15)
            text.remove()
            cost = sum(overlap(box, t) for t in taken)
            if cost > 0:  # labels over labels (or the legend) are never readable: worse than any other flaw
                cost += 5000.0
            inside = (box.x0 >= axes_box.x0 and box.x1 <= axes_box.x1 and box.y0 >= axes_box.y0
                      and box.y1 <= axes_box.y1)
            if not inside:
                cost += 1e6
            hits = ((markers[:, 0] > box.x0 - 3) & (markers[:, 0] < box.x1 + 3)
                    & (markers[:, 1] > box.y0 - 3) & (markers[:, 1] < box.y1 + 3))
            cost += 400.0 * np.count_nonzero(hits)
            # the label must read as belonging to its own point: no other marker nearer to the label
            gap = lambda px, py: np.hypot(np.clip(px, box.x0, box.x1) - px,  # noqa: E731
                                          np.clip(py, box.y0, box.y1) - py)
            others = np.delete(markers, own[j], axis=0)
            others = others[np.hypot(others[:, 0] - x0, others[:, 1] - y0) > 8 * scale]  # markers on top of it
            if others.size and np.min(gap(others[:, 0], others[:, 1])) < gap(x0, y0) + 6 * scale:
                cost += 1500.0
            crossing = ((curve_pts[:, 0] > box.x0) & (curve_pts[:, 0] < box.x1)
                        & (curve_pts[:, 1] > box.y0) & (curve_pts[:, 1] < box.y1))
            cost += 150.0 * np.count_nonzero(crossing)
            if np.hypot(dx, dy) > 20:  # a leader line must not run through other labels, nor cross a curve
                leader = _segment_points(x0, y0, box)
                cost += 300.0 * sum(_count_inside(leader, t) > 0 for t in taken)
                cost += 400.0 * _crossings(leader, curve_pts, 2.5 * scale)
            cost += 300.0 * sum(_count_inside(seg, box) > 0 for seg in leaders)
            cost += 0.5 * np.hypot(dx, dy)  # prefer near spots when all else is equal
            if best is None or cost < best[0]:
                best = (cost, dx, dy, ha, va, box)
            if cost <= 0.5 * np.hypot(dx, dy):
                break
        _cost, dx, dy, ha, va, box = best
        far = np.hypot(dx, dy) > 20
        if far:
            leaders.append(_segment_points(x0, y0, box))
        ax.annotate(label, (h0, c0), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=8,
                    color=colour, zorder=6,
                    arrowprops=dict(arrowstyle="-", color=colour, lw=0.6, shrinkA=0, shrinkB=3) if far else None)
        taken.append(box)


def series_labels(keys, always_series: bool = False) -> list[str]:
    """Short, unique labels for (source, series) pairs: the series name, the file name, or both.

    With ``always_series`` every label is ``file:series``.
    """
    import os

    keys = list(keys)
    sources = {s for s, _ in keys}
    if always_series:
        labels = [f"{os.path.basename(s) or s}:{name}" for s, name in keys]
    elif len(sources) == 1:
        labels = [str(name) for _, name in keys]
    else:
        per_source = {}
        for s, _ in keys:
            per_source[s] = per_source.get(s, 0) + 1
        labels = [os.path.basename(s) if per_source[s] == 1 else f"{os.path.basename(s)}:{name}"
                  for s, name in keys]
    if len(set(labels)) < len(labels):
        labels = [f"{s}:{name}" for s, name in keys]
    return labels


def _draw_intervals(ax, points) -> None:
    """The confidence intervals of ``analyze --ci`` as a cross of thin lines through each single-tau point
    (drawn as segments: the analytic interval is centred on the bias-corrected value, so the point may lie
    off its centre)."""
    for p in points:
        f = p.fields
        if p.h.size != 1 or f.get("permutation_entropy_ci_low") is None:
            continue
        h, c = float(p.h[0]), float(p.c[0])
        ax.hlines(c, f["permutation_entropy_ci_low"], f["permutation_entropy_ci_high"], colors="0.25",
                  linewidth=0.9, zorder=2.5)
        ax.vlines(h, f["statistical_complexity_ci_low"], f["statistical_complexity_ci_high"], colors="0.25",
                  linewidth=0.9, zorder=2.5)


def points_from_records(records, label_by: str | None = None) -> list[PlanePoint]:
    """PlanePoints from records in input order: one point per series, or its path when it has several taus.

    A long table's groups (``--group-by``) are separate series, labelled with their key. With ``label_by``
    a point is labelled with that key of its record (its file name for ``source``).
    """
    groups: dict = {}
    for record in records:
        groups.setdefault((record["source"], record.get("group"), record["series"]), []).append(record)
    labels = series_labels((source, name if group is None else f"{group}:{name}")
                           for source, group, name in groups)
    if label_by:
        labels = [_label_text(g[-1].get(label_by), label_by, default)
                  for g, default in zip(groups.values(), labels)]
    return [PlanePoint(label, np.array([r["permutation_entropy"] for r in g], dtype=float),
                       np.array([r["statistical_complexity"] for r in g], dtype=float), [r["tau"] for r in g],
                       _fewest_windows(g), dict(g[-1]))
            for label, g in zip(labels, groups.values())]


def _label_text(value, key: str, default: str) -> str:
    import os

    if value is None:
        return default
    if key == "source" and isinstance(value, str):
        return os.path.basename(value) or value
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def _fewest_windows(records) -> int | None:
    try:
        return min(int(r["n"]) - (int(r["dim"]) - 1) * int(r["tau"]) for r in records)
    except (KeyError, TypeError, ValueError):  # records without n (a hand-made point): the default split
        return None
