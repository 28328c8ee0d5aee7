"""The full sweep behind the slow random-sample test: every stored spectrum against a fresh computation.

For each system of the invariants store, the shorter of its two stored run
lengths is computed afresh, exactly as the store's generator runs it
(``tscomplex.lyapunov.catalog.compute``), and compared with the stored spectrum
of the longer run: the store's own convergence rule (each exponent to 1% of
max(|lambda_i|, |lambda_max|) + 1e-4, ``spectrum_disagreement``) and the 2% the
issue asks of a fresh computation. The fresh lambda_max must also equal the
stored ``max_lyapunov_runs[0]`` bit for bit (the same run, repeated).

    PYTHONPATH=. python benchmarks/catalog_reproduce.py                 # every system (about 10 minutes)
    PYTHONPATH=. python benchmarks/catalog_reproduce.py --only lorenz hyper_bao
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def check(name: str, rec: dict) -> dict:
    from tscomplex.lyapunov.catalog import spectrum_disagreement
    from tscomplex.lyapunov.spectrum import lyapunov_spectrum

    settings = rec["settings"]
    start = time.perf_counter()
    fresh = lyapunov_spectrum(name, n_steps=settings["spectrum_steps"][0], dt=settings["spectrum_dt"]).exponents
    seconds = time.perf_counter() - start
    stored = np.array([-np.inf if v is None else v for v in rec["lyapunov_spectrum"]], dtype=float)
    ratio, index = spectrum_disagreement(fresh, stored)
    two = spectrum_disagreement(fresh, stored, relative=0.02)[0]
    return {"same_run": float(fresh[0]) == rec["max_lyapunov_runs"][0], "ratio": ratio, "index": index + 1,
            "within_2_percent": two <= 1.0, "seconds": seconds}


def main(argv=None) -> int:
    from tscomplex.systems.invariants import stored

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME")
    args = parser.parse_args(argv)
    records = {n: r for n, r in stored().items() if r.get("status") == "ok" and (not args.only or n in args.only)}
    print(f"{'system':28s} {'converged':>9s} {'same run':>8s} {'worst':>6s} {'at':>3s} {'2%':>4s} {'s':>6s}")
    bad, late = [], []
    for name in sorted(records):
        rec = records[name]
        out = check(name, rec)
        print(f"{name:28s} {str(rec['converged']):>9s} {str(out['same_run']):>8s} {out['ratio']:6.2f} "
              f"{out['index']:3d} {'yes' if out['within_2_percent'] else 'no':>4s} {out['seconds']:6.1f}", flush=True)
        if not out["same_run"] or (out["ratio"] <= 1.0) != rec["converged"]:
            bad.append(name)
        if rec["converged"] and not out["within_2_percent"]:
            late.append(name)
    converged = sum(r["converged"] for r in records.values())
    print(f"{len(records)} systems, {converged} converged; a fresh shorter run within 2% of every converged "
          f"spectrum: {'yes' if not late else 'no (' + ', '.join(late) + ')'}; store and fresh run disagree on: "
          f"{', '.join(bad) or 'none'}")
    return 1 if bad or late else 0


if __name__ == "__main__":
    raise SystemExit(main())
