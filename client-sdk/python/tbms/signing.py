"""The TBMS request signature (docs/design.md §3), the same as the broker's ``RequestSignature``::

    signature = lowercase hex HMAC-SHA256(access key,
        METHOD + "\\n" + PATH + "\\n" + TIMESTAMP + "\\n" + lowercase hex SHA-256(body))

``TIMESTAMP`` is Unix epoch milliseconds in decimal. The broker refuses a timestamp more than
5 minutes off its clock, so the caller's clock must be roughly right.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Dict, Optional

__all__ = [
    "ACCESS_ID_HEADER",
    "TIMESTAMP_HEADER",
    "SIGNATURE_HEADER",
    "INSTANCE_HEADER",
    "canonical",
    "sign",
    "signed_headers",
]

ACCESS_ID_HEADER = "X-TBMS-Access-Id"
TIMESTAMP_HEADER = "X-TBMS-Timestamp"
SIGNATURE_HEADER = "X-TBMS-Signature"
#: Not signed: the instance the caller believes its credentials belong to. The broker answers
#: 403 (field ``instance``) when it differs, so keys of another instance fail loudly.
INSTANCE_HEADER = "X-TBMS-Instance"


def canonical(method: str, path: str, timestamp_ms: int, body: bytes) -> str:
    """The string that is signed."""
    return f"{method}\n{path}\n{timestamp_ms}\n{hashlib.sha256(body).hexdigest()}"


def sign(access_key: str, method: str, path: str, timestamp_ms: int, body: bytes) -> str:
    """The signature of one request, as lowercase hex."""
    message = canonical(method, path, timestamp_ms, body).encode("utf-8")
    return hmac.new(access_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signed_headers(
    access_id: str,
    access_key: str,
    instance: Optional[str],
    path: str,
    body: bytes,
    timestamp_ms: Optional[int] = None,
) -> Dict[str, str]:
    """The headers that sign a ``POST`` of ``body`` to ``path``, plus the instance claim.

    ``timestamp_ms`` defaults to now.
    """
    if timestamp_ms is None:
        timestamp_ms = time.time_ns() // 1_000_000
    headers = {
        ACCESS_ID_HEADER: access_id,
        TIMESTAMP_HEADER: str(timestamp_ms),
        SIGNATURE_HEADER: sign(access_key, "POST", path, timestamp_ms, body),
    }
    if instance:
        headers[INSTANCE_HEADER] = instance
    return headers
