"""Helpers for the tests: servers that misbehave on purpose, and patience for tight budgets."""

from __future__ import annotations

import socket
import threading
import time
from typing import Callable, List

import tbms

# wall-clock slack for deadline tests on a shared two-core machine
DEADLINE_TOLERANCE_S = 0.25


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


def first_answer(ask: Callable[[], tbms.Answer], attempts: int = 8, pause_s: float = 0.3) -> tbms.Answer:
    """The first ANSWERED reply of up to ``attempts`` tries.

    A 50 ms budget is real time on a shared two-core machine: a try may come back EMPTY when
    another process takes the CPU at the wrong moment. The test is that the broker answers
    within the budget, not that every try does; all tries EMPTY fails with their traces.
    """
    misses = []
    for _ in range(attempts):
        answer = ask()
        if answer:
            return answer
        misses.append(f"{answer}\n{answer.trace_table()}")
        time.sleep(pause_s)
    raise AssertionError(f"no answer in {attempts} tries:\n" + "\n".join(misses))

