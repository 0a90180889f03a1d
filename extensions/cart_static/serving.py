"""A built site served as a static host would, and the Chromium the tests and the benchmark
open it with: one place, so both measure and check the same way."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-extensions",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the output readable."""


class _Server(http.server.ThreadingHTTPServer):
    #: Chromium opens several connections a page; the default backlog of 5 can refuse some
    #: on a loaded machine, and a stylesheet then fails to load in a test or the benchmark.
    request_queue_size = 64


@contextmanager
def serve(directory: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 with a free port, as a static host would, optionally
    sending extra response headers (a Content-Security-Policy, say)."""

    class Handler(_QuietHandler):
        def end_headers(self) -> None:
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    handler = functools.partial(Handler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
