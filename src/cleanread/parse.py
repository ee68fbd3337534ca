"""Turn a raw source into text: decode bytes, sanitise, truncate, sniff text vs HTML.

Bytes are decoded in this order, and the encoding used is recorded:

1. a byte-order mark;
2. BOM-less UTF-16/UTF-32, recognised by the pattern of their zero bytes;
3. 7-bit ISO-2022-JP/KR, recognised by their escape sequences;
4. strict UTF-8 (the fast path: almost every modern page stops here);
5. the charset declared in ``<meta>`` or ``<?xml ... encoding=...?>``, when it
   names a web text encoding and decodes cleanly (browsers' supersets are
   used: Shift_JIS reads as cp932, GB2312 as GB18030, ISO-8859-1 as cp1252);
6. UTF-8 with a few broken bytes replaced;
7. charset detection (charset-normalizer), whose single-byte guesses are then
   re-ranked by how many real words each candidate encoding yields: Latin-2
   and cp1250, say, differ on a handful of letters only, and the right one is
   the one that spells "že" and "się" rather than "ľe" and "si•".

The resulting text never holds NUL bytes, lone surrogates or other C0 controls
besides tab, newline and carriage return. Inputs above ``max_bytes`` are cut at
a block boundary (a line of a text dump, a closing block tag of HTML) and
marked ``truncated``.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass

__all__ = ["Source", "decode_bytes", "read_source", "sanitize", "sniff_html"]

# Bytes inspected for a <meta charset> or XML encoding declaration.
META_SCAN_BYTES = 4096
# Bytes given to charset detection: enough to decide, bounded for speed.
DETECT_SAMPLE_BYTES = 64 * 1024
# Invalid UTF-8 sequences per 1,000 bytes tolerated before trying other charsets:
# a few broken bytes in a UTF-8 page are replaced, not a reason to re-guess.
UTF8_ERRORS_PER_MILLE = 2
# Replacement characters per 1,000 bytes tolerated when decoding with the declared
# charset (above this the declaration is taken to be wrong and the bytes are
# sniffed), or with a candidate charset during detection.
DECLARED_ERRORS_PER_MILLE = 5
# Bytes inspected for the zero-byte pattern of BOM-less UTF-16/UTF-32.
UTF16_SCAN_BYTES = 4096
# Share of code units that must look like UTF-16/32-encoded ASCII (the zero byte on
# one side only) to read BOM-less bytes as UTF-16/32. Real pages are full of ASCII
# markup and spaces; arbitrary binary rarely has zeros on one side only.
UTF16_ZERO_SHARE = 0.3
# Share of code units with zeros on the *other* side tolerated in that case.
UTF16_WRONG_SIDE_SHARE = 0.05
# Known words shorter than this are not counted: mojibake is full of one-letter
# "words" (в, ó, ب) that happen to be stopwords somewhere.
KNOWN_WORD_MIN_CHARS = 2
# A re-ranked candidate must beat the detector's pick by this many characters of
# known words to replace it: one stray short hit on a short text is not evidence.
RERANK_MIN_GAIN = 4
# Characters inspected when sniffing text vs HTML.
SNIFF_CHARS = 4096
# Tags needed in the sniffed head of an input with no <html>/<body> marker.
SNIFF_MIN_TAGS = 4
# Leading <style>, <script> and comment blocks (pages saved without their head)
# are skipped before sniffing, within this many characters.
SNIFF_SKIP_CHARS = 256 * 1024
# Characters searched backwards from the cut for a block boundary before falling
# back to a smaller one (a line, then a space, then anywhere).
BOUNDARY_WINDOW_CHARS = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels pages use that Python's codec registry does not know.
_LABEL_ALIASES: dict[str, str] = {
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "ms932": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gb18030",
    "x-x-big5": "big5hkscs",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "windows-874": "cp874",
    "iso-8859-8-i": "iso8859-8",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
}
# Codecs read as the superset browsers use for them (WHATWG Encoding Standard).
_SUPERSETS: dict[str, str] = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
}
# fmt: off
# Text codecs a page may declare. Anything else Python knows (utf-7, unicode-escape,
# idna, punycode...) is ignored: those are not web encodings, and utf-7 is an
# injection vector.
_WEB_CODECS = frozenset({
    "utf-8", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
    "cp1257", "cp1258", "cp874", "cp866", "cp855", "koi8-r", "koi8-u", "mac-cyrillic",
    "mac-roman", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6",
    "iso8859-7", "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15",
    "iso8859-16", "cp932", "euc_jp", "iso2022_jp", "cp949", "johab", "iso2022_kr",
    "gb18030", "big5hkscs", "euc_jis_2004", "euc_jisx0213", "shift_jis_2004",
    "iso2022_jp_2", "iso2022_jp_ext",
})
# Single-byte encodings tried when re-ranking a detector's single-byte guess,
# most common on the web first (ties go to the earlier one).
_SINGLE_BYTE_CANDIDATES: tuple[str, ...] = (
    "cp1252", "cp1250", "cp1251", "iso8859-2", "cp1254", "cp1256", "cp1255", "cp1253",
    "iso8859-7", "cp1257", "koi8-r", "iso8859-5", "cp866", "cp855", "mac-cyrillic",
    "koi8-u", "cp874", "iso8859-15", "iso8859-13", "iso8859-16", "iso8859-6", "iso8859-8",
)
# Multi-byte encodings tried when the detector has no guess at all.
_MULTI_BYTE_CANDIDATES: tuple[str, ...] = (
    "gb18030", "big5hkscs", "cp932", "euc_jp", "cp949", "johab",
)
# Wide encodings accepted from the detector (BOM-less text with little ASCII), never
# from a declaration: browsers read a page declaring UTF-16 without a BOM as UTF-8.
_WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_MULTI_BYTE = frozenset({*_MULTI_BYTE_CANDIDATES, "iso2022_jp", "iso2022_kr", "utf-8",
                         "euc_jis_2004", "euc_jisx0213", "shift_jis_2004", "iso2022_jp_2",
                         "iso2022_jp_ext"})
# fmt: on

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(
    rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{1,40})["']""", re.IGNORECASE
)
_ISO2022_KR = re.compile(rb"\x1b\$\)C")
_ISO2022_JP = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\([BJI])")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_HTML_MARKER = re.compile(
    r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)", re.IGNORECASE
)
_LEADING_RAW = re.compile(
    r"\s*(?:<(style|script)\b[^>]*>.*?</\1\s*>|<!--.*?-->)", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(
    r"</?(?:div|p|span|a|br|table|td|tr|li|ul|section|article|script|style|img|h[1-6])\b[^<>]{0,500}>",
    re.IGNORECASE,
)
# A word holding at least one non-ASCII letter: where wrong encodings differ.
_ACCENTED_WORD = re.compile(r"\w*[^\x00-\x7f\W\d_]\w*")
# Closing tags that end a block of HTML: safe places to cut a page.
_HTML_BLOCK_END = re.compile(
    r"</(?:p|div|li|ul|ol|dl|dd|dt|h[1-6]|section|article|aside|header|footer|nav|main"
    r"|table|tr|td|th|tbody|blockquote|pre|figure|figcaption|form|body|html)\s*>",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded page ready for segmentation."""

    text: str
    encoding: str | None
    source_type: str  # "text" or "html"
    truncated: bool = False
    replaced: bool = False  # undecodable bytes were replaced by U+FFFD


def _codec_name(label: str) -> str | None:
    """Return Python's canonical name for a codec label, or None if it has none."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _web_codec(label: str) -> str | None:
    """Return the Python codec for a declared ``label``, or None if it is no web encoding.

    >>> _web_codec("Shift_JIS"), _web_codec("x-sjis"), _web_codec("ISO-8859-1")
    ('cp932', 'cp932', 'cp1252')
    >>> _web_codec("utf-7") is None and _web_codec("unicode_escape") is None
    True
    """
    key = label.strip().lower()
    name = _codec_name(_LABEL_ALIASES.get(key, key))
    if name is None:
        return None
    name = _SUPERSETS.get(name, name)
    return name if name in _WEB_CODECS else None


def _sniff_utf16_32(data: bytes) -> str | None:
    """Name BOM-less UTF-16/32 from where the zero bytes sit, else None.

    >>> _sniff_utf16_32("<p>Hallo</p>".encode("utf-16-le"))
    'utf-16-le'
    >>> _sniff_utf16_32("<p>Hallo</p>".encode("utf-32-be"))
    'utf-32-be'
    >>> _sniff_utf16_32(b"plain ascii") is None
    True
    """
    head = data[:UTF16_SCAN_BYTES]
    if b"\x00" not in head:
        return None
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        units = len(head) // width
        if units == 0:
            continue
        low_zero = high_zero = 0  # units whose value fits in one byte, per byte order
        for i in range(0, units * width, width):
            unit = head[i : i + width]
            if unit[1:] == bytes(width - 1) and unit[0]:
                low_zero += 1
            elif unit[:-1] == bytes(width - 1) and unit[-1]:
                high_zero += 1
        orders = ((low_zero, high_zero, names[0]), (high_zero, low_zero, names[1]))
        for ascii_like, other, name in orders:
            if ascii_like >= UTF16_ZERO_SHARE * units and other <= UTF16_WRONG_SIDE_SHARE * units:
                return name
    return None


def _sniff_iso2022(data: bytes) -> str | None:
    """Name 7-bit ISO-2022-KR/JP text by its escape sequences, else None."""
    if b"\x1b" not in data or _HIGH_BYTE.search(data) is not None:
        return None
    if _ISO2022_KR.search(data[:META_SCAN_BYTES]) is not None:
        return "iso2022_kr"
    if _ISO2022_JP.search(data) is not None:
        return "iso2022_jp"
    return None


def _declared_codec(data: bytes) -> str | None:
    """Return the web codec named by a ``<meta>`` charset or XML declaration, if any."""
    head = data[:META_SCAN_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found is not None:
            name = _web_codec(found.group(1).decode("ascii", "replace"))
            if name is not None:
                return name
    return None


@functools.cache
def _known_words() -> frozenset[str]:
    """Return the casefolded stopwords holding a non-ASCII letter, across every bundled stoplist."""
    from cleanread.lexicon import LANG_TO_JUSTEXT, stopwords  # slow path only

    words: set[str] = set()
    for lang in LANG_TO_JUSTEXT:
        words.update(w for w in stopwords(lang) if not w.isascii())
    return frozenset(words)


def _word_hits(text: str) -> int:
    """Count characters of known words with a non-ASCII letter in ``text`` (any language).

    >>> _word_hits("Die Straße führt über die Brücke"), _word_hits("Die StraĂźe fĂźhrt")
    (9, 0)
    """
    known = _known_words()
    return sum(
        len(word)
        for word in _ACCENTED_WORD.findall(text)
        if len(word) >= KNOWN_WORD_MIN_CHARS and word.casefold() in known
    )


def _rerank(sample: bytes, guess: str | None, candidates: tuple[str, ...]) -> str | None:
    """Return the candidate whose decoding of ``sample`` spells the most known words.

    It replaces ``guess`` only when clearly better (by ``RERANK_MIN_GAIN``).
    """
    best, best_hits = guess, -1
    if guess is not None:
        best_hits = _word_hits(sample.decode(guess, errors="replace")) + RERANK_MIN_GAIN - 1
    for name in candidates:
        if name == guess:
            continue
        text = sample.decode(name, errors="replace")
        if text.count("\ufffd") * 1000 > DECLARED_ERRORS_PER_MILLE * len(sample):
            continue
        hits = _word_hits(text)
        if hits > best_hits:
            best, best_hits = name, hits
    return best


def _detect(data: bytes) -> str | None:
    """Guess the codec of non-UTF-8 bytes: charset-normalizer, re-ranked by known words."""
    from charset_normalizer import from_bytes  # import cost for non-UTF-8 only

    sample = data[:DETECT_SAMPLE_BYTES]
    found = from_bytes(sample, preemptive_behaviour=False).best()
    # Guesses outside the web encodings (utf-7, hp-roman8, cp775...) are dropped:
    # they are rarely right, and some can inject markup.
    if found is not None and found.encoding and _codec_name(found.encoding) in _WIDE_CODECS:
        return _codec_name(found.encoding)
    guess = _web_codec(found.encoding) if found is not None and found.encoding else None
    if guess is not None and guess in _MULTI_BYTE:
        return guess
    if guess is None:
        return _rerank(sample, None, _SINGLE_BYTE_CANDIDATES + _MULTI_BYTE_CANDIDATES)
    return _rerank(sample, guess, _SINGLE_BYTE_CANDIDATES)


def _decode_with(data: bytes, name: str) -> tuple[str, str, bool]:
    try:
        return data.decode(name), name, False
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
        return text, name, True


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    r"""Decode bytes; return (text, encoding used, whether bytes were replaced).

    >>> decode_bytes("Grüße".encode("utf-8"))[:2]
    ('Grüße', 'utf-8')
    >>> decode_bytes(codecs.BOM_UTF16_LE + "hé".encode("utf-16-le"))[:2]
    ('hé', 'utf-16-le')
    >>> decode_bytes('<meta charset="windows-1252"><p>caf\xe9'.encode("latin-1"))[:2]
    ('<meta charset="windows-1252"><p>café', 'cp1252')
    >>> decode_bytes("Příliš žluťoučký kůň úpěl ďábelské ódy, že?".encode("iso8859-2"))[:2]
    ('Příliš žluťoučký kůň úpěl ďábelské ódy, že?', 'iso8859-2')
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec = name.replace("-sig", "")
            text, _, replaced = _decode_with(data[len(bom) :], codec)
            return text, name, replaced
    wide = _sniff_utf16_32(data)
    if wide is not None:
        return _decode_with(data, wide)
    iso2022 = _sniff_iso2022(data)
    if iso2022 is not None:
        return _decode_with(data, iso2022)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    declared = _declared_codec(data)
    if declared is not None and declared != "utf-8":
        text, name, replaced = _decode_with(data, declared)
        if text.count("\ufffd") * 1000 <= DECLARED_ERRORS_PER_MILLE * len(data):
            return text, name, replaced
    lenient = data.decode("utf-8", errors="replace")
    errors = lenient.count("\ufffd")
    if errors * 1000 <= UTF8_ERRORS_PER_MILLE * len(data):
        return lenient, "utf-8", True
    detected = _detect(data)
    if detected is None:
        return lenient, "utf-8", True
    return _decode_with(data, detected)


def sanitize(text: str) -> str:
    r"""Drop NUL and other control characters and lone surrogates.

    >>> sanitize("a\x00b\ud800c\td")
    'ab\ufffdc\td'
    """
    if _BAD_CHARS.search(text) is None:
        return text
    return _BAD_CHARS.sub(lambda m: "" if m.group(0) < "\x80" else "\ufffd", text)


def sniff_html(text: str) -> bool:
    """Tell whether ``text`` looks like an HTML document rather than a text dump.

    >>> sniff_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> sniff_html("Plain text with a < b and <3 hearts.")
    False
    >>> sniff_html("<style>" + "p { margin: 0 }" * 400 + "</style><div><p>Hi</p></div><br><br>")
    True
    """
    if _looks_like_html(text[:SNIFF_CHARS]):
        return True
    start, window = 0, text[:SNIFF_SKIP_CHARS]
    while (raw := _LEADING_RAW.match(window, start)) is not None:
        start = raw.end()
    return start > 0 and _looks_like_html(text[start : start + SNIFF_CHARS])


def _looks_like_html(head: str) -> bool:
    head = head.lstrip()
    if _HTML_MARKER.search(head):
        return True
    return head.startswith("<") and len(_TAG.findall(head)) >= SNIFF_MIN_TAGS


def _block_boundary(text: str, html: bool) -> int:
    r"""Return the index just after the last block boundary in ``text`` (0 if there is none).

    >>> _block_boundary("one\ntwo\nthr", html=False)
    8
    >>> _block_boundary("<p>one</p><p>tw", html=True)
    10
    """
    window_start = max(0, len(text) - BOUNDARY_WINDOW_CHARS)
    window = text[window_start:]
    if html:
        last = None
        for last in _HTML_BLOCK_END.finditer(window):  # noqa: B007 - we want the last match
            pass
        if last is not None:
            return window_start + last.end()
        cut = text.rfind(">") + 1
        if cut > 0:
            return cut
    cut = max(text.rfind("\n"), text.rfind("\r")) + 1
    if cut > 0:
        return cut
    return max(text.rfind(" "), text.rfind("\t")) + 1


def _truncate(text: str, max_bytes: int, html: bool, *, force: bool = False) -> tuple[str, bool]:
    r"""Cut ``text`` to at most ``max_bytes`` of UTF-8 at a block boundary.

    ``force`` cuts at the last boundary even when the text fits: the caller
    already cut the source, so its last block is incomplete.

    >>> _truncate("first line\nsecond line\n", 15, html=False)
    ('first line\n', True)
    >>> _truncate("short", 100, html=False)
    ('short', False)
    """
    # Characters are at most 4 bytes in UTF-8: shorter strings cannot exceed the limit.
    if not force and len(text) * 4 <= max_bytes:
        return text, False
    encoded = text.encode("utf-8", errors="replace")
    if not force and len(encoded) <= max_bytes:
        return text, False
    cut = encoded[:max_bytes].decode("utf-8", errors="ignore")
    boundary = _block_boundary(cut, html)
    if boundary > 0:
        cut = cut[:boundary]
    return cut, True


def read_source(source: str | bytes, *, max_bytes: int, source_type: str | None = None) -> Source:
    r"""Decode, sanitise, truncate and sniff one source.

    >>> src = read_source(b"Line one\nLine two\nLine three\n", max_bytes=12)
    >>> src.text, src.truncated
    ('Line one\n', True)
    """
    replaced = False
    encoding: str | None = None
    cut_bytes = False
    if isinstance(source, bytes):
        # Decoding more than twice the limit cannot be needed: every encoding we read
        # spends at least one byte per character, except UTF-16/32, which spend
        # 2-4 bytes per character that UTF-8 may spend 1-4 on.
        limit = max_bytes * 2
        cut_bytes = len(source) > limit
        text, encoding, replaced = decode_bytes(source[:limit] if cut_bytes else source)
    else:
        text = source
    text = sanitize(text)
    kind = source_type or ("html" if sniff_html(text) else "text")
    text, truncated = _truncate(text, max_bytes, kind == "html", force=cut_bytes)
    return Source(text, encoding, kind, truncated, replaced)
