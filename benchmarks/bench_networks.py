"""Ordinal transition networks and the permutation Jensen-Shannon distance: tscomplex against ordpy, with ratios.

    python benchmarks/bench_networks.py            # N = 1e3 .. 1e5, d = 3 .. 6
    python benchmarks/bench_networks.py --quick    # N = 1e3, 1e4, d = 3, 5
    python benchmarks/bench_networks.py --max-n 1e6

Both tools get the same input (Gaussian white noise, seed 0) and the same
number of timed repeats after one untimed warm-up call (numba compiles once),
and both the minimum and the median are printed. Compared, each from the
series: the network (``ordinal_network`` against ordpy's ``ordinal_network``,
weights normalized), global node entropy (``global_node_entropy``), the
fraction of missing transitions (``missing_transitions`` against ordpy's
``missing_links(..., return_missing=False)``) and the distance between two
series (``permutation_jensen_shannon_distance`` against ordpy's
``permutation_js_distance``). x = ordpy's median / ours (above 1: tscomplex
is faster). ``same`` says whether the numbers agree to 1e-10. The machine's
core count and load average are printed first and last. Needs `pip install
ordpy` (the bench extra).
"""

from __future__ import annotations

import argparse
import math
import statistics

import numpy as np
from bench_ordinal import machine_line, timings  # the same repeats and machine line as the other benchmarks


def repeats_for(n):
    return 7 if n <= 10**4 else 3


def cases(ordpy, x, y, d):
    """(name, ours, theirs, same-check) for one series pair and dimension."""
    import tscomplex as tc

    def network_same():
        net = tc.ordinal_network(x, d)
        _, edges, weights = ordpy.ordinal_network(x, dx=d)
        ours = {(a, b): w for a, b, w in zip(net.labels(net.sources), net.labels(net.targets), net.weights)}
        return len(ours) == len(weights) and all(abs(ours[(str(a), str(b))] - w) < 1e-10
                                                 for (a, b), w in zip(edges, weights))

    return [
        ("network", lambda: tc.ordinal_network(x, d), lambda: ordpy.ordinal_network(x, dx=d), network_same),
        ("node entropy", lambda: tc.global_node_entropy(x, d), lambda: ordpy.global_node_entropy(x, dx=d),
         lambda: abs(tc.global_node_entropy(x, d) - ordpy.global_node_entropy(x, dx=d)) < 1e-10),
        ("missing", lambda: tc.missing_transitions(x, d),
         lambda: ordpy.missing_links(x, dx=d, return_missing=False),
         lambda: abs(tc.missing_transitions(x, d) - ordpy.missing_links(x, dx=d, return_missing=False)) < 1e-10),
        ("distance", lambda: tc.permutation_jensen_shannon_distance(x, y, d),
         lambda: ordpy.permutation_js_distance([x, y], dx=d),
         lambda: abs(tc.permutation_jensen_shannon_distance(x, y, d) - ordpy.permutation_js_distance([x, y], dx=d))
         < 1e-10),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller grid")
    parser.add_argument("--max-n", type=float, default=1e5, help="largest N (powers of ten from 1e3)")
    args = parser.parse_args()
    try:
        import ordpy
    except ImportError:
        raise SystemExit("bench_networks needs ordpy: pip install ordpy (or the bench extra)") from None

    top = 4 if args.quick else int(round(math.log10(args.max_n)))
    sizes = [10**e for e in range(3, top + 1)]
    dims = [3, 5] if args.quick else [3, 4, 5, 6]
    rng = np.random.default_rng(0)
    x_all, y_all = rng.normal(size=max(sizes)), np.cumsum(rng.normal(size=max(sizes)))

    print(machine_line())
    print("times in ms: min and median of the same repeats for both tools; x = ordpy median / ours")
    print(f"{'N':>8} {'d':>2} {'rep':>3} {'measure':<13} | {'ours min':>9} {'median':>9} | {'ordpy min':>9} "
          f"{'median':>9} | {'x':>8} same")
    ratios = []
    for n in sizes:
        x, y = x_all[:n], y_all[:n]
        for d in dims:
            reps = repeats_for(n)
            for name, ours, theirs, same in cases(ordpy, x, y, d):
                a, b = timings(ours, reps), timings(theirs, reps)
                ratios.append(b[1] / a[1])
                print(f"{n:>8} {d:>2} {reps:>3} {name:<13} | {1e3 * a[0]:9.3f} {1e3 * a[1]:9.3f} | "
                      f"{1e3 * b[0]:9.2f} {1e3 * b[1]:9.2f} | {b[1] / a[1]:8.1f} {'yes' if same() else 'NO'}",
                      flush=True)
    print(f"ratio x over all rows: min {min(ratios):.1f}, median {statistics.median(ratios):.1f}")
    print(machine_line())


if __name__ == "__main__":
    main()
