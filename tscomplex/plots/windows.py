"""The regime timeline: H and C of sliding windows against time, over bands coloured by each window's regime."""

from __future__ import annotations

import numpy as np

from . import pyplot, save_figure

#: Band colours of the regimes (light, so the lines stay readable on top); a window without regime stays white.
REGIME_BAND_COLORS = {"regular": "#9ecae1", "complex": "#fdae6b", "stochastic": "#d9d9d9"}
#: Most points drawn per line: longer timelines are shown as the mean and min-max envelope of this many bins.
MAX_LINE_POINTS = 2000
#: Most panels in one figure (one per series and tau); more are left out with a note in the figure.
MAX_PANELS = 24


def _groups(records) -> list[tuple[tuple, list[dict]]]:
    groups: dict[tuple, list[dict]] = {}
    for r in records:
        groups.setdefault((r.get("source"), r.get("series"), r.get("tau")), []).append(r)
    return list(groups.items())


def _binned(x, y, bins):
    """(bin centres, mean, min, max) of y over ``bins`` equal ranges of x (x sorted)."""
    edges = np.linspace(x[0], x[-1], bins + 1)
    which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, bins - 1)
    count = np.bincount(which, minlength=bins)
    keep = count > 0
    mean = np.bincount(which, y, minlength=bins)[keep] / count[keep]
    low = np.full(bins, np.inf)
    high = np.full(bins, -np.inf)
    np.minimum.at(low, which, y)
    np.maximum.at(high, which, y)
    return 0.5 * (edges[:-1] + edges[1:])[keep], mean, low[keep], high[keep]


def _line(ax, x, y, color, label, style):
    if x.size > MAX_LINE_POINTS:
        xc, mean, low, high = _binned(x, y, MAX_LINE_POINTS // 2)
        ax.fill_between(xc, low, high, color=color, alpha=0.3, linewidth=0)
        ax.plot(xc, mean, color=color, linestyle=style, label=label)
    else:
        ax.plot(x, y, color=color, linestyle=style, label=label)


def _bands(ax, centre, regimes):
    """One coloured span per run of windows with the same regime, from midway to midway between windows."""
    edges = np.concatenate(([centre[0]], 0.5 * (centre[1:] + centre[:-1]), [centre[-1]]))
    change = np.flatnonzero(np.array([a != b for a, b in zip(regimes[1:], regimes[:-1])])) + 1
    starts = np.concatenate(([0], change))
    ends = np.concatenate((change, [len(regimes)]))
    by_colour: dict[str, list] = {}
    for s, e in zip(starts, ends):
        colour = REGIME_BAND_COLORS.get(regimes[s])
        if colour:
            by_colour.setdefault(colour, []).append((edges[s], edges[e] - edges[s]))
    for colour, spans in by_colour.items():  # one artist per colour, however many runs
        ax.broken_barh(spans, (0, 1), facecolors=colour, edgecolors="none", zorder=0)


def timeline_figure(records, dim: int, path: str) -> None:
    """One panel per series (and tau): H (solid) and C (dashed) of every window against the time of its
    centre (in time units where dt is known, else samples), over regime bands."""
    plt = pyplot()
    groups = _groups(records)
    shown = groups[:MAX_PANELS]
    fig, axes = plt.subplots(len(shown), 1, figsize=(9, 0.6 + 1.7 * len(shown)), squeeze=False,
                             sharex=len({len(g) for _, g in shown}) == 1)
    multiple_sources = len({key[0] for key, _ in groups}) > 1
    for ax, ((source, name, tau), rows) in zip(axes[:, 0], shown):
        dt = rows[0].get("dt")
        start = np.array([r["window_start"] for r in rows], dtype=np.float64)
        end = np.array([r["window_end"] for r in rows], dtype=np.float64)
        centre = 0.5 * (start + end - 1) * (dt if dt else 1.0)
        h = np.array([np.nan if r["permutation_entropy"] is None else r["permutation_entropy"] for r in rows])
        c = np.array([np.nan if r["statistical_complexity"] is None else r["statistical_complexity"] for r in rows])
        regimes = [r.get("regime") for r in rows]
        _bands(ax, centre, regimes)
        if all(g is None for g in regimes):  # say why there are no bands, in the panel itself
            ax.text(0.995, 0.97, str(rows[0].get("regime_rule") or "no regime"), transform=ax.transAxes,
                    ha="right", va="top", fontsize=7, color="0.35")
        _line(ax, centre, h, "#08306b", "H", "-")
        _line(ax, centre, c, "#a50f15", "C", "--")
        ax.set_ylim(0, 1.02)
        ax.set_xlim(centre[0], centre[-1] if centre[-1] > centre[0] else centre[0] + 1)
        label = f"{source}: {name}" if multiple_sources else str(name)
        ax.set_title(f"{label}   (d={dim}, tau={tau}, window={rows[0]['window']}, step={rows[0]['step']})",
                     loc="left", fontsize=9)
        ax.set_ylabel("H, C")
    last = axes[-1, 0]
    last.set_xlabel("time at window centre" if shown[-1][1][0].get("dt") else "sample at window centre")
    from matplotlib.patches import Patch

    handles = [plt.Line2D([], [], color="#08306b", label="H (permutation entropy)"),
               plt.Line2D([], [], color="#a50f15", linestyle="--", label="C (statistical complexity)")]
    handles += [Patch(facecolor=col, label=name) for name, col in REGIME_BAND_COLORS.items()]
    fig.legend(handles=handles, loc="upper center", ncol=5, bbox_to_anchor=(0.5, 1.0 + 0.02 / len(shown)),
               fontsize=8)
    if len(groups) > MAX_PANELS:
        fig.text(0.01, 0.0, f"{len(groups) - MAX_PANELS} more series not drawn (at most {MAX_PANELS} panels)",
                 fontsize=8)
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / (0.6 + 1.7 * len(shown))))
    save_figure(fig, path)
