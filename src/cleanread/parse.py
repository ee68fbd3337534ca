"""Turn a raw source into text: decode bytes, sanitise, truncate, sniff text vs HTML.

Bytes are decoded by BOM, then strict UTF-8, then (for HTML) the declared
meta charset, then charset detection; the encoding used is recorded. The
resulting text never holds NUL bytes, lone surrogates or other C0 controls
besides tab and newline.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Source", "decode_bytes", "read_source", "sanitize", "sniff_html"]

# Bytes inspected for a <meta charset> declaration.
META_SCAN_BYTES = 4096
# Bytes given to charset detection: enough to decide, bounded for speed.
DETECT_SAMPLE_BYTES = 64 * 1024
# Invalid UTF-8 sequences per 1,000 bytes tolerated before trying other charsets:
# a few broken bytes in a UTF-8 page are replaced, not a reason to re-guess.
UTF8_ERRORS_PER_MILLE = 2
# Characters inspected when sniffing text vs HTML.
SNIFF_CHARS = 4096
# Tags needed in the sniffed head of an input with no <html>/<body> marker.
SNIFF_MIN_TAGS = 4

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_HTML_MARKER = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)", re.IGNORECASE)
_TAG = re.compile(r"</?(?:div|p|span|a|br|table|td|tr|li|ul|section|article|script|style|img|h[1-6])\b[^<>]{0,500}>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded page ready for segmentation."""

    text: str
    encoding: str | None
    source_type: str  # "text" or "html"
    truncated: bool = False
    replaced: bool = False  # undecodable bytes were replaced by U+FFFD


def _normalise_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Decode bytes; return (text, encoding used, whether bytes were replaced).

    >>> decode_bytes("Grüße".encode("utf-8"))[:2]
    ('Grüße', 'utf-8')
    >>> decode_bytes(codecs.BOM_UTF16_LE + "hé".encode("utf-16-le"))[:2]
    ('hé', 'utf-16-le')
    >>> decode_bytes('<meta charset="windows-1252"><p>caf\\xe9'.encode("latin-1"))[:2]
    ('<meta charset="windows-1252"><p>café', 'cp1252')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name.replace("-sig", ""), errors="replace"), name, False
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:META_SCAN_BYTES])
    if meta is not None:
        name = _normalise_codec(meta.group(1).decode("ascii", "replace"))
        if name and not name.startswith(("utf-16", "utf-32")):
            if name == "latin-1" or name == "iso8859-1":
                name = "cp1252"  # browsers read latin-1 as windows-1252
            text = data.decode(name, errors="replace")
            return text, name, "\ufffd" in text
    lenient = data.decode("utf-8", errors="replace")
    errors = lenient.count("\ufffd")
    if errors * 1000 <= UTF8_ERRORS_PER_MILLE * max(len(data), 1):
        return lenient, "utf-8", errors > 0
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_SAMPLE_BYTES]).best()
    if best is not None and best.encoding:
        name = _normalise_codec(best.encoding) or "utf-8"
        try:
            return data.decode(name, errors="strict"), name, False
        except (UnicodeDecodeError, LookupError):
            text = data.decode(name, errors="replace")
            return text, name, True
    return lenient, "utf-8", errors > 0


def sanitize(text: str) -> str:
    r"""Drop NUL and other control characters and lone surrogates.

    >>> sanitize("a\x00b\ud800c\td")
    'ab\ufffdc\td'
    """
    if _BAD_CHARS.search(text) is None:
        return text
    return _BAD_CHARS.sub(lambda m: "" if m.group(0) < "\x80" else "\ufffd", text)


def sniff_html(text: str) -> bool:
    """True when ``text`` looks like an HTML document rather than a text dump.

    >>> sniff_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> sniff_html("Plain text with a < b and <3 hearts.")
    False
    """
    head = text[:SNIFF_CHARS].lstrip()
    if _HTML_MARKER.search(head):
        return True
    return head.startswith("<") and len(_TAG.findall(head)) >= SNIFF_MIN_TAGS


def _truncate(text: str, max_bytes: int, html: bool) -> tuple[str, bool]:
    # Characters are at most 4 bytes in UTF-8: shorter strings cannot exceed the limit.
    if len(text) * 4 <= max_bytes:
        return text, False
    encoded = text.encode("utf-8", errors="replace")
    if len(encoded) <= max_bytes:
        return text, False
    cut = encoded[:max_bytes].decode("utf-8", errors="ignore")
    boundary = cut.rfind(">") + 1 if html else cut.rfind("\n")
    if boundary > 0:
        cut = cut[:boundary]
    return cut, True


def read_source(source: str | bytes, *, max_bytes: int, source_type: str | None = None) -> Source:
    """Decode, sanitise, truncate and sniff one source."""
    replaced = False
    encoding: str | None = None
    if isinstance(source, bytes):
        text, encoding, replaced = decode_bytes(source[: max_bytes * 2] if len(source) > max_bytes * 2 else source)
    else:
        text = source
    text = sanitize(text)
    kind = source_type or ("html" if sniff_html(text) else "text")
    text, truncated = _truncate(text, max_bytes, kind == "html")
    if isinstance(source, bytes) and len(source) > max_bytes * 2:
        truncated = True
    return Source(text, encoding, kind, truncated, replaced)
