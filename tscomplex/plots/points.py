"""The series on a complexity-entropy plane: colours, markers, labels or a legend, fast for many points.

Up to a dozen series each get their own colour and marker and a label beside
the point (``labels="auto"``). Past a dozen, labels would cover each other:
the series get a legend instead, beside the axes, one entry each up to
:data:`MAX_LEGEND_ENTRIES`; beyond that the points are coloured by a field
(``color_by``, by default the regime) with one legend entry per value, or by
a colour scale when the field is numeric. ``labels="all"`` labels every point
anyway and ``labels="none"`` never does. Many points are drawn with one
``scatter`` call per colour group, so a thousand draw in well under a second.
"""

from __future__ import annotations

import numpy as np

from . import LINESTYLES, MARKERS

LABEL_LIMIT = 12  # series beyond which "auto" gives a legend instead of labels
MAX_LEGEND_ENTRIES = 30  # series beyond which they are grouped by colour instead of listed
COLOURS = ["#1b4f9c", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#4d4d4d", "#e67e22"]
CATEGORY_COLOURS = ["#1b4f9c", "#c0392b", "#1e8449", "#7d3c98", "#b9770e", "#117a8b", "#e67e22", "#4d4d4d",
                    "#8c564b", "#e377c2", "#17becf", "#bcbd22"]
MISSING_COLOUR = "#9a9a9a"
LABEL_MODES = ("auto", "none", "all")


def point_arrays(point):
    h = np.atleast_1d(np.asarray(point.h, dtype=float))
    c = np.atleast_1d(np.asarray(point.c, dtype=float))
    good = np.isfinite(h) & np.isfinite(c)
    return h[good], c[good]


def tau_text(points) -> str | None:
    """What the figure says about tau: one value, a range of paths, or the values of the points."""
    taus = sorted({int(t) for p in points for t in (p.taus or ())})
    if not taus:
        return None
    paths = any(len(p.taus) > 1 for p in points)
    if len(taus) == 1:
        return rf"$\tau = {taus[0]}$"
    if paths:
        return rf"$\tau = {taus[0]}$ to ${taus[-1]}$ (paths)"
    if len(taus) <= 4:
        return r"$\tau \in \{" + ", ".join(map(str, taus)) + r"\}$"
    return rf"$\tau = {taus[0]}$ to ${taus[-1]}$"


def _numeric(values) -> bool:
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present) \
        and len(set(present)) > len(CATEGORY_COLOURS)


def draw_points(fig, ax, points, labels: str = "auto", color_by: str | None = None):
    """Draw ``points`` on ``ax``.

    Returns the items to label beside their point (for the label placer) and
    a note for the figure, or None.
    """
    n = len(points)
    mode = labels if labels != "auto" else ("all" if n <= LABEL_LIMIT else "none")
    note = None
    if color_by is None and n > MAX_LEGEND_ENTRIES and any("regime" in p.fields for p in points):
        color_by = "regime"
        note = f"{n} series coloured by regime; --color-by FIELD or --labels all to tell them apart"
    if color_by is not None:
        values = [p.fields.get(color_by) for p in points]
        if _numeric(values):
            _draw_scale(fig, ax, points, values, color_by)
        else:
            _draw_groups(ax, points, values, color_by)
        items = []
        for p in points:
            h, c = point_arrays(p)
            if h.size:
                items.append((p.label, float(h[-1]), float(c[-1]), "0.15", h, c))
        return (items if mode == "all" else []), note
    items, handles = [], []
    small = n > LABEL_LIMIT
    same_taus = len({tuple(p.taus) for p in points}) == 1
    for i, point in enumerate(points):
        colour, marker = COLOURS[i % len(COLOURS)], MARKERS[(i // len(COLOURS) + i) % len(MARKERS)]
        h, c = point_arrays(point)
        if h.size == 0:
            continue
        label = point.label
        if len(point.taus) > 1 and not same_taus:  # when all share them, the title states the taus once
            label += rf" ($\tau$ {point.taus[0]}$\to${point.taus[-1]})"
        if h.size > 1:
            ax.plot(h, c, color=colour, lw=0.8 if small else 1.0, ls=LINESTYLES[i % len(LINESTYLES)], zorder=3)
            (handle,) = ax.plot(h[1:], c[1:], ls="none", marker=marker, ms=3 if small else 4, color=colour,
                                zorder=4, clip_on=False)
            ax.plot(h[:1], c[:1], ls="none", marker=marker, ms=6.5, mfc="white", mec=colour, mew=1.4, zorder=5,
                    clip_on=False)
        else:
            (handle,) = ax.plot(h, c, ls="none", marker=marker, ms=5.5 if small else 7, color=colour, mec="black",
                                mew=0.5, zorder=5, clip_on=False)
        handles.append((handle, label))
        items.append((label, float(h[-1]), float(c[-1]), colour, h, c))
    if mode == "all":
        return items, None
    if len(handles) > MAX_LEGEND_ENTRIES:  # no legend can list them: say how to tell them apart
        return [], f"{n} series; --color-by FIELD or --labels all to tell them apart"
    if handles:
        side_legend(ax, [h for h, _ in handles], [name for _, name in handles])
    return [], None


def side_legend(ax, handles, names, title=None):
    """A legend beside the axes, on the right, so that it covers no point."""
    ax.figure.legend(handles, names, loc="upper left", bbox_to_anchor=(1.01, 1.0), bbox_transform=ax.transAxes,
                     fontsize=7.5, ncol=1 if len(names) <= 18 else 2, title=title, title_fontsize=8.5,
                     handlelength=1.4, borderaxespad=0.0, alignment="left")


def _draw_groups(ax, points, values, field):
    """One colour and marker per value of ``field``; a legend entry per value with its count."""
    order = []
    for v in values:
        if v not in order:
            order.append(v)
    order.sort(key=lambda v: (v is None, str(v)))
    handles, names = [], []
    for k, value in enumerate(order):
        members = [p for p, v in zip(points, values) if v == value]
        colour = MISSING_COLOUR if value is None else CATEGORY_COLOURS[k % len(CATEGORY_COLOURS)]
        marker = "o" if value is None else MARKERS[k % len(MARKERS)]
        handle = _scatter_members(ax, members, colour, marker)
        handles.append(handle)
        names.append(f"{'none' if value is None else value} ({len(members)})")
    side_legend(ax, handles, names, title=field)


def _scatter_members(ax, members, colour, marker):
    ends_h, ends_c, paths = [], [], []
    for p in members:
        h, c = point_arrays(p)
        if h.size == 0:
            continue
        ends_h.append(h[-1])
        ends_c.append(c[-1])
        if h.size > 1:
            paths.append(np.column_stack([h, c]))
    if paths:
        from matplotlib.collections import LineCollection

        ax.add_collection(LineCollection(paths, colors=colour, linewidths=0.6, alpha=0.6, zorder=3))
    size = 30 if len(ends_h) <= 50 else 16
    return ax.scatter(ends_h, ends_c, s=size, c=colour, marker=marker, edgecolors="black", linewidths=0.3,
                      alpha=0.85, zorder=5, clip_on=False)


def _draw_scale(fig, ax, points, values, field):
    """Colour points by a numeric field on a colour scale, with a colour bar."""
    import matplotlib as mpl

    present = np.array([v for v in values if v is not None], dtype=float)
    norm = mpl.colors.Normalize(vmin=float(present.min()), vmax=float(present.max()))
    cmap = mpl.colormaps["viridis"]
    ends, colours, paths = [], [], []
    for p, v in zip(points, values):
        h, c = point_arrays(p)
        if h.size == 0:
            continue
        colour = MISSING_COLOUR if v is None else cmap(norm(float(v)))
        ends.append((h[-1], c[-1]))
        colours.append(colour)
        if h.size > 1:
            paths.append((np.column_stack([h, c]), colour))
    if paths:
        from matplotlib.collections import LineCollection

        ax.add_collection(LineCollection([p for p, _ in paths], colors=[c for _, c in paths], linewidths=0.6,
                                         alpha=0.7, zorder=3))
    ends = np.array(ends, dtype=float).reshape(-1, 2)
    ax.scatter(ends[:, 0], ends[:, 1], s=22, c=colours, edgecolors="black", linewidths=0.3, zorder=5,
               clip_on=False)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, pad=0.02, fraction=0.05)
    bar.set_label(field)


def simple_labels(ax, items) -> None:
    """Many labels at once (``labels="all"`` past what the placer can search): beside each point, small."""
    for label, h0, c0, colour, *_ in items:
        ax.annotate(label, (h0, c0), xytext=(3, 2), textcoords="offset points", fontsize=5.5, color=colour,
                    zorder=6, clip_on=True)
