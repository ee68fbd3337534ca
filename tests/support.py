"""Helpers shared by several test modules: the Document's key set and a recording HTTP server."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator

# Every key of Document.to_dict(), always present (issue 2, section 2).
DOCUMENT_KEYS = frozenset(
    {
        "schema_version",
        "title",
        "category",
        "author",
        "date",
        "language",
        "images",
        "image_credit",
        "sections",
        "comments",
        "text",
        "removed",
        "flags",
        "encoding",
        "source_type",
        "truncated",
    }
)


@contextlib.contextmanager
def recording_server(
    handler: type[http.server.BaseHTTPRequestHandler],
) -> Iterator[tuple[str, list[str]]]:
    """Serve ``handler`` on a free loopback port; yield (base URL, requested paths).

    ``handler`` records each request path in its class attribute ``hits``.
    """
    hits: list[str] = []
    bound = type("Handler", (handler,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()
