"""The 0-1 test's figure: the translation variables (p_c, q_c) for one c, and K_c against c."""

from __future__ import annotations

import math

import numpy as np

from . import MARKERS, pyplot, save_figure

MAX_PANELS = 6  # translation-variable panels drawn; more series are named in a note
MAX_LABELLED = 8  # above this many series, K is drawn as one row per series instead of against c


def _arr(values):
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def zero_one_figure(labelled_curves, path: str) -> None:
    """``[(label, curves), ...]`` with curves as ``tscomplex zero-one --curves`` writes them, drawn to ``path``.

    Left: (p_c, q_c) of each series (up to MAX_PANELS small panels), bounded for
    regular dynamics and a random walk for chaos. Right: K_c against c with K
    (the median) and the threshold; with many series, one row per series.
    """
    plt = pyplot()
    shown = [(label, next((c for c in cs if c["curve"] == "translation"), None)) for label, cs in labelled_curves]
    shown = [(label, c) for label, c in shown if c is not None][:MAX_PANELS]
    ks = [(label, next(c for c in cs if c["curve"] == "zero_one_frequencies")) for label, cs in labelled_curves
          if any(c["curve"] == "zero_one_frequencies" for c in cs)]
    cols = 1 if len(shown) <= 1 else 2 if len(shown) <= 4 else 3
    rows = max(1, math.ceil(len(shown) / cols))
    many = len(ks) > MAX_LABELLED
    right_height = max(3.6 * rows, 0.28 * len(ks) + 1.5) if many else 3.6 * rows
    fig = plt.figure(figsize=(3.4 * cols + 5.6, max(3.6 * rows, right_height)))
    grid = fig.add_gridspec(rows, cols + 2, width_ratios=[1] * cols + [0.05, 1.6])
    for i, (label, curve) in enumerate(shown):
        ax = fig.add_subplot(grid[i // cols, i % cols])
        p, q = _arr(curve["p"]), _arr(curve["q"])
        ax.plot(p, q, color="C0", linewidth=0.5)
        ax.plot(p[:1], q[:1], "o", color="black", markersize=3)
        ax.set_aspect("equal", adjustable="datalim")
        ax.set_xlabel("$p_c$")
        ax.set_ylabel("$q_c$")
        k = curve.get("k_frequency")
        name = f"{label}\n" if len(labelled_curves) > 1 else ""
        ax.set_title(f"{name}c = {curve['frequency']:.3f}, $K_c$ = {k:.2f}" if k is not None
                     else f"{name}c = {curve['frequency']:.3f}", fontsize=9, loc="left")
    if len(labelled_curves) > len(shown):
        fig.text(0.01, 0.005, f"translation variables of the first {len(shown)} of {len(labelled_curves)} series",
                 fontsize=8, color="0.3")
    ax = fig.add_subplot(grid[:, cols + 1])
    threshold = ks[0][1]["threshold"] if ks else 0.5
    if many:
        _rows(ax, ks, threshold)
    else:
        _against_c(ax, ks, threshold)
    fig.tight_layout()
    save_figure(fig, path)


def _against_c(ax, ks, threshold):
    for n, (label, curve) in enumerate(ks):
        c, k = _arr(curve["frequency"]), _arr(curve["k"])
        order = np.argsort(c)
        color = f"C{n % 10}"
        name = f"{label}: " if len(ks) > 1 else ""
        median = curve.get("zero_one_k")
        ax.plot(c[order], k[order], linestyle="none", marker=MARKERS[n % len(MARKERS)], markersize=3.5,
                color=color, alpha=0.8,
                label=f"{name}$K$ = {median:.3f}" if median is not None else f"{name}$K$ undefined")
        if median is not None:
            ax.axhline(median, color=color, linewidth=1.0, linestyle="--")
    ax.axhline(threshold, color="0.4", linewidth=0.8, linestyle=":", label=f"threshold {threshold:g}")
    ax.set_xlim(math.pi / 5 - 0.05, 4 * math.pi / 5 + 0.05)
    ax.set_ylim(-0.35, 1.1)
    ax.set_xlabel("frequency $c$ (radians per sample)")
    ax.set_ylabel("$K_c$ (dashed: median $K$)")
    ax.set_title("0-1 test: $K_c$ per frequency", loc="left")
    ax.legend(loc="center right", fontsize=8)


def _rows(ax, ks, threshold):
    for n, (label, curve) in enumerate(ks):
        k = _arr(curve["k"])
        ax.plot(k, np.full(k.size, n), linestyle="none", marker="|", color="0.55", markersize=6)
        median = curve.get("zero_one_k")
        if median is not None:
            ax.plot([median], [n], marker="D", color="black", markersize=4)
    ax.axvline(threshold, color="0.4", linewidth=0.8, linestyle=":")
    ax.set_yticks(range(len(ks)))
    ax.set_yticklabels([label for label, _ in ks], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(-0.35, 1.1)
    ax.set_xlabel("$K_c$ (ticks: each frequency; diamond: median $K$; dotted: threshold)")
    ax.set_title("0-1 test per series", loc="left")
