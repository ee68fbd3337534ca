# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""The one door to trafilatura's family: htmldate as a fallback for the publication date.

Nothing else in cleanread imports trafilatura or htmldate. They are optional:
when they are missing, or fail on a page, the functions here return None and
the Document simply has no date. They are only consulted when cleanread's own
metadata reading (meta tags, JSON-LD, bylines) found nothing.
"""

from __future__ import annotations

__all__ = ["fallback_date"]

# Earliest year htmldate may return: older dates on a modern page are usually noise.
MIN_YEAR = 1995


def fallback_date(html: str) -> str | None:
    """Return the publication date (``YYYY-MM-DD``) htmldate's quick heuristics find, or None.

    htmldate parses ``html`` with lxml's defaults (no network) and never fetches.

    >>> fallback_date('<html><body><time class="entry-date">2024-03-05</time></body></html>')
    '2024-03-05'
    >>> fallback_date("<p>No date here.</p>") is None
    True
    """
    try:
        from htmldate import find_date  # optional: imported on first use
    except ImportError:  # pragma: no cover - htmldate ships with trafilatura
        return None
    try:
        found = find_date(
            html,
            extensive_search=False,
            original_date=True,
            min_date=f"{MIN_YEAR}-01-01",
            outputformat="%Y-%m-%d",
        )
    except Exception:  # noqa: BLE001 - a fallback must never break cleaning
        return None
    return found if isinstance(found, str) else None
