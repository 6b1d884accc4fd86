#!/usr/bin/env bash
# The config tuner live: a QPS step (LOW -> HIGH -> LOW queries/s) on the demo, run twice from a
# fresh demo each time: once as configured (the untuned default), once with `tbms tune watch`
# re-tuning the embedding model from config/profiles/embedding.json. Each phase is one open-loop
# `tbms bench` row against the broker (chain embedding:35, svm:25, bayes:15, keyword:5, 50 ms).
#
#   bench/scripts/tune-step.sh [LOW] [HIGH] [SECONDS]     (default 20 150 30)
#
# Writes target/tune-step/{default,watch}-{1,2,3}.json, watch.log and summary.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LOW=${1:-20}
HIGH=${2:-150}
SECS=${3:-30}
OUT=target/tune-step
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.log "$OUT"/summary.md

demo_pid=""
watch_pid=""
stop_all() {
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null || true
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  watch_pid=""; demo_pid=""
}
trap stop_all EXIT

start_demo() {
  ./tbms demo --traffic 0 --burst 0 > "$OUT/demo-$1.log" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 240); do
    if curl -sf http://127.0.0.1:8080/readyz > /dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the demo did not become ready; see $OUT/demo-$1.log" >&2
  exit 1
}

phase() { # label index qps
  local label=$1 index=$2 qps=$3
  echo "$(date +%s%3N) $label phase $index: $qps q/s" >> "$OUT/phases.log"
  ./tbms bench --targets broker --capacity "$qps" --loads 1 --budgets 50 --oracle-queries 0 --duration "${SECS}s" --warmup 0s \
    --out "$OUT/$label-$index.json" > /dev/null
}

./tbms --help > /dev/null  # builds once, before anything is timed

for label in default watch; do
  start_demo "$label"
  if [ "$label" = watch ]; then
    ./tbms tune watch --profile config/profiles/embedding.json --interval-s 2 > "$OUT/watch.log" 2>&1 &
    watch_pid=$!
  fi
  phase "$label" 1 "$LOW"
  phase "$label" 2 "$HIGH"
  phase "$label" 3 "$LOW"
  curl -s http://127.0.0.1:8080/api/report > "$OUT/$label-report.json"
  stop_all
  sleep 3
done

python3 - "$OUT" "$LOW" "$HIGH" <<'PY'
import json, sys, pathlib
out, low, high = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
rows = ["| run | phase | q/s sent | terminal | <= 50 ms | p50 ms | p99 ms | by embedding | EMPTY | accuracy |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
for label in ("default", "watch"):
    for i, qps in ((1, low), (2, high), (3, low)):
        report = json.loads((out / f"{label}-{i}.json").read_text())
        s = next(l for l in report["rows"] if l["target"] == "broker")
        rows.append(f"| {label} | {i}: {qps} q/s | {s['rateQps']:.0f} | {s['terminal']} | {100*s['withinBudget']:.1f}% | "
                    f"{s['p50Ms']:.1f} | {s['p99Ms']:.1f} | {100*s['answeredByModel'].get('embedding', 0):.1f}% | "
                    f"{100*s['emptyShare']:.1f}% | {100*s['accuracy']:.1f}% |")
changes = json.loads((out / "watch-report.json").read_text()).get("tuning", [])
phases = [l.split(" ", 1) for l in (out / "phases.log").read_text().splitlines() if " watch " in l]
lines = rows + ["", "watch's changes (oldest first), seconds after the watch run's phase 1 began:"]
t0 = int(phases[0][0]) if phases else 0
for c in reversed(changes):
    lines.append(f"- +{(c['at_ms'] - t0) / 1000:.1f} s: {c['model']} b {c['previous_batch_size']} -> {c['batch_size']} "
                 f"at {c['qps']:.1f} q/s: {c['explanation']}")
lines.append("")
lines.append("phase starts (watch run): " + ", ".join(f"+{(int(t) - t0) / 1000:.1f} s {rest}" for t, rest in phases))
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
