#!/usr/bin/env bash
# Choose the delay tau for an orbit the PECCARY way (Hyman, Daniel & Schaffner 2024):
# estimate the natural timescale t_nat, take tau so that the pattern spans
# t_pat = (d-1) tau dt = 0.4 t_nat, and read the regime there.
#
# A star on a loop orbit in a flattened logarithmic potential (regular), and the
# chaotic Henon-Heiles orbit at E = 1/8, each sampled at the system's default dt.
#
# Makes (under the output folder): figures/choose_tau_orbits.png, data/choose_tau_summary.csv
# Needs: tscomplex on PATH.
set -euo pipefail
# Everything goes under the folder given as $1, by default a new temporary folder: never into the
# repository. (`bash examples/SCRIPT.sh examples` rebuilds the tracked figures and data.)
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/tscomplex-examples.XXXXXX")}"
mkdir -p "$out" && cd "$out"
echo "# output folder: $out" >&2
mkdir -p figures data work
# align CSV columns when column(1) is there
table() { if command -v column >/dev/null; then column -t -s,; else cat; fi; }

echo "# 1. Simulate the two orbits (symplectic leapfrog; time column + x, y, vx/px, vy/py)"
tscomplex simulate star_logarithmic -n 20000 -o work/star_logarithmic.csv --force
tscomplex simulate henon_heiles -n 20000 -o work/henon_heiles.csv --force

echo "# 2. Sweep tau = 1..80 on x; t_nat, the ideal tau and the regime there"
tscomplex sweep work/star_logarithmic.csv work/henon_heiles.csv -c x \
    -t 1:80 --plot figures/choose_tau_orbits.png --summary -o data/choose_tau_summary.csv --force
# columns: source, dt, t_nat, t_nat_method, ideal_tau, t_pat/t_nat, H, C, regime, multi-turn fraction
cut -d, -f1,4,8,9,14,16,17,18,19,24 data/choose_tau_summary.csv | table
echo "# wrote figures/choose_tau_orbits.png and data/choose_tau_summary.csv"
