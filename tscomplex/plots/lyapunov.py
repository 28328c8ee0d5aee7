"""Figures for Lyapunov exponents: the divergence curve with its fitted region, and spectrum convergence."""

from __future__ import annotations

import numpy as np

from . import LINESTYLES, MARKERS, pyplot, save_figure


def divergence_figure(results, path: str, labels=None, time_unit: str | None = None) -> None:
    """Plot <ln d(k)> against k·dt for one or more :class:`~tscomplex.lyapunov.MaxLyapunovResult`.

    The fitted scaling region is shaded and the fitted line drawn over it, with
    the slope (the exponent) in the legend. A result without a scaling region
    is drawn as a curve only, and the legend says so.
    """
    if not isinstance(results, (list, tuple)):
        results = [results]
    labels = list(labels) if labels is not None else [None] * len(results)
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    unit = time_unit or "time units"
    for n, (result, label) in enumerate(zip(results, labels)):
        t = result.steps * result.dt
        colour = f"C{n % 10}"
        name = f"{label}: " if label else ""
        every = max(1, t.size // 25)
        ax.plot(t, result.divergence, color=colour, linestyle=LINESTYLES[n % len(LINESTYLES)],
                marker=MARKERS[n % len(MARKERS)], markevery=every, markersize=3.5,
                label=f"{name}$\\langle \\ln d(k) \\rangle$ ({result.method})")
        if result.fit_start is None:
            ax.plot([], [], " ", label=f"{name}no scaling region: not chaotic")
            continue
        t0, t1 = result.fit_start * result.dt, result.fit_end * result.dt
        ax.axvspan(t0, t1, color=colour, alpha=0.12, hatch="//" if n == 0 else "\\\\", linewidth=0,
                   label=f"{name}fitted region, k = {result.fit_start}..{result.fit_end}")
        k = np.array([result.fit_start, result.fit_end], dtype=float)
        line = result.fit_intercept + result.max_lyapunov_per_sample * k
        ax.plot(k * result.dt, line, color="black", linestyle="--", linewidth=1.8,
                label=f"{name}fit: $\\lambda_1$ = {result.max_lyapunov:.4g} per {_per(unit)}, "
                      f"$r^2$ = {result.fit_r2:.4f}")
    ax.set_xlabel(f"$k\\,\\Delta t$ ({unit})" if unit != "samples" else "$k$ (samples)")
    ax.set_ylabel("$\\langle \\ln d(k) \\rangle$")
    ax.set_title("Divergence of nearest neighbours")
    # below the axes, so it never hides the curves
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1 if len(results) == 1 else 2)
    save_figure(fig, path)


def _per(unit):
    return {"time units": "time unit", "samples": "sample", "iterations": "iteration"}.get(unit, unit)


def spectrum_figure(result, path: str) -> None:
    """Plot the running estimate of each Lyapunov exponent against time (from ``lyapunov_spectrum``).

    ``result`` needs ``times``, ``history`` (k x dim), ``exponents`` and ``system``.
    """
    history = np.asarray(result.history, dtype=float)
    times = np.asarray(result.times, dtype=float)
    if history.ndim != 2 or history.shape[0] != times.size:
        raise ValueError("the spectrum has no running estimates to plot")
    keep = times > 0  # a log time axis shows the early transient and the slow convergence alike
    times, history = times[keep], history[keep]
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    every = list(np.unique(np.geomspace(1, times.size, 15).astype(int) - 1))  # even on the log axis
    for i in range(history.shape[1]):
        ax.plot(times, history[:, i], color=f"C{i % 10}", linestyle=LINESTYLES[i % len(LINESTYLES)],
                marker=MARKERS[i % len(MARKERS)], markevery=every, markersize=3.5,
                label=f"$\\lambda_{{{i + 1}}}$ \u2192 {result.exponents[i]:.4g}")
    ax.axhline(0.0, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    ax.set_xlabel("time $t$ (time units, or iterations for maps)")
    ax.set_ylabel("running estimate of $\\lambda_i$")
    ax.set_title(f"Lyapunov spectrum of {result.system}: convergence")
    ax.legend(loc="best")
    save_figure(fig, path)
