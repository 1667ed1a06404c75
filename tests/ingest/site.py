"""A local web site for the ingestion tests: feeds, article pages and misbehaving servers.

Served by ``http.server`` on 127.0.0.1 in a thread of the test process, so tests
can synchronise with it on ``threading.Event``s (a page can hold its answer
until the test releases it) instead of sleeping.  Nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Site", "Page", "Gate", "rss", "atom", "article_html", "BIG_PAGE_BYTES"]

BIG_PAGE_BYTES = 20 * 1024 * 1024


@dataclass
class Page:
    """A canned answer; ``stream`` bodies are sent chunked (no Content-Length)."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    stream: Callable[[], Iterator[bytes]] | None = None
    server_delay: float = 0.0  # the slow-server fixture: the *server* sleeps, the client times out


@dataclass
class Gate:
    """Hold answers to one path: ``reached`` is set on the first request, the answer waits for ``release``."""

    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)


@dataclass
class Rendezvous:
    """Hold every page answer until ``parties`` distinct user agents have asked for pages."""

    parties: int
    agents: set[str] = field(default_factory=set)
    met: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arrive(self, agent: str, timeout: float) -> None:
        with self.lock:
            self.agents.add(agent)
            if len(self.agents) >= self.parties:
                self.met.set()
        self.met.wait(timeout)


class Site:
    """Routes → pages, plus a log of every request and the most requests seen in flight per path prefix."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.scheme = "https" if tls else "http"
        self.pages: dict[str, Page] = {}
        self.gates: dict[str, Gate] = {}
        self.rendezvous: Rendezvous | None = None
        self.log: list[tuple[str, dict[str, str]]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> Site:
        self._thread.start()
        return self

    def stop(self) -> None:
        for gate in self.gates.values():
            gate.release.set()
        if self.rendezvous:
            self.rendezvous.met.set()
        self._server.shutdown()
        self._server.server_close()

    def requests_to(self, path: str) -> list[dict[str, str]]:
        with self._lock:
            return [headers for p, headers in self.log if p == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = self.path
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site._lock:
                    site.log.append((path, headers))
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    self._answer(path, headers)
                finally:
                    with site._lock:
                        site.in_flight -= 1

            def _answer(self, path: str, headers: dict[str, str]) -> None:
                gate = site.gates.get(path)
                if gate is not None:
                    gate.reached.set()
                    gate.release.wait(30)
                if site.rendezvous is not None and path.startswith("/news/"):
                    site.rendezvous.arrive(headers.get("user-agent", ""), timeout=30)
                page = site.pages.get(path)
                if page is None:
                    page = Page(b"not found", "text/plain", 404)
                if page.server_delay:
                    time.sleep(page.server_delay)
                if page.etag and headers.get("if-none-match") == page.etag:
                    self.send_response(304)
                    self.send_header("ETag", page.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                for key, value in page.headers.items():
                    self.send_header(key, value)
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.stream is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for chunk in page.stream():
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up (size limit): expected
                    return
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                    self.wfile.write(page.body)

        return Handler


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 document; each item may have title, link, guid, pubDate, description."""
    parts = [
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{escape(title)}</title>"
    ]
    for item in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description"):
            if key in item:
                parts.append(f"<{key}>{escape(item[key])}</{key}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom 1.0 document; each entry may have title, link, id, published, updated, summary."""
    parts = [
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>",
        f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2025-04-22T00:00:00Z</updated>",
    ]
    for entry in entries:
        parts.append("<entry>")
        for key in ("title", "id", "published", "updated", "summary"):
            if key in entry:
                parts.append(f"<{key}>{escape(entry[key])}</{key}>")
        if "link" in entry:
            parts.append(f"<link rel='alternate' href='{escape(entry['link'])}'/>")
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts).encode()


def article_html(title: str, paragraphs: list[str], *, head: str = "", before: str = "") -> bytes:
    """An article page with navigation and footer around the text; ``head`` adds metadata."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{escape(title)} | Test Outlet</title>{head}</head>"
        f"<body><header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article><h1>{escape(title)}</h1>{before}{body}</article></main>"
        f"<footer>Copyright Test Outlet</footer></body></html>"
    ).encode()


def rfc822(moment: datetime) -> str:
    return format_datetime(moment)
