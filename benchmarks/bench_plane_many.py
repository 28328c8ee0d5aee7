"""Time the complexity-entropy plane figure for many series: ``python benchmarks/bench_plane_many.py [N ...]``.

Draws N random points (default 100, 300, 1000) on the plane with the default options (a legend past a
dozen, colour groups past 30) and with ``--labels all``, and prints the seconds each takes. The records
are made up; computing real ones is the batch layer's work, timed by ``tscomplex plane DIR --jobs N``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import numpy as np


def main(counts):
    from tscomplex.plots.plane import plane_figure, points_from_records

    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as folder:
        plane_figure(points_from_records([{"source": "warm", "series": "x", "tau": 1, "permutation_entropy": 0.5,
                                           "statistical_complexity": 0.2}]), 5, os.path.join(folder, "w.png"))
        for n in counts:
            h = rng.uniform(0.3, 0.99, n)
            records = [{"source": f"run{i:04d}.npy", "series": "x", "n": 4000, "dim": 5, "tau": 1,
                        "permutation_entropy": float(h[i]),
                        "statistical_complexity": float(0.4 * np.sin(np.pi * h[i]) * rng.uniform(0.6, 1.0)),
                        "regime": ("complex", "stochastic", "regular")[i % 3]} for i in range(n)]
            for labels in ("auto", "all"):
                start = time.perf_counter()
                plane_figure(points_from_records(records), 5, os.path.join(folder, f"p{n}.png"), labels=labels)
                print(f"{n:5d} series, --labels {labels:4s}: {time.perf_counter() - start:6.2f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 300, 1000])
