"""A real HTTP server on 127.0.0.1 for crawl tests and the crawl benchmark.

`FakeSite` is a threaded `http.server` with a table of routes (path → handler). Handlers get the
request (path, query, headers, how many times this path was hit) and return a `Reply`. The server
logs every request (with its headers) and counts the bytes it sent, so tests can check what the
crawler asked for (conditional headers, User-Agent, robots.txt) and benchmarks can measure
transfer.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


@dataclass
class Reply:
    """What a route answers."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (timeouts)


@dataclass
class Hit:
    """One request the server received."""

    path: str
    query: str
    headers: dict[str, str]
    count: int  # 1 for the first request to this path
    at: float


Handler = Callable[[Hit], Reply]


class FakeSite:
    """A route table served over HTTP on 127.0.0.1 (an ephemeral port)."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.prefix_routes: dict[str, Handler] = {}
        self.hits: list[Hit] = []
        self.bytes_sent = 0  # response bodies
        self.header_bytes_sent = 0  # status lines and response headers
        self.bytes_received = 0  # request lines and request headers
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- routes ---------------------------------------------------------------------------
    def route(self, path: str, handler: Handler) -> None:
        """Serve `path` (exact, without query) with `handler`."""
        self.routes[path] = handler

    def route_prefix(self, prefix: str, handler: Handler) -> None:
        """Serve every path starting with `prefix` (when no exact route matches) with `handler`."""
        self.prefix_routes[prefix] = handler

    def static(self, path: str, body: bytes | Callable[[], bytes], content_type: str, *,
               validators: bool = True, last_modified: float = 1_700_000_000.0) -> None:
        """Serve a document with ETag / Last-Modified and honest 304s (body may be a callable)."""

        def handler(hit: Hit) -> Reply:
            content = body() if callable(body) else body
            etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
            headers = {"Content-Type": content_type}
            if validators:
                headers["ETag"] = etag
                headers["Last-Modified"] = formatdate(last_modified, usegmt=True)
                if hit.headers.get("if-none-match") == etag:
                    return Reply(304, b"", {"ETag": etag})
            return Reply(200, content, headers)

        self.route(path, handler)

    # -- inspection -----------------------------------------------------------------------
    def hits_for(self, path: str) -> list[Hit]:
        """The requests received for `path`, in order."""
        with self._lock:
            return [hit for hit in self.hits if hit.path == path]

    def reset_log(self) -> None:
        """Forget the requests and bytes counted so far (routes and hit counts stay)."""
        with self._lock:
            self.hits.clear()
            self.bytes_sent = self.header_bytes_sent = self.bytes_received = 0

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> "FakeSite":
        site = self

        class _RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: object) -> None:  # silence stderr
                pass

            def do_GET(self) -> None:  # noqa: N802
                parts = urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with site._lock:
                    site._counts[parts.path] += 1
                    hit = Hit(parts.path, parts.query, headers, site._counts[parts.path], time.monotonic())
                    site.hits.append(hit)
                    site.bytes_received += len(self.requestline) + 2 + len(str(self.headers)) + 2
                handler = site.routes.get(parts.path) or next(
                    (h for prefix, h in site.prefix_routes.items() if parts.path.startswith(prefix)), None)
                reply = handler(hit) if handler else Reply(404, b"<html><body><h1>Not Found</h1></body></html>", {"Content-Type": "text/html"})
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.headers.get("Connection") == "close":
                        self.close_connection = True  # body delimited by closing: no Content-Length
                    elif "Content-Length" not in reply.headers:
                        self.send_header("Content-Length", str(len(reply.body)))
                    head = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", [])) + 2
                    self.end_headers()
                    if reply.status != 304:
                        self.wfile.write(reply.body)
                    with site._lock:
                        site.bytes_sent += len(reply.body) if reply.status != 304 else 0
                        site.header_bytes_sent += head
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "FakeSite":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
