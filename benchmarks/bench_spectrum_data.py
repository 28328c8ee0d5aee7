"""The Lyapunov spectrum from data: tscomplex (local linear maps + QR) against nolds ``lyap_e``.

    python benchmarks/bench_spectrum_data.py           # 10^4 samples vs nolds, then 10^5 (nolds too with --full)
    python benchmarks/bench_spectrum_data.py --quick   # 5,000 samples vs nolds, 10^4 alone

Both get the same series, embedding dimension and lag; nolds' matrix_dim is the
embedding dimension (so its fit uses the same vectors) and its min_tsep the
Theiler window tscomplex chose. tscomplex's time includes its time-reversal
check (a second full estimate). Exponents are per time unit, against the
published spectra (Hénon 0.419, -1.624; Lorenz 0.906, 0, -14.57).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lyapunov import import_lyap_r  # noqa: E402  (same trick: nolds without its data sets)

REFERENCE = {"henon": (0.419, -1.624), "lorenz_x": (0.906, 0.0, -14.57)}


def henon_x(n):
    x = np.empty(n)
    u, v = 0.1, 0.0
    for _ in range(1000):
        u, v = 1 - 1.4 * u * u + v, 0.3 * u
    for i in range(n):
        u, v = 1 - 1.4 * u * u + v, 0.3 * u
        x[i] = u
    return x


def lorenz_x(n, dt):
    from tscomplex import simulate

    return simulate("lorenz", n=n, dt=dt).component("x")


def lyap_e():
    if "nolds.measures" not in sys.modules:
        import_lyap_r()  # installs the bare nolds package
    from nolds.measures import lyap_e as f

    return f


def run(n, with_nolds):
    from tscomplex import lyapunov_spectrum_from_data

    cases = [("henon", henon_x(n), 1.0, 2, 1), ("lorenz_x", lorenz_x(n, 0.05), 0.05, 3, None)]
    print(f"== {n:,} samples")
    for name, x, dt, dim, lag in cases:
        t0 = time.perf_counter()
        ours = lyapunov_spectrum_from_data(x, dim=dim, lag=lag, dt=dt)
        t_ours = time.perf_counter() - t0
        ref = REFERENCE[name]
        line = (f"{name:9} dim={dim} lag={ours.lag} theiler={ours.theiler}  tscomplex {t_ours:7.2f} s  "
                f"{np.round(ours.exponents, 3).tolist()}  D_KY={ours.kaplan_yorke_dimension:.3f}  "
                f"spurious={ours.spurious}")
        print(line)
        if with_nolds:
            f = lyap_e()
            t0 = time.perf_counter()
            theirs = np.asarray(f(x, emb_dim=dim, matrix_dim=dim, tau=ours.lag, min_tsep=ours.theiler)) / dt
            t_nolds = time.perf_counter() - t0
            print(f"{'':9} nolds lyap_e {t_nolds:7.2f} s  {np.round(theirs, 3).tolist()}   "
                  f"time ratio nolds/tscomplex {t_nolds / t_ours:.1f}x")
        errors = [f"{(o - r):+.3f}" for o, r in zip(ours.exponents, ref)]
        print(f"{'':9} reference {list(ref)}; tscomplex minus reference {errors}")
        if with_nolds:
            print(f"{'':9} nolds minus reference {[f'{(o - r):+.3f}' for o, r in zip(theirs, ref)]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--full", action="store_true", help="run nolds on 10^5 samples too (slow)")
    args = parser.parse_args()
    if args.quick:
        run(5_000, True)
        run(10_000, False)
    else:
        run(10_000, True)
        run(100_000, args.full)


if __name__ == "__main__":
    main()
