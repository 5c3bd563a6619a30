#!/usr/bin/env bash
# Regenerates the issue-13 figures (docs/controller.md "Latency bound, ablation, offline reference"
# and BENCHMARKS.md): every shipped scenario under the default 200 ms latency bound, with the
# joint-control ablation, device-only, edge-only and the offline-optimal lower bound, at V = 1, 10, 100.
#   scripts/controller-figures.sh [OUT_DIR]      (default target/controller-figures)
# Prints one summary per scenario; full outputs (runs.csv, slots.csv, PNG plots) under OUT_DIR/<name>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-target/controller-figures}"
mkdir -p "$out"
policies=cutedge,cutedge-cut-only,cutedge-cut-clock,cutedge-cut-rate,device-only,edge-only,offline-optimal
for scenario in docs/scenarios/*.yaml; do
  name="$(basename "$scenario" .yaml)"
  echo "=== $name"
  # scenarios whose trace fixture DocFigures has not generated yet fail with one line: skip them
  if ! ./edgesplit simulate --scenario "$scenario" --policy "$policies" --V 1,10,100 \
      --out "$out/$name" >"$out/$name.txt" 2>"$out/$name.err"; then
    echo "skipped: $(tail -n 1 "$out/$name.err")"
    continue
  fi
  cat "$out/$name.txt"
done
