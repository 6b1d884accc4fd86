"""The blocking client."""

from __future__ import annotations

import socket
import time
from typing import Dict, Optional, Tuple

from ._call import DEFAULT_BUDGET_MS, Call, ClientBase
from ._http import ResponseParser
from .answer import Answer
from .chain import ChainLike, GroupsLike
from .errors import Unavailable

__all__ = ["Client"]

_READ_SIZE = 65536


class Client(ClientBase):
    """A blocking client of one broker, signing every query with one set of credentials.

    ::

        client = tbms.Client("localhost:8080", "demo", "demo-secret-key", "demo")
        answer = client.try_("set an alarm for 7 am", tbms.models(("embedding", 35), ("svm", 25)))
        print(answer if answer else "human assist")

    Args:
        endpoint: ``"host:port"`` or ``"http://host:port"``.
        access_id: the credentials' access id (``X-TBMS-Access-Id``).
        access_key: the secret that signs each request; never sent.
        instance: the instance the credentials belong to; sent as ``X-TBMS-Instance``, so
            credentials of another instance are refused (403) instead of used.
        timeout_margin_ms: how long past the budget to wait for the broker's reply (network
            and the broker's own write time). A call never takes longer than budget + margin:
            connecting, sending and reading all count against one deadline.

    A call opens its own connection, so a client may be shared between threads.
    """

    def try_(
        self,
        text: str,
        models: ChainLike,
        budget_ms: float = DEFAULT_BUDGET_MS,
        cross_request: bool = True,
        cross_lag_ms: Optional[float] = None,
        priority: Optional[int] = None,
        policy: str = "first",
        task: Optional[str] = None,
    ) -> Answer:
        """Asks the chain ``models`` about ``text`` within ``budget_ms`` (``POST /v1/try``).

        Args:
            text: the utterance.
            models: the chain, best first, in any form :func:`tbms.models` documents.
            budget_ms: the whole time budget in ms, 1..60000 (the seed's ``tloc``).
            cross_request: whether the query may share a model call with other callers'
                queries (the seed's ``crossRequest``).
            cross_lag_ms: how long it may wait for such a batch (the seed's ``crossLag``);
                default 10 ms, at most the budget.
            priority: 0 (most important) .. 9; under load the broker sheds the largest
                first. ``None`` (the default): no priority is sent, so the broker's
                ``default_priority`` (5 unless configured) applies.
            policy: ``"first"`` (the first answer wins) or ``"best"`` (hold a lower-ranked
                answer while a better model can still answer in time).
            task: a name for reports; default: the instance.

        Returns:
            The :class:`~tbms.Answer`; falsy when ``EMPTY`` (no model answered in time).

        Raises:
            AuthError: 401 / 403.
            InvalidRequest: 400 / 413, with the field the broker named; or an empty chain.
            Overloaded: 429, with ``retry_after``.
            Unavailable: no connection, 5xx, a malformed reply, or no reply by
                budget + margin.
        """
        started = time.monotonic()
        call = self._try_call(started, text, models, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        return self._answer(*self._exchange(call))

    def mix_try(
        self,
        text: str,
        groups: GroupsLike,
        budget_ms: float = DEFAULT_BUDGET_MS,
        cross_request: bool = True,
        cross_lag_ms: Optional[float] = None,
        priority: Optional[int] = None,
        policy: str = "first",
        task: Optional[str] = None,
    ) -> Answer:
        """Like :meth:`try_`, with mix groups instead of single models (``POST /v1/mix-try``).

        ``groups`` in any form :func:`tbms.groups` documents; the answer's ``model`` is the
        name of the group that answered.
        """
        started = time.monotonic()
        call = self._mix_try_call(started, text, groups, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        return self._answer(*self._exchange(call))

    def _exchange(self, call: Call) -> Tuple[int, Dict[str, str], bytes]:
        sock = self._connect(call)
        with sock:
            try:
                sock.settimeout(self._left(call))
                sock.sendall(call.wire)
            except socket.timeout:
                raise call.timed_out(self.endpoint) from None
            except OSError:
                pass  # the broker may have refused early (413) and closed: read what it said
            parser = ResponseParser()
            while True:
                try:
                    sock.settimeout(self._left(call))
                    data = sock.recv(_READ_SIZE)
                except socket.timeout:
                    raise call.timed_out(self.endpoint) from None
                except OSError as e:
                    raise Unavailable(f"the connection to the broker at {self.endpoint} failed: {e}") from None
                if not data:
                    if parser.feed_eof():
                        break
                    raise Unavailable(f"the broker at {self.endpoint} closed the connection without an answer")
                if parser.feed(data):
                    break
        return parser.result()

    def _connect(self, call: Call) -> socket.socket:
        host, port = self.endpoint.host, self.endpoint.port
        try:
            addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as e:
            raise Unavailable(f"cannot resolve the broker's host {host!r}: {e}") from None
        failure: Optional[OSError] = None
        for family, kind, proto, _, address in addresses:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self._left(call))
                sock.connect(address)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                return sock
            except socket.timeout:
                sock.close()
                raise call.timed_out(self.endpoint) from None
            except Unavailable:
                sock.close()
                raise
            except OSError as e:
                sock.close()
                failure = e
        raise Unavailable(f"cannot connect to the broker at {self.endpoint}: {failure}")

    def _left(self, call: Call) -> float:
        left = call.left()
        if left <= 0:
            raise call.timed_out(self.endpoint)
        return left
