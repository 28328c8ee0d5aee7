"""Batch throughput and bounded memory of ``tscomplex analyze``.

1. A folder of FILES text files of 10^4 samples: files per second with --jobs 1
   and --jobs 2 (the real CLI in a child process, its start-up subtracted),
   the numba work per file, and the per-file overhead beyond it (goal < 5 ms).
   The peers are the loops a scientist would write by hand, with the fastest
   reader (pandas.read_csv, several times faster than np.loadtxt): pandas +
   ordpy.complexity_entropy per file (the same two measures), and pandas +
   antropy.perm_entropy (permutation entropy only, less work than ours).
2. One NPY file of SAMPLES float64 samples under /tmp (2*10^8 = 1.6 GB by
   default), analyzed in chunks by the CLI in a child process; its peak RSS
   (resource usage of the child, from os.wait4) should stay under 300 MB. The
   file is deleted afterwards.

Usage: python benchmarks/bench_batch.py [--quick] [--files N] [--samples N]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# A tiny go-between starts the CLI and reports its rusage: a child forked straight from this
# (large) benchmark process would count the benchmark's own pages in its peak RSS until exec.
_WRAPPER = """import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def cli(args):
    """Run the CLI in a child process; return (wall seconds, peak RSS in MB, exit code)."""
    env = {**os.environ, "PYTHONPATH": ROOT}
    out = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-m", "tscomplex", *map(str, args)],
                         env=env, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def best(func, repeat=3):
    """The fastest of a few runs (seconds): the machine is shared, so noise only adds time."""
    func()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def make_files(folder, count, n):
    rng = np.random.default_rng(0)
    for i in range(count):
        x = rng.normal(size=n).cumsum() if i % 2 else rng.normal(size=n)
        np.savetxt(os.path.join(folder, f"run{i:05d}.txt"), x, fmt="%.17g")


def bench_folder(count, n, peer_files, repeat):
    from tscomplex.io import read_series
    from tscomplex.ordinal import ordinal_counts

    folder = tempfile.mkdtemp(prefix="tscomplex-bench-")
    try:
        t0 = time.perf_counter()
        make_files(folder, count, n)
        print(f"wrote {count} files of {n} samples in {time.perf_counter() - t0:.1f} s")
        paths = sorted(os.path.join(folder, p) for p in os.listdir(folder))
        cli(["analyze", paths[0], "-f", "ndjson"])  # warm numba's cache and the OS file cache

        # in this process: the numba work alone, reading alone, and the whole batch path per file
        from tscomplex.batch import Source, execute
        from tscomplex.cli.analyze import analyze_records

        sample = paths[:200]
        arrays = [read_series(p)[0].values for p in sample]
        options = {"dim": 5, "taus": (1,), "weighted": False, "tie_precision": None, "q": None}
        sources = [Source(p) for p in sample]
        numba_ms = best(lambda: [ordinal_counts(x, 5, 1) for x in arrays]) / len(sample) * 1e3
        read_ms = best(lambda: [read_series(p) for p in sample]) / len(sample) * 1e3
        batch_ms = best(lambda: list(execute(analyze_records, sources, options, jobs=1))) / len(sample) * 1e3

        # the real CLI: start-up removed by timing a tenth of the folder as well
        tenth = os.path.join(folder, "tenth")
        os.mkdir(tenth)
        for p in paths[: count // 10]:
            os.link(p, os.path.join(tenth, os.path.basename(p)))
        results = {}
        for jobs in (1, 2):
            walls = []
            for where, expect in ((tenth, count // 10), (folder, count)):
                out = os.path.join(folder if where == tenth else tenth, f"out{jobs}.ndjson")
                fastest = math.inf
                for _ in range(repeat):
                    wall, _, code = cli(["analyze", where, "--jobs", jobs, "-o", out, "--force"])
                    with open(out) as fh:
                        lines = sum(1 for _ in fh)
                    assert code == 0 and lines == expect, (code, lines)
                    os.unlink(out)
                    fastest = min(fastest, wall)
                walls.append(fastest)
            results[jobs] = (walls[1], (walls[1] - walls[0]) / (count - count // 10))
        print(f"\n{'executor':<12}{'wall s':>9}{'files/s':>10}{'ms/file':>10}   (start-up removed)")
        for jobs, (wall, per_file) in results.items():
            print(f"{'--jobs ' + str(jobs):<12}{wall:>9.2f}{1 / per_file:>10.0f}{per_file * 1e3:>10.2f}")
        per_file_ms = results[1][1] * 1e3
        print(f"\nin-process, per file: numba counts {numba_ms:.2f} ms; reading the file {read_ms:.2f} ms; "
              f"whole batch path (read, count, measures, records) {batch_ms:.2f} ms")
        print(f"overhead beyond the numba work: {batch_ms - numba_ms:.2f} ms per file in-process, "
              f"{per_file_ms - numba_ms:.2f} ms through the CLI with --jobs 1 (goal < 5 ms)")
        print(f"speed-up --jobs 2 / --jobs 1: {results[1][1] / results[2][1]:.2f}x "
              f"(on {os.cpu_count()} cores, shared with other work)")

        import pandas as pd

        def read(p):
            return pd.read_csv(p).iloc[:, 0].to_numpy()

        peers = []
        try:
            import ordpy
        except ImportError:
            print("ordpy not installed: no ordpy peer")
        else:
            peers.append(("pandas + ordpy.complexity_entropy", lambda x: ordpy.complexity_entropy(x, dx=5, taux=1)))
        try:
            import antropy
        except ImportError:
            print("antropy not installed: no antropy peer")
        else:
            peers.append(("pandas + antropy.perm_entropy (PE only)",
                          lambda x: antropy.perm_entropy(x, order=5, delay=1, normalize=True)))
        for name, measure in peers:
            measure(read(paths[0]))  # import-time and first-call costs outside the timing
            t0 = time.perf_counter()
            for p in paths[:peer_files]:
                measure(read(p))
            peer_ms = (time.perf_counter() - t0) / peer_files * 1e3
            print(f"peer ({name}, {peer_files} files, in-process, one core): {peer_ms:.2f} ms/file; "
                  f"ratio peer / tscomplex: {peer_ms / per_file_ms:.1f}x with --jobs 1, "
                  f"{peer_ms / (results[2][1] * 1e3):.1f}x with --jobs 2")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_large(samples, chunk):
    fd, path = tempfile.mkstemp(prefix="tscomplex-large-", suffix=".npy", dir="/tmp")
    os.close(fd)
    try:
        t0 = time.perf_counter()
        rng = np.random.default_rng(1)
        header_shape = (samples,)
        with open(path, "wb") as fh:  # write in blocks: the benchmark itself must not need 1.6 GB
            np.lib.format.write_array_header_1_0(fh, {"descr": "<f8", "fortran_order": False, "shape": header_shape})
            left = samples
            while left:
                block = min(left, 1 << 22)
                rng.normal(size=block).tofile(fh)
                left -= block
        size_gb = os.path.getsize(path) / 1e9
        print(f"\nwrote {path}: {samples:.3g} samples, {size_gb:.2f} GB in {time.perf_counter() - t0:.1f} s")
        out = path + ".ndjson"
        wall, rss, code = cli(["analyze", path, "-d", "5", "-t", "1", "--chunk-size", chunk, "-o", out])
        with open(out) as fh:
            record = json.loads(fh.readline())
        os.unlink(out)
        assert code == 0 and record["n"] == samples, (code, record)
        base_wall, base_rss, _ = cli(["analyze", "--system", "logistic", "-n", "1000", "-f", "ndjson"])
        print(f"analyze {size_gb:.2f} GB NPY in chunks of {chunk}: {wall:.1f} s, "
              f"{samples / (wall - base_wall) / 1e6:.0f} M samples/s, peak RSS {rss:.0f} MB "
              f"(goal < 300 MB; a bare run of the CLI peaks at {base_rss:.0f} MB)")
        print(f"H = {record['permutation_entropy']:.9f}, C = {record['statistical_complexity']:.3g}")
    finally:
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 files and a 2*10^7-sample NPY file")
    parser.add_argument("--files", type=int, help="number of files (default 2000; 200 with --quick)")
    parser.add_argument("--length", type=int, default=10_000, help="samples per file")
    parser.add_argument("--samples", type=int, help="samples in the large NPY file (default 2e8; 2e7 with --quick)")
    parser.add_argument("--chunk-size", type=int, default=1 << 20)
    args = parser.parse_args()
    files = args.files or (200 if args.quick else 2000)
    samples = args.samples or (20_000_000 if args.quick else 200_000_000)
    sys.path.insert(0, ROOT)
    bench_folder(files, args.length, peer_files=20 if args.quick else 50, repeat=3 if args.quick else 2)
    bench_large(samples, args.chunk_size)


if __name__ == "__main__":
    main()
