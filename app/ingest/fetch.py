"""Fetching feeds and pages over HTTP, defensively: cron runs this unattended for years.

Every fetch is bounded: a timeout per phase *and* for the whole body (a server
trickling one byte a second cannot hold a run), a size limit checked on the
declared length and on the bytes actually read (decoded, so a gzip bomb stops
too), a bounded number of redirects followed by hand so each hop is checked,
conditional requests (``If-None-Match`` / ``If-Modified-Since``), a clear user
agent, and per-host politeness (a few requests at a time, a gap between them).

Server-side request forgery: the API accepts URLs from users, so a URL whose
host resolves to a loopback, private, link-local, multicast or reserved address
is refused unless ``fetch_allow_private`` is set.  The address that was checked
is the address connected to (the request goes to the IP, with the original
``Host`` header and TLS server name), so a DNS answer that changes between the
check and the connection cannot slip through.

Exceptions::

    FetchError            a fetch that produced no usable body; ``kind`` says why,
                          ``permanent`` says whether retrying later can help
      kinds: refused (SSRF guard / scheme), too_large, redirects, http, timeout, network
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from app.kit.clock import utcnow
from app.settings import Settings

__all__ = ["FetchError", "FetchResult", "Fetcher", "HostGate", "check_address", "resolve_public"]

Resolver = Callable[[str, int], list[str]]
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_KINDS = frozenset({"refused", "too_large", "redirects"})


class FetchError(Exception):
    """A fetch that produced no usable body."""

    def __init__(self, kind: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status

    @property
    def permanent(self) -> bool:
        """True when trying again later cannot help (refused, too large, redirect loop, HTTP 4xx)."""
        if self.kind == "http" and self.status is not None:
            return 400 <= self.status < 500 and self.status not in (408, 429)
        return self.kind in PERMANENT_KINDS

    def __str__(self) -> str:
        return f"{self.kind}: {self.args[0]}"


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one successful fetch (``status`` 304 means unchanged: ``body`` is empty)."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def check_address(address: str) -> str | None:
    """Why ``address`` must not be fetched from a public service, or None when it is a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for name in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not globally routable"
    return None


def resolve_public(host: str, port: int, *, allow_private: bool, resolver: Resolver) -> str:
    """The address to connect to for ``host``; refuses non-public ones unless allowed."""
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise FetchError("network", f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise FetchError("network", f"cannot resolve {host}")
    if not allow_private:
        for address in addresses:
            reason = check_address(address)
            if reason:
                raise FetchError("refused", f"{host} resolves to {reason} address {address}")
    return addresses[0]


class HostGate:
    """Per-host politeness: at most ``concurrency`` requests at once and ``delay`` seconds between starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self._concurrency = max(1, concurrency)
        self._delay = max(0.0, delay)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self._concurrency))
        with semaphore:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._delay
            if start > now:
                time.sleep(start - now)  # politeness towards the remote host, not race avoidance
            yield


class Fetcher:
    """The HTTP side of a run, shared by its worker threads.

    One connection pool per host name: requests go to a pinned IP address, so a
    shared pool would let a keep-alive connection opened (and TLS-verified) for
    one name carry requests for another name served from the same address.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver = _system_resolver,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._settings = settings
        self._resolver = resolver
        self._transport = transport
        self._gate = HostGate(settings.fetch_host_concurrency, settings.fetch_host_delay_seconds)
        self._clients: dict[str, httpx.Client] = {}
        self._lock = threading.Lock()

    def _client(self, host: str) -> httpx.Client:
        with self._lock:
            client = self._clients.get(host)
            if client is None:
                client = self._clients[host] = httpx.Client(
                    timeout=httpx.Timeout(self._settings.fetch_timeout_seconds),
                    follow_redirects=False,
                    trust_env=False,  # proxies from the environment would bypass the address check
                    transport=self._transport,
                    headers={"User-Agent": self._settings.user_agent, "Accept-Encoding": "gzip, deflate"},
                )
            return client

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.close()
            self._clients.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = "*/*"
    ) -> FetchResult:
        """GET ``url`` within every limit; raise ``FetchError`` otherwise."""
        deadline = time.monotonic() + self._settings.fetch_timeout_seconds
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: list[str] = []
        current = url
        while True:
            seen.append(current)
            response = self._one(current, headers, deadline)
            if isinstance(response, FetchResult):
                return response
            if len(seen) > self._settings.fetch_max_redirects:
                raise FetchError("redirects", f"more than {self._settings.fetch_max_redirects} redirects")
            target = urljoin(current, response)
            if target in seen:
                raise FetchError("redirects", f"redirect loop at {target}")
            current = target

    def _one(self, url: str, headers: dict[str, str], deadline: float) -> FetchResult | str:
        """One request: a result, or the ``Location`` of a redirect."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("refused", f"only http and https URLs are fetched: {url!r}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve_public(
            parts.hostname, port, allow_private=self._settings.fetch_allow_private, resolver=self._resolver
        )
        pinned = _pinned_url(parts.scheme, address, parts.port, parts.path, parts.query)
        request_headers = {**headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
        extensions: dict[str, Any] = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        with self._gate.slot(parts.hostname):
            try:
                with self._client(parts.hostname).stream(
                    "GET", pinned, headers=request_headers, extensions=extensions
                ) as response:
                    return self._read(url, response, deadline)
            except httpx.TimeoutException:
                raise FetchError(
                    "timeout", f"no answer within {self._settings.fetch_timeout_seconds}s"
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError("network", f"{type(exc).__name__}: {exc}") from None

    def _read(self, url: str, response: httpx.Response, deadline: float) -> FetchResult | str:
        status = response.status_code
        if status in REDIRECT_CODES:
            location: str | None = response.headers.get("location")
            if not location:
                raise FetchError("http", f"HTTP {status} without a Location", status=status)
            return location
        result: dict[str, Any] = {
            "url": url,
            "status": status,
            "content_type": response.headers.get("content-type", ""),
            "etag": response.headers.get("etag"),
            "last_modified": response.headers.get("last-modified"),
            "fetched_at": utcnow(),
        }
        if status == 304:
            return FetchResult(body=b"", **result)
        if status >= 400:
            raise FetchError("http", f"HTTP {status}", status=status)
        limit = self._settings.fetch_max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError("too_large", f"declared {declared} bytes; the limit is {limit}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError("too_large", f"more than {limit} bytes")
            if time.monotonic() > deadline:
                raise FetchError("timeout", f"body not read within {self._settings.fetch_timeout_seconds}s")
            chunks.append(chunk)
        return FetchResult(body=b"".join(chunks), **result)


def _pinned_url(scheme: str, address: str, port: int | None, path: str, query: str) -> str:
    host = f"[{address}]" if ":" in address else address
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((scheme, netloc, path or "/", query, ""))
