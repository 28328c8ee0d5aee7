"""Figures of simulated systems: the attractor (3-D projection, phase portrait or return map) and its series."""

from __future__ import annotations

from . import pyplot, save_figure

MAX_POINTS = 200_000


def _label(name: str) -> str:
    greek = {"theta": r"\theta", "theta1": r"\theta_1", "theta2": r"\theta_2", "omega1": r"\omega_1",
             "omega2": r"\omega_2", "px": "p_x", "py": "p_y", "vx": "v_x", "vy": "v_y"}
    if name in greek:
        return f"${greek[name]}$"
    if len(name) > 1 and name[0].isalpha() and name[1:].isdigit():
        return f"${name[0]}_{{{name[1:]}}}$"
    return f"${name}$"


def plot_attractor(traj, path: str, kind: str, delay: float | None = None) -> None:
    """Draw ``traj`` (a :class:`tscomplex.systems.Trajectory`) and save it to ``path``.

    Left: the attractor, as a 3-D projection of the first three components
    (flows of dimension >= 3), a phase portrait (2-D), a return map
    x_{n+1} against x_n (1-D maps) or a delay portrait x(t - tau) against
    x(t) (the delay equation); for a Hamiltonian orbit, the orbit in the
    position plane. Right: the first component against time.
    """
    plt = pyplot()
    values = traj.values
    if values.shape[0] > MAX_POINTS:
        values = values[:MAX_POINTS]
    time = traj.time[:values.shape[0]]
    names = traj.components
    dim = values.shape[1]
    discrete = kind == "map"
    three_d = dim >= 3 and kind in ("flow",)
    fig = plt.figure(figsize=(10.5, 4.4))
    if three_d:
        ax = fig.add_subplot(1, 2, 1, projection="3d")
        ax.plot(values[:, 0], values[:, 1], values[:, 2], color="0.15", lw=0.35, alpha=0.85, label="trajectory")
        ax.set_xlabel(_label(names[0]))
        ax.set_ylabel(_label(names[1]))
        ax.set_zlabel(_label(names[2]))
        from matplotlib.ticker import MaxNLocator

        for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
            axis.set_major_locator(MaxNLocator(5))  # the default crowds the tick labels together
        ax.view_init(elev=22, azim=-60)
        ax.set_title(f"{traj.name}: 3-D projection")
    else:
        ax = fig.add_subplot(1, 2, 1)
        if dim == 1 and kind == "delay" and delay:
            lag = max(1, int(round(delay / traj.dt)))
            x = values[:, 0]
            ax.plot(x[:-lag], x[lag:], color="0.15", lw=0.4, label=f"delay portrait, lag {delay:g}")
            ax.set_xlabel(r"$x(t - \tau)$")
            ax.set_ylabel(r"$x(t)$")
            ax.set_title(f"{traj.name}: delay portrait")
        elif dim == 1:
            x = values[:, 0]
            ax.plot(x[:-1], x[1:], ls="none", marker=".", ms=1.5, color="0.1", label=r"$(x_n, x_{n+1})$")
            ax.set_xlabel(r"$x_n$")
            ax.set_ylabel(r"$x_{n+1}$")
            ax.set_title(f"{traj.name}: return map")
        else:
            # a long orbit fills its annulus solid: draw the first few thousand samples, where its shape shows
            shown_orbit = values.shape[0] if discrete else min(values.shape[0], 3000)
            style = dict(ls="none", marker=".", ms=1.5) if discrete else dict(lw=0.5)
            label = "iterates" if discrete else (
                "orbit" if shown_orbit == values.shape[0] else f"orbit, first {shown_orbit:,} samples")
            ax.plot(values[:shown_orbit, 0], values[:shown_orbit, 1], color="0.1", label=label, **style)
            ax.set_xlabel(_label(names[0]))
            ax.set_ylabel(_label(names[1]))
            what = "orbit in the position plane" if kind == "hamiltonian" else "phase portrait"
            ax.set_title(f"{traj.name}: {what}")
            if kind == "hamiltonian":
                ax.set_aspect("equal", adjustable="datalim")
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), markerscale=6, borderaxespad=1.6)
    ax2 = fig.add_subplot(1, 2, 2)
    shown = min(values.shape[0], 300 if discrete else 2000)
    ax2.plot(time[:shown], values[:shown, 0], color="0.1", lw=0.9, ls="-",
             marker="o" if discrete else None, ms=2.5, label=_label(names[0]))
    if dim > 1:
        ax2.plot(time[:shown], values[:shown, 1], color="0.55", lw=0.9, ls="--", label=_label(names[1]))
    unit = "iteration $n$" if discrete else "time $t$"
    ax2.set_xlabel(unit)
    ax2.set_ylabel(_label(names[0]) if dim == 1 else f"{_label(names[0])}, {_label(names[1])}")
    ax2.set_title("series (first samples)")
    if dim > 1:  # above the axes, so it never sits on the curves
        ax2.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, borderaxespad=0.2)
    fig.tight_layout()
    save_figure(fig, path)
