"""Benchmark: every catalog flow that dysts also has, integrated by tscomplex and by dysts' make_trajectory.

Same system, same output grid (dysts' own: ``pts_per_period`` samples per
dysts period, N samples from t = 0), same initial condition (dysts') and,
where both catalogs use the same parameter names and values, the same
ODE. dysts uses its defaults (Radau, rtol = atol = 1e-12, pure-Python
right-hand side) unless --dysts-method / --dysts-rtol say otherwise;
tscomplex uses its adaptive Dormand-Prince 5(4) with dense output at the
same tolerance (--rtol, default: dysts').

Accuracy: each result against a tight reference of ITS OWN equations
(scipy solve_ivp DOP853, rtol = atol = 1e-13) over the first --horizon
samples (default 200: two dysts periods), as the largest error divided by
the reference's standard deviation. Printed: per system the times, the ratio and both
errors; then the median and worst ratio.

    PYTHONPATH=. python benchmarks/bench_catalog.py                       # N = 10^5, every shared flow (hours: dysts)
    PYTHONPATH=. python benchmarks/bench_catalog.py -n 1000 --only lorenz rossler
    PYTHONPATH=. python benchmarks/bench_catalog.py -n 10000 --dysts-method RK45 --dysts-rtol 1e-9

Needs dysts (the bench extra).
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np
from scipy.integrate import solve_ivp

from tscomplex import systems

try:
    from benchmarks.dysts_compare import matches, same_parameters
except ImportError:                                      # run as a script from benchmarks/
    from dysts_compare import matches, same_parameters


def our_rhs(system, params):
    f = system.kernel("rhs")
    p = system.param_array(params)

    def rhs(t, y):
        out = np.empty(y.size)
        f(t, np.ascontiguousarray(y, dtype=np.float64), p, out)
        return out
    return rhs


def reference(rhs, y0, times):
    sol = solve_ivp(rhs, (times[0], times[-1]), y0, method="DOP853", t_eval=times, rtol=1e-13, atol=1e-13)
    return sol.y.T if sol.success and sol.y.shape[1] == times.size else None


def error(values, ref):
    if ref is None or values is None or values.shape != ref.shape:
        return float("nan")
    scale = ref.std(axis=0)
    scale[scale == 0] = 1.0
    return float(np.max(np.abs(values - ref) / scale))


def one(name, dname, args):
    import dysts.flows

    system = systems.get(name)
    model = getattr(dysts.flows, dname)()
    same = same_parameters(system.params, model.params if hasattr(model, "params") else {})
    params = dict(system.params)
    if same == "yes":
        params.update({k: float(v) for k, v in model.params.items()})
    theirs_ic = np.asarray(model.ic, dtype=np.float64)
    if theirs_ic.size != system.initial_condition().size:   # dysts adds a phase variable to a forced flow
        same = "dimension"
    ic = theirs_ic if same == "yes" else system.initial_condition()   # dimensions may differ (duffing)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        out = model.make_trajectory(args.length, return_times=True, postprocess=False, init_cond=theirs_ic,
                                    method=args.dysts_method, rtol=args.dysts_rtol, atol=args.dysts_rtol)
        t_dysts = time.perf_counter() - start
    if out is None or out[1] is None:
        return None
    times, theirs = out
    dt = float(times[1] - times[0])
    rtol = args.rtol or args.dysts_rtol
    systems.simulate(name, n=10, dt=dt, ic=ic, params=params, transient=0)      # compile (or load) first
    start = time.perf_counter()
    ours = systems.simulate(name, n=args.length, dt=dt, ic=ic, params=params, transient=0, rtol=rtol,
                            atol=rtol).values
    t_ours = time.perf_counter() - start
    m = min(args.horizon, args.length)
    grid = times[:m]
    ours_err = error(ours[:m], reference(our_rhs(system, params), ic, grid))
    theirs_err = error(np.asarray(theirs)[:m], reference(lambda t, y: np.asarray(model.rhs(y, t)), theirs_ic, grid))
    return {"system": name, "dysts": dname, "same_parameters": same, "dt": dt, "tscomplex_s": t_ours,
            "dysts_s": t_dysts, "ratio": t_dysts / t_ours, "tscomplex_error": ours_err, "dysts_error": theirs_err}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--length", type=int, default=100_000)
    parser.add_argument("--horizon", type=int, default=200, help="Samples compared with the tight reference.")
    parser.add_argument("--rtol", type=float, help="tscomplex's rtol = atol (default: dysts').")
    parser.add_argument("--only", nargs="+", metavar="NAME")
    parser.add_argument("--dysts-method", default="Radau")
    parser.add_argument("--dysts-rtol", type=float, default=1e-12)
    args = parser.parse_args(argv)
    pairs = [(n, d) for n, d, _ in matches() if systems.get(n).kind == "flow"]
    if args.only:
        wanted = {systems.get(n).name for n in args.only}
        pairs = [(n, d) for n, d in pairs if n in wanted]
    print(f"N = {args.length}; dysts {args.dysts_method} rtol = atol = {args.dysts_rtol:g}; "
          f"tscomplex dopri54 rtol = atol = {args.rtol or args.dysts_rtol:g}; errors: max |x - ref| / std(ref) over {args.horizon} samples")
    print(f"{'system':22s} {'dysts':20s} {'params':>6s} {'tscomplex s':>11s} {'dysts s':>9s} {'ratio':>8s} "
          f"{'err tscomplex':>13s} {'err dysts':>10s}")
    rows = []
    for name, dname in pairs:
        try:
            row = one(name, dname, args)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"{name:22s} {dname:20s} failed: {type(exc).__name__}: {exc}")
            continue
        if row is None:
            print(f"{name:22s} {dname:20s} dysts returned no complete trajectory")
            continue
        rows.append(row)
        print(f"{name:22s} {dname:20s} { {'yes': 'same', 'dimension': 'dim'}.get(row['same_parameters'], 'differ'):>6s} "
              f"{row['tscomplex_s']:11.3f} {row['dysts_s']:9.2f} {row['ratio']:8.0f} "
              f"{row['tscomplex_error']:13.2e} {row['dysts_error']:10.2e}", flush=True)
    if rows:
        ratios = [r["ratio"] for r in rows]
        worse = [f"{r['system']} ({r['tscomplex_error']:.1e} vs {r['dysts_error']:.1e})" for r in rows
                 if r["tscomplex_error"] > 2 * r["dysts_error"]]
        print(f"{len(rows)} systems: median ratio {statistics.median(ratios):.0f}x, worst {min(ratios):.0f}x "
              f"({rows[int(np.argmin(ratios))]['system']}); largest error: tscomplex "
              f"{max(r['tscomplex_error'] for r in rows):.1e}, dysts {max(r['dysts_error'] for r in rows):.1e}; "
              f"tscomplex more than twice dysts' error on: {', '.join(worse) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
