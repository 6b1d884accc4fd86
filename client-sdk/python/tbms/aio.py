"""The asyncio client: the same calls as :class:`~tbms.Client`, as coroutines, on asyncio
streams (HTTP/1.1 written by hand) with no threads of its own."""

from __future__ import annotations

import asyncio
import time
from typing import Dict, Optional, Tuple

from ._call import DEFAULT_BUDGET_MS, Call, ClientBase
from ._http import ResponseParser
from .answer import Answer
from .chain import ChainLike, GroupsLike
from .errors import Unavailable

__all__ = ["AsyncClient"]

_READ_SIZE = 65536


class AsyncClient(ClientBase):
    """An asyncio client of one broker; arguments as :class:`~tbms.Client`.

    ::

        client = tbms.AsyncClient("localhost:8080", "demo", "demo-secret-key", "demo")
        answer = await client.try_("set an alarm for 7 am", tbms.models(("svm", 25), ("keyword", 5)))

    Each call opens its own connection and is bounded as a whole by ``asyncio.wait_for`` at
    budget + margin. A host name other than a numeric address is resolved by the event loop's
    resolver (asyncio's default executor); give ``127.0.0.1`` rather than ``localhost`` to
    avoid it.
    """

    async def try_(
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
        """Coroutine of :meth:`tbms.Client.try_`: same arguments, answer and errors."""
        started = time.monotonic()
        call = self._try_call(started, text, models, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        return self._answer(*await self._exchange(call))

    async def mix_try(
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
        """Coroutine of :meth:`tbms.Client.mix_try`: same arguments, answer and errors."""
        started = time.monotonic()
        call = self._mix_try_call(started, text, groups, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        return self._answer(*await self._exchange(call))

    async def _exchange(self, call: Call) -> Tuple[int, Dict[str, str], bytes]:
        left = call.left()
        if left <= 0:
            raise call.timed_out(self.endpoint)
        try:
            return await asyncio.wait_for(self._exchange_unbounded(call), timeout=left)
        except asyncio.TimeoutError:
            raise call.timed_out(self.endpoint) from None

    async def _exchange_unbounded(self, call: Call) -> Tuple[int, Dict[str, str], bytes]:
        try:
            reader, writer = await asyncio.open_connection(self.endpoint.host, self.endpoint.port)
        except OSError as e:
            raise Unavailable(f"cannot connect to the broker at {self.endpoint}: {e}") from None
        try:
            writer.write(call.wire)
            try:
                await writer.drain()
            except OSError:
                pass  # the broker may have refused early (413) and closed: read what it said
            parser = ResponseParser()
            while True:
                try:
                    data = await reader.read(_READ_SIZE)
                except OSError as e:
                    raise Unavailable(f"the connection to the broker at {self.endpoint} failed: {e}") from None
                if not data:
                    if parser.feed_eof():
                        break
                    raise Unavailable(f"the broker at {self.endpoint} closed the connection without an answer")
                if parser.feed(data):
                    break
            return parser.result()
        finally:
            writer.close()
