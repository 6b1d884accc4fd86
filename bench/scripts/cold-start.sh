#!/usr/bin/env bash
# Cold start: one `tbms bench` row against a broker that has only just become ready, then the same
# row on the same broker once warm, so the two can be compared.
#
#   bench/scripts/cold-start.sh [--load X] [--budget MS] [--duration S] [--capacity QPS]
#                               [--zoo-ports HTTP,GRPC,METRICS] [--demo]
#
# Default: a fresh broker (`./tbms broker --config`, config/broker.json with a free listen port and
# a cluster of its own, so it shares no state with any other broker) against an already running
# model server, e.g. the one of `./tbms demo --traffic 0 --burst 0` (ports 8000,8001,8002 unless
# --zoo-ports). The bench JVM starts together with the broker and polls its /readyz every 20 ms
# (`tbms bench --wait-ready`); the row's first query is sent the moment /readyz answers 200, with no
# warm-up, no settling and no preflight query. The warm row then runs the same on the same broker.
# Both rows start a fresh bench JVM; the cold one competes with the broker's own start for the
# cores, so read its send lag p99 (how late the client itself sent) before its latencies.
#
# --demo: start a fresh `./tbms demo --traffic 0 --burst 0` on free ports instead (model server and
# broker both cold). Needs --capacity (take capacityQps from an earlier bench-results.json). The
# demo's broker joins any Hazelcast cluster named "tbms" already on this host.
#
# Defaults: --load 0.5 --budget 50 --duration 5; the capacity is measured first against the model
# server (a 1 s bench row of embedding-only), before the broker starts.
# Writes target/cold-start/{cold,warm}.{json,md}, the server's log and summary.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

LOAD=0.5 BUDGET=50 SECS=5 CAPACITY="" ZOO_PORTS=8000,8001,8002 DEMO=0
while [ $# -gt 0 ]; do
  case "$1" in
    --load) LOAD=$2; shift 2 ;;
    --budget) BUDGET=$2; shift 2 ;;
    --duration) SECS=$2; shift 2 ;;
    --capacity) CAPACITY=$2; shift 2 ;;
    --zoo-ports) ZOO_PORTS=$2; shift 2 ;;
    --demo) DEMO=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "cold-start: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
OUT=target/cold-start
mkdir -p "$OUT"
rm -f "$OUT"/*

server_pid=""
stop_all() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null || true
}
trap stop_all EXIT

free_ports() { # N free loopback ports
  python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

./tbms --help > /dev/null  # builds once, before anything is timed

if [ "$DEMO" = 1 ]; then
  [ -n "$CAPACITY" ] || { echo "cold-start: --demo needs --capacity QPS" >&2; exit 2; }
  read -r PORT HTTP GRPC METRICS <<< "$(free_ports 4)"
  ./tbms demo --traffic 0 --burst 0 --port "$PORT" --zoo-ports "$HTTP,$GRPC,$METRICS" > "$OUT/server.log" 2>&1 &
  server_pid=$!
  what="a fresh demo (model server and broker) on port $PORT"
else
  IFS=, read -r HTTP GRPC METRICS <<< "$ZOO_PORTS"
  curl -sf "http://127.0.0.1:$HTTP/v2/health/ready" > /dev/null || {
    echo "cold-start: no model server answers on 127.0.0.1:$HTTP; start ./tbms demo --traffic 0 --burst 0" \
      "(or pass --zoo-ports, or use --demo)" >&2; exit 1; }
  if [ -z "$CAPACITY" ]; then
    ./tbms bench --targets embedding-only --loads 0.25 --budgets "$BUDGET" --duration 1s --warmup 0s \
      --oracle-queries 0 --zoo-grpc "127.0.0.1:$GRPC" --out "$OUT/capacity.json" > /dev/null 2> "$OUT/capacity.log"
    CAPACITY=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['capacityQps']))" "$OUT/capacity.json")
  fi
  read -r PORT HAZELCAST <<< "$(free_ports 2)"
  python3 - "$OUT/broker.json" "$PORT" "$HAZELCAST" "$HTTP" "$GRPC" "$METRICS" <<'PY'
import json, os, sys
path, port, hz, http, grpc, metrics = sys.argv[1], *map(int, sys.argv[2:])
config = json.load(open("config/broker.json"))
config["listen"]["port"] = port
config["cluster"].update(name=f"cold-start-{os.getpid()}", port=hz, members=[f"127.0.0.1:{hz}"], state_file=None)
config["resources"]["targets"] = [{"kserve": f"127.0.0.1:{grpc}", "metrics": f"http://127.0.0.1:{metrics}/metrics"}]
for model in config["models"]:
    for replica in model["replicas"]:
        replica["port"] = {8000: http, 8001: grpc}.get(replica["port"], replica["port"])
json.dump(config, open(path, "w"), indent=2)
PY
  ./tbms broker --config "$OUT/broker.json" > "$OUT/server.log" 2>&1 &
  server_pid=$!
  what="a fresh broker on port $PORT (cluster of its own) against the model server on $GRPC"
fi

row() { # LABEL [extra bench options]
  local label=$1; shift
  ./tbms bench --broker "http://127.0.0.1:$PORT" --zoo-grpc "127.0.0.1:$GRPC" --targets broker \
    --capacity "$CAPACITY" --loads "$LOAD" --budgets "$BUDGET" --duration "${SECS}s" --warmup 0s \
    --oracle-queries 0 --out "$OUT/$label.json" "$@" > "$OUT/$label.md" 2> "$OUT/$label.log"
}

echo "cold-start: $what; row: broker at ${LOAD}x ($CAPACITY q/s capacity), budget $BUDGET ms, $SECS s" >&2
row cold --wait-ready 240s || { echo "cold-start: the cold row failed; see $OUT/cold.log and $OUT/server.log" >&2; exit 1; }
row warm || { echo "cold-start: the warm row failed; see $OUT/warm.log" >&2; exit 1; }

python3 - "$OUT" "$what" <<'PY'
import json, sys, pathlib
out, what = pathlib.Path(sys.argv[1]), sys.argv[2]
lines = [f"Cold start: {what}.", "",
         "| row | load | budget ms | sent | terminal | 429 | err+lost | ≤ budget | ≤ budget+1ms | p50 ms | p99 ms "
         "| p99.9 ms | embedding | EMPTY | accuracy | send lag p99 ms |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
for label, note in (("cold", "cold: first query at /readyz"), ("warm", "warm: same broker, next")):
    r = next(x for x in json.loads((out / f"{label}.json").read_text())["rows"] if x["target"] == "broker")
    pct = lambda v: f"{100 * v:.1f}%"
    lines.append(f"| {note} | {r['loadFactor']}× | {r['budgetMs']} | {r['sent']} | {r['terminal']} | {r['rejected']} | "
                 f"{r['errors'] + r['lost']} | {pct(r['withinBudget'])} | {pct(r['withinBudgetPlus1'])} | "
                 f"{r['p50Ms']:.1f} | {r['p99Ms']:.1f} | {r['p999Ms']:.1f} | "
                 f"{pct(r['answeredByModel'].get('embedding', 0))} | {pct(r['emptyShare'])} | {pct(r['accuracy'])} | "
                 f"{r['sendLagP99Ms']:.1f} |")
(out / "summary.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
