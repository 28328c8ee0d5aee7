"""Patch lengths that `tscomplex patch` gives with its defaults, on a few long series, old and new defaults.

The defaults (value symbols, 8 bins, order 2, causal counts, global rule, q90) cut
where H_t exceeds its 90th percentile. In causal mode H_t drifts down as the
counts fill, so with --min-len 1 (the default of 0.1.0) the cuts crowd together
and most patches are 1 to 3 samples long. The new default --min-len 8 is
measured here beside it: the median patch length of each series, then the mean.

    python benchmarks/patch_defaults.py            # 50,000 samples a series
    python benchmarks/patch_defaults.py --quick    # 10,000
"""

from __future__ import annotations

import argparse

import numpy as np

from tscomplex.cli.patch import patch_analysis
from tscomplex.systems import simulate


def series(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    t = np.arange(n)
    noise = rng.standard_normal(n)
    ar = np.empty(n)
    ar[0] = 0.0
    for i in range(1, n):
        ar[i] = 0.9 * ar[i - 1] + noise[i]
    return {
        "Lorenz x (dt 0.01)": simulate("lorenz", n).component("x"),
        "logistic r=4": simulate("logistic", n).component("x"),
        "AR(1) 0.9": ar,
        "random walk": rng.standard_normal(n).cumsum(),
        "daily cycle + noise": np.sin(2 * np.pi * t / 48) + 0.3 * rng.standard_normal(n),
        "white noise": rng.standard_normal(n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    n = 10_000 if parser.parse_args().quick else 50_000
    print(f"median / mean patch length in samples, {n:,} samples a series, every other option at its default")
    print(f"{'series':22s}  {'--min-len 1 (0.1.0)':>20s}  {'--min-len 8 (default)':>22s}")
    for name, x in series(n).items():
        cells = []
        for min_len in (1, 8):
            starts = patch_analysis(x, min_len=min_len)["starts"]
            lengths = np.diff(np.append(starts, x.size))
            cells.append(f"{np.median(lengths):g} / {lengths.mean():.1f}")
        print(f"{name:22s}  {cells[0]:>20s}  {cells[1]:>22s}")


if __name__ == "__main__":
    main()
