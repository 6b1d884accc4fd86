"""The real stack the tests run against: the reference model server and a broker, started once
per test run from the runnable jar on free loopback ports, stopped when the run ends (also when
it fails or is interrupted).

``get()`` starts it on first use. ``Stack.start_broker`` starts further brokers (each with its
own Hazelcast cluster) in front of the same model server; their callers stop them.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import tbms

REPO = Path(__file__).resolve().parents[3]
PYTHON_ROOT = REPO / "client-sdk" / "python"
JAR = Path(os.environ.get("TBMS_JAR") or REPO / "dist" / "target" / "tbms.jar")
READY_TIMEOUT_S = float(os.environ.get("TBMS_READY_TIMEOUT_S", "180"))

ACCESS_ID = "demo"
ACCESS_KEY = "demo-secret-key"
INSTANCE = "demo"
CHAIN = [("embedding", 35), ("svm", 25), ("bayes", 15), ("keyword", 5)]

# what the ./tbms launcher opens to Hazelcast, which runs faster and quieter with them
_JAVA_OPENS = [
    "--add-modules", "java.se",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:
    """In the child: be sent SIGTERM when the test run dies, even by SIGKILL (Linux only)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _http_status(url: str) -> Optional[int]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


_LAG_QUANTILE = re.compile(r'^tbms_broker_model_lag_quantile_seconds\{[^}]*model="([^"]+)"[^}]*\}\s+(\S+)$')


def _get_text(url: str) -> str:
    """The body of a GET, or "" when it fails."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _lag_quantiles_ms(metrics_url: str) -> Dict[str, float]:
    """Per model, the lag quantile the broker's downgrade policy uses now, in ms; {} when the
    metrics cannot be read."""
    quantiles = {}
    for line in _get_text(metrics_url).splitlines():
        match = _LAG_QUANTILE.match(line)
        if match:
            quantiles[match.group(1)] = float(match.group(2)) * 1000
    return quantiles


class Process:
    """A Java process of the stack, in its own process group, logging to a file."""

    def __init__(self, name: str, args: List[str], log: Path) -> None:
        self.name = name
        self.log = log
        java_opts = shlex.split(os.environ.get("TBMS_JAVA_OPTS", ""))
        with open(log, "wb") as out:
            self.popen = subprocess.Popen(
                ["java", *_JAVA_OPENS, *java_opts, "-jar", str(JAR), *args],
                cwd=str(REPO),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, lines: int = 30) -> str:
        try:
            text = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        """SIGTERM to the whole group, SIGKILL after 15 s."""
        if self.popen.returncode is not None:
            return
        for sig, wait_s in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.popen.wait(wait_s)
                break
            except subprocess.TimeoutExpired:
                continue
        # the group may hold children the JVM started; they die with it
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def wait_ready(process: Process, url: str) -> None:
    """Waits until ``url`` answers 200, failing with the process's log when it exits or takes
    longer than ``TBMS_READY_TIMEOUT_S``."""
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"the {process.name} exited ({process.popen.returncode}):\n{process.tail()}")
        if _http_status(url) == 200:
            return
        time.sleep(0.25)
    raise RuntimeError(f"the {process.name} was not ready ({url}) after {READY_TIMEOUT_S:.0f} s:\n{process.tail()}")


class Broker:
    """One broker of the stack."""

    def __init__(self, process: Process, port: int) -> None:
        self.process = process
        self.port = port

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    def client(self, **overrides: Any) -> tbms.Client:
        """A client with the demo's credentials; keywords override them."""
        settings = dict(endpoint=self.endpoint, access_id=ACCESS_ID, access_key=ACCESS_KEY, instance=INSTANCE)
        settings.update(overrides)
        return tbms.Client(**settings)

    def async_client(self, **overrides: Any) -> tbms.AsyncClient:
        settings = dict(endpoint=self.endpoint, access_id=ACCESS_ID, access_key=ACCESS_KEY, instance=INSTANCE)
        settings.update(overrides)
        return tbms.AsyncClient(**settings)

    def metric(self, name: str) -> Optional[float]:
        """The value of the unlabelled metric ``name`` on /metrics now; None when not there."""
        text = _get_text(f"http://127.0.0.1:{self.port}/metrics")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == name:
                return float(parts[1])
        return None

    def stop(self) -> None:
        self.process.stop()


class Stack:
    """The model server and the first broker."""

    def __init__(self) -> None:
        self.processes: List[Process] = []
        self.workdir: Optional[Path] = None
        self._brokers = 0
        self.model_names: List[str] = []

    def start(self) -> "Stack":
        """Starts the model server and the first broker, and waits until both are ready."""
        if not JAR.is_file():
            raise RuntimeError(
                f"the runnable jar {JAR} is missing: build it first with `mvn -B package -DskipTests` "
                f"in {REPO} (or point TBMS_JAR at one)"
            )
        if shutil.which("java") is None:
            raise RuntimeError("java (17 or later) is needed on PATH to run the stack")
        self.workdir = Path(tempfile.mkdtemp(prefix="tbms-python-tests-"))
        self.http_port, self.grpc_port, self.metrics_port = free_port(), free_port(), free_port()
        args = ["models", "--host", "127.0.0.1", "--http-port", str(self.http_port),
                "--grpc-port", str(self.grpc_port), "--metrics-port", str(self.metrics_port)]
        self.models = self._track(Process("model server", args, self.workdir / "models.log"))
        self.broker = self.start_broker()
        self._wait_ready(self.models, f"http://127.0.0.1:{self.http_port}/v2/health/ready")
        self._warm_up()
        return self

    def _track(self, process: Process) -> Process:
        self.processes.append(process)
        return process

    def start_broker(self, admission: Optional[Dict[str, Any]] = None,
                     replicas_at: Optional[Dict[str, str]] = None) -> Broker:
        """A ready broker of its own cluster in front of the model server, from config/broker.json.

        ``admission`` replaces the config's; ``replicas_at`` points the named models' replicas
        (same transport) at another ``host:port``, e.g. a server that never answers.
        Ready means /readyz answers 200 and lists every model of the config (a broker that came
        up without some of them is a broker bug, and fails the run).
        """
        broker = self._start_broker(admission, replicas_at or {})
        missing = self._missing_models(broker)
        if missing:
            raise RuntimeError(f"{broker.process.name} came up without the models {missing} in its registry "
                               f"(/readyz lacks them):\n{broker.process.tail()}")
        return broker

    def _start_broker(self, admission: Optional[Dict[str, Any]], replicas_at: Dict[str, str]) -> Broker:
        self._brokers += 1
        config = json.loads((REPO / "config" / "broker.json").read_text())
        port, cluster_port = free_port(), free_port()
        config["listen"] = {"host": "127.0.0.1", "port": port}
        config["cluster"] = {
            "name": f"tbms-python-tests-{os.getpid()}-{self._brokers}",
            "host": "127.0.0.1",
            "port": cluster_port,
            "members": [f"127.0.0.1:{cluster_port}"],
        }
        if admission is not None:
            config["admission"] = admission
        for model in config["models"]:
            for replica in model["replicas"]:
                replica["host"] = "127.0.0.1"
                replica["port"] = self.grpc_port if replica.get("transport", "grpc") == "grpc" else self.http_port
                if model["name"] in replicas_at:
                    replica_host, _, replica_port = replicas_at[model["name"]].rpartition(":")
                    replica["host"], replica["port"] = replica_host, int(replica_port)
        self.model_names = sorted(model["name"] for model in config["models"])
        assert self.workdir is not None, "start() the stack first"
        path = self.workdir / f"broker-{self._brokers}.json"
        path.write_text(json.dumps(config, indent=2))
        process = self._track(Process(f"broker {self._brokers}", ["broker", "--config", str(path)],
                                      self.workdir / f"broker-{self._brokers}.log"))
        self._wait_ready(process, f"http://127.0.0.1:{port}/readyz")
        return Broker(process, port)

    def _missing_models(self, broker: Broker) -> List[str]:
        """The config's models the broker does not list in /readyz, after a moment to settle."""
        deadline = time.monotonic() + 3
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{broker.port}/readyz", timeout=2) as response:
                    listed = json.loads(response.read()).get("models", {})
            except (OSError, ValueError):
                listed = {}
            missing = [name for name in self.model_names if name not in listed]
            if not missing or time.monotonic() > deadline:
                return missing
            time.sleep(0.2)

    def _wait_ready(self, process: Process, url: str) -> None:
        wait_ready(process, url)

    def _warm_up(self) -> None:
        """Compiles the hot paths of both JVMs, so that 50 ms budgets mean what they say, then
        waits until the broker's downgrade policy no longer holds the slow first calls against any
        model (see :meth:`_wait_lag_fits`)."""
        client = self.broker.client()
        for text in ("set an alarm for 7 am", "what's the weather like"):
            for name, est in CHAIN:
                client.try_(text, [(name, est)], budget_ms=5000)
            for _ in range(3):
                client.try_(text, CHAIN, budget_ms=5000)
        self._wait_lag_fits(self.broker)

    def _wait_lag_fits(self, broker: Broker) -> None:
        """Waits until the lag quantile the downgrade policy uses now
        (``tbms_broker_model_lag_quantile_seconds``, 0 once the 2 s lag window holds no call) fits
        every chain model's estimate, so that no entry is skipped for the warm-up's slow calls."""
        url = f"http://127.0.0.1:{broker.port}/metrics"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            quantiles = _lag_quantiles_ms(url)
            over = {name: quantiles.get(name) for name, est in CHAIN
                    if quantiles.get(name) is None or quantiles[name] > est}
            if not over:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the broker's lag quantiles (ms) still exceed the estimates of {CHAIN} "
                                   f"after {READY_TIMEOUT_S:.0f} s: {over}\n{broker.process.tail()}")
            time.sleep(0.1)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        if self.workdir is not None:
            if os.environ.get("TBMS_KEEP_TEST_LOGS"):
                print(f"\nthe stack's configs and logs are kept in {self.workdir}", file=sys.stderr)
            else:
                shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None


_stack: Optional[Stack] = None
_failure: Optional[BaseException] = None


def get() -> Stack:
    """The stack of this test run, started on first use."""
    global _stack, _failure
    if _failure is not None:
        raise RuntimeError(f"the stack failed to start earlier: {_failure}")
    if _stack is None:
        _stack = Stack()
        try:
            _stack.start()
        except BaseException as e:
            _failure = e
            _stop()
            raise
    return _stack


def _stop() -> None:
    global _stack
    if _stack is not None:
        _stack.stop()
        _stack = None


def _on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # so that atexit stops the stack


atexit.register(_stop)
if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _on_sigterm)
