#!/usr/bin/env bash
# A folder batch: 300 files analyzed on 2 cores to NDJSON, then queried with jq
# (or python when jq is missing) and summarized with pandas.
#
# The folder: 250 logistic-map series, r from 3.5 to 4 (periodic windows and chaos),
# and 50 power-law noises f^-k, k from 0 to 3; 5000 samples each, one number per line.
#
# Makes (under the output folder): figures/batch_logistic_r.png, data/batch_summary.csv (the NDJSON stays in work/)
# Needs: tscomplex on PATH; python with numpy, pandas, matplotlib ($PYTHON, default python3);
#        jq if you have it ($JQ, default jq).
set -euo pipefail
# Everything goes under the folder given as $1, by default a new temporary folder: never into the
# repository. (`bash examples/SCRIPT.sh examples` rebuilds the tracked figures and data.)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/tscomplex-examples.XXXXXX")}"
mkdir -p "$out" && cd "$out"
echo "# output folder: $out" >&2
PY=${PYTHON:-python3}
JQ=${JQ:-jq}
mkdir -p figures data work

echo "# 1. Make 300 files under work/runs/"
rm -rf work/runs
"$PY" - <<'PY'
import os
import numpy as np

n, transient = 5000, 1000
os.makedirs("work/runs/logistic"), os.makedirs("work/runs/noise")
r = np.linspace(3.5, 4.0, 250)
x, out = np.full(r.size, 0.4), np.empty((n, r.size))
for i in range(transient + n):                    # all 250 maps at once
    x = r * x * (1 - x)
    if i >= transient:
        out[i - transient] = x
manifest = []                                     # file, parameter, period (0: none up to 64)
for j, rj in enumerate(r):
    path = f"work/runs/logistic/r_{rj:.4f}.txt"
    np.savetxt(path, out[:, j], fmt="%.12g")
    period = next((p for p in range(1, 65) if np.allclose(out[p:, j], out[:-p, j], atol=1e-6)), 0)
    manifest.append((path, rj, period))
rng = np.random.default_rng(1)
f = np.fft.rfftfreq(n)
for k in np.linspace(0, 3, 50):
    spectrum = np.fft.rfft(rng.standard_normal(n))
    spectrum[0], spectrum[1:] = 0, spectrum[1:] * f[1:] ** (-k / 2)   # power ~ f^-k
    path = f"work/runs/noise/k_{k:.3f}.txt"
    np.savetxt(path, np.fft.irfft(spectrum, n), fmt="%.12g")
    manifest.append((path, k, 0))
with open("work/manifest.csv", "w") as f:                  # what we know about each file
    f.write("source,parameter,period\n")
    f.writelines(f"{path},{value:.6g},{period}\n" for path, value, period in manifest)
PY
ls work/runs/logistic | head -2; ls work/runs/noise | head -2; echo "$(find work/runs -type f | wc -l) files"

echo "# 2. Analyze the folder on 2 cores; records come out in input order, one JSON line each"
tscomplex analyze work/runs -r --jobs 2 -d 5 -o work/batch.ndjson --force
wc -l < work/batch.ndjson
head -1 work/batch.ndjson

echo "# 3. Regimes per folder"
if command -v "$JQ" >/dev/null 2>&1; then
    "$JQ" -r '[(.source | split("/")[-2]), .regime] | @tsv' work/batch.ndjson | sort | uniq -c
    echo "#    the most complex series:"
    "$JQ" -s -c 'sort_by(-.statistical_complexity) | .[:3][] | {source, permutation_entropy, statistical_complexity}' \
        work/batch.ndjson
else
    echo "#    (jq not found: the same with python)"
    "$PY" - <<'PY'
import collections, json
records = [json.loads(line) for line in open("work/batch.ndjson")]
counts = collections.Counter((r["source"].split("/")[-2], r["regime"]) for r in records)
for (folder, regime), count in sorted(counts.items(), key=lambda item: (item[0][0], str(item[0][1]))):
    print(f"{count:7d} {folder}\t{regime or ''}")
print("#    the most complex series:")
for r in sorted(records, key=lambda r: -r["statistical_complexity"])[:3]:
    print(json.dumps({k: r[k] for k in ("source", "permutation_entropy", "statistical_complexity")}))
PY
fi

echo "# 4. pandas: a summary table, and H and C of the logistic map against r"
"$PY" - <<'PY'
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

df = pd.read_json("work/batch.ndjson", lines=True).merge(pd.read_csv("work/manifest.csv"), on="source")
df["family"] = df.source.str.split("/").str[-2]
df["orbit"] = df.period.map(lambda p: "periodic" if p else "aperiodic")
summary = (df.groupby(["family", "orbit", "regime"], dropna=False)
             .agg(files=("source", "size"), H_mean=("permutation_entropy", "mean"),
                  C_mean=("statistical_complexity", "mean"),
                  periods=("period", lambda p: " ".join(map(str, sorted(set(p) - {0}))) or "-"),
                  parameter_min=("parameter", "min"), parameter_max=("parameter", "max"))
             .round(4))
print(summary.to_string())
summary.to_csv("data/batch_summary.csv")

logistic = df[df.family == "logistic"].sort_values("parameter")
fig, axes = plt.subplots(2, 1, figsize=(6.4, 5.2), sharex=True, constrained_layout=True)
styles = {"aperiodic": dict(marker="o", ms=3, color="0.15", label="aperiodic (chaotic)"),
          "periodic": dict(marker="s", ms=4.5, mfc="white", color="0.35",
                           label=r"periodic orbit (period $\leq 64$)")}
for ax, key, label in zip(axes, ("permutation_entropy", "statistical_complexity"),
                          ("Permutation entropy $H$", "Statistical complexity $C$")):
    ax.plot(logistic.parameter, logistic[key], color="0.8", lw=0.8, zorder=1)
    for orbit, style in styles.items():
        part = logistic[logistic.orbit == orbit]
        ax.plot(part.parameter, part[key], ls="none", zorder=2, **style)
    ax.set_ylabel(label)
    ax.set_ylim(0, None)
axes[0].legend(loc="lower right", frameon=False)
axes[1].set_xlabel("logistic parameter $r$")
axes[0].set_title("Logistic map $x_{t+1} = r\\,x_t(1-x_t)$, $d = 5$, $\\tau = 1$, 250 files")
fig.savefig("figures/batch_logistic_r.png", dpi=150)
PY
echo "# wrote figures/batch_logistic_r.png and data/batch_summary.csv"
