"""Helpers shared by test modules: the Document key set, synthetic features, an HTTP recorder."""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import threading
from collections.abc import Iterator

from cleanread.blocks import Features

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


# A short headline-like line: a few words, some stopwords, no closing punctuation.
_SHORT_LINE = Features(
    chars=40,
    words=7,
    stopword_density=0.3,
    terminal_punct=False,
    upper_share=0.1,
    digit_share=0.0,
    link_like=0.0,
    title_case=0.1,
    cjk=False,
)


def features(**overrides: object) -> Features:
    """Synthetic :class:`Features` of a short headline-like line, with ``overrides`` applied."""
    return dataclasses.replace(_SHORT_LINE, **overrides)  # type: ignore[arg-type]


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
