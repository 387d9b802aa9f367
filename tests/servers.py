"""A real HTTP server on 127.0.0.1 for tests, with routes that misbehave on purpose.

Usage::

    with LocalServer() as server:
        server.route("/feed.xml", feed(RSS_BYTES, etag='"v1"'))
        server.route("/slow", drip(b"x" * 100, interval=1.0))
        url = server.url("/feed.xml")
        ...
        assert server.hits("/feed.xml") == 2

A route is a function ``route(handler)`` that writes the whole answer through the
``http.server.BaseHTTPRequestHandler`` it is given. ``refused_url()`` gives a URL where
nothing listens. Every request is logged in ``server.requests`` as ``(path, headers)``.
"""
from __future__ import annotations

import gzip as gzip_module
import socket
import struct
import threading
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up on misbehaving routes is the point of these tests


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                owner.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                handle = owner.routes.get(self.path.split("?")[0])
                try:
                    if handle is None:
                        status(404, b"no such route")(self)
                    else:
                        handle(self)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def log_message(self, *args) -> None:
                pass

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.server_owner = self  # routes reach the server through handler.server
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Route) -> None:
        self.routes[path] = handler

    def hits(self, path: str) -> int:
        return sum(1 for requested, _ in self.requests if requested.split("?")[0] == path)

    def close(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def refused_url(path: str = "/feed.xml") -> str:
    """A URL on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


def _send(handler: BaseHTTPRequestHandler, code: int, body: bytes, headers: dict[str, str]) -> None:
    handler.send_response(code)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    return lambda handler: _send(handler, code, body, headers or {})


def feed(body: bytes, content_type: str = "application/rss+xml", *, etag: str | None = None,
         last_modified: str | None = None, gzip: bool = False,
         headers: dict[str, str] | None = None) -> Route:
    """A document served like a well-behaved feed server: validators and 304s when they match."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        validators = {}
        if etag:
            validators["ETag"] = etag
        if last_modified:
            validators["Last-Modified"] = last_modified
        if etag and handler.headers.get("If-None-Match") == etag:
            _send(handler, 304, b"", validators)
            return
        since = handler.headers.get("If-Modified-Since")
        if last_modified and since and not etag:
            if parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified):
                _send(handler, 304, b"", validators)
                return
        payload, extra = body, {"Content-Type": content_type, **validators, **(headers or {})}
        if gzip:
            payload, extra["Content-Encoding"] = gzip_module.compress(body), "gzip"
        _send(handler, 200, payload, extra)

    return handle


def redirect(location: str, code: int = 302) -> Route:
    return status(code, b"", {"Location": location})


def never_answer() -> Route:
    """Accept the request and say nothing until the server shuts down."""
    return lambda handler: handler.server.server_owner.stopping.wait(120)


def drip(body: bytes, interval: float = 1.0, content_type: str = "application/rss+xml") -> Route:
    """Headers at once, then the body one byte per ``interval`` seconds."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        stopping = handler.server.server_owner.stopping
        for i in range(len(body)):
            handler.wfile.write(body[i:i + 1])
            handler.wfile.flush()
            if stopping.wait(interval):
                return

    return handle


def reset_mid_body(body: bytes, content_type: str = "application/rss+xml") -> Route:
    """Announce the whole body, send half of it, then reset the connection (TCP RST)."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 2])
        handler.wfile.flush()
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True

    return handle


def invalid_gzip(content_type: str = "application/rss+xml") -> Route:
    """Claims ``Content-Encoding: gzip`` but sends bytes that are not gzip."""
    return status(200, b"<rss>this is not gzip</rss>", {"Content-Type": content_type,
                                                        "Content-Encoding": "gzip"})


def sequence(*routes: Route) -> Route:
    """The n-th request gets the n-th route; the last one answers every request after that."""
    count = {"n": 0}
    lock = threading.Lock()

    def handle(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            index = min(count["n"], len(routes) - 1)
            count["n"] += 1
        routes[index](handler)

    return handle
