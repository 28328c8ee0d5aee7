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
