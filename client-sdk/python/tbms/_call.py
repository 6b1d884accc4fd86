"""What the blocking and the asyncio clients share: settings, the request JSON, the deadline,
and reading the reply into an :class:`~tbms.Answer` or an error. No I/O here."""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

from . import signing
from ._http import Endpoint, request_bytes
from .answer import Answer
from .chain import ChainLike, GroupsLike, as_chain, as_groups, require_chain, require_groups
from .errors import Unavailable, error_for_response

TRY_PATH = "/v1/try"
MIX_TRY_PATH = "/v1/mix-try"
DEFAULT_BUDGET_MS = 50
DEFAULT_CROSS_LAG_MS = 10
DEFAULT_TIMEOUT_MARGIN_MS = 100
POLICIES = ("first", "best")


@dataclass(frozen=True)
class Call:
    """One request ready to go: its bytes and the monotonic time by which it must be over."""

    path: str
    wire: bytes
    deadline: float
    budget_ms: float
    margin_ms: float

    def left(self) -> float:
        """Seconds left before the deadline (may be negative)."""
        return self.deadline - time.monotonic()

    def timed_out(self, endpoint: Endpoint) -> Unavailable:
        return Unavailable(
            f"no answer from the broker at {endpoint} within the budget of {self.budget_ms:g} ms "
            f"plus the margin of {self.margin_ms:g} ms"
        )


class ClientBase:
    """Settings and request building common to :class:`~tbms.Client` and
    :class:`~tbms.AsyncClient`."""

    def __init__(
        self,
        endpoint: str,
        access_id: str,
        access_key: str,
        instance: str,
        *,
        timeout_margin_ms: float = DEFAULT_TIMEOUT_MARGIN_MS,
    ) -> None:
        for name, value in (("access_id", access_id), ("access_key", access_key), ("instance", instance)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"{name} must be a non-empty string, was {value!r}")
        if isinstance(timeout_margin_ms, bool) or not isinstance(timeout_margin_ms, (int, float)) or not (
            math.isfinite(timeout_margin_ms) and timeout_margin_ms >= 0
        ):
            raise ValueError(f"timeout_margin_ms must be a number >= 0, was {timeout_margin_ms!r}")
        self.endpoint = Endpoint.parse(endpoint)
        self.access_id = access_id
        self._access_key = access_key
        self.instance = instance
        self.timeout_margin_ms = timeout_margin_ms

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({str(self.endpoint)!r}, access_id={self.access_id!r}, "
            f"instance={self.instance!r}, timeout_margin_ms={self.timeout_margin_ms!r})"
        )

    def _try_call(
        self,
        started: float,
        text: str,
        models: ChainLike,
        budget_ms: float,
        cross_request: bool,
        cross_lag_ms: Optional[float],
        priority: Optional[int],
        policy: str,
        task: Optional[str],
    ) -> Call:
        chain = as_chain(models)
        require_chain(chain)
        payload = _shared(text, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        payload["models"] = [m.to_json() for m in chain]
        return self._call(started, TRY_PATH, payload, budget_ms)

    def _mix_try_call(
        self,
        started: float,
        text: str,
        groups: GroupsLike,
        budget_ms: float,
        cross_request: bool,
        cross_lag_ms: Optional[float],
        priority: Optional[int],
        policy: str,
        task: Optional[str],
    ) -> Call:
        mix = as_groups(groups)
        require_groups(mix)
        payload = _shared(text, budget_ms, cross_request, cross_lag_ms, priority, policy, task)
        payload["groups"] = [g.to_json() for g in mix]
        return self._call(started, MIX_TRY_PATH, payload, budget_ms)

    def _call(self, started: float, path: str, payload: Dict[str, Any], budget_ms: float) -> Call:
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
        headers = signing.signed_headers(self.access_id, self._access_key, self.instance, path, body)
        deadline = started + (max(budget_ms, 0) + self.timeout_margin_ms) / 1000.0
        return Call(path, request_bytes(self.endpoint, path, headers, body), deadline, budget_ms, self.timeout_margin_ms)

    @staticmethod
    def _answer(status: int, headers: Mapping[str, str], body: bytes) -> Answer:
        if status != 200:
            raise error_for_response(status, headers, body)
        try:
            reply = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Unavailable(f"malformed reply from the broker: not JSON ({e})") from None
        return Answer.from_json(reply)


def _shared(
    text: str,
    budget_ms: float,
    cross_request: bool,
    cross_lag_ms: Optional[float],
    priority: Optional[int],
    policy: str,
    task: Optional[str],
) -> Dict[str, Any]:
    if not isinstance(text, str):
        raise TypeError(f"the query text must be a string, was {type(text).__name__}")
    if isinstance(budget_ms, bool) or not isinstance(budget_ms, (int, float)) or not math.isfinite(budget_ms):
        raise TypeError(f"budget_ms must be a number of ms, was {budget_ms!r}")
    if cross_lag_ms is None:
        # the seed's 10 ms, but never more than the budget, which the broker would refuse
        cross_lag_ms = max(0, min(DEFAULT_CROSS_LAG_MS, int(budget_ms)))
    payload: Dict[str, Any] = {
        "query": {"text": text},
        "budget_ms": budget_ms,
        "cross_request": bool(cross_request),
        "cross_lag_ms": cross_lag_ms,
        "policy": policy,
    }
    if priority is not None:
        payload["priority"] = priority
    if task:
        payload["task"] = task
    return payload
