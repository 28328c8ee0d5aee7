"""Figures for the fractal family: F(n), R/S, the MFDFA spectrum and local slopes of C(r), fit regions marked."""

from __future__ import annotations

import numpy as np

from . import LINESTYLES, MARKERS, pyplot, save_figure

MAX_LABELLED = 8  # more series than this are drawn thin and grey, without their fitted lines

PANELS = ("dfa", "rescaled_range", "mfdfa", "correlation_sum")


def _arr(values):
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def fractal_figure(labelled_curves, path: str) -> None:
    """One panel per measure present in ``[(label, curves), ...]`` (curves as written by ``--curves``)."""
    present = [p for p in PANELS if any(c["curve"] == p for _, cs in labelled_curves for c in cs)]
    plt = pyplot()
    cols = 1 if len(present) == 1 else 2
    rows = (len(present) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.4 * cols, 4.0 * rows), squeeze=False)
    many = len(labelled_curves) > MAX_LABELLED
    for ax, panel in zip(axes.ravel(), present):
        for n, (label, curves) in enumerate(labelled_curves):
            style = dict(color="0.6", linewidth=0.7) if many else dict(
                color=f"C{n % 10}", linestyle=LINESTYLES[n % len(LINESTYLES)], marker=MARKERS[n % len(MARKERS)],
                markersize=3.5)
            name = "" if many or len(labelled_curves) == 1 else f"{label}: "
            for k, curve in enumerate(c for c in curves if c["curve"] == panel):
                _DRAW[panel](ax, curve, style, name, many, n, k)
        if many:
            ax.plot([], [], color="0.6", linewidth=0.7, label=f"{len(labelled_curves)} series")
        ax.legend(loc="best", fontsize=7 if len(labelled_curves) > 1 else 8)
    for ax in axes.ravel()[len(present):]:
        ax.set_visible(False)
    fig.tight_layout()
    save_figure(fig, path)


def _shade(ax, lo, hi, n, label):
    ax.axvspan(lo, hi, color=f"C{n % 10}", alpha=0.10, linewidth=0, label=label)


def _first(ax, label):
    """``label`` the first time it is asked for on ``ax``, then None (one legend entry for many lines)."""
    seen = ax.__dict__.setdefault("_tscomplex_labels", set())
    if label in seen:
        return None
    seen.add(label)
    return label


def _dfa(ax, curve, style, name, many, n, _k):
    s, f = _arr(curve["scale"]), _arr(curve["fluctuation"])
    ax.loglog(s, f, **style, label=None if many else f"{name}$F(n)$")
    crossover = curve.get("crossover")
    if not many:  # each series' own range: a crossover moves it
        _shade(ax, curve["fit_start"], curve["fit_end"], n, f"{name}fit range {curve['fit_start']}..{curve['fit_end']}")
    if crossover is not None:
        ax.axvline(crossover, color=style["color"] if many or name else "0.2", linestyle=":", linewidth=1.2,
                   alpha=0.5 if many else 0.9,
                   label=_first(ax, "crossovers") if many else f"{name}crossover $n$ = {crossover:.0f}: $\\alpha$ "
                                           f"{curve['alpha_short']:.2f} | {curve['alpha_long']:.2f}")
    if not many:
        k = np.array([curve["fit_start"], curve["fit_end"]], dtype=float)
        ax.loglog(k, np.exp(curve["intercept"]) * k ** curve["alpha"], color="black" if not name else style["color"],
                  linestyle="--", linewidth=2.2, alpha=0.8, label=f"{name}fit $\\alpha$ = {curve['alpha']:.3f}")
    ax.set_xlabel("scale $n$ (samples)")
    ax.set_ylabel("$F(n)$")
    ax.set_title(f"DFA-{curve['order']}", loc="left")


def _rescaled(ax, curve, style, name, many, n, _k):
    s = _arr(curve["scale"])
    ax.loglog(s, _arr(curve["rescaled_range"]), **style, label=None if many else f"{name}$R/S$")
    if not many and n == 0:
        ax.loglog(s, _arr(curve["expected_rescaled_range"]), color="0.3", linestyle=":",
                  label="white noise (Anis-Lloyd-Peters)")
    ax.set_xlabel("scale $n$ (samples)")
    ax.set_ylabel("$R/S$")
    ax.set_title("Rescaled range", loc="left")


def _mfdfa(ax, curve, style, name, many, n, _k):
    ax.plot(_arr(curve["alpha"]), _arr(curve["f_alpha"]), **style, label=None if many else f"{name}$f(\\alpha)$")
    ax.set_xlabel("singularity strength $\\alpha$")
    ax.set_ylabel("$f(\\alpha)$")
    ax.set_title(f"MFDFA-{curve['order']} singularity spectrum", loc="left")


def _correlation(ax, curve, style, name, many, n, k):
    r, c = _arr(curve["radius"]), _arr(curve["correlation_sum"])
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.gradient(np.log(c), np.log(r))
    style = dict(style)
    if not many:
        style["linestyle"] = LINESTYLES[k % len(LINESTYLES)]
        style["alpha"] = 1.0 if k == 0 else 0.55
    label = f"{name}$m$ = {curve['embedding_dim']}" if k == 0 else ("higher $m$ (fainter)" if n == 0 and k == 1 else None)
    ax.semilogx(r, slope, **style, label=None if many else label)
    if k == 0 and not many and curve.get("fit_start") is not None:
        _shade(ax, curve["fit_start"], curve["fit_end"], n, f"{name}scaling region")
        ax.hlines(curve["correlation_dimension"], curve["fit_start"], curve["fit_end"],
                  color="black" if not name else style["color"], linewidth=2.2,
                  linestyle="--", label=f"{name}$D_2$ = {curve['correlation_dimension']:.3f}")
    ax.set_xlabel("radius $r$ (data units)")
    ax.set_ylabel("local slope $d\\,\\ln C(r) / d\\,\\ln r$")
    ax.set_title("Correlation dimension", loc="left")


_DRAW = {"dfa": _dfa, "rescaled_range": _rescaled, "mfdfa": _mfdfa, "correlation_sum": _correlation}
