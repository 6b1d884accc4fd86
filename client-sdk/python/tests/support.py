"""Helpers for the tests: servers that misbehave on purpose, and what any answer to a tight budget
must be."""

from __future__ import annotations

import socket
import threading
from typing import Callable, List, Sequence

import tbms

# Deadline tests against servers that misbehave: a client without a deadline for the whole call
# would wait for ever on a stalled server, and 200 s on one that trickles its 10,000-byte head a
# byte per 20 ms. A call of a 200 ms budget (plus margin) that ends before this kept its deadline;
# how close to 300 ms it ended is timing, not behaviour.
NO_DEADLINE_S = 10.0


class MisbehavingServer:
    """A loopback TCP server in a thread that accepts connections and, per ``mode``:

    - ``"stall"``: reads what it is sent and never answers;
    - ``"trickle"``: sends a valid-looking response head one byte every 20 ms, never finishing;
    - ``"reply"``: once the request's head has arrived, sends ``reply`` and closes.

    Use as a context manager; ``endpoint`` is where it listens.
    """

    def __init__(self, mode: str, reply: bytes = b"") -> None:
        self.mode = mode
        self.reply = reply
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self._stop = threading.Event()
        self._connections: List[socket.socket] = []
        self._threads: List[threading.Thread] = []

    @property
    def endpoint(self) -> str:
        return "127.0.0.1:%d" % self._listener.getsockname()[1]

    def __enter__(self) -> "MisbehavingServer":
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(2)
        for connection in self._connections:
            connection.close()
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self._connections.append(connection)
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        connection.settimeout(0.02)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"x" * 10_000
        sent = 0
        received = b""
        while not self._stop.is_set():
            try:
                data = connection.recv(65536)
                if not data:
                    return
                received += data
            except socket.timeout:
                pass
            except OSError:
                return
            if self.mode == "reply" and b"\r\n\r\n" in received:
                connection.sendall(self.reply)
                connection.close()
                return
            if self.mode == "trickle" and sent < len(head):
                try:
                    connection.sendall(head[sent:sent + 1])
                except OSError:
                    return
                sent += 1


def check_terminal(answer: tbms.Answer, chain: Sequence[str], budget_ms: float, label: str) -> None:
    """What a query of ``budget_ms`` is owed however busy the machine is: one terminal answer
    (ANSWERED or EMPTY, for a tight budget either may come: how fast the machine runs is bench/'s
    business), a trace entry per model in chain order, no model fired at or after the budget (the
    broker fires nothing past its deadline, by construction), and when ANSWERED, the right label
    from the entry its rank names."""
    context = f"{answer}\n{answer.trace_table()}"
    _require(answer.status in ("ANSWERED", "EMPTY"), context)
    _require([t.model for t in answer.trace] == list(chain), context)
    fired = [t for t in answer.trace if t.outcome != "NOT_FIRED"]
    _require(all(t.fired_ms < budget_ms for t in fired), context)
    if answer:
        _require(answer.label == label, context)
        _require(answer.rank == list(chain).index(answer.model), context)
        _require(answer.downgraded == (answer.rank > 0), context)
        _require(answer.trace[answer.rank].outcome == "ANSWERED", context)
    else:
        _require((answer.label, answer.model, answer.rank) == (None, None, None), context)
        _require(all(t.outcome != "ANSWERED" for t in answer.trace), context)


def _require(holds: bool, context: str) -> None:
    if not holds:
        raise AssertionError(context)
