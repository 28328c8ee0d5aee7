"""Fill the stored invariants: ``python -m tscomplex.systems.invariants [--only NAME ...] [--missing] [--jobs N]``.

Each system runs in a process of its own (at most ``--jobs`` at a time), so
one that raises, blows up, crashes the interpreter or runs past
``--timeout`` seconds is stored as ``status: failed`` with the reason, and
never stops the others. The store is rewritten (atomically) after every
finished system, so an interrupted run keeps what it finished.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time


def _worker(name, run_length, conn):
    try:
        from .invariants import compute

        conn.send(compute(name, run_length=run_length))
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a record
        conn.send({"_error": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def run(names, jobs=1, timeout=1800.0, run_length=None, progress=None) -> dict:
    """Invariants of ``names`` computed in parallel processes: a dict name -> record (failures included)."""
    from .invariants import failure

    ctx = mp.get_context("spawn")           # a fresh interpreter: no inherited numba or thread state
    pending = list(names)
    running = {}
    results = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            name = pending.pop(0)
            receive, send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(name, run_length, send), daemon=True)
            proc.start()
            send.close()
            running[name] = (proc, receive, time.monotonic())
        time.sleep(0.05)
        for name, (proc, receive, started) in list(running.items()):
            record = None
            if receive.poll():
                try:
                    got = receive.recv()
                    record = failure(name, got["_error"]) if "_error" in got else got
                except (EOFError, OSError):
                    record = failure(name, f"the worker died (exit code {proc.exitcode})")
            elif not proc.is_alive():
                record = failure(name, f"the worker died (exit code {proc.exitcode})")
            elif time.monotonic() - started > timeout:
                proc.kill()
                record = failure(name, f"gave up after {timeout:g} s")
            if record is None:
                continue
            proc.join(timeout=5)
            receive.close()
            del running[name]
            record["compute_seconds"] = round(time.monotonic() - started, 1)
            results[name] = record
            if progress:
                progress(name, record)
    return results


def main(argv=None) -> int:
    from .invariants import STORE, _load, save
    from .registry import lookup, names

    parser = argparse.ArgumentParser(prog="python -m tscomplex.systems.invariants",
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
