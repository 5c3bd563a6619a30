#!/usr/bin/env bash
# Bounded soak of the job: a broker, the job and an endless replay, each in its own process, for N
# minutes; the job's heap is measured after a full GC once a minute. A leak shows as heap after GC
# that keeps growing.
#
#   scripts/soak.sh [--minutes 20] [--devices 8] [--fps 20] [--model tiny-chain] [--out DIR]
#
# The replay loops a one-minute generated trace with rewritten event times and frame ids
# (replay --loop --rewrite-payloads), so the job sees a steady stream of new frames. Writes
# DIR/heap.csv (minute, heap after GC in MB), DIR/gc.log and the processes' logs, and prints the
# median heap after GC in the first and the last quarter and the least-squares slope in MB per
# minute over the second half (the first minutes fill caches and buffers).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

minutes=20 devices=8 fps=20 model=tiny-chain out="" port=19492
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 4 ]] || { echo "soak.sh: --minutes must be a whole number >= 4, got $minutes" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "soak.sh: jcmd not found: install a full JDK 17" >&2; exit 2; }
out="${out:-$here/edgesplit-out/soak-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
"$here/edgesplit" --version >/dev/null   # builds the jar if needed
export EDGESPLIT_SKIP_BUILD=1
es="$here/edgesplit"   # execs java: a background job's $! is the JVM's pid
echo "soak: $devices devices x $fps fps of $model for $minutes min; output in $out"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

"$es" broker --port "$port" > "$out/broker.log" 2>&1 & pids+=($!)
for _ in $(seq 60); do grep -q "edgesplit broker: Kafka at" "$out/broker.log" && break; sleep 1; done
grep -q "edgesplit broker: Kafka at" "$out/broker.log" || { echo "soak: the broker did not start, see $out/broker.log" >&2; exit 1; }
"$es" gen-trace --out "$out/trace" --devices "$devices" --fps "$fps" --model "$model" --duration 60s > "$out/gen-trace.log" 2>&1

EDGESPLIT_JAVA_OPTS="-Xlog:gc:file=$out/gc.log:uptime ${EDGESPLIT_JAVA_OPTS:-}" \
  "$es" job --bootstrap "localhost:$port" --models "$model" --state-dir "$out/state" --ui-port 0 \
  > "$out/job.log" 2>&1 & job=$!; pids+=($job)
"$es" replay --bootstrap "localhost:$port" --trace "$out/trace" --loop --rewrite-payloads \
  > "$out/replay.log" 2>&1 & pids+=($!)

echo "minute,heap_after_gc_mb" > "$out/heap.csv"
for ((m = 1; m <= minutes; m++)); do
  sleep 60
  kill -0 "$job" 2>/dev/null || { echo "soak: the job ended early, see $out/job.log" >&2; exit 1; }
  jcmd "$job" GC.run >/dev/null
  sleep 2
  # the last full GC's 'before->after(total)' figure, after in MB
  after=$(grep 'Pause Full' "$out/gc.log" | tail -1 | sed -E 's/.* ([0-9]+)M->([0-9]+)M\(.*/\2/')
  echo "$m,$after" >> "$out/heap.csv"
  printf 'soak: minute %3d  job heap after GC %5s MB  | replay: %s\n' "$m" "$after" \
    "$(tr '\r' '\n' < "$out/replay.log" | grep -v '^$' | tail -1 | cut -c1-100)"
done
# stop the replay, let the job finish what it has read, then count its committed results
kill -TERM "${pids[2]}" 2>/dev/null || true
wait "${pids[2]}" 2>/dev/null || true
sleep 20
"$es" record --bootstrap "localhost:$port" --topics edgesplit.results \
  --from-beginning --to-end --out "$out/counts" > "$out/counts.log" 2>&1 || true
tr '\r' '\n' < "$out/replay.log" | grep -E '^ *edgesplit\.frames ' | tail -1 | awk '{ print "soak: frames replayed " $2 }'
grep -E '^ *edgesplit\.results ' "$out/counts.log" | awk '{ print "soak: results committed " $2 }'
kill "${pids[@]}" 2>/dev/null || true
trap - EXIT
awk -F, -v n="$minutes" 'NR > 1 { m[NR-1] = $1; h[NR-1] = $2 }
  function median(a, lo, hi,   i, j, k, t, c) {
    c = 0; for (i = lo; i <= hi; i++) t[++c] = a[i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (t[j] < t[i]) { k = t[i]; t[i] = t[j]; t[j] = k }
    return (c % 2) ? t[(c + 1) / 2] : (t[c / 2] + t[c / 2 + 1]) / 2
  }
  END {
    q = int(n / 4); if (q < 1) q = 1
    first = median(h, 1, q); last = median(h, n - q + 1, n)
    lo = int(n / 2) + 1; c = 0; sx = sy = sxx = sxy = 0
    for (i = lo; i <= n; i++) { c++; sx += m[i]; sy += h[i]; sxx += m[i] * m[i]; sxy += m[i] * h[i] }
    slope = (c * sxy - sx * sy) / (c * sxx - sx * sx)
    printf "soak: heap after GC, median of the first %d min %.0f MB, of the last %d min %.0f MB; slope over the second half %.2f MB/min\n", q, first, q, last, slope
  }' "$out/heap.csv" | tee "$out/summary.txt"
