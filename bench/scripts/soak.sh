#!/usr/bin/env bash
# Overload soak: the demo (model server + broker in one JVM, default heap) under open-loop load at
# a multiple of the embedding model's capacity for a long run, with the JVM's memory sampled every
# second from outside. One `tbms bench` row against the broker (chain embedding:35, svm:25,
# bayes:15, keyword:5, 50 ms budget).
#
#   bench/scripts/soak.sh [SECONDS] [LOAD]          (default 60 4)
#
# Prints, and writes to target/soak/summary.md:
#   - the bench row: sent, terminal answers, 429s, errors, lost (no answer) — lost must be 0;
#   - heap used after a full GC before and after the soak (what is retained), and the peak heap
#     used and peak RSS (VmHWM) during it;
#   - the broker's own latency histogram over the soak (tbms_broker_query_latency_seconds, from
#     arrival at the broker to its answer): how late its answers were on its own clock;
#   - whether the broker still answers a query afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SECS=${1:-60}
LOAD=${2:-4}
OUT=target/soak
mkdir -p "$OUT"
rm -f "$OUT"/*

demo_pid=""
sampler_pid=""
stop_all() {
  [ -n "$sampler_pid" ] && curl -s http://127.0.0.1:8080/metrics > "$OUT/metrics-after.txt"
kill "$sampler_pid" 2>/dev/null || true
  [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_all EXIT

heap_used_kib() { # used heap in KiB: survivor + eden + old, from jstat
  jstat -gc "$1" | awk 'NR==2 { printf "%.0f\n", $3 + $4 + $6 + $8 }'
}
heap_after_gc_kib() {
  jcmd "$1" GC.run > /dev/null
  heap_used_kib "$1"
}
status_kib() { # VmRSS or VmHWM in KiB
  awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"
}

./tbms --help > /dev/null  # builds once, before anything is timed

./tbms demo --traffic 0 --burst 0 > "$OUT/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 1 240); do
  if curl -sf http://127.0.0.1:8080/readyz > /dev/null 2>&1; then break; fi
  sleep 1
done
curl -sf http://127.0.0.1:8080/readyz > /dev/null || { echo "the demo did not become ready; see $OUT/demo.log" >&2; exit 1; }

# Capacity first (it loads the models' code paths), then the baseline after a full GC.
./tbms bench --targets broker --loads 0.5 --budgets 50 --oracle-queries 0 --duration 5s --warmup 2s \
  --out "$OUT/warmup.json" > /dev/null
capacity=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['capacityQps'])" "$OUT/warmup.json")
curl -s http://127.0.0.1:8080/metrics > "$OUT/metrics-before.txt"
before_gc=$(heap_after_gc_kib "$demo_pid")
rss_before=$(status_kib "$demo_pid" VmRSS)

( while kill -0 "$demo_pid" 2>/dev/null; do
    echo "$(date +%s) $(heap_used_kib "$demo_pid") $(status_kib "$demo_pid" VmRSS)"
    sleep 1
  done ) > "$OUT/memory.log" 2>/dev/null &
sampler_pid=$!

./tbms bench --targets broker --capacity "$capacity" --loads "$LOAD" --budgets 50 --oracle-queries 0 \
  --duration "${SECS}s" --warmup 0s --out "$OUT/soak.json" | tee "$OUT/bench.md"

curl -s http://127.0.0.1:8080/metrics > "$OUT/metrics-after.txt"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
after_gc=$(heap_after_gc_kib "$demo_pid")
hwm=$(status_kib "$demo_pid" VmHWM)
rss_after=$(status_kib "$demo_pid" VmRSS)
max_heap=$(jcmd "$demo_pid" VM.flags | tr ' ' '\n' | awk -F= '/MaxHeapSize/ { print $2; exit }')
after_status=$(./tbms try --budget 200 --models keyword:5 "what is my balance" > "$OUT/after.txt" 2>&1 && echo answers || echo "does not answer")

python3 - "$OUT" "$SECS" "$LOAD" "$before_gc" "$after_gc" "$rss_before" "$rss_after" "$hwm" "$max_heap" "$after_status" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
secs, load = sys.argv[2], sys.argv[3]
before_gc, after_gc, rss_before, rss_after, hwm, max_heap = (int(x) for x in sys.argv[4:10])
after_status = sys.argv[10]
report = json.loads((out / "soak.json").read_text())
row = next(r for r in report["rows"] if r["target"] == "broker")
samples = [l.split() for l in (out / "memory.log").read_text().splitlines() if len(l.split()) == 3]
peak_heap = max(int(s[1]) for s in samples)
peak_rss = max(int(s[2]) for s in samples)
mib = lambda kib: f"{kib / 1024:.0f} MiB"

def buckets(name):
    counts = {}
    for line in (out / name).read_text().splitlines():
        if line.startswith("tbms_broker_query_latency_seconds_bucket{"):
            le = line.split('le="', 1)[1].split('"', 1)[0]
            counts[le] = counts.get(le, 0) + float(line.rsplit(" ", 1)[1])
    return counts

before, after = buckets("metrics-before.txt"), buckets("metrics-after.txt")
delta = {le: after[le] - before.get(le, 0) for le in after}
total = delta.get("+Inf", 0)
def within(seconds):
    le = min((l for l in delta if l != "+Inf" and float(l) >= seconds), key=float)
    return float(le), delta[le] / total if total else 0
lines = [
    f"Soak: {load}x the embedding model's capacity ({report['capacityQps']:.0f} q/s measured), "
    f"{secs} s, budget {row['budgetMs']} ms.",
    "",
    "| sent | q/s | terminal | 429 | errors | lost | <= budget | p50 ms | p99 ms | p99.9 ms | EMPTY | accuracy |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    f"| {row['sent']} | {row['rateQps']:.0f} | {row['terminal']} | {row['rejected']} | {row['errors']} | {row['lost']} | "
    f"{100 * row['withinBudget']:.1f}% | {row['p50Ms']:.1f} | {row['p99Ms']:.1f} | {row['p999Ms']:.1f} | "
    f"{100 * row['emptyShare']:.1f}% | {100 * row['accuracy']:.1f}% |",
    "",
    "| memory (demo JVM: model server + broker) | value |",
    "|---|---:|",
    f"| max heap (JVM default) | {mib(max_heap // 1024)} |",
    f"| heap used after a full GC, before | {mib(before_gc)} |",
    f"| heap used after a full GC, after | {mib(after_gc)} |",
    f"| peak heap used during the soak ({len(samples)} samples) | {mib(peak_heap)} |",
    f"| RSS before / after | {mib(rss_before)} / {mib(rss_after)} |",
    f"| peak RSS (sampled / VmHWM) | {mib(peak_rss)} / {mib(hwm)} |",
    "",
    f"The broker's own clock ({total:.0f} queries answered during the soak, arrival to answer):",
    "",
    "| within | share |",
    "|---|---:|",
    *[f"| {le * 1000:.1f} ms | {100 * share:.2f}% |" for le, share in (within(s) for s in (0.050, 0.1, 0.5, 1.0))],
    "",
    f"Answered or refused: {row['terminal'] + row['rejected']} of {row['sent']}; the broker {after_status} afterwards.",
]
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
