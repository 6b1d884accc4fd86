#!/usr/bin/env python3
"""What the broker adds to one model's latency on an idle stack (issue 15, "idle path").

Against a running demo (``./tbms demo --traffic 0 --burst 0``), sends at a steady rate (default
1 query/s), in alternating order so both see the same machine:

- ``direct``: ``POST /v2/models/svm/infer`` to the model server's KServe v2 REST port;
- ``broker``: ``POST /v1/try`` with the one-model chain ``svm``, signed, ``cross_request`` as the
  SDKs send it (true, ``cross_lag_ms`` 10);
- ``broker-nocross``: the same with ``cross_request`` false.

Each over its own keep-alive HTTP/1.1 connection, timed on the client from just before the request
is written to the last byte of the answer. Prints p50/p90/p99 per kind and the differences of the
medians (broker minus direct), in milliseconds; ``--json`` writes the samples.

    python3 bench/scripts/idle-path.py --count 60 --rate 1
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "client-sdk", "python"))
from tbms.signing import signed_headers  # noqa: E402

TEXTS = ["set an alarm for 7 am", "what is my balance", "how do i say hello in french",
         "book a table for two", "what's the weather like tomorrow", "play some jazz"]


def direct_body(text: str) -> bytes:
    return json.dumps({"inputs": [{"name": "TEXT", "shape": [1, 1], "datatype": "BYTES", "data": [text]}],
                       "outputs": [{"name": "LABEL"}, {"name": "SCORE"}]}).encode()


def broker_body(text: str, cross: bool, budget: int) -> bytes:
    body = {"query": {"text": text}, "models": [{"name": "svm", "est_ms": 25}], "budget_ms": budget,
            "cross_request": cross}
    if cross:
        body["cross_lag_ms"] = 10
    return json.dumps(body).encode()


def timed(conn: http.client.HTTPConnection, path: str, body: bytes, headers: dict) -> tuple[float, bytes]:
    start = time.perf_counter_ns()
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter_ns() - start) / 1e6
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}: {data[:200]!r}")
    return elapsed, data


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--broker", default="127.0.0.1:8080", help="host:port (default: %(default)s)")
    parser.add_argument("--zoo", default="127.0.0.1:8000", help="model server REST host:port (default: %(default)s)")
    parser.add_argument("--count", type=int, default=60, help="queries per kind (default: %(default)s)")
    parser.add_argument("--rate", type=float, default=1.0, help="rounds per second (default: %(default)s)")
    parser.add_argument("--budget", type=int, default=200, help="budget_ms of the broker queries (default: %(default)s)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured rounds first (default: %(default)s)")
    parser.add_argument("--json", help="write the samples to this file")
    args = parser.parse_args()

    bhost, bport = args.broker.rsplit(":", 1)
    zhost, zport = args.zoo.rsplit(":", 1)
    conns = {"direct": http.client.HTTPConnection(zhost, int(zport)),
             "broker": http.client.HTTPConnection(bhost, int(bport)),
             "broker-nocross": http.client.HTTPConnection(bhost, int(bport))}
    samples: dict[str, list[float]] = {kind: [] for kind in conns}
    inside: dict[str, list[float]] = {"broker": [], "broker-nocross": []}
    elapsed_ms: dict[str, list[float]] = {"broker": [], "broker-nocross": []}
    kinds = list(conns)
    next_round = time.monotonic()
    for i in range(args.warmup + args.count):
        text = TEXTS[i % len(TEXTS)]
        order = kinds[i % len(kinds):] + kinds[:i % len(kinds)]  # rotate who goes first
        for kind in order:
            if kind == "direct":
                body = direct_body(text)
                elapsed, _ = timed(conns[kind], "/v2/models/svm/infer", body, {"Content-Type": "application/json"})
            else:
                body = broker_body(text, kind == "broker", args.budget)
                headers = {"Content-Type": "application/json",
                           **signed_headers("demo", "demo-secret-key", "demo", "/v1/try", body)}
                elapsed, data = timed(conns[kind], "/v1/try", body, headers)
                answer = json.loads(data)
                if i >= args.warmup:
                    elapsed_ms[kind].append(float(answer.get("elapsed_ms", 0)))
                    for entry in answer.get("trace", []):
                        if entry.get("model") == "svm" and entry.get("done_ms") is not None:
                            inside[kind].append(float(entry["done_ms"]) - float(entry.get("fired_ms") or 0))
            if i >= args.warmup:
                samples[kind].append(elapsed)
            time.sleep(0.05)  # the calls of one round do not overlap
        next_round += 1.0 / args.rate
        time.sleep(max(0.0, next_round - time.monotonic()))

    print(f"{args.count} rounds at {args.rate:g}/s; client-side latency in ms")
    print(f"{'kind':16} {'p50':>7} {'p90':>7} {'p99':>7} {'mean':>7}")
    for kind, values in samples.items():
        print(f"{kind:16} {quantile(values, .5):7.2f} {quantile(values, .9):7.2f} {quantile(values, .99):7.2f} "
              f"{statistics.fmean(values):7.2f}")
    for kind, values in inside.items():
        if values:
            print(f"{kind:16} on the broker's clock: svm call (done-fired) p50 {quantile(values, .5):.2f}, "
                  f"query elapsed_ms p50 {quantile(elapsed_ms[kind], .5):.2f}")
    d50 = quantile(samples["direct"], .5)
    for kind in ("broker", "broker-nocross"):
        paired = [b - d for b, d in zip(samples[kind], samples["direct"])]
        print(f"{kind} minus direct, p50: {quantile(samples[kind], .5) - d50:+.2f} ms "
              f"(median of the per-round differences {quantile(paired, .5):+.2f} ms)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"samples": samples, "inside": inside}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
