#!/usr/bin/env bash
# The largest Lyapunov exponent from a measured series, against the published value;
# then the whole spectrum of the Lorenz system from its equations.
#
# Makes (under the output folder): figures/lyapunov_lorenz_x.png, figures/lyapunov_logistic.png,
#        figures/lyapunov_lorenz_spectrum.png, data/lyapunov_from_data.csv
# Needs: tscomplex on PATH; python ($PYTHON, default python3).
set -euo pipefail
# Everything goes under the folder given as $1, by default a new temporary folder: never into the
# repository. (`bash examples/SCRIPT.sh examples` rebuilds the tracked figures and data.)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/tscomplex-examples.XXXXXX")}"
mkdir -p "$out" && cd "$out"
echo "# output folder: $out" >&2
PY=${PYTHON:-python3}
mkdir -p figures data work

echo "# 1. Data: Lorenz (10, 28, 8/3) sampled every 0.01, and the logistic map at r = 4"
tscomplex simulate lorenz -n 20000 --dt 0.01 -o work/lorenz.csv --force
tscomplex simulate logistic -n 10000 -o work/logistic.csv --force

echo "# 2. Rosenstein's method on x alone; delay, dimension, Theiler window and fit region automatic"
tscomplex lyapunov work/lorenz.csv -c x \
    --plot figures/lyapunov_lorenz_x.png -o work/lorenz_x.csv --force
tscomplex lyapunov work/logistic.csv -c x \
    --plot figures/lyapunov_logistic.png -o work/logistic_x.csv --force

echo "# 3. Against the published largest exponents (tscomplex systems list)"
tscomplex systems list -f csv -o work/systems.csv --force
"$PY" - <<'PY'
import csv

reference = {row["system"]: float(row["max_lyapunov_reference"])
             for row in csv.DictReader(open("work/systems.csv")) if row["max_lyapunov_reference"]}
rows = []
for system, path in (("lorenz", "work/lorenz_x.csv"), ("logistic", "work/logistic_x.csv")):
    rec = next(csv.DictReader(open(path)))
    est, ref = float(rec["max_lyapunov"]), reference[system]
    rows.append({"system": system, "series": rec["series"], "dt": rec["dt"], "embedding_dim": rec["embedding_dim"],
                 "embedding_lag": rec["embedding_lag"], "fit_start": rec["fit_start"], "fit_end": rec["fit_end"],
                 "fit_r2": f"{float(rec['fit_r2']):.4f}", "max_lyapunov": f"{est:.4f}",
                 "reference": f"{ref:.4f}", "relative_error": f"{(est - ref) / ref:+.1%}"})
with open("data/lyapunov_from_data.csv", "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
widths = {k: max(len(k), *(len(r[k]) for r in rows)) for k in rows[0]}
print("  ".join(k.ljust(widths[k]) for k in rows[0]))
for r in rows:
    print("  ".join(r[k].ljust(widths[k]) for k in r))
PY

echo "# 4. The spectrum from the equations (tangent-space QR), with its convergence"
tscomplex lyapunov --system lorenz --spectrum --plot figures/lyapunov_lorenz_spectrum.png -f json
echo
echo "# wrote figures/lyapunov_*.png and data/lyapunov_from_data.csv"
