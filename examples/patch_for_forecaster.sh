#!/usr/bin/env bash
# Cut a sensor-like series into entropy-guided patches for a patch-based forecaster:
# long patches where the next value is predictable, short ones where it is not.
#
# The series: 8 weeks of hourly load readings with a daily and a weekly cycle, a
# regime change in week 6 (higher level, larger swing) and three bursts of sensor
# noise, made with a fixed seed.
#
# Makes (under the output folder): data/sensor.csv, data/sensor_patches.csv, figures/patch_sensor.png
# Needs: tscomplex on PATH; python with numpy and pandas ($PYTHON, default python3).
set -euo pipefail
# Everything goes under the folder given as $1, by default a new temporary folder: never into the
# repository. (`bash examples/SCRIPT.sh examples` rebuilds the tracked figures and data.)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/tscomplex-examples.XXXXXX")}"
mkdir -p "$out" && cd "$out"
echo "# output folder: $out" >&2
PY=${PYTHON:-python3}
mkdir -p figures data

echo "# 1. Make the series: data/sensor.csv (time in days, load_kw)"
"$PY" - <<'PY'
import numpy as np

rng = np.random.default_rng(42)
n = 24 * 7 * 8                                                  # 8 weeks, hourly
t = np.arange(n)
daily = np.sin(2 * np.pi * t / 24) + 0.4 * np.sin(4 * np.pi * t / 24)
weekend = np.where((t // 24) % 7 >= 5, -0.8, 0.0)               # weekends run lower
x = 10 + 2 * daily + weekend + 0.15 * rng.standard_normal(n)
late = t >= 24 * 7 * 5                                          # regime change in week 6
x[late] += 3 + 0.8 * daily[late]
for start in (24 * 9 + 5, 24 * 23 + 14, 24 * 44 + 2):           # bursts of sensor noise
    x[start:start + 18] += 2.5 * rng.standard_normal(18)
np.savetxt("data/sensor.csv", np.column_stack([t / 24, x]), delimiter=",",
           header="time,load_kw", comments="", fmt="%.5f")
PY
head -3 data/sensor.csv

echo "# 2. Patch it: H_t from a frozen count model (--mode fit), cut where H_t > its 90th percentile,"
echo "#    patches between 4 and 48 samples (2 days)"
tscomplex patch data/sensor.csv -c load_kw --mode fit --threshold q90 --min-len 4 --max-len 48 \
    --plot figures/patch_sensor.png -o data/sensor_patches.csv --force

echo "# 3. The summary record and the head of the patch table"
"$PY" - <<'PY'
import pandas as pd

records = pd.read_csv("data/sensor_patches.csv").convert_dtypes()
summary = records[records.record == "summary"].iloc[0]
print(summary[["n", "estimator", "mode", "rule", "threshold", "n_patches", "mean_patch_length",
               "median_patch_length", "entropy_rate"]].to_string())
patches = records[records.record == "patch"][["patch", "start", "end", "length",
                                              "mean_entropy", "max_entropy"]]
print()
print(patches.head(8).to_string(index=False))
print("...")
quiet = patches[(patches.start > 24 * 12) & (patches.end < 24 * 22)]   # days 12-22: no burst
print(f"patch length, days 12-22 (calm): median {quiet.length.median():.0f} samples; "
      f"whole series: median {patches.length.median():.0f}, shortest {patches.length.min()}")
PY
echo "# wrote figures/patch_sensor.png and data/sensor_patches.csv"
