"""HTTP for feeds and pages: bounded in time and size, retried with care, conditional.

Every fetch ends, one way or the other, within limits a person configured:

- one *attempt* never takes longer than ``HttpPolicy.timeout`` seconds of wall-clock time,
  however the server behaves (never answering, answering a byte a second): httpx only has
  per-operation timeouts, so a small network backend checks a deadline on every read;
- the decoded body never exceeds ``HttpPolicy.max_bytes`` (gzip bombs included: newsbeam
  decodes gzip/deflate itself, in bounded steps);
- redirects are followed up to ``max_redirects`` and loops are named as loops;
- refused/reset connections, 429 and 5xx answers are retried ``retries`` times with
  exponential backoff, honouring ``Retry-After`` up to ``max_retry_after`` seconds.
  Timeouts are not retried: a server that did not answer in time would double the cost.

Failures raise ``FetchError`` whose ``reason`` is a short code (``timeout``, ``http_404``,
``redirect_loop`` ...) and whose message says what happened and what to do.
"""
from __future__ import annotations

import contextlib
import dataclasses
import email.utils
import errno
import random
import socket
import threading
import time
import zlib
from importlib import metadata
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx


def _package_version() -> str:
    try:
        return metadata.version("newsbeam")
    except metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"newsbeam/{_package_version()} (+https://github.com/newsbeam/newsbeam)"

FEED_ACCEPT = ("application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

_REDIRECTS = {301, 302, 303, 307, 308}
_GZIP_MAGIC = b"\x1f\x8b"


@dataclasses.dataclass(frozen=True)
class HttpPolicy:
    """Limits of one fetch. Defaults suit a daily job; tests shrink them."""

    timeout: float = 30.0            # wall-clock seconds per attempt: connect, headers and body
    connect_timeout: float = 10.0
    max_bytes: int = 20 * 2**20      # decoded body size cap
    max_redirects: int = 5
    retries: int = 2                 # further attempts after a retryable failure
    backoff: float = 1.0             # first wait between attempts; doubles, with jitter
    max_retry_after: float = 60.0    # a longer Retry-After gives up instead of waiting
    user_agent: str = USER_AGENT


class FetchError(Exception):
    """A fetch that did not produce a usable answer; ``str()`` is the person-readable reason."""

    def __init__(self, reason: str, message: str, *, status: int | None = None,
                 retryable: bool = False, retry_after: float | None = None):
        super().__init__(message)
        self.reason = reason
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


@dataclasses.dataclass
class HttpResponse:
    url: str                    # final URL, after redirects
    status: int
    headers: dict[str, str]     # lower-case names
    body: bytes                 # decoded (gzip/deflate removed); empty for 304
    redirects: list[str] = dataclasses.field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


# --- a wall-clock deadline on every socket read ------------------------------------------

_deadline = threading.local()


@contextlib.contextmanager
def _deadline_in(seconds: float):
    _deadline.at = time.monotonic() + seconds
    try:
        yield
    finally:
        _deadline.at = None


def _remaining(timeout: float | None) -> float | None:
    """The operation's own timeout, shortened to what is left before the attempt's deadline."""
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self):
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        stream = self._inner.connect_tcp(host, port, _remaining(timeout), local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _DeadlineStream(self._inner.connect_unix_socket(path, _remaining(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose reads respect the attempt deadline.

    httpx exposes no option for the network backend, so the pool it built is replaced by an
    equivalent one (same limits) that uses ``_DeadlineBackend``.
    """

    def __init__(self, limits: httpx.Limits):
        super().__init__(limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_DeadlineBackend(),
        )


def make_client(policy: HttpPolicy = HttpPolicy(), max_connections: int = 10) -> httpx.Client:
    """A client for ``fetch``: our User-Agent, no automatic redirects or decoding."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    return httpx.Client(
        transport=_DeadlineTransport(limits),
        follow_redirects=False,
        timeout=httpx.Timeout(policy.timeout, connect=policy.connect_timeout),
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


# --- bounded decoding --------------------------------------------------------------------

class _BoundedDecoder:
    """gzip/deflate decoding that stops as soon as the output would pass ``max_bytes``."""

    def __init__(self, content_encoding: str, max_bytes: int):
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in {"gzip", "x-gzip", "deflate"}):
            raise FetchError("unsupported_encoding",
                             f"the server used Content-Encoding {content_encoding!r}, which newsbeam "
                             "does not decode (it asks for gzip or deflate only)")
        self.coding = codings[0] if codings else None
        self.max_bytes = max_bytes
        self.total = 0
        self.parts: list[bytes] = []
        self._zlib = None

    def feed(self, chunk: bytes) -> None:
        if self.coding is None:
            self._keep(chunk)
            return
        if self._zlib is None:
            if self.coding == "deflate" and chunk[:1] != b"\x78":
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)   # raw deflate, as some servers send
            else:
                self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header
        while chunk and not self._zlib.eof:
            try:
                out = self._zlib.decompress(chunk, self.max_bytes - self.total + 1)
            except zlib.error as exc:
                raise FetchError("invalid_gzip",
                                 f"the body is declared {self.coding}-compressed but is not valid "
                                 f"{self.coding} ({exc}); the server is misconfigured") from exc
            self._keep(out)
            chunk = self._zlib.unconsumed_tail

    def finish(self) -> bytes:
        if self._zlib is not None and not self._zlib.eof:
            raise FetchError("invalid_gzip",
                             f"the {self.coding}-compressed body ends before its end marker "
                             "(truncated download or broken server compression)")
        return b"".join(self.parts)

    def _keep(self, data: bytes) -> None:
        self.total += len(data)
        if self.total > self.max_bytes:
            raise FetchError("too_large", f"the body is larger than the {self.max_bytes:,} byte limit")
        self.parts.append(data)


def gunzip_if_compressed(body: bytes, max_bytes: int) -> bytes:
    """Undo gzip that was not declared as Content-Encoding (``feed.xml.gz`` files), bounded."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    decoder = _BoundedDecoder("gzip", max_bytes)
    decoder.feed(body)
    return decoder.finish()


# --- fetching ----------------------------------------------------------------------------

def _retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _status_error(status: int, reason_phrase: str, headers: httpx.Headers) -> FetchError:
    label = f"HTTP {status} {reason_phrase}".strip()
    if status == 404:
        return FetchError("http_404", f"{label}: nothing at this URL; check it or remove it from the list",
                          status=status)
    if status == 410:
        return FetchError("http_410", f"{label}: the publisher removed this resource for good; "
                                      "remove it from the list", status=status)
    if status in (401, 403):
        return FetchError(f"http_{status}", f"{label}: the server refuses access (it may need a login "
                                            "or block automated readers)", status=status)
    if status == 429:
        return FetchError("http_429", f"{label}: the server is rate-limiting newsbeam; poll it less often",
                          status=status, retryable=True,
                          retry_after=_retry_after_seconds(headers.get("retry-after")))
    if status >= 500:
        return FetchError(f"http_{status}", f"{label}: the server failed; a later run will try again",
                          status=status, retryable=True,
                          retry_after=_retry_after_seconds(headers.get("retry-after")))
    return FetchError(f"http_{status}", f"{label}: unexpected answer", status=status)


def _connect_error(exc: Exception) -> FetchError:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return FetchError("dns", f"the host name could not be resolved ({cause.strerror or cause}); "
                                     "check the URL's spelling or the network", retryable=False)
        if isinstance(cause, ConnectionRefusedError) or getattr(cause, "errno", None) == errno.ECONNREFUSED:
            return FetchError("connection_refused", "the server refused the connection (nothing listens "
                                                    "on that port, or the site is down)", retryable=True)
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text or "resolution" in text:
        return FetchError("dns", f"the host name could not be resolved ({text}); check the URL",
                          retryable=False)
    if "refused" in text.lower():
        return FetchError("connection_refused", "the server refused the connection (site down?)",
                          retryable=True)
    return FetchError("connect_failed", f"could not connect: {text or exc.__class__.__name__}",
                      retryable=True)


def _attempt(client: httpx.Client, url: str, headers: dict[str, str],
             policy: HttpPolicy) -> tuple[int, httpx.Headers, bytes, str]:
    """One request without redirects: status, headers, decoded body, reason phrase."""
    try:
        with _deadline_in(policy.timeout), client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if not 200 <= status < 300:
                return status, response.headers, b"", response.reason_phrase
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > policy.max_bytes:
                raise FetchError("too_large", f"the server announces {int(declared):,} bytes, more than the "
                                              f"{policy.max_bytes:,} byte limit")
            decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), policy.max_bytes)
            for chunk in response.iter_raw():
                decoder.feed(chunk)
            return status, response.headers, decoder.finish(), response.reason_phrase
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", f"no complete answer within {policy.timeout:g} s "
                                    "(server too slow or not answering)") from exc
    except httpx.ConnectError as exc:
        raise _connect_error(exc) from exc
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        raise FetchError("connection_reset", f"the connection broke off during the answer ({exc or 'reset'})",
                         retryable=True) from exc
    except httpx.InvalidURL as exc:
        raise FetchError("invalid_url", f"not a valid URL ({exc})") from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError("invalid_url", f"only http and https URLs can be fetched ({exc})") from exc


def _follow(client: httpx.Client, url: str, headers: dict[str, str], policy: HttpPolicy) -> HttpResponse:
    visited = [url]
    while True:
        status, response_headers, body, phrase = _attempt(client, visited[-1], headers, policy)
        if status not in _REDIRECTS:
            break
        location = response_headers.get("location")
        if not location:
            raise FetchError("bad_redirect", f"HTTP {status} redirect without a Location header", status=status)
        target = urljoin(visited[-1], location.strip())
        if urlsplit(target).scheme not in ("http", "https"):
            raise FetchError("bad_redirect", f"redirect to a non-web URL {target!r}", status=status)
        if target in visited:
            chain = " -> ".join(visited[visited.index(target):] + [target])
            raise FetchError("redirect_loop", f"redirect loop ({chain}); the site is misconfigured or the "
                                              "URL is wrong", status=status)
        if len(visited) > policy.max_redirects:
            raise FetchError("too_many_redirects", f"more than {policy.max_redirects} redirects "
                                                   f"(last: {target}); use the final URL directly",
                             status=status)
        visited.append(target)
    if status == 304 or 200 <= status < 300:
        return HttpResponse(url=visited[-1], status=status,
                            headers={k.lower(): v for k, v in response_headers.items()},
                            body=body, redirects=visited[1:])
    raise _status_error(status, phrase, response_headers)


def fetch(url: str, client: httpx.Client, policy: HttpPolicy = HttpPolicy(), *,
          etag: str | None = None, last_modified: str | None = None, accept: str = FEED_ACCEPT,
          sleep=time.sleep) -> HttpResponse:
    """GET ``url`` within the policy's limits; conditional when ``etag``/``last_modified`` are given.

    Returns the final answer (``not_modified`` for a 304) or raises ``FetchError``.
    """
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(policy.retries + 1):
        try:
            return _follow(client, url, headers, policy)
        except FetchError as exc:
            if not exc.retryable or attempt == policy.retries:
                raise
            wait = exc.retry_after
            if wait is None:
                wait = policy.backoff * 2**attempt * random.uniform(0.5, 1.5)
            elif wait > policy.max_retry_after:
                raise FetchError(exc.reason, f"{exc} (asked to retry after {wait:g} s, longer than the "
                                             f"{policy.max_retry_after:g} s newsbeam waits)",
                                 status=exc.status) from exc
            sleep(wait)
    raise AssertionError("unreachable")
