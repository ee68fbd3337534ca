"""Reading benchmark sets.

A set holds ``pages/<id>.html.gz``, ``text/<id>.txt``, ``truth/<id>.json`` and ``index.json``.

Pages are read lazily, one at a time, so a large set never sits in memory.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

INDEX_FILE = "index.json"


@dataclass(frozen=True)
class Truth:
    """The ground truth of one page (missing fields are ``None`` or empty)."""

    body: str | None
    title: str | None
    author: str | None
    date: str | None
    language: str | None
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]

    @property
    def has_body(self) -> bool:
        """Whether the page has gold text for the shingle metric."""
        return bool(self.body and self.body.strip())

    @property
    def has_snippets(self) -> bool:
        """Whether the page has with/without snippets."""
        return bool(self.with_snippets or self.without_snippets)

    @property
    def scorable(self) -> bool:
        """Pages with neither a body nor snippets are skipped."""
        return self.has_body or self.has_snippets


@dataclass(frozen=True)
class Page:
    """One page of a set; its files are read on demand."""

    set_dir: Path
    page_id: str
    url: str
    language: str | None
    site: str | None
    page_type: str | None

    def text(self) -> str:
        """The text dump (``innerText``) of the page."""
        return (self.set_dir / "text" / f"{self.page_id}.txt").read_text(
            encoding="utf-8", errors="replace"
        )

    def html(self) -> bytes:
        """The raw HTML bytes of the page (gunzipped, original encoding)."""
        with gzip.open(self.set_dir / "pages" / f"{self.page_id}.html.gz") as handle:
            return handle.read()

    def truth(self) -> Truth:
        """The ground truth of the page."""
        raw: dict[str, Any] = json.loads(
            (self.set_dir / "truth" / f"{self.page_id}.json").read_text(encoding="utf-8")
        )
        return Truth(
            body=_opt_str(raw.get("body")),
            title=_opt_str(raw.get("title")),
            author=_opt_str(raw.get("author")),
            date=_opt_str(raw.get("date")),
            language=_opt_str(raw.get("language")) or self.language,
            with_snippets=tuple(str(s) for s in raw.get("with") or ()),
            without_snippets=tuple(str(s) for s in raw.get("without") or ()),
        )


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def is_set_dir(path: Path) -> bool:
    """Whether ``path`` is one benchmark set (it holds an ``index.json``)."""
    return (path / INDEX_FILE).is_file()


def find_sets(path: Path) -> list[Path]:
    """Return ``[path]`` for a set folder, or the set folders under a parent folder.

    Raises ``FileNotFoundError`` when neither applies.
    """
    if is_set_dir(path):
        return [path]
    if path.is_dir():
        sets = sorted(p for p in path.iterdir() if p.is_dir() and is_set_dir(p))
        if sets:
            return sets
    raise FileNotFoundError(f"{path} is neither a benchmark set nor a folder of sets")


def load_pages(set_dir: Path, limit: int | None = None) -> list[Page]:
    """List the pages of a set in id order, keeping the first ``limit`` if given."""
    index: dict[str, dict[str, Any]] = json.loads(
        (set_dir / INDEX_FILE).read_text(encoding="utf-8")
    )
    pages = [
        Page(
            set_dir=set_dir,
            page_id=page_id,
            url=str(meta.get("url") or ""),
            language=_opt_str(meta.get("language")),
            site=_opt_str(meta.get("site")),
            page_type=_opt_str(meta.get("page_type")),
        )
        for page_id, meta in sorted(index.items())
    ]
    return pages if limit is None else pages[:limit]
