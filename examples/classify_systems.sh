#!/usr/bin/env bash
# Classify maps, a flow, a sine and two noises on the complexity-entropy plane.
#
# Makes (under the output folder): figures/classify_plane.png, data/classify.csv
# Needs: tscomplex on PATH; python with numpy ($PYTHON, default python3).
set -euo pipefail
# Everything goes under the folder given as $1, by default a new temporary folder: never into the
# repository. (`bash examples/SCRIPT.sh examples` rebuilds the tracked figures and data.)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/tscomplex-examples.XXXXXX")}"
mkdir -p "$out" && cd "$out"
echo "# output folder: $out" >&2
PY=${PYTHON:-python3}
mkdir -p figures data work
# align CSV columns when column(1) is there
table() { if command -v column >/dev/null; then column -t -s,; else cat; fi; }

echo "# 1. Three chaotic maps, 10^4 iterations each"
for map in logistic henon tent; do
    tscomplex simulate "$map" -n 10000 -o "work/$map.csv" --force
done

echo "# 2. Lorenz x: find its natural timescale and PECCARY's ideal delay at dt = 0.01"
tscomplex simulate lorenz -n 20000 --dt 0.01 -o work/lorenz_fine.csv --force
tscomplex sweep work/lorenz_fine.csv -c x -t 1:60 --summary \
    -o data/lorenz_x_sweep.json --force
"$PY" - <<'PY'
import json
summary = json.load(open("data/lorenz_x_sweep.json"))[0]
for key in ("dt", "t_nat", "t_nat_method", "ideal_tau", "ideal_t_pat_over_t_nat",
            "permutation_entropy", "statistical_complexity", "regime"):
    print(f"   {key:24s} {summary[key]}")
PY
ideal_tau=$("$PY" -c 'import json; print(json.load(open("data/lorenz_x_sweep.json"))[0]["ideal_tau"])')
dt=$("$PY" -c "print(round($ideal_tau * 0.01, 4))")
echo "#    ideal tau = $ideal_tau samples: resample Lorenz at dt = $dt so that tau = 1 is ideal"
tscomplex simulate lorenz -n 10000 --dt "$dt" -o work/lorenz_ideal.csv --force

echo "# 3. A sine (period 61.8 samples), white noise and 1/f noise; one table of 7 series"
"$PY" - <<'PY'
import numpy as np

n = 10_000
cols = {name: np.loadtxt(f"work/{name}.csv", delimiter=",", skiprows=1, usecols=1)
        for name in ("logistic", "henon", "tent")}
cols["lorenz_x"] = np.loadtxt("work/lorenz_ideal.csv", delimiter=",", skiprows=1, usecols=1)
cols["sine"] = np.sin(2 * np.pi * np.arange(n) / 61.8)
rng = np.random.default_rng(7)
cols["white_noise"] = rng.standard_normal(n)
spectrum = np.fft.rfft(rng.standard_normal(n))
f = np.fft.rfftfreq(n)
spectrum[0], spectrum[1:] = 0, spectrum[1:] / np.sqrt(f[1:])   # power ~ 1/f
cols["pink_noise"] = np.fft.irfft(spectrum, n)
np.savetxt("work/systems.csv", np.column_stack(list(cols.values())), delimiter=",",
           header=",".join(cols), comments="", fmt="%.10g")
PY

echo "# 4. The plane at d = 5, tau = 1: one point per series, with its regime"
tscomplex plane work/systems.csv -d 5 --plot figures/classify_plane.png \
    -o data/classify.csv --force
cut -d, -f2,3,7,8,9,17 data/classify.csv | table
echo "# wrote figures/classify_plane.png and data/classify.csv"
