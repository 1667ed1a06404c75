"""Fetching: limits on time, size and redirects, conditional requests, politeness, the SSRF guard."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.ingest.fetch import Fetcher, FetchError, HostGate, check_address, resolve_public
from tests.ingest.conftest import fetch_settings
from tests.ingest.site import BIG_PAGE_BYTES, Page, Site


def _fetcher(tmp_path: Path, **overrides: Any) -> Fetcher:
    return Fetcher(fetch_settings(tmp_path, **overrides))


def test_fetch_sends_user_agent_and_returns_body(site: Site, tmp_path: Path) -> None:
    site.pages["/a"] = Page(b"<p>hello</p>")
    with _fetcher(tmp_path) as fetcher:
        result = fetcher.fetch(site.url("/a"))
    assert (result.status, result.body) == (200, b"<p>hello</p>")
    assert site.requests_to("/a")[0]["user-agent"] == "parley-test/1"
    assert site.requests_to("/a")[0]["host"] == site.base.removeprefix("http://")


def test_conditional_request_gets_not_modified(site: Site, tmp_path: Path) -> None:
    site.pages["/feed"] = Page(b"<rss/>", etag='"v1"')
    with _fetcher(tmp_path) as fetcher:
        first = fetcher.fetch(site.url("/feed"))
        second = fetcher.fetch(
            site.url("/feed"), etag=first.etag, last_modified="Tue, 22 Apr 2025 08:00:00 GMT"
        )
    assert first.etag == '"v1"' and not first.not_modified
    assert second.not_modified and second.body == b""
    sent = site.requests_to("/feed")[1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 22 Apr 2025 08:00:00 GMT"


def test_redirects_are_followed_within_the_bound(site: Site, tmp_path: Path) -> None:
    site.pages["/r1"] = Page(status=301, headers={"Location": "/r2"})
    site.pages["/r2"] = Page(status=302, headers={"Location": site.url("/final")})
    site.pages["/final"] = Page(b"done")
    with _fetcher(tmp_path) as fetcher:
        result = fetcher.fetch(site.url("/r1"))
    assert result.body == b"done" and result.url == site.url("/final")


def test_redirect_loop_is_refused(site: Site, tmp_path: Path) -> None:
    site.pages["/loop-a"] = Page(status=302, headers={"Location": "/loop-b"})
    site.pages["/loop-b"] = Page(status=302, headers={"Location": "/loop-a"})
    with _fetcher(tmp_path) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url("/loop-a"))
    assert caught.value.kind == "redirects" and caught.value.permanent
    assert len(site.requests_to("/loop-a")) == 1


def test_too_many_redirects_are_refused(site: Site, tmp_path: Path) -> None:
    for n in range(6):
        site.pages[f"/hop{n}"] = Page(status=307, headers={"Location": f"/hop{n + 1}"})
    site.pages["/hop6"] = Page(b"too far")
    with _fetcher(tmp_path, fetch_max_redirects=3) as fetcher, pytest.raises(FetchError, match="more than 3"):
        fetcher.fetch(site.url("/hop0"))


def _big_stream() -> Iterator[bytes]:
    chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
    for _ in range(BIG_PAGE_BYTES // len(chunk) + 1):
        yield chunk


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_20_mb_page_is_refused(site: Site, tmp_path: Path, declared: bool) -> None:
    if declared:
        site.pages["/big"] = Page(b"x" * BIG_PAGE_BYTES)
    else:
        site.pages["/big"] = Page(stream=_big_stream)
    with _fetcher(tmp_path, fetch_max_bytes=1_000_000) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url("/big"))
    assert caught.value.kind == "too_large" and caught.value.permanent


def test_a_slow_server_times_out(site: Site, tmp_path: Path) -> None:
    site.pages["/slow"] = Page(b"late", server_delay=1.0)
    with _fetcher(tmp_path, fetch_timeout_seconds=0.2) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url("/slow"))
    assert caught.value.kind == "timeout" and not caught.value.permanent


def test_http_errors_say_whether_a_retry_can_help(site: Site, tmp_path: Path) -> None:
    site.pages["/gone"] = Page(b"", status=410)
    site.pages["/busy"] = Page(b"", status=503)
    with _fetcher(tmp_path) as fetcher:
        with pytest.raises(FetchError) as gone:
            fetcher.fetch(site.url("/gone"))
        with pytest.raises(FetchError) as busy:
            fetcher.fetch(site.url("/busy"))
    assert gone.value.permanent and not busy.value.permanent


def test_private_addresses_are_refused_by_default(site: Site, tmp_path: Path) -> None:
    site.pages["/a"] = Page(b"secret")
    with _fetcher(tmp_path, fetch_allow_private=False) as fetcher:
        for url in (site.url("/a"), site.url("/a").replace("127.0.0.1", "localhost")):
            with pytest.raises(FetchError) as caught:
                fetcher.fetch(url)
            assert caught.value.kind == "refused"
    assert site.requests_to("/a") == []


def test_redirect_to_a_private_address_is_refused(tmp_path: Path) -> None:
    """A public host redirecting inward is checked at every hop (the resolver is faked: no traffic)."""
    answers = {"public.example": ["93.184.216.34"], "inner.example": ["10.0.0.7"]}
    with pytest.raises(FetchError, match="private"):
        resolve_public("inner.example", 80, allow_private=False, resolver=lambda h, p: answers[h])
    assert resolve_public("public.example", 80, allow_private=False, resolver=lambda h, p: answers[h]) == (
        "93.184.216.34"
    )


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_check_address(address: str, reason: str | None) -> None:
    assert check_address(address) == reason


def test_host_gate_limits_concurrency_per_host() -> None:
    gate = HostGate(concurrency=1, delay=0.0)
    inside, most, lock = [0], [0], threading.Lock()
    barrier = threading.Barrier(4)

    def visit() -> None:
        barrier.wait()
        with gate.slot("example.org"):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=visit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1


def _certificate(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` (and its key), written as PEM files."""
    pytest.importorskip("cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.mark.parametrize(("served_as", "ok"), [("localhost", True), ("elsewhere.example", False)])
def test_https_to_a_pinned_address_is_verified_against_the_host_name(
    tmp_path: Path, served_as: str, ok: bool
) -> None:
    """The request goes to the checked IP, yet TLS still checks the certificate against the URL's name."""
    cert, key = _certificate(tmp_path, served_as)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    site = Site(tls=server_tls).start()
    try:
        site.pages["/a"] = Page(b"over tls")
        transport = httpx.HTTPTransport(verify=ssl.create_default_context(cafile=str(cert)))
        fetcher = Fetcher(fetch_settings(tmp_path), transport=transport, resolver=lambda h, p: ["127.0.0.1"])
        url = site.url("/a").replace("127.0.0.1", "localhost")
        with fetcher:
            if ok:
                assert fetcher.fetch(url).body == b"over tls"
            else:
                with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
                    fetcher.fetch(url)
    finally:
        site.stop()
