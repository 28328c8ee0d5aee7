"""How often the verdicts are right: confusion matrices of the regime and the chaos flag on the labelled corpus.

Usage::

    python benchmarks/corpus.py CORPUS              # once: the labelled series
    python benchmarks/verdicts.py CORPUS [--jobs 2] [--markdown] [--only lyapunov]

It runs the real command line, as a user would, over every series of the
corpus:

- ``tscomplex analyze`` with the defaults (d = 5, tau = 1): the regime;
- ``tscomplex sweep --summary``: the regime at PECCARY's ideal tau;
- ``tscomplex lyapunov``: the ``chaotic`` flag;

then prints, per family, how many series got each verdict, and the fraction
that got the family's label. A null verdict (the data could not decide) is
counted as its own column, not as right. The chaos flag is also tabulated for
the series of at least 10^4 samples alone, the length the goal is stated for,
and so is the regime (at d = 5, 10^3 samples give fewer than 10 d! windows,
where the commands give no regime).
``--only analyze|sweep|lyapunov`` runs one command (repeatable).

``python benchmarks/verdicts.py --cases`` runs instead the cases of issue 13
that the chaos flag once got wrong, and prints every automatic choice beside
the exponent from the equations (``lyapunov --system NAME --spectrum``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict

REGIMES = ("regular", "complex", "stochastic", None)


def run_cli(args: list[str]) -> list[dict]:
    cmd = [sys.executable, "-m", "tscomplex", *args, "-f", "ndjson"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:1])} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def by_file(records: list[dict]) -> dict[str, dict]:
    """The first record of each file (the corpus has one series per file)."""
    out = {}
    for rec in records:
        if rec.get("kind") not in (None, "summary"):
            continue
        out.setdefault(os.path.basename(str(rec.get("source"))), rec)
    return out


def table(title: str, manifest: list[dict], verdicts: dict[str, dict], key: str, label_key: str,
          values: tuple, markdown: bool) -> str:
    counts = defaultdict(Counter)
    right = Counter()
    total = Counter()
    for row in manifest:
        rec = verdicts.get(row["file"], {})
        got = rec.get(key) if "error" not in rec else "error"
        counts[row["family"]][got] += 1
        total[row["family"]] += 1
        right[row["family"]] += got == row[label_key]
    cols = [str(v).lower() if v is not None else "null" for v in values] + ["error"]
    head = ["family", "label", *cols, "right"]
    rows = []
    for family in dict.fromkeys(r["family"] for r in manifest):
        label = next(r[label_key] for r in manifest if r["family"] == family)
        cells = [counts[family][v] for v in values] + [counts[family]["error"]]
        rows.append([family, str(label).lower(), *map(str, cells),
                     f"{right[family]}/{total[family]} ({100 * right[family] / total[family]:.0f}%)"])
    all_right, all_total = sum(right.values()), sum(total.values())
    rows.append(["all", "", *[""] * len(cols), f"{all_right}/{all_total} ({100 * all_right / all_total:.0f}%)"])
    if markdown:
        lines = [f"**{title}**", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines = [title, fmt.format(*head)] + [fmt.format(*r) for r in rows]
    return "\n".join(lines) + "\n"


#: (label, system, lyapunov options) of the cases that the chaos flag once got wrong
CASES = [
    *((f"logistic r = {r}", "logistic", ["--param", f"r={r}", "--length", "10000"]) for r in (3.65, 3.7, 3.75, 3.9)),
    ("Rossler x, dt = 0.05, Kantz", "rossler", ["--length", "20000", "--dt", "0.05", "--method", "kantz"]),
    ("forced Duffing x, Rosenstein", "duffing", ["--length", "20000"]),
    ("double pendulum theta1, 2*10^4", "double_pendulum", ["--length", "20000"]),
    ("double pendulum omega1, 2*10^4", "double_pendulum", ["--length", "20000", "--component", "omega1"]),
    ("double pendulum theta1, 6*10^4", "double_pendulum", ["--length", "60000"]),
]


def cases(markdown: bool) -> str:
    head = ["case", "lag", "dim", "theiler", "fit (steps)", "max_lyapunov", "spectrum", "chaotic", "note"]
    rows, spectra = [], {}
    for label, system, options in CASES:
        params = options[options.index("--param"):options.index("--param") + 2] if "--param" in options else []
        key = (system, *params)
        if key not in spectra:
            spectra[key] = run_cli(["lyapunov", "--system", system, *params, "--spectrum"])[0]["max_lyapunov"]
        rec = run_cli(["lyapunov", "--system", system, *options])[0]
        lam = rec.get("max_lyapunov")
        fit = f"{rec['fit_start']}-{rec['fit_end']}" if rec.get("fit_start") is not None else "-"
        lag = rec.get("embedding_lag", rec.get("lag"))
        dim = rec.get("embedding_dim", rec.get("dim"))
        rows.append([label, str(lag), str(dim), str(rec.get("theiler")), fit,
                     "-" if lam is None else f"{lam:.4f}", f"{spectra[key]:.4f}", json.dumps(rec.get("chaotic")),
                     rec.get("note", "")])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in [head, *rows]]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--cases", action="store_true", help="the cases of issue 13 instead of the corpus")
    parser.add_argument("--jobs", default="2")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--skip-lyapunov", action="store_true")
    parser.add_argument("--only", action="append", choices=("analyze", "sweep", "lyapunov"),
                        help="run only this command (repeatable; default: all three)")
    parser.add_argument("--max-length", type=int, metavar="N",
                        help="only the series of at most N samples (the 10^5-sample ones cost most of the time)")
    parser.add_argument("--min-length", type=int, metavar="N", help="only the series of at least N samples")
    parser.add_argument("--family", action="append", metavar="NAME",
                        help="only this family of the manifest (repeatable), e.g. chaotic_map")
    parser.add_argument("--details", metavar="FILE", help="write each series' lyapunov record, with its labels, "
                        "as NDJSON to FILE")
    args = parser.parse_args(argv)
    if args.cases:
        print(cases(args.markdown))
        return
    if not args.corpus:
        parser.error("give the corpus folder (or --cases)")
    only = set(args.only or ("analyze", "sweep", "lyapunov"))
    if args.skip_lyapunov:
        only.discard("lyapunov")
    with open(os.path.join(args.corpus, "manifest.csv")) as fh:
        manifest = list(csv.DictReader(fh))
    for row in manifest:
        row["chaotic"] = row["chaotic"] == "True"
    if args.max_length:
        manifest = [row for row in manifest if int(row["n"]) <= args.max_length]
    if args.min_length:
        manifest = [row for row in manifest if int(row["n"]) >= args.min_length]
    if args.family:
        unknown = set(args.family) - {row["family"] for row in manifest}
        if unknown:
            parser.error(f"no series of the family {', '.join(sorted(unknown))} in the manifest")
        manifest = [row for row in manifest if row["family"] in args.family]
    files = [os.path.join(args.corpus, r["file"]) for r in manifest]
    print(f"{len(manifest)} series, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}\n")
    t0 = time.perf_counter()
    long = [r for r in manifest if int(r["n"]) >= 10_000]  # at d = 5, 10^3 samples give < 10 d! windows: null
    if "analyze" in only:
        plain = by_file(run_cli(["analyze", *files, "--jobs", args.jobs]))
        print(table("regime, analyze defaults (d = 5, tau = 1)", manifest, plain, "regime", "regime", REGIMES,
                    args.markdown))
        print(table("regime, analyze defaults, series of at least 10^4 samples", long, plain, "regime", "regime",
                    REGIMES, args.markdown))
    if "sweep" in only:
        ideal = by_file(run_cli(["sweep", *files, "--summary", "--jobs", args.jobs]))
        print(table("regime at the ideal tau (sweep --summary)", manifest, ideal, "regime", "regime", REGIMES,
                    args.markdown))
        print(table("regime at the ideal tau, series of at least 10^4 samples", long, ideal, "regime", "regime",
                    REGIMES, args.markdown))
    if "lyapunov" in only:
        lyap = by_file(run_cli(["lyapunov", *files, "--jobs", args.jobs]))
        print(table("chaotic flag (lyapunov defaults)", manifest, lyap, "chaotic", "chaotic", (True, False, None),
                    args.markdown))
        print(table("chaotic flag, series of at least 10^4 samples", long, lyap, "chaotic", "chaotic",
                    (True, False, None), args.markdown))
        if args.details:
            with open(args.details, "w") as fh:
                for row in manifest:
                    fh.write(json.dumps({**row, **lyap.get(row["file"], {})}) + "\n")
    print(f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
