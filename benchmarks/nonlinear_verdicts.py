"""How often ``nonlinear`` is right: the surrogate test of ``analyze --surrogates`` on the labelled corpus.

Usage::

    python benchmarks/corpus.py CORPUS                  # once: the labelled series
    python benchmarks/nonlinear_verdicts.py CORPUS [--surrogates 39] [--max-length 30000]

It runs ``tscomplex analyze FILES --surrogates N --seed 1`` once over the
series of at most ``--max-length`` samples, as a user would, and prints per
family how many series each test calls nonlinear: IAAFT of the values alone
(``permutation_entropy_p <= 0.05``), IAAFT of the Gaussian scores alone
(``permutation_entropy_p_scores <= 0.05``), and the record's ``nonlinear``
(both must reject). Labels: the chaotic maps and flows (with or without
noise) and the nonlinear stochastic processes are nonlinear; the linear
stochastic, fractional, smooth linear, skewed linear and tied families are linear (a
rounded or count series is a monotone function of a linear one); periodic,
quasi-periodic and limit-cycle series have no label (a tone is linear, a sawtooth is
not), and are printed, not scored.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import OrderedDict

NONLINEAR = {"chaotic_map", "chaotic_flow", "noisy_flow", "nonlinear_stochastic", "conservative_chaos"}
LINEAR = {"linear_stochastic", "fractional", "smooth_linear", "tied", "skewed_linear"}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--surrogates", type=int, default=39)
    parser.add_argument("--alpha", type=float, default=0.05)
    parser.add_argument("--max-length", type=int, default=30_000)
    args = parser.parse_args(argv)
    with open(os.path.join(args.corpus, "manifest.csv")) as fh:
        manifest = [r for r in csv.DictReader(fh) if int(r["n"]) <= args.max_length]
    files = [os.path.join(args.corpus, r["file"]) for r in manifest]
    print(f"{len(files)} series of at most {args.max_length} samples, {args.surrogates} surrogates, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}\n")
    done = subprocess.run([sys.executable, "-m", "tscomplex", "analyze", *files, "--surrogates",
                           str(args.surrogates), "--seed", "1", "--alpha", str(args.alpha), "-f", "ndjson"],
                          capture_output=True, text=True)
    records = {}
    for line in done.stdout.splitlines():
        rec = json.loads(line)
        records.setdefault(os.path.basename(rec["source"]), rec)
    families: OrderedDict = OrderedDict()
    for row in manifest:
        family = row["family"]
        if family in ("periodic", "tied", "nonlinear_stochastic"):  # their members differ in kind
            family += ": " + row["name"].split("_n")[0].split("_p")[0].rstrip("0123456789.")
        families.setdefault(family, []).append(row)
    print("| family (label) | series | values IAAFT | scores IAAFT | nonlinear (both) | null |")
    print("|---|---|---|---|---|---|")
    right = {"values": 0, "scores": 0, "both": 0}
    scored = 0
    for family, rows in families.items():
        base = rows[0]["family"]
        label = True if base in NONLINEAR else False if base in LINEAR else None
        recs = [records.get(r["file"], {}) for r in rows]
        values = sum((r.get("permutation_entropy_p") or 1.0) <= args.alpha for r in recs)
        scores = sum((r.get("permutation_entropy_p_scores") or 1.0) <= args.alpha for r in recs)
        both = sum(r.get("nonlinear") is True for r in recs)
        null = sum(r.get("nonlinear") is None for r in recs)
        name = {True: "nonlinear", False: "linear", None: "no label"}[label]
        print(f"| {family} ({name}) | {len(rows)} | {values} | {scores} | {both} | {null} |")
        if label is not None:
            scored += len(rows)
            for key, count in (("values", values), ("scores", scores), ("both", both)):
                right[key] += count if label else len(rows) - count
    print(f"\nright, of {scored} labelled series: values IAAFT {right['values']}, scores IAAFT {right['scores']}, "
          f"nonlinear (both) {right['both']}")


if __name__ == "__main__":
    main()
