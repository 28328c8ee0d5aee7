"""Figures of the generalized planes: Rényi/Tsallis complexity-entropy curves over q, Fisher-Shannon, images."""

from __future__ import annotations

import os

import numpy as np

from . import MARKERS, pyplot, save_figure

#: series drawn with their own colour and a legend entry; past this, one colour scale and no legend
LEGEND_LIMIT = 12


def _bounds(size: int, kind: str = "shannon", q: float = 1.0):
    """(low, high): the min and max families as (H, C) arrays sorted by H, for N = size! patterns; None past
    8! patterns for the Shannon plane (the exact curves stop there) and past 6! for the generalized ones."""
    from ..plane.generalized import maximum_complexity_entropy, minimum_complexity_entropy

    if kind == "shannon" and 3 <= size <= 8:
        from ..plane.bounds import complexity_curves

        curves = complexity_curves(size)
        return np.column_stack([curves.h_min, curves.c_min]), np.column_stack([curves.h_max, curves.c_max])
    if size > (8 if kind == "shannon" else 6):
        return None
    m = 40 if size <= 4 else 8 if size == 5 else 1
    low = minimum_complexity_entropy(size, 400, kind, q)[::-1]
    high = maximum_complexity_entropy(size, m, kind, q)
    return low, high


def _colors(n: int):
    plt = pyplot()
    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20" if n <= 20 else "viridis")
    return [cmap(i if n <= 20 else i / max(n - 1, 1)) for i in range(n)]


def _draw_bounds(ax, size, kind="shannon", q=1.0, label="bounds"):
    bounds = _bounds(size, kind, q)
    if bounds is None:
        ax.text(0.02, 0.02, f"no bounds drawn for {size}! patterns", transform=ax.transAxes, fontsize=8,
                color="0.3")
        return
    low, high = bounds
    ax.plot(low[:, 0], low[:, 1], color="0.55", lw=1, ls="--", label=label)
    ax.plot(high[:, 0], high[:, 1], color="0.55", lw=1, ls="--")


def complexity_entropy_curves_figure(curves, labels, dim: int, path: str, title: str | None = None) -> None:
    """One (H_q, C_q) curve per series (``curves``: :class:`~tscomplex.plane.generalized.ComplexityEntropyCurve`),
    a circle at the smallest q, a square at q = 1 (the Shannon point), and the q = 1 bounds for d! patterns."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    kinds = {c.kind for c in curves}
    kind = kinds.pop() if len(kinds) == 1 else "generalized"
    _draw_bounds(ax, dim, label="bounds at q = 1")
    colors = _colors(len(curves))
    for i, (curve, label) in enumerate(zip(curves, labels)):
        show = len(curves) <= LEGEND_LIMIT
        ax.plot(curve.entropy, curve.complexity, color=colors[i], lw=1.3, label=label if show else None)
        ax.plot(curve.entropy[0], curve.complexity[0], "o", color=colors[i], ms=4, mfc="white")
        one = np.flatnonzero(curve.q == 1.0)
        if one.size:
            ax.plot(curve.entropy[one[0]], curve.complexity[one[0]], "s", color=colors[i], ms=4)
    if curves:
        q = curves[0].q
        note = f"q from {q.min():g} (open circle) to {q.max():g}; square: q = 1"
        ax.text(0.02, 0.98, note, transform=ax.transAxes, va="top", fontsize=8, color="0.3")
    name = {"renyi": "Rényi", "tsallis": "Tsallis"}.get(kind, kind)
    ax.set_xlabel(f"{name} entropy $H_q$")
    ax.set_ylabel(f"{name} complexity $C_q$")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(bottom=0)
    ax.set_title(title or f"{name} complexity-entropy curves (d = {dim})")
    if len(curves) <= LEGEND_LIMIT:
        ax.legend(loc="lower left", fontsize=8)  # curves run to H = 1 on the right
    else:
        _scale_note(ax, len(curves))
    save_figure(fig, path)


def _scale_note(ax, n):
    ax.text(0.98, 0.02, f"{n} series (colour = input order)", transform=ax.transAxes, ha="right", fontsize=8,
            color="0.3")


def fisher_shannon_figure(points, path: str, title: str | None = None) -> None:
    """The Fisher-Shannon plane: ``points`` is a list of (label, H, F)."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    colors = _colors(len(points))
    for i, (label, h, f) in enumerate(points):
        show = len(points) <= LEGEND_LIMIT
        ax.plot(h, f, MARKERS[i % len(MARKERS)] if show else "o", color=colors[i], ms=6 if show else 4,
                label=label if show else None, ls="none")
    ax.set_xlabel("permutation entropy $H$")
    ax.set_ylabel("Fisher information $F$")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_title(title or "Fisher-Shannon plane")
    if len(points) <= LEGEND_LIMIT:
        ax.legend(loc="best", fontsize=8)
    else:
        _scale_note(ax, len(points))
    save_figure(fig, path)


def image_plane_figure(records, size: int, path: str) -> None:
    """Images (records of ``tscomplex image``) on the complexity-entropy plane of size! patterns with its bounds."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.8))
    _draw_bounds(ax, size)
    colors = _colors(len(records))
    labels = _short_labels([r["source"] for r in records])
    show = len(records) <= LEGEND_LIMIT
    for i, (record, label) in enumerate(zip(records, labels)):
        ax.plot(record["permutation_entropy"], record["statistical_complexity"],
                MARKERS[i % len(MARKERS)] if show else "o", color=colors[i], ms=6 if show else 4, ls="none",
                label=label if show else None)
    first = records[0]
    ax.set_xlabel("permutation entropy $H$")
    ax.set_ylabel("statistical complexity $C$")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(bottom=-0.01)  # a white-noise image sits at C = 0
    ax.set_title(f"images: {first['dx']} x {first['dy']} patterns (taux {first['taux']}, tauy {first['tauy']})")
    if show:
        ax.legend(loc="upper left", fontsize=8)
    else:
        _scale_note(ax, len(records))
    save_figure(fig, path)


def _short_labels(paths):
    names = [os.path.basename(p) for p in paths]
    return names if len(set(names)) == len(names) else list(paths)
