"""HTTP/1.1 as the clients need it, with no I/O: the endpoint, the request bytes, and an
incremental response parser that the blocking and the asyncio transports both feed."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Tuple

from .errors import Unavailable

DEFAULT_PORT = 8080
MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Endpoint:
    """Where the broker listens."""

    host: str
    port: int

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def __str__(self) -> str:
        return f"http://{self.host_header}"

    @classmethod
    def parse(cls, endpoint: str) -> "Endpoint":
        """``"localhost:8080"``, ``"http://127.0.0.1:8080"``, ``"[::1]:8080"`` or a bare host.

        Without a port: 8080 (the broker's default) for a bare ``host``, 80 for ``http://host``.
        Only cleartext ``http`` is spoken, as the broker does.

        Raises:
            ValueError: an endpoint that is not ``[http://]host[:port]``.
        """
        if not isinstance(endpoint, str) or not endpoint.strip():
            raise ValueError(f"the endpoint must be host:port or http://host:port, was {endpoint!r}")
        text = endpoint.strip()
        has_scheme = "://" in text
        split = urllib.parse.urlsplit(text if has_scheme else "http://" + text)
        if split.scheme != "http":
            raise ValueError(f"the broker speaks cleartext http, not {split.scheme!r}: {endpoint!r}")
        if split.path not in ("", "/") or split.query or split.fragment or split.username:
            raise ValueError(f"the endpoint must be [http://]host[:port] with nothing after it, was {endpoint!r}")
        try:
            port = split.port
        except ValueError:
            raise ValueError(f"the endpoint's port is not a port number: {endpoint!r}") from None
        if not split.hostname:
            raise ValueError(f"the endpoint names no host: {endpoint!r}")
        if port is None:
            port = 80 if has_scheme else DEFAULT_PORT
        return cls(split.hostname, port)


def request_bytes(endpoint: Endpoint, path: str, headers: Mapping[str, str], body: bytes) -> bytes:
    """A ``POST`` of a JSON body, as bytes on the wire."""
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: {endpoint.host_header}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
        "Connection: close",
        "User-Agent: tbms-python",
    ]
    lines.extend(f"{name}: {value}" for name, value in headers.items())
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class ResponseParser:
    """Reads one HTTP/1.1 response from bytes fed as they arrive.

    Interim ``1xx`` responses are skipped; the body is framed by ``Content-Length``,
    ``Transfer-Encoding: chunked``, or the end of the connection.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._status: Optional[int] = None
        self._headers: Dict[str, str] = {}
        self._length: Optional[int] = None
        self._chunked = False
        self._body = bytearray()
        self._chunk_left: Optional[int] = None  # chunked: bytes left in the current chunk
        self.done = False

    def feed(self, data: bytes) -> bool:
        """Adds received bytes; returns whether the response is complete.

        Raises:
            Unavailable: bytes that are not an HTTP/1.1 response.
        """
        if self.done:
            return True
        self._buffer += data
        while not self.done:
            if self._status is None:
                if not self._read_head():
                    break
            elif self._chunked:
                if not self._read_chunk():
                    break
            else:
                if self._length is None:
                    self._body += self._buffer
                    self._buffer.clear()
                    if len(self._body) > MAX_BODY_BYTES:
                        raise Unavailable("malformed reply from the broker: body too large")
                    break
                need = self._length - len(self._body)
                self._body += self._buffer[:need]
                del self._buffer[:need]
                if len(self._body) == self._length:
                    self.done = True
                break
        return self.done

    def feed_eof(self) -> bool:
        """Marks the end of the connection; returns whether the response is complete."""
        if not self.done and self._status is not None and not self._chunked and self._length is None:
            self.done = True
        return self.done

    def result(self) -> Tuple[int, Dict[str, str], bytes]:
        """The status, the headers (lowercase names) and the body of a complete response."""
        assert self.done and self._status is not None
        return self._status, self._headers, bytes(self._body)

    def _read_head(self) -> bool:
        end = self._buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self._buffer) > MAX_HEAD_BYTES:
                raise Unavailable("malformed reply from the broker: header too large")
            return False
        head = bytes(self._buffer[:end]).decode("latin-1")
        del self._buffer[: end + 4]
        lines: List[str] = head.split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
            raise Unavailable(f"malformed reply from the broker: status line {lines[0][:80]!r}")
        status = int(parts[1])
        headers: Dict[str, str] = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                raise Unavailable(f"malformed reply from the broker: header line {line[:80]!r}")
            key = name.strip().lower()
            headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
        if 100 <= status < 200:
            return True  # interim response: the real one follows
        self._status = status
        self._headers = headers
        if "chunked" in headers.get("transfer-encoding", "").lower():
            self._chunked = True
        elif "content-length" in headers:
            try:
                self._length = int(headers["content-length"])
            except ValueError:
                raise Unavailable("malformed reply from the broker: bad Content-Length") from None
            if self._length < 0 or self._length > MAX_BODY_BYTES:
                raise Unavailable("malformed reply from the broker: bad Content-Length")
            if self._length == 0:
                self.done = True
        elif status in (204, 304):
            self.done = True
        return True

    def _read_chunk(self) -> bool:
        if self._chunk_left is None:
            end = self._buffer.find(b"\r\n")
            if end < 0:
                return False
            size_text = bytes(self._buffer[:end]).split(b";", 1)[0].strip()
            del self._buffer[: end + 2]
            try:
                size = int(size_text, 16)
            except ValueError:
                raise Unavailable("malformed reply from the broker: bad chunk size") from None
            if size == 0:
                # the last chunk; trailers end with an empty line
                end = self._buffer.find(b"\r\n\r\n") if self._buffer[:2] != b"\r\n" else 0
                if end < 0:
                    self._chunk_left = -1
                    return False
                self.done = True
                return True
            if len(self._body) + size > MAX_BODY_BYTES:
                raise Unavailable("malformed reply from the broker: body too large")
            self._chunk_left = size
        if self._chunk_left == -1:
            if self._buffer[:2] == b"\r\n" or self._buffer.find(b"\r\n\r\n") >= 0:
                self.done = True
                return True
            return False
        if len(self._buffer) < self._chunk_left + 2:
            return False
        self._body += self._buffer[: self._chunk_left]
        del self._buffer[: self._chunk_left + 2]
        self._chunk_left = None
        return True
