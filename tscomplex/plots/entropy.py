"""Figures for the entropy family: multiscale entropy against scale, one line per series."""

from __future__ import annotations

import numpy as np

from . import LINESTYLES, MARKERS, pyplot, save_figure

MAX_LABELLED = 8  # more series than this are drawn thin and grey, with their median on top


def multiscale_figure(curves, path: str) -> None:
    """Entropy per scale for ``[(label, curve), ...]`` (curves as written by ``--curves``).

    The permutation method adds a second panel with the statistical
    complexity per scale. Undefined values (null) leave gaps.
    """
    plt = pyplot()
    permutation = any("statistical_complexity" in c for _, c in curves)
    panels = 2 if permutation else 1
    fig, axes = plt.subplots(1, panels, figsize=(5.6 * panels, 4.0), squeeze=False)
    method = curves[0][1].get("method", "sample") if curves else "sample"
    keys = [("entropy", _entropy_label(method))]
    if permutation:
        keys.append(("statistical_complexity", "statistical complexity $C$"))
    many = len(curves) > MAX_LABELLED
    for ax, (key, ylabel) in zip(axes[0], keys):
        stack = []
        for n, (label, curve) in enumerate(curves):
            s = np.asarray(curve["scale"], dtype=float)
            y = np.array([np.nan if v is None else v for v in curve.get(key, [])], dtype=float)
            if y.size != s.size:
                continue
            if many:
                ax.plot(s, y, color="0.6", linewidth=0.7, alpha=0.6)
                stack.append(y)
            else:
                ax.plot(s, y, color=f"C{n % 10}", linestyle=LINESTYLES[n % len(LINESTYLES)],
                        marker=MARKERS[n % len(MARKERS)], markersize=4, label=label)
        if many and stack:
            lengths = {a.size for a in stack}
            if len(lengths) == 1:
                ax.plot(s, np.nanmedian(np.vstack(stack), axis=0), color="black", linewidth=2.0,
                        label=f"median of {len(stack)} series")
            ax.plot([], [], color="0.6", linewidth=0.7, label="each series")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("scale $s$ (samples per coarse-grained value)")
        ax.set_ylabel(ylabel)
        ax.legend(loc="best")
    axes[0, 0].set_title(f"Multiscale entropy ({method.replace('_', ' ')})", loc="left")
    fig.tight_layout()
    save_figure(fig, path)


def _entropy_label(method: str) -> str:
    if method == "permutation":
        return "permutation entropy $H$ (normalized)"
    return "sample entropy $\\mathrm{SampEn}(m, r)$ (nats)"
