"""Finite-time Lyapunov exponents of catalog systems whose stored runs do not converge: the measurements behind
the decisions in docs/systems.md ("Computed invariants").

For each system: one tangent-space run of 32 T (T: the system's spectrum_time) with its running exponent at
T, 2T, ... 32T, lambda_max T (constant: the stretching stopped; growing like log T: a torus), the exponent
of the second half, the windows' finite-time exponents (about 1000 windows: 5/50/95% quantiles, fraction
above 0.01, and the means of 32 consecutive blocks, to see drift), and four other starting points taken from
the orbit (8T each). The stored decision itself comes from tscomplex.lyapunov.catalog.finite_time.

    PYTHONPATH=. python benchmarks/finite_time.py hopalong blinking_vortex_map
"""

from __future__ import annotations

import argparse

import numpy as np


def measure(name: str, starts: int = 4) -> dict:
    from tscomplex.lyapunov.spectrum import lyapunov_spectrum
    from tscomplex.systems.registry import lookup
    from tscomplex.systems.simulation import simulate

    system = lookup(name)
    T = float(system.spectrum_time or (200_000 if system.kind == "map" else 5000.0))
    dt = None if system.kind == "map" else (system.spectrum_dt or min(system.dt, 0.01))
    steps = int(32 * T) if dt is None else int(round(32 * T / dt))
    run = lyapunov_spectrum(name, n_steps=steps, dt=dt, return_history=True)
    cumulative = run.history[:, 0] * run.times
    at = [float(run.history[int(np.argmin(np.abs(run.times - T * 2 ** k))), 0]) for k in range(6)]
    windows = np.diff(cumulative) / np.diff(run.times)
    half = int(np.argmin(np.abs(run.times - run.times[-1] / 2)))
    others = []
    orbit = np.asarray(simulate(name, n=20_000, dt=None if dt is None else system.dt).values)
    for row in np.random.default_rng(1).choice(np.arange(5000, orbit.shape[0]), starts, replace=False):
        other = lyapunov_spectrum(name, n_steps=steps // 4, dt=dt, ic=orbit[row])
        others.append(float(other.exponents[0]))
    return {"T": T, "lambda_at_doublings": at, "lambda_T": [v * T * 2 ** k for k, v in enumerate(at)],
            "second_half": float((cumulative[-1] - cumulative[half]) / (run.times[-1] - run.times[half])),
            "window_length": float(np.mean(np.diff(run.times))),
            "window_quantiles": [float(v) for v in np.quantile(windows, [0.05, 0.5, 0.95])],
            "windows_above_0.01": float(np.mean(windows > 0.01)),
            "block_means": [float(windows[b].mean()) for b in np.array_split(np.arange(windows.size), 32)],
            "other_starts_8T": others}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    for name in args.names:
        m = measure(name)
        print(f"{name} (T = {m['T']:g})")
        print("  lambda_max at T..32T:  " + ", ".join(f"{v:.4g}" for v in m["lambda_at_doublings"]))
        print("  lambda_max T:          " + ", ".join(f"{v:.4g}" for v in m["lambda_T"]))
        print(f"  second half (16T-32T): {m['second_half']:.3g}")
        q = ", ".join(f"{v:.3g}" for v in m["window_quantiles"])
        print(f"  windows of {m['window_length']:.4g}: 5/50/95% {q}; {m['windows_above_0.01']:.1%} above 0.01")
        print("  block means:           " + ", ".join(f"{v:.3g}" for v in m["block_means"]))
        print("  other starts, 8T:      " + ", ".join(f"{v:.4g}" for v in m["other_starts_8T"]))


if __name__ == "__main__":
    main()
