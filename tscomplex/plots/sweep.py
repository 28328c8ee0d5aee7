"""The tau-sweep figure: H(tau) and C(tau) side by side, several series sharing panels.

Up to three series get a row of panels each: the curves, PECCARY's
recommended band of t_pat/t_nat shaded, the ideal tau marked, and a
t_pat/t_nat axis on top. More series share panels, one colour (and line style) each, up to
:data:`PER_PANEL` per row of panels; each series' ideal tau is a tick in its
colour. The title states d and the range of tau.
"""

from __future__ import annotations

import numpy as np

from . import LINESTYLES, MARKERS, pyplot, save_figure

PER_PANEL = 6
STACK_LIMIT = 3  # up to this many series, each has its own row of panels
COLOURS = ["#1b4f9c", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d", "#e67e22"]


def _tau_range(sweeps) -> str:
    taus = [t for s in sweeps for t in s["taus"]]
    lo, hi = int(min(taus)), int(max(taus))
    return rf"$\tau = {lo}$" if lo == hi else rf"$\tau = {lo}$ to ${hi}$"


def sweep_figure(sweeps, dim: int, path: str) -> None:
    """Draw ``sweeps`` (dicts with label, taus, h, c, dt, t_nat or None, ideal_tau or None) to ``path``."""
    if len(sweeps) <= STACK_LIMIT:
        _stacked(sweeps, dim, path)
    else:
        _shared(sweeps, dim, path)


def _axes_style(ax, key, symbol, name, taus, values):
    from matplotlib.ticker import MaxNLocator

    ax.set_xlabel(r"Delay $\tau$ (samples)")
    ax.set_ylabel(rf"{name} ${symbol}$")
    ax.set_xlim(float(np.min(taus)), float(np.max(taus)) if np.max(taus) > np.min(taus) else np.min(taus) + 1)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    top = max(0.05, float(np.nanmax(values)) * 1.15) if np.isfinite(np.nanmax(values)) else 1.0
    ax.set_ylim(0.0, 1.02 if key == "h" else top)


def _stacked(sweeps, dim, path):
    """One row of panels per series (up to :data:`STACK_LIMIT`), each with its band and t_pat/t_nat axis."""
    from ..plane.bounds import periodic_entropy_bounds
    from ..plane.sweep import IDEAL_RATIO_BAND

    plt = pyplot()
    rows = len(sweeps)
    fig, axes = plt.subplots(rows, 2, figsize=(9.0, 3.0 * rows + 0.9), squeeze=False)
    h_per = periodic_entropy_bounds(dim)[1] if 3 <= dim <= 8 else None
    handles = {}
    for row, sweep in enumerate(sweeps):
        taus = np.asarray(sweep["taus"], dtype=float)
        t_nat, dt, best = sweep.get("t_nat"), sweep.get("dt") or 1.0, sweep.get("ideal_tau")
        for col, (key, symbol, name) in enumerate((("h", "H", "Permutation entropy"),
                                                    ("c", "C", "Statistical complexity"))):
            ax = axes[row, col]
            if t_nat:
                lo, hi = (r * t_nat / ((dim - 1) * dt) for r in IDEAL_RATIO_BAND)
                handles["band"] = ax.axvspan(lo, hi, color="0.85", zorder=0, lw=0,
                                             label=rf"recommended ${IDEAL_RATIO_BAND[0]} \leq t_{{pat}}/t_{{nat}} "
                                                   rf"\leq {IDEAL_RATIO_BAND[1]}$")
            if best:
                handles["ideal"] = ax.axvline(best, color="black", lw=1.0, ls="--", zorder=1,
                                              label=r"ideal $\tau$ ($t_{pat} = 0.4\,t_{nat}$)")
                ax.annotate(rf"$\tau = {best}$", (best, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -5),
                            textcoords="offset points", ha="left", va="top", fontsize=8,
                            bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none"))
            if key == "h" and h_per is not None:
                handles["hper"] = ax.axhline(h_per, color="0.4", lw=1.0, ls=":", zorder=1,
                                             label=r"$H_{\max,per}$ (regular below)")
            (line,) = ax.plot(taus, sweep[key], color=COLOURS[col * 2], ls=LINESTYLES[col], marker=MARKERS[col],
                              ms=3 if taus.size <= 80 else 0, lw=1.4, zorder=2, label=rf"${symbol}(\tau)$")
            handles[key] = line
            _axes_style(ax, key, symbol, name, taus, np.asarray(sweep[key], dtype=float))
            if t_nat:
                factor = (dim - 1) * dt / t_nat
                top = ax.secondary_xaxis("top", functions=(lambda t, f=factor: t * f, lambda r, f=factor: r / f))
                top.set_xlabel(r"$t_{pat}/t_{nat} = (d-1)\,\tau\,\delta t\,/\,t_{nat}$", fontsize=9)
                ax.spines["top"].set_visible(True)
        if rows > 1:
            axes[row, 0].annotate(f"{sweep['label']}  ($d = {dim}$, {_tau_range([sweep])})", (0.0, 1.0),
                                  xycoords="axes fraction", xytext=(0, 34 if t_nat else 6),
                                  textcoords="offset points", fontsize=10, fontweight="bold", ha="left",
                                  va="bottom")
    if rows == 1:
        fig.suptitle(f"{sweeps[0]['label']}  ($d = {dim}$, {_tau_range(sweeps)})", fontsize=11)
    order = [k for k in ("h", "c", "band", "ideal", "hper") if k in handles]
    fig.legend([handles[k] for k in order], [handles[k].get_label() for k in order], loc="lower center",
               ncol=3, fontsize=8.5, frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.45 / (3.0 * rows + 0.9), 1, 1))
    save_figure(fig, path)


def _shared(sweeps, dim, path):
    from ..plane.bounds import periodic_entropy_bounds

    plt = pyplot()
    rows = -(-len(sweeps) // PER_PANEL)
    per = -(-len(sweeps) // rows)  # balanced: 8 series are two panels of 4, not 6 and 2
    fig, axes = plt.subplots(rows, 2, figsize=(10.5, 3.3 * rows + 0.6), squeeze=False)
    h_per = periodic_entropy_bounds(dim)[1] if 3 <= dim <= 8 else None
    for row in range(rows):
        members = sweeps[row * per:(row + 1) * per]
        for col, (key, symbol, name) in enumerate((("h", "H", "Permutation entropy"),
                                                    ("c", "C", "Statistical complexity"))):
            ax = axes[row, col]
            values = []
            for k, sweep in enumerate(members):
                taus = np.asarray(sweep["taus"], dtype=float)
                colour, style = COLOURS[k % len(COLOURS)], LINESTYLES[k % len(LINESTYLES)]
                label = sweep["label"] + (rf", ideal $\tau$ = {sweep['ideal_tau']}" if sweep.get("ideal_tau") else "")
                ax.plot(taus, sweep[key], color=colour, ls=style, lw=1.3, marker=MARKERS[k % len(MARKERS)],
                        ms=2.5 if taus.size <= 60 else 0, zorder=2, label=label if col == 0 else None)
                values.extend(np.asarray(sweep[key], dtype=float).tolist())
                if sweep.get("ideal_tau"):
                    ax.axvline(sweep["ideal_tau"], color=colour, lw=0.9, ls="--", zorder=1, alpha=0.8)
            if key == "h" and h_per is not None:
                ax.axhline(h_per, color="0.4", lw=1.0, ls=":", zorder=1,
                           label=r"$H_{\max,per}$ (regular below)" if row == 0 else None)
            all_taus = np.concatenate([np.asarray(s["taus"], dtype=float) for s in members])
            _axes_style(ax, key, symbol, name, all_taus, np.asarray(values, dtype=float))
        handles, names = axes[row, 0].get_legend_handles_labels()
        axes[row, 1].legend(handles, names, loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize=7.5,
                            handlelength=2.4, title=f"series {row * per + 1}-{row * per + len(members)}"
                            if rows > 1 else None, title_fontsize=8)
    fig.suptitle(rf"$H(\tau)$ and $C(\tau)$ of {len(sweeps)} series ($d = {dim}$, {_tau_range(sweeps)}); "
                 r"dashed: each series' ideal $\tau$", fontsize=10.5)
    fig.tight_layout()
    save_figure(fig, path)
