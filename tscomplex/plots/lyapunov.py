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
    empty = [r for r in results if np.asarray(r.divergence).size == 0]
    if empty:  # refused before any pairs were followed (too few cycles): say why instead of blank axes
        import textwrap

        text = "\n".join(textwrap.fill(f"{label + ': ' if label else ''}{r.reason}", 60)
                         for r, label in zip(results, labels) if np.asarray(r.divergence).size == 0)
        ax.text(0.5, 0.5, f"no divergence curve\n{text}", transform=ax.transAxes, ha="center", va="center",
                fontsize=9, color="0.25")
    for n, (result, label) in enumerate(zip(results, labels)):
        if np.asarray(result.divergence).size == 0:
            continue
        t = result.steps * result.dt
        colour = f"C{n % 10}"
        name = f"{label}: " if label else ""
        every = max(1, t.size // 25)
        ax.plot(t, result.divergence, color=colour, linestyle=LINESTYLES[n % len(LINESTYLES)],
                marker=MARKERS[n % len(MARKERS)], markevery=every, markersize=3.5,
                label=f"{name}$\\langle \\ln d(k) \\rangle$ ({_curve_method(result)})")
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
    if unit in ("samples", "iterations"):
        from matplotlib.ticker import MaxNLocator

        ax.set_xlabel(f"$k$ ({unit})")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.set_xlabel(f"$k\\,\\Delta t$ ({unit})")
    ax.set_ylabel("$\\langle \\ln d(k) \\rangle$")
    ax.set_title("Divergence of nearest neighbours")
    if len(empty) == len(results):
        ax.set_xticks([])
        ax.set_yticks([])
        save_figure(fig, path)
        return
    # below the axes, so it never hides the curves
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1 if len(results) == 1 else 2)
    save_figure(fig, path)


def _log_spaced(times, indices, count: int) -> list:
    """Up to ``count`` of ``indices`` spread evenly in log time (the markers of a log-time axis)."""
    if indices.size == 0:
        return []
    logs = np.log(times[indices])
    targets = np.linspace(logs[0], logs[-1], count)
    picked = np.unique(indices[np.clip(np.searchsorted(logs, targets), 0, indices.size - 1)])
    return [int(k) for k in picked]


def _per(unit):
    return {"time units": "time unit", "samples": "sample", "iterations": "iteration"}.get(unit, unit)


def _reference_exponents(result):
    """(published exponents at the parameters used or None, their source or None, the system's kind)."""
    try:
        from ..systems import get

        system = get(result.system)
    except Exception:  # not a catalog system (a test double, say): draw without a reference
        return None, None, None
    for ref in system.references:
        if all(abs(float(result.params.get(k, v)) - float(v)) < 1e-12 for k, v in ref.params.items()):
            return np.asarray(ref.exponents, dtype=float), ref.source, system.kind
    return None, None, system.kind


def spectrum_figure(result, path: str) -> None:
    """Running estimate of each Lyapunov exponent against time, one panel each (from ``lyapunov_spectrum``).

    Exponents differ by orders of magnitude (Lorenz: 0.9 and -14.6), so each gets
    its own panel and y scale; the final value is a dotted line and a published
    reference, where the catalog has one for these parameters, a grey band of
    +-1% around it. Systems with more than four exponents show the first three
    and the last. ``result`` needs ``times``, ``history`` (k x dim),
    ``exponents``, ``system`` and ``params``.
    """
    history = np.asarray(result.history, dtype=float)
    times = np.asarray(result.times, dtype=float)
    if history.ndim != 2 or history.shape[0] != times.size:
        raise ValueError("the spectrum has no running estimates to plot")
    keep = times > 0  # a log time axis shows the early transient and the slow convergence alike
    times, history = times[keep], history[keep]
    n_exp = history.shape[1]
    shown = list(range(n_exp)) if n_exp <= 4 else [0, 1, 2, n_exp - 1]
    collapsed = [i for i in shown if not np.isfinite(result.exponents[i])]   # -inf: a sliding orbit, no curve
    shown = [i for i in shown if i not in collapsed]
    reference, source, kind = _reference_exponents(result)
    is_map = kind == "map"
    plt = pyplot()
    fig, axes = plt.subplots(len(shown), 1, figsize=(7.2, 1.5 * len(shown) + 0.8), sharex=True, squeeze=False)
    for ax, i in zip(axes[:, 0], shown):
        final = float(result.exponents[i])
        ref = reference[i] if reference is not None and i < reference.size else None
        # the y range: the last 1.5 decades of the log time axis, the final value and the reference, so the
        # running estimate is on the axis over most of the figure (the early transient may leave the frame)
        late = history[times >= times[-1] / 10 ** 1.5, i]
        lo, hi = float(min(np.min(late), final)), float(max(np.max(late), final))
        if ref is not None:
            lo, hi = min(lo, ref), max(hi, ref)
        pad = max(0.15 * (hi - lo), 0.02 * max(abs(final), 0.05))
        lo, hi = lo - pad, hi + pad
        visible = np.flatnonzero((history[:, i] >= lo) & (history[:, i] <= hi))
        every = _log_spaced(times, visible, 15)  # markers where the line is on the axis, even in log time
        ax.plot(times, history[:, i], color="black", linestyle=LINESTYLES[i % len(LINESTYLES)], linewidth=1.1,
                marker=MARKERS[i % len(MARKERS)], markevery=every, markersize=4, label="running estimate")
        ax.axhline(final, color="0.35", linewidth=0.9, linestyle=":", label=f"final {final:.5g}")
        if ref is not None:
            half = max(abs(ref) * 0.01, 1e-3)
            ax.axhspan(ref - half, ref + half, color="0.85", zorder=0, label=f"reference {ref:.5g} \u00b1 {half:.2g}")
        ax.set_ylabel(f"$\\lambda_{{{i + 1}}}$", rotation=0, labelpad=12)
        ax.set_ylim(lo, hi)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, handlelength=1.8)
    axes[-1, 0].set_xscale("log")
    axes[-1, 0].set_xlabel("iterations $n$" if is_map else "time $t$ (time units)")
    axes[0, 0].set_title(f"Lyapunov spectrum of {result.system} (tangent-space QR)", loc="left")
    notes = [f"reference: {source}"] if reference is not None else []
    notes += [f"$\\lambda_{{{i + 1}}} = -\\infty$ (sliding along the switching surface)" for i in collapsed]
    if notes:
        fig.text(0.01, -0.02, "; ".join(notes), fontsize=7, color="0.3", ha="left", va="top")
    fig.align_ylabels(axes[:, 0])
    save_figure(fig, path)


def indicator_figure(result, path: str) -> None:
    """SALI or GALI_k against time on a log scale, with the threshold and the time the verdict was reached.

    GALI_k with k above the degrees of freedom is drawn on log-log axes, where a
    regular orbit's power law is a straight line.
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    t = np.asarray(result.times, dtype=float)
    v = np.asarray(result.values, dtype=float)
    keep = (t > 0) & (v > 0)
    name = "SALI" if result.indicator == "sali" else f"GALI$_{{{result.k}}}$"
    ax.plot(t[keep], v[keep], color="C0", label=name)
    ax.set_yscale("log")
    if result.indicator == "gali" and result.chaotic is None and "power law" in result.reason:
        ax.set_xscale("log")
        power = -2 * (result.k - result.ic.size // 2)
        late = t[keep][t[keep] >= t[keep][-1] / 100]
        if late.size > 1:  # the regular orbit's law, through the late values' geometric mean
            anchor = np.exp(np.mean(np.log(v[keep][t[keep] >= late[0]]) - power * np.log(late)))
            ax.plot(late, anchor * late ** power, color="C1", linestyle="--", label=f"$t^{{{power}}}$ (regular)")
    ax.axhline(result.threshold, color="0.4", linestyle=":", label=f"threshold {result.threshold:g}")
    if result.decision_time is not None:
        ax.axvline(result.decision_time, color="C3", linestyle="--",
                   label=f"chaotic at t = {result.decision_time:.4g}")
    verdict = {True: "chaotic", False: "regular", None: "undecided"}[result.chaotic]
    ic = ", ".join(f"{x:.4g}" for x in result.ic)
    ax.set_title(f"{result.system}, ic = ({ic}): {verdict}", fontsize=10)
    ax.set_xlabel("time" if result.dt != 1.0 else "iterations")
    ax.set_ylabel(name)
    ax.legend(fontsize=8, loc="lower left")
    save_figure(fig, path)


def indicator_map_figure(result, path: str) -> None:
    """The SALI map of a surface of section: log10 SALI at the end of each orbit (dark: chaotic, aligned;
    bright: regular), white outside the energetically allowed region."""
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.0, 5.0))
    with np.errstate(divide="ignore"):
        shown = np.log10(np.clip(result.final, 1e-16, None))
    mesh = ax.pcolormesh(result.y, result.py, shown, shading="nearest", cmap="viridis", vmin=-16, vmax=0)
    cut = float(np.log10(result.threshold))
    bar = fig.colorbar(mesh, ax=ax, label="log$_{10}$ SALI at t = %g (chaotic below the line, %g)"
                       % (result.t_max, cut))
    bar.ax.axhline(cut, color="white", linewidth=2.0)
    bar.ax.axhline(cut, color="black", linewidth=0.8)
    flags = [c for row in result.chaotic for c in row if c is not None]
    ax.set_title(f"{result.system}, E = {result.energy:.4g}, section x = 0: {sum(flags)} chaotic, "
                 f"{len(flags) - sum(flags)} regular orbits", fontsize=10)
    ax.set_xlabel("y")
    ax.set_ylabel("$p_y$")
    save_figure(fig, path)


def _curve_method(result) -> str:
    """The estimator of the curve drawn: Kantz's at the radius epsilon_min when the flag came from a range of radii."""
    epsilon = getattr(result, "epsilon_min", None)
    return result.method if epsilon is None else f"kantz, $\\varepsilon$ = {epsilon:.3g}"
