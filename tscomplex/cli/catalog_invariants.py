"""``python -m tscomplex.cli.catalog_invariants [--only NAME ...] [--missing] [--jobs N]``: fill the store of
the catalog's computed invariants (a maintainer's tool; the computation is :mod:`tscomplex.lyapunov.catalog`)."""

from __future__ import annotations

import argparse
import sys

from ..lyapunov.catalog import run
from ..systems.invariants import STORE, _load, save


def main(argv=None) -> int:
    from ..systems.registry import lookup, names

    parser = argparse.ArgumentParser(prog="python -m tscomplex.cli.catalog_invariants",
                                     description="Compute and store the invariants of the built-in systems.")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="Only these systems.")
    parser.add_argument("--missing", action="store_true", help="Only systems not yet in the store.")
    parser.add_argument("--jobs", type=int, default=1, help="Systems computed at once (processes).")
    parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds one system may take.")
    parser.add_argument("--run-length", type=float, help="T, time units (iterations for maps); default per system.")
    parser.add_argument("--store", default=STORE, help="The JSON file to update.")
    args = parser.parse_args(argv)
    try:
        chosen = [lookup(n).name for n in args.only] if args.only else names()
    except KeyError as exc:
        print(f"tscomplex: error: {str(exc).strip(chr(39))}", file=sys.stderr)
        return 2
    records = dict(_load(args.store))
    if args.missing:
        chosen = [n for n in chosen if n not in records]
    print(f"computing the invariants of {len(chosen)} systems with {args.jobs} processes", file=sys.stderr)

    def progress(name, record):
        records[name] = record
        save(records, args.store)
        if record["status"] == "ok":
            print(f"{name}: lambda_max {record['max_lyapunov']:.5g} converged={record['converged']} "
                  f"chaotic={record['chaotic']} period={record['natural_period']} "
                  f"({record['compute_seconds']} s)", file=sys.stderr)
        else:
            print(f"{name}: FAILED: {record['error']}", file=sys.stderr)

    results = run(chosen, jobs=args.jobs, timeout=args.timeout, run_length=args.run_length, progress=progress)
    failed = [n for n, r in results.items() if r["status"] != "ok"]
    print(f"done: {len(results) - len(failed)} computed, {len(failed)} failed"
          + (f" ({', '.join(failed)})" if failed else ""), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
