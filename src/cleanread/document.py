"""The frozen :class:`Document` that :func:`cleanread.clean` returns, and its JSON form.

Every key is always present in ``to_dict()``; an empty page gives the same shape
with empty values. ``from_dict(to_dict(doc)) == doc`` holds for every Document.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from cleanread.blocks import Kind
from cleanread.errors import InputError

__all__ = ["SCHEMA_VERSION", "Document", "Image", "Removed", "Section"]

SCHEMA_VERSION = 1

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-=>]|\d+[.)])", re.MULTILINE)


def _md_escape(text: str) -> str:
    r"""Escape text so that Markdown renders it literally and no HTML is injected.

    >>> _md_escape("<script>alert(1)</script> *bold*")
    '\\<script\\>alert\\(1\\)\\</script\\> \\*bold\\*'
    """
    escaped = _MD_ESCAPE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


@dataclass(frozen=True, slots=True)
class Image:
    """An image's caption and credit, e.g. credit "Bloomberg" from "Foto: Bloomberg"."""

    caption: str | None = None
    credit: str | None = None
    credit_line: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping."""
        return {"caption": self.caption, "credit": self.credit, "credit_line": self.credit_line}


@dataclass(frozen=True, slots=True)
class Section:
    """A run of paragraphs under an optional heading."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping."""
        return {"heading": self.heading, "paragraphs": list(self.paragraphs)}


@dataclass(frozen=True, slots=True)
class Removed:
    """A block that was removed, with its kind, location and the rule that removed it."""

    kind: Kind
    text: str
    reason: str
    lines: tuple[int, int] | None = None  # 1-based input lines (text input)
    path: str | None = None  # short DOM path (HTML input)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping."""
        return {
            "kind": self.kind.value,
            "text": self.text,
            "lines": list(self.lines) if self.lines is not None else None,
            "path": self.path,
            "reason": self.reason,
        }


def _empty_flags() -> dict[str, bool]:
    return {kind.value: False for kind in Kind}


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned page.

    >>> doc = Document(title="Hello", sections=(Section(None, ("One.", "Two.")),))
    >>> print(doc.text)
    Hello
    <BLANKLINE>
    One.
    <BLANKLINE>
    Two.
    >>> Document.from_dict(doc.to_dict()) == doc
    True
    """

    title: str | None = None
    category: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    images: tuple[Image, ...] = ()
    sections: tuple[Section, ...] = ()
    comments: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    encoding: str | None = None
    source_type: str = "text"
    truncated: bool = False
    schema_version: int = SCHEMA_VERSION

    @property
    def flags(self) -> dict[str, bool]:
        """``{kind: bool}`` for every removal kind: true where a block of that kind was removed."""
        flags = _empty_flags()
        for item in self.removed:
            flags[item.kind.value] = True
        return flags

    @property
    def image_credit(self) -> str | None:
        """The first image credit, or None."""
        return next((img.credit for img in self.images if img.credit), None)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """All paragraphs of all sections, in order."""
        return tuple(p for s in self.sections for p in s.paragraphs)

    @property
    def body(self) -> str:
        """Headings and paragraphs separated by blank lines, without the title."""
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(parts)

    @property
    def text(self) -> str:
        """The cleaned text: title, headings and paragraphs separated by blank lines."""
        body = self.body
        if self.title:
            return f"{self.title}\n\n{body}" if body else self.title
        return body

    @property
    def is_empty(self) -> bool:
        """True when nothing was kept."""
        return self.title is None and not self.sections

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict with every key present.

        >>> sorted(Document().to_dict())[:5]
        ['author', 'category', 'comments', 'date', 'encoding']
        """
        return {
            "schema_version": self.schema_version,
            "title": self.title,
            "category": self.category,
            "author": self.author,
            "date": self.date,
            "language": self.language,
            "images": [img.to_dict() for img in self.images],
            "image_credit": self.image_credit,
            "sections": [s.to_dict() for s in self.sections],
            "comments": list(self.comments),
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "flags": dict(self.flags),
            "encoding": self.encoding,
            "source_type": self.source_type,
            "truncated": self.truncated,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the JSON text of :meth:`to_dict` (UTF-8 safe, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a Document from :meth:`to_dict` output.

        Raises :class:`InputError` when ``data`` is not such a mapping.
        """
        if not isinstance(data, dict):
            raise InputError(
                f"from_dict expects a dict from Document.to_dict(), got {type(data).__name__}"
            )
        try:
            removed = tuple(
                Removed(
                    kind=Kind(r["kind"]),
                    text=r["text"],
                    reason=r["reason"],
                    lines=(r["lines"][0], r["lines"][1]) if r.get("lines") is not None else None,
                    path=r.get("path"),
                )
                for r in data["removed"]
            )
            return cls(
                title=data["title"],
                category=data["category"],
                author=data["author"],
                date=data["date"],
                language=data["language"],
                images=tuple(
                    Image(i.get("caption"), i.get("credit"), i.get("credit_line"))
                    for i in data["images"]
                ),
                sections=tuple(
                    Section(s.get("heading"), tuple(s["paragraphs"])) for s in data["sections"]
                ),
                comments=tuple(data.get("comments", ())),
                removed=removed,
                encoding=data.get("encoding"),
                source_type=data.get("source_type", "text"),
                truncated=bool(data.get("truncated", False)),
                schema_version=int(data.get("schema_version", SCHEMA_VERSION)),
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise InputError(
                f"not a Document dict ({exc!r}); pass the output of Document.to_dict()"
            ) from exc

    def to_markdown(self) -> str:
        r"""Render title, headings and paragraphs as Markdown, escaping markup.

        >>> print(Document(title="A <b>", sections=(Section("H", ("p *x*",)),)).to_markdown())
        # A \<b\>
        <BLANKLINE>
        ## H
        <BLANKLINE>
        p \*x\*
        """
        parts: list[str] = []
        if self.title:
            parts.append(f"# {_md_escape(self.title)}")
        for section in self.sections:
            if section.heading:
                parts.append(f"## {_md_escape(section.heading)}")
            parts.extend(_md_escape(p) for p in section.paragraphs)
        return "\n\n".join(parts)
