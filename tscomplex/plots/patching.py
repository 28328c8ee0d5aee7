"""Figure of entropy-guided patches: the series with its patch starts, and the entropy trace below it."""

from __future__ import annotations

import numpy as np

from . import pyplot, save_figure


def _spec_text(spec) -> str:
    """' (q90)' when the threshold was given as a percentile, else ''."""
    return f" ({spec})" if isinstance(spec, str) and spec.strip().lower().startswith("q") else ""


def plot_patches(path: str, values, entropy, starts, *, threshold=None, jump=None, rule: str = "global",
                 threshold_spec=None, jump_spec=None, title: str | None = None,
                 window: tuple[int, int] | None = None) -> None:
    """Two panels on a shared sample axis: x_t with patch starts as vertical lines, and H_t with theta.

    Patch starts are drawn as thin dotted vertical lines on the series and as
    open triangles on the entropy trace, so they read in greyscale.
    The global threshold theta is a dashed horizontal line; a relative rule's
    gamma is named in the legend (it bounds H_t - H_{t-1}, not H_t).
    ``window=(a, b)`` draws samples a <= t < b only (indices stay those of the series).
    """
    plt = pyplot()
    x = np.asarray(values, dtype=float)
    h = np.asarray(entropy, dtype=float)
    starts = np.asarray(starts, dtype=np.int64)
    a, b = window if window is not None else (0, x.size)
    a, b = max(0, a), min(x.size, b)
    t = np.arange(a, b)
    x, h = x[a:b], h[a:b]
    fig, (ax_x, ax_h) = plt.subplots(2, 1, sharex=True, figsize=(7.2, 4.6),
                                     gridspec_kw={"height_ratios": [1.15, 1.0], "hspace": 0.08})
    cuts = starts[(starts > max(a, 0)) & (starts < b)]
    # Many boundaries would paint the panel grey: thin and light when dense.
    dense = cuts.size > 150
    line_kw = {"color": "0.45", "linestyle": ":", "linewidth": 0.5 if dense else 0.8, "alpha": 0.6 if dense else 0.9}
    for c in cuts:
        ax_x.axvline(c - 0.5, **line_kw)
    ax_x.plot(t, x, color="black", linewidth=0.9, label="series $x_t$")
    ax_x.plot([], [], label="patch start", **{k: v for k, v in line_kw.items()
                                                                       if k != "alpha"})
    ax_x.set_ylabel("$x_t$")
    ax_x.legend(loc="upper left", ncol=2, bbox_to_anchor=(0.0, 1.16), borderaxespad=0.0)
    ax_h.plot(t, h, color="tab:blue", linewidth=0.9, drawstyle="steps-mid", label="$H_t$ (next-symbol entropy)")
    if cuts.size and cuts.size <= 400:
        ax_h.plot(cuts, h[cuts - a], linestyle="none", marker="v", markersize=3.5, markerfacecolor="none",
                  markeredgecolor="tab:red", markeredgewidth=0.8, label="patch start")
    if threshold is not None and rule != "relative":
        ax_h.axhline(threshold, color="tab:orange", linestyle="--", linewidth=1.3,
                     label=rf"$\theta$ = {threshold:.3g} nats{_spec_text(threshold_spec)}")
    if jump is not None and rule != "global":
        ax_h.plot([], [], linestyle="none", marker="$\\Delta$", color="0.2",
                  label=rf"rise $H_t - H_{{t-1}} > \gamma$ = {jump:.3g} nats{_spec_text(jump_spec)}")
    ax_h.set_ylabel("$H_t$ (nats)")
    ax_h.set_xlabel("sample index $t$")
    ax_h.set_ylim(bottom=min(0.0, float(h.min()) if h.size else 0.0))
    ax_h.legend(loc="upper left", ncol=2, bbox_to_anchor=(0.0, -0.3), borderaxespad=0.0, handlelength=2.2,
                columnspacing=2.5)
    ax_h.set_xlim(a - 0.5, max(b - 0.5, a + 0.5))
    if title:
        fig.suptitle(title, y=0.95 + 0.05 * (title.count("\n") + 1), fontsize=10.5)
    save_figure(fig, path)


def window_display(n: int, window_starts, width: int) -> np.ndarray:
    """For each sample, the window whose trace the figure shows there: the last window starting at or before
    it that still covers it (-1: in no window). With tiling windows, the one window holding the sample."""
    ws = np.asarray(window_starts, dtype=np.int64)
    t = np.arange(n)
    w = np.searchsorted(ws, t, side="right") - 1
    w[(w < 0) | (t >= ws[np.maximum(w, 0)] + width)] = -1
    return w


def plot_window_patches(path: str, panels, *, rule: str = "global", threshold_spec=None, title: str | None = None,
                        window: tuple[int, int] | None = None) -> None:
    """Per series two panels on a shared sample axis: x_t with alternate windows shaded and patch starts, and
    H_t with each window's threshold theta as a step (a short line over its window).

    ``panels``: (label, values, traces (windows x W), window_starts, thresholds, starts) per series; where
    windows overlap each sample shows the last window that starts before it, with that window's starts.
    Dense starts (over 150 in view) are drawn as ticks above the trace instead of lines across the series.
    """
    plt = pyplot()
    n_series = len(panels)
    height = 1.3 + 2.9 * n_series
    fig, axes = plt.subplots(2 * n_series, 1, sharex=True, figsize=(9.0, height),
                             gridspec_kw={"height_ratios": [1.1, 1.0] * n_series, "hspace": 0.12})
    fig.subplots_adjust(top=1.0 - 1.05 / height, bottom=0.5 / height)
    for i, (label, values, traces, window_starts, thresholds, starts) in enumerate(panels):
        ax_x, ax_h = axes[2 * i], axes[2 * i + 1]
        x = np.asarray(values, dtype=float)
        ws = np.asarray(window_starts, dtype=np.int64)
        width = traces.shape[1]
        shown = window_display(x.size, ws, width)
        h = np.full(x.size, np.nan)
        ok = shown >= 0
        h[ok] = traces[shown[ok], np.arange(x.size)[ok] - ws[shown[ok]]]
        a, b = window if window is not None else (0, x.size)
        a, b = max(0, a), min(x.size, b)
        t = np.arange(a, b)
        starts = np.asarray(starts, dtype=np.int64)
        starts = starts[(starts >= a) & (starts < b)]
        starts = starts[(shown[starts] >= 0) & (starts >= ws[np.maximum(shown[starts], 0)])]
        for w in range(ws.size):
            lo, hi = ws[w], min(ws[w] + width, ws[w + 1] if w + 1 < ws.size else ws[w] + width)
            if hi <= a or lo >= b:
                continue
            if w % 2:
                ax_x.axvspan(lo - 0.5, hi - 0.5, color="0.92", linewidth=0, zorder=0)
                ax_h.axvspan(lo - 0.5, hi - 0.5, color="0.92", linewidth=0, zorder=0)
            if rule != "relative" and np.isfinite(thresholds[w]):
                ax_h.hlines(thresholds[w], lo - 0.5, hi - 0.5, color="tab:orange", linewidth=1.4, zorder=3)
        ax_x.plot(t, x[a:b], color="black", linewidth=0.7, zorder=2)
        ax_h.plot(t, h[a:b], color="tab:blue", linewidth=0.7, drawstyle="steps-mid", zorder=2)
        cuts = starts[~np.isin(starts, ws)]  # window starts are boundaries by rule; the shading shows them
        if cuts.size <= 150:
            for c in cuts:
                ax_x.axvline(c - 0.5, color="tab:red", linestyle=":", linewidth=0.8, alpha=0.8, zorder=1)
        seen = h[a:b][np.isfinite(h[a:b])]
        low, high = (float(seen.min()), float(seen.max())) if seen.size else (0.0, 1.0)
        if rule != "relative" and np.isfinite(thresholds).any():
            low, high = min(low, float(np.nanmin(thresholds))), max(high, float(np.nanmax(thresholds)))
        pad = 0.08 * (high - low) if high > low else 0.1
        ax_h.plot(cuts, np.full(cuts.size, high + 1.6 * pad), linestyle="none", marker="|", markersize=5,
                  color="tab:red", markeredgewidth=0.8, zorder=3)
        ax_h.set_ylim(low - pad, high + 2.6 * pad)  # the trace's own range: small changes stay visible
        ax_x.set_ylabel("$x_t$")
        ax_h.set_ylabel("$H_t$ (nats)")
        ax_x.text(0.005, 0.97, label, transform=ax_x.transAxes, va="top", ha="left", fontsize=8.5,
                  bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5}, zorder=5)
        ax_h.set_xlim(a - 0.5, max(b - 0.5, a + 0.5))
    axes[-1].set_xlabel("sample index $t$")
    handles = [plt.Line2D([], [], color="black", linewidth=0.9, label="series $x_t$"),
               plt.Line2D([], [], color="tab:blue", linewidth=0.9, label="$H_t$ (each window on its own)"),
               plt.Line2D([], [], color="tab:red", marker="|", linestyle="none", label="patch start"),
               plt.Rectangle((0, 0), 1, 1, color="0.92", label="alternate windows (each starts a patch)")]
    if rule != "relative":
        handles.insert(2, plt.Line2D([], [], color="tab:orange", linewidth=1.4,
                                     label=rf"$\theta$ of each window{_spec_text(threshold_spec)}"))
    fig.legend(handles=handles, loc="upper left", ncol=3, bbox_to_anchor=(0.1, 1.0 - 0.4 / height), fontsize=8.5,
               frameon=False)
    if title:
        fig.suptitle(title, y=1.0 - 0.08 / height, va="top", fontsize=10)
    save_figure(fig, path)
