"""The standard battery: tscomplex against antropy, nolds, neurokit2 and EntropyHub on the same inputs.

    python benchmarks/bench_battery.py            # SampEn at 10^4 and 10^5, MSE/DFA/D2 as in issue 15, memory at 10^6
                                                  # (SampEn, MSE, DFA, Hurst R/S, MFDFA, D2)
    python benchmarks/bench_battery.py --quick    # smaller sizes, for a first look

Every tool gets the same series (white noise for SampEn, MSE and DFA; the
Lorenz x component for the correlation dimension), the same parameters and
the same number of repeats (the best of --repeats is reported). Each call runs
in its own child process with a time limit (--timeout seconds), so a peer
that runs out of time or memory is reported as such and the others go on;
tscomplex and the peers are warmed up on a small input first (numba). Peak
memory is the child's max RSS above its RSS after the warm-up.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap

import numpy as np

CHILD = textwrap.dedent("""
    import json, resource, sys, time, warnings
    import numpy as np
    warnings.simplefilter("ignore")
    x = np.load(sys.argv[1]); repeats = int(sys.argv[2])
    {setup}
    f = lambda x: {call}
    f(x[:2000] if x.size > 2000 else x)  # warm-up: imports and numba compilation
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter(); value = f(x); best = min(best, time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    value = float(np.ravel(np.asarray(value, dtype=float))[0]) if value is not None else None
    print(json.dumps({{"seconds": best, "value": value, "peak_mib": peak / 1024}}))
""")

# nolds' package __init__ fails to load its bundled data sets here, so its measures module is imported alone
NOLDS = ("import importlib.util, types; spec = importlib.util.find_spec('nolds'); "
         "package = types.ModuleType('nolds'); package.__path__ = list(spec.submodule_search_locations); "
         "sys.modules['nolds'] = package; import nolds.measures as nolds")

TOOLS = {
    # measure -> tool -> (setup, call)
    "sample_entropy": {
        "tscomplex": ("from tscomplex import sample_entropy", "sample_entropy(x, 2, 0.2)"),
        "antropy": ("import antropy", "antropy.sample_entropy(x, order=2)"),
        "nolds": (NOLDS, "nolds.sampen(x, emb_dim=2, tolerance=0.2 * np.std(x))"),
        "EntropyHub": ("import EntropyHub as eh", "eh.SampEn(x, m=2, r=0.2 * np.std(x))[0][-1]"),
    },
    "multiscale_entropy": {
        "tscomplex": ("from tscomplex import multiscale_entropy",
                      "multiscale_entropy(x, range(1, 21), m=2, r=0.15).complexity_index"),
        "neurokit2": ("import neurokit2 as nk",
                      "nk.entropy_multiscale(x, scale=list(range(1, 21)), dimension=2, tolerance=0.15 * np.std(x),"
                      " method='MSEn')[0]"),
    },
    "dfa": {
        "tscomplex": ("from tscomplex import dfa", "dfa(x, order=1).alpha"),
        "nolds": (NOLDS + "; from tscomplex.fractal.dfa import default_scales",
                  "nolds.dfa(x, nvals=default_scales(x.size, 1), order=1, overlap=False)"),
    },
    "correlation_dimension": {
        "tscomplex": ("from tscomplex import correlation_dimension",
                      "correlation_dimension(x, dim=3, lag=17, theiler=165).correlation_dimension"),
        "nolds": (NOLDS, "nolds.corr_dim(x, emb_dim=3, lag=17)"),
    },
    # memory section only
    "hurst_exponent": {"tscomplex": ("from tscomplex import hurst_exponent", "hurst_exponent(x)")},
    "mfdfa": {"tscomplex": ("from tscomplex import mfdfa", "mfdfa(x).width")},
}
COMPARED = ("sample_entropy", "multiscale_entropy", "dfa", "correlation_dimension")


def lorenz_x(n):
    from tscomplex import simulate

    return simulate("lorenz", n).component("x")


def run_child(measure, tool, x, repeats, timeout):
    setup, call = TOOLS[measure][tool]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.npy")
        np.save(path, x)
        try:
            out = subprocess.run([sys.executable, "-c", CHILD.format(setup=setup, call=call), path, str(repeats)],
                                 capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"not done in {timeout:g} s"}
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": ("out of memory" if "MemoryError" in last or out.returncode == -9 else last[:60])}
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(measure, x, repeats, timeout, label):
    results = {tool: run_child(measure, tool, x, repeats, timeout) for tool in TOOLS[measure]}
    ours = results["tscomplex"]
    print(f"\n{measure}, {label} (N = {x.size}):")
    for tool, r in results.items():
        if "error" in r:
            print(f"  {tool:11s} {r['error']}")
            continue
        ratio = "" if tool == "tscomplex" or "error" in ours else f"  tscomplex is {r['seconds'] / ours['seconds']:.1f}x faster"
        print(f"  {tool:11s} {r['seconds']:9.3f} s  value {r['value']:.4f}  peak +{r['peak_mib']:.0f} MiB{ratio}")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", choices=COMPARED, help="Compare one measure only (no memory section).")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}, "
          f"repeats: {args.repeats} (best of), timeout per call: {args.timeout:g} s")
    rng = np.random.default_rng(0)
    wanted = (lambda measure: args.only in (None, measure))
    sizes = (2_000, 10_000) if args.quick else (10_000, 100_000)
    for n in sizes:
        x = rng.standard_normal(n)
        if wanted("sample_entropy"):
            compare("sample_entropy", x, args.repeats, args.timeout, "white noise, m=2, r=0.2 SD")
    n = 20_000 if args.quick else 100_000
    x = rng.standard_normal(n)
    if wanted("multiscale_entropy"):
        compare("multiscale_entropy", x, args.repeats, args.timeout, "20 scales, m=2, r=0.15 SD")
    x = rng.standard_normal(n)
    if wanted("dfa"):
        compare("dfa", x, args.repeats, args.timeout, "order 1, the same scales")
    n = 5_000 if args.quick else 20_000
    if wanted("correlation_dimension"):
        compare("correlation_dimension", lorenz_x(n), args.repeats, args.timeout, "Lorenz x, m=3, lag 17")
    if args.only:
        return
    n = 10 ** 5 if args.quick else 10 ** 6
    x = rng.standard_normal(n)
    print(f"\npeak memory of tscomplex at N = {n} (input array {x.nbytes / 2 ** 20:.1f} MiB):")
    for measure in ("sample_entropy", "multiscale_entropy", "dfa", "hurst_exponent", "mfdfa"):
        r = run_child(measure, "tscomplex", x, 1, args.timeout * 5)
        print(f"  {measure:22s} " + (r["error"] if "error" in r else
                                     f"+{r['peak_mib']:.0f} MiB ({r['peak_mib'] * 2 ** 20 / x.nbytes:.1f}x the input), "
                                     f"{r['seconds']:.1f} s"))
    y = lorenz_x(n)
    r = run_child("correlation_dimension", "tscomplex", y, 1, args.timeout * 5)
    print(f"  {'correlation_dimension':22s} " + (r["error"] if "error" in r else
                                                 f"+{r['peak_mib']:.0f} MiB ({r['peak_mib'] * 2 ** 20 / y.nbytes:.1f}x "
                                                 f"the input), {r['seconds']:.1f} s"))


if __name__ == "__main__":
    main()
