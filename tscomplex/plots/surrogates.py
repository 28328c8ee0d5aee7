"""Surrogate figures: each series on the complexity-entropy plane among its surrogates, and its null histogram."""

from __future__ import annotations

import numpy as np

from . import MARKERS, pyplot, save_figure

#: at most this many histograms; the plane shows every series
MAX_HISTOGRAMS = 4


def surrogate_figure(items, dim: int, tau: int, path: str) -> None:
    """``items`` are (label, series, surrogates array): plane with clouds (left), PE histograms (right).

    Each series is a large marker with its surrogates as a cloud of small
    dots of the same colour; the histograms show the surrogates' permutation
    entropy with the data's value as a vertical line and the rank p.
    """
    from ..measures import complexity_entropy
    from ..plane.bounds import complexity_curves
    from ..plane.noise import noise_curve
    from ..surrogates import rank_p_value

    plt = pyplot()
    from matplotlib.ticker import MaxNLocator

    shown = items[:MAX_HISTOGRAMS]
    rows = max(1, len(shown))
    fig = plt.figure(figsize=(10.5, max(4.6, 1.9 * rows)))
    grid = fig.add_gridspec(rows, 2, width_ratios=(1.35, 1.0), wspace=0.28, hspace=0.55)
    ax = fig.add_subplot(grid[:, 0])
    curves = complexity_curves(dim)
    noise = noise_curve(dim)
    ax.plot(curves.h_max, curves.c_max, color="black", lw=1.2, label=r"$C_{\max}(H)$, $C_{\min}(H)$")
    ax.plot(curves.h_min, curves.c_min, color="black", lw=1.2)
    ax.plot(noise.h, noise.c, color="0.4", lw=1.3, ls="--", label=r"$f^{-k}$ noise")
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    points = []
    for i, (label, x, data) in enumerate(items):
        color = colors[i % len(colors)]
        hc = np.array([complexity_entropy(s, dim=dim, tau=tau) for s in data])
        h, c = complexity_entropy(x, dim=dim, tau=tau)
        pe_p = rank_p_value(h, hc[:, 0])
        points.append((label, x, data, h, hc[:, 0], pe_p, color))
        ax.scatter(hc[:, 0], hc[:, 1], s=9, color=color, alpha=0.35, lw=0, zorder=3)
        ax.scatter([h], [c], s=70, color=color, marker=MARKERS[i % len(MARKERS)], edgecolor="black", lw=0.8,
                   zorder=4, label=f"{label}" if len(items) > 1 else "data")
    ax.scatter([], [], s=9, color="0.5", alpha=0.6, lw=0, label=f"its {len(items[0][2])} surrogates")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, float(curves.c_max.max()) * 1.12)
    ax.set_xlabel("permutation entropy $H$")
    ax.set_ylabel("statistical complexity $C$")
    ax.set_title(f"complexity-entropy plane, $d$ = {dim}, $\\tau$ = {tau}")
    ax.legend(loc="upper left", fontsize=8)
    for row, (label, x, data, h, null, p, color) in enumerate(points[:MAX_HISTOGRAMS]):
        hax = fig.add_subplot(grid[row, 1])
        lo, hi = float(null.min()), float(null.max())
        pad = 0.15 * (hi - lo) or 0.01
        inside = lo - 4 * pad <= h <= hi + 4 * pad  # near the cloud: drawn to scale, else marked at the edge
        left, right = (min(lo, h) - pad, max(hi, h) + pad) if inside else (lo - pad, hi + pad)
        hax.hist(null, bins=min(30, max(8, null.size // 3)), range=(lo - pad, hi + pad), color=color, alpha=0.55,
                 edgecolor="white", lw=0.4)
        hax.set_xlim(left, right)
        top = hax.get_ylim()[1]
        text = f"data H = {h:.3g}, p = {p:.2g}"
        if inside:
            hax.axvline(h, color="black", lw=1.6)
            hax.text(h, top * 0.95, f" {text} ", ha="left" if h < (left + right) / 2 else "right", va="top",
                     fontsize=8)
        else:  # an arrow at the edge, pointing to where the data lie off the axis
            edge = left if h < lo else right
            inward = (right - left) * 0.3 * (1 if h < lo else -1)
            hax.annotate(f"{text}\n(off the axis)", xy=(edge, top * 0.6), xytext=(edge + inward, top * 0.6),
                         ha="center", va="center", fontsize=8,
                         bbox=dict(boxstyle="round,pad=0.2", facecolor="white", edgecolor="none", alpha=0.9),
                         arrowprops=dict(arrowstyle="->", color="black", lw=1.4))
        hax.xaxis.set_major_locator(MaxNLocator(4))
        hax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
        hax.set_ylabel("surrogates", fontsize=8)
        hax.set_title(label if len(label) < 48 else label[:45] + "...", fontsize=9)
        if row == min(len(points), MAX_HISTOGRAMS) - 1:
            hax.set_xlabel("permutation entropy $H$ of the surrogates")
    if len(points) > MAX_HISTOGRAMS:
        fig.text(0.99, 0.01, f"histograms of the first {MAX_HISTOGRAMS} of {len(points)} series", ha="right",
                 fontsize=8)
    save_figure(fig, path)
    plt.close(fig)
