"""The errors a call can raise, one class per thing the caller can do about it.

A query that merely ran out of time is not an error: it is an :class:`~tbms.Answer` with status
``EMPTY``. Everything else the broker refuses, or that keeps an answer from arriving, raises a
subclass of :class:`TbmsError`:

=======================  ==========================  ==========================================
class                    when                        what to do
=======================  ==========================  ==========================================
:class:`AuthError`       HTTP 401, 403               fix the credentials or the instance
:class:`InvalidRequest`  HTTP 400, 413; bad input    fix the query (``field`` names the culprit)
:class:`Overloaded`      HTTP 429                    retry after ``retry_after`` seconds
:class:`Unavailable`     refused connection, 5xx,    hand over (the seed's "human assist"),
                         deadline passed, malformed  or retry elsewhere
                         reply
=======================  ==========================  ==========================================
"""

from __future__ import annotations

import email.utils
import json
import time
from typing import Any, Mapping, Optional

__all__ = ["TbmsError", "AuthError", "InvalidRequest", "Overloaded", "Unavailable", "error_for_response"]


class TbmsError(Exception):
    """Base of every error this package raises for a call.

    Attributes:
        message: the server's message, or the client's own description.
        status: the HTTP status of the refusal, or ``None`` when no reply arrived (or the
            client refused the input before sending it).
        field: the request field the broker named (``budget_ms``, ``models[0].name``,
            ``instance`` ...), or ``None``.
        reason: the broker's status name (``INVALID_ARGUMENT``, ``UNAUTHENTICATED``,
            ``RESOURCE_EXHAUSTED`` ...), or ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        field: Optional[str] = None,
        reason: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field
        self.reason = reason

    def __str__(self) -> str:
        where = []
        if self.status is not None:
            where.append(f"HTTP {self.status}")
        if self.reason:
            where.append(self.reason)
        prefix = " ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, status={self.status!r}, "
            f"field={self.field!r}, reason={self.reason!r})"
        )


class AuthError(TbmsError):
    """The broker refused the credentials (401) or what they may do (403).

    401: unsigned, unknown access id, bad signature, or a clock more than 5 minutes off.
    403: a model the instance may not use, or the client's instance is not the one the
    credentials belong to (``field == "instance"``).
    """


class InvalidRequest(TbmsError):
    """The query is malformed or out of limits (400), or too large (413).

    ``field`` names the offending field as the broker spells it, e.g. ``budget_ms`` or
    ``models[3].name`` for an unknown model. Raised with ``status None`` when the client
    refuses input it cannot send at all (an empty chain).
    """


class Overloaded(TbmsError):
    """The broker is shedding load: not even the chain's cheapest model can be tried now (429).

    Attributes:
        retry_after: seconds to wait before retrying, from the ``Retry-After`` header, or
            ``None`` when the broker sent none.
    """

    def __init__(self, message: str, *, retry_after: Optional[float] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class Unavailable(TbmsError):
    """No usable reply: the connection failed, the broker failed (5xx), the reply was
    malformed, or the deadline (budget + margin) passed first."""


def _retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; ``None`` if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
        return seconds if seconds >= 0 else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def error_for_response(status: int, headers: Mapping[str, str], body: bytes) -> TbmsError:
    """The error for a non-200 reply, read from the broker's refusal JSON
    ``{"error": {"code", "status", "field", "message"}}`` when the body holds one.

    ``headers`` has lowercase names.
    """
    message: Optional[str] = None
    field: Optional[str] = None
    reason: Optional[str] = None
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        parsed = None
    error = parsed.get("error") if isinstance(parsed, dict) else None
    if isinstance(error, dict):
        if isinstance(error.get("message"), str):
            message = error["message"]
        if isinstance(error.get("field"), str):
            field = error["field"]
        if isinstance(error.get("status"), str):
            reason = error["status"]
    if message is None:
        text = body.decode("utf-8", "replace").strip()
        message = text[:300] if text else "(no message)"
    kwargs: dict = {"status": status, "field": field, "reason": reason}
    if status in (401, 403):
        return AuthError(message, **kwargs)
    if status in (400, 413):
        return InvalidRequest(message, **kwargs)
    if status == 429:
        return Overloaded(message, retry_after=_retry_after_seconds(headers.get("retry-after")), **kwargs)
    if status >= 500:
        return Unavailable(message, **kwargs)
    return TbmsError(message, **kwargs)
